import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  TEST_DATABASE_URL,
  dropSchema,
  freshSchema,
  postgresUnavailable,
} from './__fixtures__/services';
import { until } from './__fixtures__/until';
import { tenantAdapters } from './__fixtures__/tenant-adapters';
import {
  serveTenantEmulators,
  type TenantCredentials,
  type TenantEmulators,
} from './__fixtures__/tenant-emulators';
import { Fleet } from './fleet';
import { deadLetterQueueOf } from './jobs/job-queue';
import { startFleetWorker, type FleetWorkerEvent } from './jobs/fleet-worker';

const unavailable = await postgresUnavailable();
const schema = freshSchema('failures');
const jobSchema = freshSchema('failures_jobs');
const WRONG_KEY = 'pd-wrong-key-canary-7f3a9c21';
let pool: pg.Pool;
let emulators: TenantEmulators;

/** A tenant's credentials with another source key. */
function withSourceKey(
  credentials: TenantEmulators['credentials'],
  tenantId: string,
  apiKey: string,
): TenantCredentials {
  const found = credentials[tenantId];
  if (!found) throw new Error(`no tenant ${tenantId}`);
  return { ...found, source: { ...found.source, apiKey } };
}

describe.skipIf(unavailable !== undefined)('a fleet’s failing tenants and later syncs', () => {
  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 12 });
    emulators = await serveTenantEmulators({ tenants: 2, invoices: 8, latencyMs: 0 });
  });
  afterAll(async () => {
    await emulators.close();
    await dropSchema(pool, schema, jobSchema);
    await pool.end();
  });

  it('retries a failing tenant, then dead-letters it, with no credential anywhere it is recorded', async () => {
    const fleet = await Fleet.connect({
      pool,
      schema,
      jobSchema,
      retry: { limit: 1, delaySeconds: 1, backoff: false },
    });
    const events: FleetWorkerEvent[] = [];
    const good = tenantAdapters(emulators.credentials);
    const worker = await startFleetWorker({
      pool,
      schema,
      jobSchema,
      pollingIntervalSeconds: 0.5,
      onEvent: (event) => events.push(event),
      // t-02's source key is wrong: every attempt fails authentication.
      adapters: (request) =>
        request.tenantId === 't-02' && request.role === 'source'
          ? tenantAdapters({ 't-02': withSourceKey(emulators.credentials, 't-02', WRONG_KEY) })(
              request,
            )
          : good(request),
    });
    try {
      await fleet.enqueue(
        ['t-01', 't-02'].map((tenantId) => ({ tenantId, from: 'plandocket', to: 'invoiceocean' })),
      );
      await until(async () => {
        const status = await fleet.status();
        return (
          status.length === 2 &&
          status.every((tenant) => tenant.state === 'done' || tenant.state === 'dead')
        );
      }, 30_000);
      const [first, second] = await fleet.status();
      expect(first).toMatchObject({ tenantId: 't-01', state: 'done', attempts: 1 });
      expect(second).toMatchObject({ tenantId: 't-02', state: 'dead', attempts: 2 });
      expect(second?.lastError).toMatch(/^authentication: /);
      expect(
        events
          .filter((event) => event.type === 'failed')
          .map((event) => event.type === 'failed' && event.final),
      ).toEqual([false, true]);
      const dead = await pool.query<{ data: { tenantId: string } }>(
        `SELECT data FROM "${jobSchema}".job WHERE name = $1`,
        [deadLetterQueueOf('invoicekit-fleet')],
      );
      expect(dead.rows.map((row) => row.data.tenantId)).toEqual(['t-02']);
      // Neither the fleet's tables nor pg-boss's hold the key, whatever the failure said.
      for (const name of [schema, jobSchema]) {
        const tables = await pool.query<{ table_name: string }>(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'`,
          [name],
        );
        for (const { table_name } of tables.rows) {
          const rows = await pool.query(`SELECT t::text AS row FROM "${name}"."${table_name}" t`);
          for (const row of rows.rows as { row: string }[])
            expect(row.row).not.toContain(WRONG_KEY);
        }
      }
      for (const event of events) expect(JSON.stringify(event)).not.toContain(WRONG_KEY);
    } finally {
      await worker.stop();
      await fleet.close();
    }
  });

  it('syncs a migrated tenant: an invoice new in the source is carried, the rest left as they are', async () => {
    const fleet = await Fleet.connect({ pool, schema, jobSchema });
    const events: FleetWorkerEvent[] = [];
    const worker = await startFleetWorker({
      pool,
      schema,
      jobSchema,
      pollingIntervalSeconds: 0.5,
      adapters: tenantAdapters(emulators.credentials),
      onEvent: (event) => events.push(event),
    });
    try {
      emulators.source('t-01').seed({
        invoices: [
          {
            id: 20_000,
            contact_id: 1,
            status: 'sent',
            items: [
              { description: 'Nachtrag', quantity: '1', unit_price: '99.00', tax_rate: '19' },
            ],
          },
        ],
      });
      await fleet.enqueue([
        {
          tenantId: 't-01',
          kind: 'sync',
          from: 'plandocket',
          to: 'invoiceocean',
          options: { full: true },
        },
      ]);
      await until(
        async () => events.some((event) => event.type === 'done' || event.type === 'failed'),
        30_000,
      );
      expect(events.find((event) => event.type === 'failed')).toBeUndefined();
      const [tenant] = await fleet.status(['t-01']);
      expect(tenant).toMatchObject({ state: 'done', kind: 'sync' });
      expect(tenant?.counts).toMatchObject({
        seen: 9,
        created: 1,
        failed: 0,
        unknown: 0,
        mismatched: 0,
      });
      const mapped = await pool.query(
        `SELECT 1 FROM "${schema}".invoice_mappings WHERE tenant_id = 't-01'`,
      );
      expect(mapped.rowCount).toBe(9);
    } finally {
      await worker.stop();
      await fleet.close();
    }
  });
});
