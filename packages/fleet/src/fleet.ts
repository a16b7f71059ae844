import { parseInput } from '@invoicekit/core';
import pg from 'pg';
import type PgBoss from 'pg-boss';
import { z } from 'zod';
import { migrateFleetSchema } from './database/schema-migrations';
import { quotedSchema } from './database/sql-identifier';
import { inTransaction, jobQueueConnection } from './database/transaction';
import { startJobQueue, type JobQueueSettings } from './jobs/job-queue';
import {
  FleetDatabaseOptionsSchema,
  FleetJobSchema,
  FleetRetryOptionsSchema,
  type FleetDatabaseOptions,
  type FleetJob,
  type FleetJobInput,
  type FleetRetryOptions,
} from './options';
import { TenantStatusTable, type TenantStatus } from './status/tenant-status';

/** What {@link Fleet.connect} takes. */
export interface FleetOptions extends FleetDatabaseOptions {
  /** How a failed job is tried again; sent with every job enqueued. */
  readonly retry?: FleetRetryOptions | undefined;
  /**
   * pg-boss's backstop on one job's run time, in seconds; 6 hours by default, at most 24 hours
   * (pg-boss's limit). A worker ends a run itself shortly before it (the tenant's job is then
   * retried and resumes from its journal).
   */
  readonly jobTimeoutSeconds?: number | undefined;
}

/** What enqueuing one tenant did. */
export interface EnqueuedTenant {
  readonly tenantId: string;
  /** The job's id; `null` when the tenant has an unfinished job already (nothing was added). */
  readonly jobId: string | null;
}

/** The fleet's resolved settings, shared by {@link Fleet} and the worker. */
export interface FleetSettings {
  readonly pool: pg.Pool;
  readonly ownsPool: boolean;
  readonly schema: string;
  readonly jobSchema: string;
  readonly queue: string;
  readonly retry: {
    readonly limit: number;
    readonly delaySeconds: number;
    readonly backoff: boolean;
  };
  readonly jobTimeoutSeconds: number;
}

const JobTimeoutSchema = z
  .number()
  .int()
  .min(60)
  .max(86_399)
  .default(6 * 3600);

/**
 * Validates the options, then opens the pool (nothing is connected yet). `poolSize` applies when
 * the fleet opens the pool itself: a worker sizes it to its concurrency, so that a lease renewal
 * never waits behind every slot's statements.
 */
export function fleetSettings(options: FleetOptions, poolSize = 10): FleetSettings {
  const { retry, jobTimeoutSeconds, ...database } = options;
  const context = { provider: 'fleet', operation: 'fleet options' };
  const parsed = parseInput(FleetDatabaseOptionsSchema, database, context);
  const retryParsed = parseInput(FleetRetryOptionsSchema, retry, {
    ...context,
    basePath: ['retry'],
  });
  const jobTimeout = parseInput(JobTimeoutSchema, jobTimeoutSeconds, {
    ...context,
    basePath: ['jobTimeoutSeconds'],
  });
  const pool =
    parsed.pool ??
    new pg.Pool({
      connectionString: parsed.databaseUrl,
      max: poolSize,
      connectionTimeoutMillis: 10_000,
    });
  // An idle client's error (the server restarted) must not take the process down.
  if (!parsed.pool) pool.on('error', () => undefined);
  return {
    pool,
    ownsPool: parsed.pool === undefined,
    schema: parsed.schema,
    jobSchema: parsed.jobSchema,
    queue: parsed.queue,
    retry: retryParsed,
    jobTimeoutSeconds: jobTimeout,
  };
}

/**
 * Many tenants' migrations on PostgreSQL: enqueue tenants, read their status. Workers
 * ({@link startFleetWorker}) take the jobs; any worker may resume any tenant.
 */
export class Fleet {
  private constructor(
    private readonly settings: FleetSettings,
    private readonly boss: PgBoss,
    private readonly statusTable: TenantStatusTable,
  ) {}

