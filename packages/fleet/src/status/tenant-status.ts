import type { ClientBase, Pool } from 'pg';
import { quotedSchema } from '../database/sql-identifier';
import type { FleetJob } from '../options';

/** Where a tenant is. */
export type TenantState = 'queued' | 'running' | 'retrying' | 'done' | 'dead';

/** One tenant as `fleet status` shows it. */
export interface TenantStatus {
  readonly tenantId: string;
  readonly kind: 'migrate' | 'sync';
  readonly from: string;
  readonly to: string;
  readonly state: TenantState;
  /** The worker on it now, or the last one. */
  readonly worker: string | null;
  /** Attempts so far (a job resumed after a crash counts again). */
  readonly attempts: number;
  /** The last run's counts (the migration or sync report's), `null` before one ended. */
  readonly counts: Readonly<Record<string, number>> | null;
  /** The last failure, redacted; `null` after a success. */
  readonly lastError: string | null;
  readonly enqueuedAt: string | null;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
}

interface TenantRow {
  tenant_id: string;
  kind: 'migrate' | 'sync';
  source_provider: string;
  target_provider: string;
  state: TenantState;
  worker: string | null;
  attempts: number;
  counts: Record<string, number> | null;
  last_error: string | null;
  enqueued_at: Date | null;
  started_at: Date | null;
  finished_at: Date | null;
}

const iso = (value: Date | null): string | null => (value ? value.toISOString() : null);

/** The status table of one schema: what the worker records and `fleet status` reads. */
export class TenantStatusTable {
  private readonly table: string;

  constructor(
    private readonly pool: Pool | ClientBase,
    private readonly schema: string,
  ) {
    this.table = `${quotedSchema(schema)}.tenants`;
  }

  /** The same table written through `client`: inside the caller's transaction. */
  within(client: ClientBase): TenantStatusTable {
    return new TenantStatusTable(client, this.schema);
  }

  /**
   * A job was enqueued for the tenant (again: its last run's counts stay until the next ends).
   * The tenant has no other unfinished job then (see `Fleet.enqueue`), so nothing running is
   * overwritten.
   */
  async queued(job: FleetJob, jobId: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.table} AS t (tenant_id, kind, source_provider, target_provider, state, job_id, enqueued_at)
       VALUES ($1, $2, $3, $4, 'queued', $5, now())
       ON CONFLICT (tenant_id) DO UPDATE SET kind = EXCLUDED.kind, source_provider = EXCLUDED.source_provider,
         target_provider = EXCLUDED.target_provider, state = 'queued', job_id = EXCLUDED.job_id,
         enqueued_at = now(), updated_at = now()`,
      [job.tenantId, job.kind, job.from, job.to, jobId],
    );
  }

  /** A worker took the tenant's job (its `attempt`-th try). */
  async running(job: FleetJob, jobId: string, worker: string, attempt: number): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.table} AS t (tenant_id, kind, source_provider, target_provider, state, job_id, worker, attempts, started_at)
       VALUES ($1, $2, $3, $4, 'running', $5, $6, $7, now())
       ON CONFLICT (tenant_id) DO UPDATE SET state = 'running', job_id = EXCLUDED.job_id, worker = EXCLUDED.worker,
         attempts = EXCLUDED.attempts, started_at = now(), updated_at = now()`,
      [job.tenantId, job.kind, job.from, job.to, jobId, worker, attempt],
    );
  }

  /** The tenant's job ended well. */
  async done(tenantId: string, counts: Readonly<Record<string, number>>): Promise<void> {
    await this.pool.query(
      `UPDATE ${this.table} SET state = 'done', counts = $2, last_error = NULL, finished_at = now(), updated_at = now()
       WHERE tenant_id = $1`,
      [tenantId, JSON.stringify(counts)],
    );
  }

  /**
   * The tenant's job failed: `retrying` while attempts are left, `dead` after the last one. The
   * message must be redacted already; the last run's counts stay.
   */
  async failed(tenantId: string, message: string, final: boolean): Promise<void> {
    await this.pool.query(
      `UPDATE ${this.table} SET state = $2, last_error = $3,
         finished_at = CASE WHEN $2 = 'dead' THEN now() ELSE finished_at END, updated_at = now()
       WHERE tenant_id = $1`,
      [tenantId, final ? 'dead' : 'retrying', message.slice(0, 2000)],
    );
  }

  /** Every tenant, or those named, in tenant order. */
  async read(tenantIds?: readonly string[]): Promise<TenantStatus[]> {
    const result = await this.pool.query<TenantRow>(
      `SELECT tenant_id, kind, source_provider, target_provider, state, worker, attempts, counts, last_error,
         enqueued_at, started_at, finished_at
       FROM ${this.table} ${tenantIds ? 'WHERE tenant_id = ANY($1)' : ''} ORDER BY tenant_id`,
      tenantIds ? [tenantIds] : [],
    );
    return result.rows.map((row) => ({
      tenantId: row.tenant_id,
      kind: row.kind,
      from: row.source_provider,
      to: row.target_provider,
      state: row.state,
      worker: row.worker,
      attempts: row.attempts,
      counts: row.counts,
      lastError: row.last_error,
      enqueuedAt: iso(row.enqueued_at),
      startedAt: iso(row.started_at),
      finishedAt: iso(row.finished_at),
    }));
  }
}
