import { randomUUID } from 'node:crypto';
import {
  JOURNAL_FORMAT,
  JournalLockedError,
  JournalMismatchError,
  sameIdentity,
  type JournalEntry,
  type MigrationIdentity,
  type MigrationJournal,
} from '@invoicekit/migrate';
import type { Pool } from 'pg';
import { quotedSchema } from '../database/sql-identifier';
import { toFactColumns, toJournalEntry, type FactRow } from './fact-rows';
import { LeaseLostError } from './lease-errors';
import type { WorkerIdentity } from './worker-identity';

/** What {@link PostgresJournal.open} needs. */
export interface PostgresJournalOptions {
  readonly pool: Pool;
  /** The schema the fleet's tables are in (see `migrateFleetSchema`). */
  readonly schema: string;
  /** The tenant whose journal this is: one journal per tenant, whatever job runs on it. */
  readonly tenantId: string;
  /** The worker taking the lease. */
  readonly worker: WorkerIdentity;
  /**
   * How long the lease lasts without renewal, in milliseconds; renewed every third of it. A
   * worker that dies loses it after this long, and any other worker may then take the tenant.
   */
  readonly leaseMs: number;
  /** The job the worker runs on the tenant, recorded with the lease (for the reaper). */
  readonly jobId?: string | undefined;
}

interface Waiter {
  readonly entry: JournalEntry;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/** The migration a tenant's journal is bound to, as its `journals` row records it. */
async function readHeader(
  pool: Pool,
  quotedSchemaName: string,
  tenantId: string,
): Promise<MigrationIdentity | undefined> {
  const result = await pool.query<{
    source_provider: string;
    source_account: string | null;
    target_provider: string;
    target_account: string | null;
  }>(
    `SELECT source_provider, source_account, target_provider, target_account FROM ${quotedSchemaName}.journals WHERE tenant_id = $1`,
    [tenantId],
  );
  const row = result.rows[0];
  return (
    row && {
      source: { provider: row.source_provider, account: row.source_account },
      target: { provider: row.target_provider, account: row.target_account },
    }
  );
}

/**
 * A tenant's migration journal in PostgreSQL: the file journal's facts (customer and invoice
 * mappings with their reconciliation, sync cursors, pending, dropped and deleted invoices) as
 * rows of `journal_facts`, owned by one worker at a time through a lease in `leases`.
 *
 * - **Lease**: taken on opening (refused with {@link JournalLockedError} while another worker's
 *   is unexpired), renewed every third of `leaseMs`, released by {@link release}. A worker that
 *   dies stops renewing; after `leaseMs` any worker may take the tenant and resume.
 * - **Fencing**: every write renews the lease in the same statement and is refused when the
 *   lease is no longer this worker's ({@link LeaseLostError}): a worker that was frozen past its
 *   lease cannot write next to the one that took over.
 * - **Group commit**: an append resolves once its fact is committed; the facts appended while one
 *   commit is in flight share the next statement (one round trip for many invoices).
 */
export class PostgresJournal implements MigrationJournal {
  private header: MigrationIdentity | undefined;
  private headerWrite: Promise<void> | undefined;
  private waiting: Waiter[] = [];
  /** The commit in flight, if any; facts appended meanwhile wait for the next. */
  private committing: Promise<void> | undefined;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private released = false;
  private readonly lostController = new AbortController();
  private lastRenewedAt = Date.now();
  private readonly quoted: string;

  private constructor(
    private readonly options: PostgresJournalOptions,
    /** This opening's lease token (the worker's id and a random part). */
    readonly holder: string,
    header: MigrationIdentity | undefined,
    private readonly loaded: readonly JournalEntry[],
  ) {
    this.header = header;
    this.quoted = quotedSchema(options.schema);
  }

