import type { InvoiceAdapterV1 } from '@invoicekit/core';
import {
  JournalLockedError,
  migrate,
  sync,
  type MigrationReport,
  type SyncReport,
} from '@invoicekit/migrate';
import type PgBoss from 'pg-boss';
import { z } from 'zod';
import { parseInput } from '@invoicekit/core';
import { quotedSchema } from '../database/sql-identifier';
import { migrateFleetSchema } from '../database/schema-migrations';
import { fleetSettings, queueSettingsOf, type FleetOptions, type FleetSettings } from '../fleet';
import { LeaseLostError } from '../journal/lease-errors';
import { PostgresJournal } from '../journal/postgres-journal';
import { currentWorker, type WorkerIdentity } from '../journal/worker-identity';
import { FleetJobSchema, type FleetJob, type TenantAdapterFactory } from '../options';
import { TenantStatusTable } from '../status/tenant-status';
import { errorText } from './error-text';
import { startJobQueue } from './job-queue';

/** What a worker tells its caller (for a log line each). */
export type FleetWorkerEvent =
  | {
      readonly type: 'started';
      readonly tenantId: string;
      readonly jobId: string;
      readonly attempt: number;
    }
  | {
      readonly type: 'done';
      readonly tenantId: string;
      readonly jobId: string;
      readonly counts: Readonly<Record<string, number>>;
    }
  | {
      readonly type: 'failed';
      readonly tenantId: string;
      readonly jobId: string;
      readonly error: string;
      readonly final: boolean;
    }
  | { readonly type: 'reaped'; readonly tenantId: string; readonly jobId: string };

/** What {@link startFleetWorker} takes. */
export interface FleetWorkerOptions extends FleetOptions {
  /** Builds each tenant's source and target adapter (with its credentials). */
  readonly adapters: TenantAdapterFactory;
  /** Tenants this worker runs at once; 4 by default. */
  readonly concurrency?: number | undefined;
  /**
   * How long a tenant's lease lasts unrenewed, in ms; 30 s by default. A worker that dies holds
   * its tenants this long at most: then another worker's reaper fails its jobs, and they are
   * retried — resumed from the journal — wherever a worker is free.
   */
  readonly leaseMs?: number | undefined;
  /** How often an idle worker asks for a job; 2 s by default. */
  readonly pollingIntervalSeconds?: number | undefined;
  /** Runs pg-boss's maintenance (expiry of jobs past their timeout, archiving); true by default. */
  readonly maintenance?: boolean | undefined;
  readonly onEvent?: ((event: FleetWorkerEvent) => void) | undefined;
}

const WorkerOptionsSchema = z.object({
  concurrency: z.number().int().min(1).max(256).default(4),
  leaseMs: z.number().int().min(200).max(3_600_000).default(30_000),
  pollingIntervalSeconds: z.number().min(0.5).max(600).default(2),
  maintenance: z.boolean().default(true),
});

/** A running worker. */
export interface FleetWorker {
  readonly identity: WorkerIdentity;
  /**
   * Stops taking jobs and interrupts the running ones cleanly (no write is cut off; each
   * tenant's journal holds what was done, and its job is retried elsewhere), then disconnects.
   */
  stop(): Promise<void>;
}

/** A job's report as the status table keeps it. */
function countsOf(report: MigrationReport | SyncReport): Record<string, number> {
  return { ...report.counts };
}

/**
 * Starts a worker: `concurrency` tenants at a time from the fleet's queue, each migrated or
 * synced with its journal in PostgreSQL under a lease, retried with backoff when it fails and
 * a dead letter after the last attempt; a reaper fails the jobs of workers that stopped renewing
 * their leases, so that a killed worker's tenants resume elsewhere within a lease's length.
 */
export async function startFleetWorker(options: FleetWorkerOptions): Promise<FleetWorker> {
  const {
    adapters,
    onEvent,
    concurrency,
    leaseMs,
    pollingIntervalSeconds,
    maintenance,
    ...fleetOptions
  } = options;
  const settings = fleetSettings(fleetOptions);
  const worker = parseInput(
    WorkerOptionsSchema,
    { concurrency, leaseMs, pollingIntervalSeconds, maintenance },
    { provider: 'fleet', operation: 'fleet worker options' },
  );
  if (typeof adapters !== 'function')
    throw new TypeError(
      'startFleetWorker: adapters must be a function building a tenant’s adapter',
    );
  const identity = currentWorker();
  const stopping = new AbortController();
  const status = new TenantStatusTable(settings.pool, settings.schema);
  let boss: PgBoss | undefined;
  try {
    await migrateFleetSchema(settings.pool, settings.schema);
    boss = await startJobQueue(settings.pool, settings.jobSchema, queueSettingsOf(settings), {
      supervise: worker.maintenance,
    });
  } catch (error) {
    if (settings.ownsPool) await settings.pool.end().catch(() => undefined);
    throw error;
  }
  const jobs = boss;
  const emit = (event: FleetWorkerEvent): void => {
    try {
      onEvent?.(event);
    } catch {
      // A listener's failure is not the job's.
    }
  };
  const context: JobContext = {
    settings,
    identity,
    status,
    adapters,
    leaseMs: worker.leaseMs,
    stopping: stopping.signal,
    emit,
  };

  for (let slot = 0; slot < worker.concurrency; slot += 1)
    await jobs.work<unknown>(
      settings.queue,
      {
        batchSize: 1,
        includeMetadata: true,
        pollingIntervalSeconds: worker.pollingIntervalSeconds,
      },
      async ([job]) => {
        if (job) await runJob(context, job);
      },
    );

  const reaper = setInterval(
    () => void reap(context, jobs),
    Math.max(100, Math.floor(worker.leaseMs / 2)),
  );
  reaper.unref();

  return {
    identity,
    stop: async () => {
      clearInterval(reaper);
      stopping.abort(new Error('the worker is stopping'));
      await jobs.stop({ graceful: true, wait: true, close: false, timeout: 60_000 });
      if (settings.ownsPool) await settings.pool.end();
    },
  };
}

