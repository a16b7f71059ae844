import {
  JournalCorruptError,
  JournalLockedError,
  JournalMismatchError,
  type JournalEntry,
} from '@invoicekit/migrate';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  TEST_DATABASE_URL,
  dropSchema,
  freshSchema,
  postgresUnavailable,
} from '../__fixtures__/services';
import { migrateFleetSchema } from '../database/schema-migrations';
import { LeaseLostError } from './lease-errors';
import { PostgresJournal } from './postgres-journal';
import type { WorkerIdentity } from './worker-identity';

const unavailable = await postgresUnavailable();
const schema = freshSchema('journal');
let pool: pg.Pool;

const worker = (n: number): WorkerIdentity => ({
  id: `host-${n}:${1000 + n}:abc`,
  host: `host-${n}`,
  pid: 1000 + n,
});
const identity = {
  source: { provider: 'plandocket', account: 'acme' },
  target: { provider: 'invoiceocean', account: 'acme.example' },
};
const FACTS: JournalEntry[] = [
  { kind: 'customer', sourceId: 'c1', targetId: '901' },
  {
    kind: 'invoice',
    sourceId: 'i1',
    targetId: '7001',
    reconciliation: 'explained',
    announced: [{ path: 'lines.0.unit', reason: 'not held' }],
    sourceDigest: 'sha-1',
  },
  { kind: 'invoice', sourceId: 'i2', targetId: '7002', reconciliation: 'exact' },
  { kind: 'pending', sourceId: 'i3', reason: 'waits for i9' },
  { kind: 'dropped', sourceId: 'i3', reason: 'gone from the source' },
  { kind: 'deleted', sourceId: 'i2', targetId: '7002' },
  { kind: 'cursor', stream: 'invoices', cursor: '2026-12-01T10:00:00Z' },
];

describe.skipIf(unavailable !== undefined)('the Postgres journal', () => {
  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 6 });
    await migrateFleetSchema(pool, schema);
  });
  afterAll(async () => {
    await dropSchema(pool, schema);
    await pool.end();
  });

  it('keeps every kind of fact in order, committed in groups, and binds to its migration', async () => {
    const journal = await PostgresJournal.open({
      pool,
      schema,
      tenantId: 't-1',
      worker: worker(1),
      leaseMs: 10_000,
    });
    expect(journal.entries()).toEqual([]);
    journal.bind(identity);
    // All at once: they share commits, and each resolves only when its fact is stored.
    await Promise.all(FACTS.map((fact) => journal.append(fact)));
    await journal.release();

    const again = await PostgresJournal.open({
      pool,
      schema,
      tenantId: 't-1',
      worker: worker(2),
      leaseMs: 10_000,
    });
    expect(again.entries()).toEqual(FACTS);
    expect(() =>
      again.bind({ ...identity, target: { provider: 'invoiceocean', account: 'other.example' } }),
    ).toThrow(JournalMismatchError);
    again.bind(identity);
    await again.release();
    const recorders = await pool.query(
      `SELECT DISTINCT recorded_by FROM "${schema}".journal_facts WHERE tenant_id = 't-1'`,
    );
    expect(recorders.rows).toEqual([{ recorded_by: worker(1).id }]);
    const mapped = await pool.query(
      `SELECT source_id, target_id, reconciliation FROM "${schema}".invoice_mappings WHERE tenant_id = 't-1' ORDER BY source_id`,
    );
    expect(mapped.rows).toEqual([
      { source_id: 'i1', target_id: '7001', reconciliation: 'explained' },
      { source_id: 'i2', target_id: '7002', reconciliation: 'exact' },
    ]);
  });

  it('is one worker’s at a time, until its lease expires; the old holder then writes nothing', async () => {
    const first = await PostgresJournal.open({
      pool,
      schema,
      tenantId: 't-2',
      worker: worker(1),
      leaseMs: 400,
    });
    first.bind(identity);
    await first.append(FACTS[0] as JournalEntry);
    const refused = await PostgresJournal.open({
      pool,
      schema,
      tenantId: 't-2',
      worker: worker(2),
      leaseMs: 400,
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(JournalLockedError);
    expect((refused as JournalLockedError).holder).toMatchObject({ hostname: 'host-1', pid: 1001 });
    // The first worker freezes: no renewals, and the lease runs out.
    first.close();
    await new Promise((resolve) => setTimeout(resolve, 600));
    const second = await PostgresJournal.open({
      pool,
      schema,
      tenantId: 't-2',
      worker: worker(2),
      leaseMs: 10_000,
    });
    expect(second.entries()).toEqual([FACTS[0]]);
    second.bind(identity);
    const late = await first.append(FACTS[2] as JournalEntry).catch((error: unknown) => error);
    expect(late).toBeInstanceOf(LeaseLostError);
    expect(first.lost.aborted).toBe(true);
    await second.append(FACTS[1] as JournalEntry);
    await second.release();
    const third = await PostgresJournal.open({
      pool,
      schema,
      tenantId: 't-2',
      worker: worker(3),
      leaseMs: 10_000,
    });
    expect(third.entries()).toEqual([FACTS[0], FACTS[1]]);
    await third.release();
  });

  it('is one opening’s at a time, even within one worker process', async () => {
    const first = await PostgresJournal.open({
      pool,
      schema,
      tenantId: 't-5',
      worker: worker(1),
      leaseMs: 10_000,
    });
    const again = await PostgresJournal.open({
      pool,
      schema,
      tenantId: 't-5',
      worker: worker(1),
      leaseMs: 10_000,
    }).catch((error: unknown) => error);
    expect(again).toBeInstanceOf(JournalLockedError);
    await first.release();
    const after = await PostgresJournal.open({
      pool,
      schema,
      tenantId: 't-5',
      worker: worker(1),
      leaseMs: 10_000,
    });
    expect(after.holder).not.toBe(first.holder);
    await after.release();
  });

  it('renews its lease while it works, so a long run keeps the tenant', async () => {
    const journal = await PostgresJournal.open({
      pool,
      schema,
      tenantId: 't-3',
      worker: worker(1),
      leaseMs: 300,
    });
    await new Promise((resolve) => setTimeout(resolve, 800));
    const refused = await PostgresJournal.open({
      pool,
      schema,
      tenantId: 't-3',
      worker: worker(2),
      leaseMs: 300,
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(JournalLockedError);
    expect(journal.lost.aborted).toBe(false);
    await journal.release();
  });

  it('refuses a stored row that is no fact, naming it', async () => {
    const journal = await PostgresJournal.open({
      pool,
      schema,
      tenantId: 't-4',
      worker: worker(1),
      leaseMs: 10_000,
    });
    journal.bind(identity);
    await journal.append(FACTS[2] as JournalEntry);
    await journal.release();
    await pool.query(
      `UPDATE "${schema}".journal_facts SET target_id = NULL WHERE tenant_id = 't-4'`,
    );
    const error = await PostgresJournal.open({
      pool,
      schema,
      tenantId: 't-4',
      worker: worker(1),
      leaseMs: 10_000,
    }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(JournalCorruptError);
    expect((error as Error).message).toMatch(/tenant "t-4".*target_id/);
    const lease = await pool.query(`SELECT 1 FROM "${schema}".leases WHERE tenant_id = 't-4'`);
    expect(lease.rowCount).toBe(0);
  });
});