  /**
   * Takes the tenant's lease and reads its journal.
   *
   * @throws {JournalLockedError} another worker holds an unexpired lease on the tenant.
   * @throws {JournalCorruptError} a stored fact is not one.
   */
  static async open(options: PostgresJournalOptions): Promise<PostgresJournal> {
    const { pool, tenantId, worker, leaseMs } = options;
    const schema = quotedSchema(options.schema);
    // One token per opening, not per worker: a second opening in the same process (a retry of
    // the tenant's job landing where its first attempt still runs) is refused like any other.
    const holder = `${worker.id}:${randomUUID()}`;
    const taken = await pool.query(
      `INSERT INTO ${schema}.leases AS lease (tenant_id, holder, holder_host, holder_pid, job_id, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6::double precision))
       ON CONFLICT (tenant_id) DO UPDATE SET holder = EXCLUDED.holder, holder_host = EXCLUDED.holder_host,
         holder_pid = EXCLUDED.holder_pid, job_id = EXCLUDED.job_id, acquired_at = now(), expires_at = EXCLUDED.expires_at
       WHERE lease.expires_at <= now()
       RETURNING holder`,
      [tenantId, holder, worker.host, worker.pid, options.jobId ?? null, leaseMs / 1000],
    );
    if (taken.rowCount === 0) {
      const held = await pool.query<{ holder_host: string; holder_pid: number; acquired_at: Date }>(
        `SELECT holder_host, holder_pid, acquired_at FROM ${schema}.leases WHERE tenant_id = $1`,
        [tenantId],
      );
      const row = held.rows[0];
      throw new JournalLockedError({
        journalPath: PostgresJournal.nameOf(options.schema, tenantId),
        lockPath: `${options.schema}.leases`,
        holder: row
          ? {
              pid: row.holder_pid,
              hostname: row.holder_host,
              startedAt: row.acquired_at.toISOString(),
            }
          : undefined,
        // Another worker's process cannot be checked from here: its lease expiring is the check.
        local: false,
      });
    }
    try {
      const header = await readHeader(pool, schema, tenantId);
      const facts = await pool.query<FactRow>(
        `SELECT seq, kind, source_id, target_id, reconciliation, announced, source_digest, stream, cursor, reason
         FROM ${schema}.journal_facts WHERE tenant_id = $1 ORDER BY seq`,
        [tenantId],
      );
      const name = PostgresJournal.nameOf(options.schema, tenantId);
      const journal = new PostgresJournal(
        options,
        holder,
        header,
        facts.rows.map((row) => toJournalEntry(row, name)),
      );
      journal.startHeartbeat();
      return journal;
    } catch (error) {
      await pool
        .query(`DELETE FROM ${schema}.leases WHERE tenant_id = $1 AND holder = $2`, [
          tenantId,
          holder,
        ])
        .catch(() => undefined);
      throw error;
    }
  }

  /** How errors name a tenant's journal. */
  static nameOf(schema: string, tenantId: string): string {
    return `postgres ${schema}.journal_facts (tenant ${JSON.stringify(tenantId)})`;
  }

  /** Aborts once the lease is lost: a run given it stops taking invoices. */
  get lost(): AbortSignal {
    return this.lostController.signal;
  }

  bind(identity: MigrationIdentity): void {
    if (this.header) {
      if (!sameIdentity(this.header, identity))
        throw new JournalMismatchError({
          journalPath: PostgresJournal.nameOf(this.options.schema, this.options.tenantId),
          recorded: this.header,
          requested: identity,
        });
      return;
    }
    this.header = identity;
    // Written before any fact (the first commit waits for it), under the lease like them.
    this.headerWrite = this.writeHeader(identity);
    this.headerWrite.catch(() => undefined);
  }

  entries(): readonly JournalEntry[] {
    return this.loaded;
  }

  append(entry: JournalEntry): Promise<void> {
    if (!this.header) throw new Error('PostgresJournal: bind() the journal to its migration first');
    if (this.released) return Promise.reject(new Error('PostgresJournal: the journal is released'));
    return new Promise((resolve, reject) => {
      this.waiting.push({ entry, resolve, reject });
      this.committing ??= this.commitBatch();
    });
  }