interface JobContext {
  readonly settings: FleetSettings;
  readonly identity: WorkerIdentity;
  readonly status: TenantStatusTable;
  readonly adapters: TenantAdapterFactory;
  readonly leaseMs: number;
  readonly stopping: AbortSignal;
  readonly emit: (event: FleetWorkerEvent) => void;
}

/** One attempt at one tenant's job; a throw fails it (pg-boss then retries or dead-letters it). */
async function runJob(context: JobContext, job: PgBoss.JobWithMetadata<unknown>): Promise<void> {
  const { status, emit } = context;
  const final = job.retryCount >= job.retryLimit;
  const parsed = FleetJobSchema.safeParse(job.data);
  if (!parsed.success) {
    // Not a job this version can run: retrying cannot help.
    throw new Error(
      `the job's data is not a fleet job: ${parsed.error.issues.map((issue) => issue.path.join('.')).join(', ')}`,
    );
  }
  const tenant = parsed.data;
  const attempt = job.retryCount + 1;
  try {
    const counts = await carryTenant(context, tenant, job.id, attempt);
    await status.done(tenant.tenantId, counts);
    emit({ type: 'done', tenantId: tenant.tenantId, jobId: job.id, counts });
  } catch (error) {
    const text = errorText(error);
    // Another worker holds the tenant (its lease refused ours, or took it over): its status is
    // that worker's to tell.
    const elsewhere = error instanceof LeaseLostError || error instanceof JournalLockedError;
    if (!elsewhere) await status.failed(tenant.tenantId, text, final);
    emit({ type: 'failed', tenantId: tenant.tenantId, jobId: job.id, error: text, final });
    // pg-boss stores what it is given (serialised, fields and all): only the redacted text, so
    // the original error is deliberately not attached as a cause.
    // eslint-disable-next-line preserve-caught-error
    throw new Error(text);
  }
}

/** The run itself, under the tenant's lease; the counts of a run that carried everything. */
async function carryTenant(
  context: JobContext,
  tenant: FleetJob,
  jobId: string,
  attempt: number,
): Promise<Record<string, number>> {
  const { settings, identity, adapters, leaseMs, stopping, status, emit } = context;
  // The lease first: a worker that cannot have the tenant says nothing about it.
  const journal = await PostgresJournal.open({
    pool: settings.pool,
    schema: settings.schema,
    tenantId: tenant.tenantId,
    worker: identity,
    leaseMs,
    jobId,
  });
  const opened: InvoiceAdapterV1[] = [];
  try {
    await status.running(tenant, jobId, identity.id, attempt);
    emit({ type: 'started', tenantId: tenant.tenantId, jobId, attempt });
    const from = await adapters({
      tenantId: tenant.tenantId,
      role: 'source',
      provider: tenant.from,
    });
    opened.push(from);
    const to = await adapters({ tenantId: tenant.tenantId, role: 'target', provider: tenant.to });
    opened.push(to);
    if (from.id !== tenant.from || to.id !== tenant.to)
      throw new Error(
        `the adapters built for tenant ${JSON.stringify(tenant.tenantId)} are ${from.id} → ${to.id}, not ${tenant.from} → ${tenant.to}`,
      );
    const signal = AbortSignal.any([journal.lost, stopping]);
    const { concurrency, drafts, verify, dryRun, full } = tenant.options;
    const run = { from, to, journal, signal, concurrency, drafts, verify };
    const report =
      tenant.kind === 'migrate' ? await migrate({ ...run, dryRun }) : await sync({ ...run, full });
    if (journal.lost.aborted) throw journal.lost.reason as LeaseLostError;
    const counts = countsOf(report);
    if (report.interrupted)
      throw new Error('interrupted: the worker is stopping; the job resumes elsewhere');
    if (counts.failed !== 0 || counts.unknown !== 0)
      throw new Error(
        `${counts.failed ?? 0} invoice(s) failed and ${counts.unknown ?? 0} are unknown; the next attempt resumes them`,
      );
    return counts;
  } finally {
    await Promise.allSettled(opened.map((adapter) => adapter.close()));
    journal.close();
    await journal.release().catch(() => undefined);
  }
}

/**
 * Fails the jobs whose worker stopped renewing its lease, so that pg-boss retries them at once
 * rather than when their timeout ends. Deleting the lease row is the claim: of several workers
 * reaping together, one fails each job.
 */
async function reap(context: JobContext, boss: PgBoss): Promise<void> {
  const { settings, status, emit } = context;
  try {
    const expired = await settings.pool.query<{ tenant_id: string; job_id: string | null }>(
      `DELETE FROM ${quotedSchema(settings.schema)}.leases WHERE expires_at < now() RETURNING tenant_id, job_id`,
    );
    for (const row of expired.rows) {
      if (!row.job_id) continue;
      const job = await boss.getJobById<unknown>(settings.queue, row.job_id);
      if (!job || job.state !== 'active') continue;
      await boss.fail(settings.queue, row.job_id, {
        message:
          'its worker stopped renewing the lease (killed, frozen or cut off); resumed elsewhere',
      });
      const after = await boss.getJobById<unknown>(settings.queue, row.job_id);
      await status.failed(
        row.tenant_id,
        'its worker stopped renewing the lease (killed, frozen or cut off)',
        after?.state === 'failed',
      );
      emit({ type: 'reaped', tenantId: row.tenant_id, jobId: row.job_id });
    }
  } catch {
    // The database is out of reach: the next round tries again.
  }
}