  /** Connects, brings the fleet's tables and pg-boss's to their newest version, creates the queue. */
  static async connect(options: FleetOptions): Promise<Fleet> {
    const settings = fleetSettings(options);
    try {
      await migrateFleetSchema(settings.pool, settings.schema);
      const boss = await startJobQueue(
        settings.pool,
        settings.jobSchema,
        queueSettingsOf(settings),
        {
          supervise: false,
        },
      );
      return new Fleet(settings, boss, new TenantStatusTable(settings.pool, settings.schema));
    } catch (error) {
      if (settings.ownsPool) await settings.pool.end().catch(() => undefined);
      throw error;
    }
  }

  /**
   * Enqueues tenants' jobs, each checked first (a bad one is a `ValidationError` naming
   * `jobs.N.field`, and nothing is enqueued). A tenant has one unfinished job at most: one whose
   * job waits, runs or waits for a retry is left as it is (`jobId: null`) — enqueue its sync
   * again once that job has ended. Each job carries the fleet's retry settings.
   */
  async enqueue(jobs: readonly FleetJobInput[]): Promise<EnqueuedTenant[]> {
    const checked = jobs.map((job, index) =>
      parseInput(FleetJobSchema, job, {
        provider: 'fleet',
        operation: 'fleet enqueue',
        basePath: ['jobs', index],
      }),
    );
    const enqueued: EnqueuedTenant[] = [];
    for (const job of checked)
      enqueued.push({
        tenantId: job.tenantId,
        jobId: await enqueueTenant(this.settings, this.boss, this.statusTable, job),
      });
    return enqueued;
  }

  /** Every tenant's state, counts and last error (or those named). */
  status(tenantIds?: readonly string[]): Promise<TenantStatus[]> {
    return this.statusTable.read(tenantIds);
  }

  /** Stops pg-boss and closes the pool, if the fleet opened it. */
  async close(): Promise<void> {
    await this.boss.stop({ graceful: false, wait: true, close: false });
    if (this.settings.ownsPool) await this.settings.pool.end();
  }
}

/**
 * One tenant's job, unless it has an unfinished one: the check and the insert in one
 * transaction, under a lock per tenant, so that two callers enqueuing it together add one job.
 * `client` when the caller's transaction should hold it (the worker re-queuing an interrupted job).
 */
export async function enqueueTenant(
  settings: FleetSettings,
  boss: PgBoss,
  status: TenantStatusTable,
  job: FleetJob,
  client?: pg.PoolClient,
): Promise<string | null> {
  const enqueue = async (db: pg.PoolClient): Promise<string | null> => {
    await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
      `invoicekit-fleet-enqueue:${settings.queue}:${job.tenantId}`,
    ]);
    // pg-boss's own table (its schema 10 layout): a job of the tenant that has not ended.
    const unfinished = await db.query(
      `SELECT 1 FROM ${quotedSchema(settings.jobSchema)}.job
       WHERE name = $1 AND singleton_key = $2 AND state < 'completed' LIMIT 1`,
      [settings.queue, job.tenantId],
    );
    if (unfinished.rowCount !== 0) return null;
    const jobId = await boss.send(settings.queue, job, {
      ...jobSendOptions(settings),
      singletonKey: job.tenantId,
      db: jobQueueConnection(db),
    });
    if (jobId) await status.within(db).queued(job, jobId);
    return jobId;
  };
  return client ? enqueue(client) : inTransaction(settings.pool, enqueue);
}

/** What every job is sent with: the fleet's retries and timeout, whatever the queue was created with. */
export function jobSendOptions(settings: FleetSettings): PgBoss.SendOptions {
  return {
    retryLimit: settings.retry.limit,
    retryDelay: settings.retry.delaySeconds,
    retryBackoff: settings.retry.backoff,
    expireInSeconds: settings.jobTimeoutSeconds,
  };
}

/** The queue settings from the fleet's. */
export function queueSettingsOf(settings: FleetSettings): JobQueueSettings {
  return {
    name: settings.queue,
    retryLimit: settings.retry.limit,
    retryDelaySeconds: settings.retry.delaySeconds,
    retryBackoff: settings.retry.backoff,
    expireInSeconds: settings.jobTimeoutSeconds,
  };
}

export type { FleetJob };