  /** Stops renewing the lease; {@link release} gives it back. */
  close(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  /**
   * Stops renewing the lease and waits for every append in flight: what the journal holds is
   * then final, and the lease (still in the table) can be given back in the caller's own
   * transaction — see the fleet worker, which ends the job in the same one.
   */
  async settle(): Promise<void> {
    this.close();
    while (this.committing) await this.committing;
    this.released = true;
  }

  /**
   * Waits for every append in flight, then gives the lease back, so that the next job on the
   * tenant can start at once. The journal takes no more facts.
   */
  async release(): Promise<void> {
    const settled = this.released;
    await this.settle();
    if (settled) return;
    await this.options.pool.query(
      `DELETE FROM ${this.quoted}.leases WHERE tenant_id = $1 AND holder = $2`,
      [this.options.tenantId, this.holder],
    );
  }

  private async writeHeader(identity: MigrationIdentity): Promise<void> {
    const { pool, tenantId, leaseMs } = this.options;
    const result = await pool.query(
      `WITH lease AS (
         UPDATE ${this.quoted}.leases SET expires_at = now() + make_interval(secs => $3::double precision)
         WHERE tenant_id = $1 AND holder = $2 RETURNING 1
       )
       INSERT INTO ${this.quoted}.journals (tenant_id, format, source_provider, source_account, target_provider, target_account)
       SELECT $1, $4, $5, $6, $7, $8 WHERE EXISTS (SELECT 1 FROM lease)
       ON CONFLICT (tenant_id) DO NOTHING
       RETURNING 1`,
      [
        tenantId,
        this.holder,
        leaseMs / 1000,
        JOURNAL_FORMAT,
        identity.source.provider,
        identity.source.account,
        identity.target.provider,
        identity.target.account,
      ],
    );
    if (result.rowCount === 0) await this.checkAfterRefusal(identity);
  }

  /**
   * The header's fenced insert changed nothing: the lease is gone, or a header was there already
   * — which must then name this very migration.
   */
  private async checkAfterRefusal(identity: MigrationIdentity): Promise<void> {
    const held = await this.options.pool.query(
      `SELECT 1 FROM ${this.quoted}.leases WHERE tenant_id = $1 AND holder = $2`,
      [this.options.tenantId, this.holder],
    );
    if (held.rowCount === 0) throw this.loseLease('another worker holds it now');
    const recorded = await readHeader(this.options.pool, this.quoted, this.options.tenantId);
    if (recorded && !sameIdentity(recorded, identity))
      throw new JournalMismatchError({
        journalPath: PostgresJournal.nameOf(this.options.schema, this.options.tenantId),
        recorded,
        requested: identity,
      });
  }

  /** One statement for every fact waiting: the lease renewed and checked, the facts inserted. */
  private async commitBatch(): Promise<void> {
    const batch = this.waiting;
    this.waiting = [];
    try {
      if (this.headerWrite) await this.headerWrite;
      if (this.lostController.signal.aborted)
        throw this.lostController.signal.reason as LeaseLostError;
      const { pool, tenantId, worker, leaseMs } = this.options;
      const facts = JSON.stringify(batch.map((waiter) => toFactColumns(waiter.entry)));
      const result = await pool.query(
        `WITH lease AS (
           UPDATE ${this.quoted}.leases SET expires_at = now() + make_interval(secs => $3::double precision)
           WHERE tenant_id = $1 AND holder = $2 RETURNING 1
         )
         INSERT INTO ${this.quoted}.journal_facts
           (tenant_id, kind, source_id, target_id, reconciliation, announced, source_digest, stream, cursor, reason, recorded_by)
         SELECT $1, f.kind, f.source_id, f.target_id, f.reconciliation, f.announced, f.source_digest, f.stream, f.cursor, f.reason, $5
         FROM ROWS FROM (jsonb_to_recordset($4::jsonb) AS (kind text, source_id text, target_id text,
           reconciliation text, announced jsonb, source_digest text, stream text, cursor text, reason text))
           WITH ORDINALITY AS f(kind, source_id, target_id, reconciliation, announced, source_digest, stream, cursor, reason, n)
         WHERE EXISTS (SELECT 1 FROM lease)
         ORDER BY f.n`,
        [tenantId, this.holder, leaseMs / 1000, facts, worker.id],
      );
      if (result.rowCount !== batch.length) throw this.loseLease('another worker holds it now');
      this.lastRenewedAt = Date.now();
      for (const waiter of batch) waiter.resolve();
    } catch (error) {
      for (const waiter of batch) waiter.reject(error);
    }
    // The facts appended during this commit take the next one; then none is in flight.
    this.committing = this.waiting.length > 0 ? this.commitBatch() : undefined;
  }

  private loseLease(why: string): LeaseLostError {
    const error = new LeaseLostError(this.options.tenantId, why);
    if (!this.lostController.signal.aborted) this.lostController.abort(error);
    this.close();
    return error;
  }

  private startHeartbeat(): void {
    const every = Math.max(50, Math.floor(this.options.leaseMs / 3));
    this.heartbeat = setInterval(() => void this.renew(), every);
    this.heartbeat.unref();
  }

  private async renew(): Promise<void> {
    const { pool, tenantId, leaseMs } = this.options;
    try {
      const renewed = await pool.query(
        `UPDATE ${this.quoted}.leases SET expires_at = now() + make_interval(secs => $3::double precision)
         WHERE tenant_id = $1 AND holder = $2`,
        [tenantId, this.holder, leaseMs / 1000],
      );
      if (renewed.rowCount === 0) this.loseLease('another worker holds it now');
      else this.lastRenewedAt = Date.now();
    } catch {
      // The database is out of reach: past the lease's length another worker may have it.
      if (Date.now() - this.lastRenewedAt > leaseMs)
        this.loseLease(`not renewed for over ${leaseMs} ms: the database was out of reach`);
    }
  }
}
