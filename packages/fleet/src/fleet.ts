import { parseInput } from '@invoicekit/core';
import pg from 'pg';
import type PgBoss from 'pg-boss';
import { migrateFleetSchema } from './database/schema-migrations';
import { startJobQueue } from './jobs/job-queue';
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
  readonly retry?: FleetRetryOptions | undefined;
  /** pg-boss's backstop on one job's run time; 6 hours by default. */
  readonly jobTimeoutSeconds?: number | undefined;
}

/** What enqueuing one tenant did. */
export interface EnqueuedTenant {
  readonly tenantId: string;
  /** The job's id; `null` when the tenant already had a job waiting (nothing was added). */
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

/** Validates the options and opens the pool (nothing is connected yet). */
export function fleetSettings(options: FleetOptions): FleetSettings {
  const { retry, jobTimeoutSeconds, ...database } = options;
  const parsed = parseInput(FleetDatabaseOptionsSchema, database, {
    provider: 'fleet',
    operation: 'fleet options',
  });
  const retryParsed = parseInput(FleetRetryOptionsSchema, retry, {
    provider: 'fleet',
    operation: 'fleet options',
    basePath: ['retry'],
  });
  const pool =
    parsed.pool ??
    new pg.Pool({ connectionString: parsed.databaseUrl, max: 10, connectionTimeoutMillis: 10_000 });
  // An idle client's error (the server restarted) must not take the process down.
  if (!parsed.pool) pool.on('error', () => undefined);
  return {
    pool,
    ownsPool: parsed.pool === undefined,
    schema: parsed.schema,
    jobSchema: parsed.jobSchema,
    queue: parsed.queue,
    retry: retryParsed,
    jobTimeoutSeconds: jobTimeoutSeconds ?? 6 * 3600,
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
   * `jobs.N.field`, and nothing is enqueued). A tenant whose job already waits is left as it is.
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
    for (const job of checked) {
      const jobId = await this.boss.send(this.settings.queue, job, { singletonKey: job.tenantId });
      if (jobId) await this.statusTable.queued(job, jobId);
      enqueued.push({ tenantId: job.tenantId, jobId });
    }
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

/** The queue settings from the fleet's. */
export function queueSettingsOf(settings: FleetSettings) {
  return {
    name: settings.queue,
    retryLimit: settings.retry.limit,
    retryDelaySeconds: settings.retry.delaySeconds,
    retryBackoff: settings.retry.backoff,
    expireInSeconds: settings.jobTimeoutSeconds,
  };
}

export type { FleetJob };
