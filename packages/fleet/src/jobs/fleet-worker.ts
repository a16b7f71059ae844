import { setTimeout as sleep } from 'node:timers/promises';
import { parseInput, type InvoiceAdapterV1 } from '@invoicekit/core';
import {
  JournalLockedError,
  migrate,
  sync,
  type MigrationReport,
  type SyncReport,
} from '@invoicekit/migrate';
import type pg from 'pg';
import type PgBoss from 'pg-boss';
import { z } from 'zod';
import { migrateFleetSchema } from '../database/schema-migrations';
import { quotedSchema } from '../database/sql-identifier';
import { inTransaction, jobQueueConnection } from '../database/transaction';
import {
  enqueueTenant,
  fleetSettings,
  queueSettingsOf,
  type FleetOptions,
  type FleetSettings,
} from '../fleet';
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
  /** Stopped with the worker: queued again as a new job, no attempt spent. */
  | {
      readonly type: 'requeued';
      readonly tenantId: string;
      readonly jobId: string;
      readonly newJobId: string | null;
    }
  /** Its lease was taken over: another worker has the tenant, and this run ended without a word. */
  | { readonly type: 'lost'; readonly tenantId: string; readonly jobId: string }
  | { readonly type: 'reaped'; readonly tenantId: string; readonly jobId: string };

/** What {@link startFleetWorker} takes. */
export interface FleetWorkerOptions extends FleetOptions {
  /** Builds each tenant's source and target adapter (with its credentials). */
  readonly adapters: TenantAdapterFactory;
  /** Tenants this worker runs at once; 4 by default. */
  readonly concurrency?: number | undefined;
  /**
   * How long a tenant's lease lasts unrenewed, in ms; 30 s by default. A worker that dies holds
   * its tenants this long at most: then another worker's reaper (every half lease) fails its
   * jobs, and they are retried — resumed from the journal — wherever a worker is free.
   */
  readonly leaseMs?: number | undefined;
  /** How often an idle slot asks for a job; 2 s by default. */
  readonly pollingIntervalSeconds?: number | undefined;
  /** Runs pg-boss's maintenance (expiry of jobs past their timeout, archiving); true by default. */
  readonly maintenance?: boolean | undefined;
  readonly onEvent?: ((event: FleetWorkerEvent) => void) | undefined;
}

const WorkerOptionsSchema = z.object({
  concurrency: z.number().int().min(1).max(256).default(4),
  leaseMs: z.number().int().min(200).max(3_600_000).default(30_000),
  pollingIntervalSeconds: z.number().min(0.1).max(600).default(2),
  maintenance: z.boolean().default(true),
});

/** A running worker. */
export interface FleetWorker {
  readonly identity: WorkerIdentity;
  /**
   * Stops taking jobs and interrupts the running ones cleanly — no write is cut off, each
   * tenant's journal holds what was done, and its job is queued again without spending an
   * attempt — waits for them, then disconnects.
   */
  stop(): Promise<void>;
}

/** How a run ended, before the job is settled. */
type Outcome =
  | { readonly kind: 'done'; readonly counts: Record<string, number> }
  | { readonly kind: 'failed'; readonly error: string }
  | { readonly kind: 'interrupted' }
  | { readonly kind: 'lost' };

interface JobContext {
  readonly settings: FleetSettings;
  readonly boss: PgBoss;
  readonly identity: WorkerIdentity;
  readonly status: TenantStatusTable;
  readonly adapters: TenantAdapterFactory;
  readonly leaseMs: number;
  readonly stopping: AbortSignal;
  readonly emit: (event: FleetWorkerEvent) => void;
}

/**
 * Starts a worker: `concurrency` slots, each taking one tenant's job at a time from the fleet's
 * queue and running it under the tenant's lease. A job ends — completed, failed (retried with
 * backoff, a dead letter after the last attempt) or queued again — in the same transaction that
 * gives the lease back, and only if the lease is still this run's: a run whose lease was taken
 * over (its worker froze) touches neither the job nor the tenant's status. A reaper fails the
 * jobs of workers that stopped renewing their leases, so that a killed worker's tenants resume
 * elsewhere within a lease and a half.
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
  const worker = parseInput(
    WorkerOptionsSchema,
    { concurrency, leaseMs, pollingIntervalSeconds, maintenance },
    { provider: 'fleet', operation: 'fleet worker options' },
  );
  if (typeof adapters !== 'function')
    throw new TypeError(
      'startFleetWorker: adapters must be a function building a tenant’s adapter',
    );
  // Each slot holds a connection at times, and renewals, polls and the reaper need their own.
  const settings = fleetSettings(fleetOptions, worker.concurrency * 2 + 4);
  const identity = currentWorker();
  const stopping = new AbortController();
  let boss: PgBoss;
  try {
    await migrateFleetSchema(settings.pool, settings.schema);
    boss = await startJobQueue(settings.pool, settings.jobSchema, queueSettingsOf(settings), {
      supervise: worker.maintenance,
    });
  } catch (error) {
    if (settings.ownsPool) await settings.pool.end().catch(() => undefined);
    throw error;
  }
  const emit = (event: FleetWorkerEvent): void => {
    try {
      onEvent?.(event);
    } catch {
      // A listener's failure is not the job's.
    }
  };
  const context: JobContext = {
    settings,
    boss,
    identity,
    status: new TenantStatusTable(settings.pool, settings.schema),
    adapters,
    leaseMs: worker.leaseMs,
    stopping: stopping.signal,
    emit,
  };
  const slots = Array.from({ length: worker.concurrency }, () =>
    runSlot(context, worker.pollingIntervalSeconds * 1000),
  );
  const reaper = setInterval(
    () => void reap(context),
    Math.max(100, Math.floor(worker.leaseMs / 2)),
  );
  reaper.unref();

  return {
    identity,
    stop: async () => {
      clearInterval(reaper);
      if (!stopping.signal.aborted) stopping.abort(new Error('the worker is stopping'));
      await Promise.allSettled(slots);
      await boss.stop({ graceful: false, wait: true, close: false }).catch(() => undefined);
      if (settings.ownsPool) await settings.pool.end().catch(() => undefined);
    },
  };
}

/** One slot: fetch a job, run it, settle it; until the worker stops. */
async function runSlot(context: JobContext, pollMs: number): Promise<void> {
  const { boss, settings, stopping } = context;
  while (!stopping.aborted) {
    let job: PgBoss.JobWithMetadata<unknown> | undefined;
    try {
      [job] = await boss.fetch<unknown>(settings.queue, { batchSize: 1, includeMetadata: true });
    } catch {
      // The database is out of reach: ask again after a pause.
    }
    if (!job) {
      await sleep(pollMs, undefined, { signal: stopping }).catch(() => undefined);
      continue;
    }
    await runJob(context, job).catch(() => undefined);
  }
}

/** One attempt at one tenant's job. Never throws: every ending is settled in the database. */
async function runJob(context: JobContext, job: PgBoss.JobWithMetadata<unknown>): Promise<void> {
  const { boss, settings, identity, leaseMs, status, emit } = context;
  const parsed = FleetJobSchema.safeParse(job.data);
  if (!parsed.success) {
    // Not a job this version can run: it goes its way to the dead letters.
    await boss.fail(settings.queue, job.id, {
      message: `the job's data is not a fleet job (${parsed.error.issues.map((issue) => issue.path.join('.')).join(', ')})`,
    });
    return;
  }
  const tenant = parsed.data;
  const final = job.retryCount >= job.retryLimit;
  let journal: PostgresJournal;
  try {
    // The lease first: a worker that cannot have the tenant says nothing about it.
    journal = await PostgresJournal.open({
      pool: settings.pool,
      schema: settings.schema,
      tenantId: tenant.tenantId,
      worker: identity,
      leaseMs,
      jobId: job.id,
    });
  } catch (error) {
    const text = errorText(error);
    // Held by another run of this job (one that froze and was reaped, still finishing): this
    // attempt waits its turn; the tenant's status is that run's to tell.
    if (!(error instanceof JournalLockedError)) await status.failed(tenant.tenantId, text, final);
    await boss.fail(settings.queue, job.id, { message: text });
    emit({ type: 'failed', tenantId: tenant.tenantId, jobId: job.id, error: text, final });
    return;
  }
  const attempt = job.retryCount + 1;
  const outcome = await carryTenant(context, tenant, job, journal, attempt);
  await journal.settle();
  await settle(context, tenant, job, journal.holder, outcome, final).catch(() => {
    // The settling transaction failed (the database went away): the lease row stays, expires,
    // and the reaper fails the job — the next attempt resumes from the journal.
  });
}

/** The run itself, under the tenant's lease. */
async function carryTenant(
  context: JobContext,
  tenant: FleetJob,
  job: PgBoss.JobWithMetadata<unknown>,
  journal: PostgresJournal,
  attempt: number,
): Promise<Outcome> {
  const { identity, adapters, stopping, status, emit } = context;
  const opened: InvoiceAdapterV1[] = [];
  // The run ends itself before pg-boss's backstop fails the job under it.
  const deadline = AbortSignal.timeout(Math.max(1000, (job.expireInSeconds - 30) * 1000 * 0.95));
  try {
    await status.running(tenant, job.id, identity.id, attempt);
    emit({ type: 'started', tenantId: tenant.tenantId, jobId: job.id, attempt });
    const from = await adapters({
      tenantId: tenant.tenantId,
      role: 'source',
      provider: tenant.from,
    });
    opened.push(from);
    const to = await adapters({ tenantId: tenant.tenantId, role: 'target', provider: tenant.to });
    opened.push(to);
    if (from.id !== tenant.from || to.id !== tenant.to)
      return {
        kind: 'failed',
        error: `the adapters built for tenant ${JSON.stringify(tenant.tenantId)} are ${from.id} → ${to.id}, not ${tenant.from} → ${tenant.to}`,
      };
    const signal = AbortSignal.any([journal.lost, stopping, deadline]);
    const { concurrency, drafts, verify, dryRun, full } = tenant.options;
    const run = { from, to, journal, signal, concurrency, drafts, verify };
    const report: MigrationReport | SyncReport =
      tenant.kind === 'migrate' ? await migrate({ ...run, dryRun }) : await sync({ ...run, full });
    if (journal.lost.aborted) return { kind: 'lost' };
    const counts: Record<string, number> = { ...report.counts };
    if (report.interrupted)
      return stopping.aborted
        ? { kind: 'interrupted' }
        : {
            kind: 'failed',
            error: `timeout: the run reached the job's time limit (${job.expireInSeconds} s); the next attempt resumes it`,
          };
    if ((counts.failed ?? 0) !== 0 || (counts.unknown ?? 0) !== 0)
      return {
        kind: 'failed',
        error: `${counts.failed ?? 0} invoice(s) failed and ${counts.unknown ?? 0} are unknown; the next attempt resumes them`,
      };
    return { kind: 'done', counts };
  } catch (error) {
    if (journal.lost.aborted) return { kind: 'lost' };
    return { kind: 'failed', error: errorText(error) };
  } finally {
    await Promise.allSettled(opened.map((adapter) => adapter.close()));
  }
}

/**
 * Ends the job as the run ended, with the lease given back in the same transaction — and only if
 * the lease is still this run's (`holder`): otherwise the tenant is another run's now, and
 * neither its job nor its status is touched.
 */
async function settle(
  context: JobContext,
  tenant: FleetJob,
  job: PgBoss.JobWithMetadata<unknown>,
  holder: string,
  outcome: Outcome,
  final: boolean,
): Promise<void> {
  const { settings, boss, status, emit } = context;
  if (outcome.kind === 'lost') {
    emit({ type: 'lost', tenantId: tenant.tenantId, jobId: job.id });
    return;
  }
  const settled = await inTransaction(settings.pool, async (client) => {
    const released = await client.query(
      `DELETE FROM ${quotedSchema(settings.schema)}.leases WHERE tenant_id = $1 AND holder = $2 RETURNING 1`,
      [tenant.tenantId, holder],
    );
    if (released.rowCount === 0) return undefined;
    const db = jobQueueConnection(client);
    const table = status.within(client);
    switch (outcome.kind) {
      case 'done':
        await table.done(tenant.tenantId, outcome.counts);
        await boss.complete(settings.queue, job.id, { counts: outcome.counts }, { db });
        return {
          type: 'done',
          tenantId: tenant.tenantId,
          jobId: job.id,
          counts: outcome.counts,
        } as const;
      case 'failed':
        await table.failed(tenant.tenantId, outcome.error, final);
        await boss.fail(settings.queue, job.id, { message: outcome.error }, { db });
        return {
          type: 'failed',
          tenantId: tenant.tenantId,
          jobId: job.id,
          error: outcome.error,
          final,
        } as const;
      case 'interrupted': {
        // A stop is not a failure: this attempt is cancelled and the tenant queued afresh.
        await boss.cancel(settings.queue, job.id, { db });
        const newJobId = await enqueueTenant(settings, boss, status, tenant, client);
        return { type: 'requeued', tenantId: tenant.tenantId, jobId: job.id, newJobId } as const;
      }
    }
  });
  emit(settled ?? { type: 'lost', tenantId: tenant.tenantId, jobId: job.id });
}

/**
 * Fails the jobs whose worker stopped renewing its lease, so that pg-boss retries them now rather
 * than when their timeout ends; each in its own transaction, claimed by deleting the expired
 * lease row (of several workers reaping together, one fails each job). Also fails active jobs
 * that never got a lease (their worker died between taking the job and opening the journal).
 */
async function reap(context: JobContext): Promise<void> {
  const { settings, emit, leaseMs } = context;
  const schema = quotedSchema(settings.schema);
  let expired: { tenant_id: string; holder: string; job_id: string | null }[];
  let orphans: { id: string; tenant_id: string }[];
  try {
    expired = (
      await settings.pool.query<{ tenant_id: string; holder: string; job_id: string | null }>(
        `SELECT tenant_id, holder, job_id FROM ${schema}.leases WHERE expires_at < now()`,
      )
    ).rows;
    orphans = (
      await settings.pool.query<{ id: string; tenant_id: string }>(
        `SELECT j.id, j.singleton_key AS tenant_id FROM ${quotedSchema(settings.jobSchema)}.job j
         WHERE j.name = $1 AND j.state = 'active' AND j.started_on < now() - make_interval(secs => $2::double precision)
           AND NOT EXISTS (SELECT 1 FROM ${schema}.leases l WHERE l.tenant_id = j.singleton_key)`,
        [settings.queue, (2 * leaseMs) / 1000],
      )
    ).rows;
  } catch {
    return; // The database is out of reach: the next round tries again.
  }
  const why = 'its worker stopped renewing the lease (killed, frozen or cut off)';
  for (const lease of expired)
    await inTransaction(settings.pool, async (client) => {
      const claimed = await client.query(
        `DELETE FROM ${schema}.leases WHERE tenant_id = $1 AND holder = $2 AND expires_at < now() RETURNING 1`,
        [lease.tenant_id, lease.holder],
      );
      if (claimed.rowCount === 0 || !lease.job_id) return;
      await failActive(context, client, lease.job_id, lease.tenant_id, why);
      emit({ type: 'reaped', tenantId: lease.tenant_id, jobId: lease.job_id });
    }).catch(() => undefined);
  for (const orphan of orphans)
    await inTransaction(settings.pool, async (client) => {
      await failActive(
        context,
        client,
        orphan.id,
        orphan.tenant_id,
        'its worker stopped before it opened the journal',
      );
      emit({ type: 'reaped', tenantId: orphan.tenant_id, jobId: orphan.id });
    }).catch(() => undefined);
}

/** Fails a job that is active (and only then), noting on the tenant whether it will be retried. */
async function failActive(
  context: JobContext,
  client: pg.PoolClient,
  jobId: string,
  tenantId: string,
  why: string,
): Promise<void> {
  const { settings, boss, status } = context;
  const db = jobQueueConnection(client);
  const job = await boss.getJobById<unknown>(settings.queue, jobId, { db, includeArchive: false });
  if (!job || job.state !== 'active') return;
  await boss.fail(settings.queue, jobId, { message: why }, { db });
  await status.within(client).failed(tenantId, why, job.retryCount >= job.retryLimit);
}
