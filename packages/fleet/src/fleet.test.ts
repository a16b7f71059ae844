import { ValidationError } from '@invoicekit/core';
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
import { serveTenantEmulators, type TenantEmulators } from './__fixtures__/tenant-emulators';
import { Fleet } from './fleet';
import { startFleetWorker, type FleetWorkerEvent } from './jobs/fleet-worker';

const unavailable = await postgresUnavailable();
const schema = freshSchema('fleet');
const jobSchema = freshSchema('jobs');
let pool: pg.Pool;
let emulators: TenantEmulators;

describe.skipIf(unavailable !== undefined)(
  'a fleet on PostgreSQL, one worker in this process',
  () => {
    beforeAll(async () => {
      pool = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 12 });
      emulators = await serveTenantEmulators({ tenants: 3, invoices: 12, latencyMs: 0 });
    });
    afterAll(async () => {
      await emulators.close();
      await dropSchema(pool, schema, jobSchema);
      await pool.end();
    });

    it('refuses a job that carries anything but its tenant, direction and options, naming the field', async () => {
      const fleet = await Fleet.connect({ pool, schema, jobSchema });
      try {
        const refused = await fleet
          .enqueue([
            { tenantId: 't-01', from: 'plandocket', to: 'invoiceocean' },
            {
              tenantId: 't-02',
              from: 'plandocket',
              to: 'invoiceocean',
              options: { apiKey: 'x' },
            } as never,
          ])
          .catch((error: unknown) => error);
        expect(refused).toBeInstanceOf(ValidationError);
        expect((refused as ValidationError).issues.map((issue) => issue.path)).toEqual([
          'jobs.1.options',
        ]);
        // Nothing was enqueued, the valid job included.
        expect(await fleet.status()).toEqual([]);
      } finally {
        await fleet.close();
      }
    });

    it('migrates every enqueued tenant exactly once and shows each one done with its counts', async () => {
      const fleet = await Fleet.connect({ pool, schema, jobSchema, retry: { delaySeconds: 1 } });
      const events: FleetWorkerEvent[] = [];
      const worker = await startFleetWorker({
        pool,
        schema,
        jobSchema,
        adapters: tenantAdapters(emulators.credentials),
        concurrency: 2,
        pollingIntervalSeconds: 0.5,
        onEvent: (event) => events.push(event),
      });
      try {
        const tenants = Object.keys(emulators.credentials);
        const enqueued = await fleet.enqueue(
          tenants.map((tenantId) => ({ tenantId, from: 'plandocket', to: 'invoiceocean' })),
        );
        expect(enqueued.every((entry) => entry.jobId !== null)).toBe(true);
        // A tenant whose job waits (or runs) is not enqueued twice.
        const again = await fleet.enqueue([
          { tenantId: 't-01', from: 'plandocket', to: 'invoiceocean' },
        ]);
        expect(again).toEqual([{ tenantId: 't-01', jobId: null }]);
        await until(
          async () => (await fleet.status()).filter((t) => t.state === 'done').length === 3,
          30_000,
        );
        const status = await fleet.status();
        for (const tenant of status) {
          expect(tenant).toMatchObject({
            state: 'done',
            from: 'plandocket',
            to: 'invoiceocean',
            lastError: null,
          });
          expect(tenant.counts).toMatchObject({ seen: 12, failed: 0, unknown: 0, mismatched: 0 });
          expect((tenant.counts?.reconciled ?? 0) + (tenant.counts?.explained ?? 0)).toBe(12);
        }
        for (const tenantId of tenants) {
          const written = emulators
            .target(tenantId)
            .requests.filter(
              (request) => request.method === 'POST' && request.path === '/invoices.json',
            );
          expect(written).toHaveLength(12);
        }
        const facts = await pool.query<{ tenant_id: string; n: string }>(
          `SELECT tenant_id, count(*) AS n FROM "${schema}".invoice_mappings GROUP BY tenant_id ORDER BY tenant_id`,
        );
        expect(facts.rows).toEqual(tenants.map((tenant_id) => ({ tenant_id, n: '12' })));
        const leases = await pool.query(`SELECT 1 FROM "${schema}".leases`);
        expect(leases.rowCount).toBe(0);

        // A second migrate of a done tenant resumes everything from its journal: nothing is written.
        await fleet.enqueue([{ tenantId: 't-02', from: 'plandocket', to: 'invoiceocean' }]);
        await until(
          async () => events.filter((e) => e.type === 'done' && e.tenantId === 't-02').length >= 2,
          30_000,
        );
        const rerun = events.filter((e) => e.type === 'done' && e.tenantId === 't-02').at(-1);
        expect(rerun).toMatchObject({ counts: { seen: 12, resumed: 12, created: 0 } });
      } finally {
        await worker.stop();
        await fleet.close();
      }
    });

    it('stops cleanly: a tenant in flight is queued again without spending an attempt, and finishes on the next worker', async () => {
      const fleet = await Fleet.connect({ pool, schema, jobSchema });
      const slow = await serveTenantEmulators({ tenants: 1, invoices: 60, latencyMs: 20 });
      const credentials = {
        't-slow': slow.credentials['t-01'] as NonNullable<(typeof slow.credentials)['t-01']>,
      };
      const events: FleetWorkerEvent[] = [];
      const start = () =>
        startFleetWorker({
          pool,
          schema,
          jobSchema,
          adapters: tenantAdapters(credentials),
          pollingIntervalSeconds: 0.2,
          onEvent: (event) => events.push(event),
        });
      try {
        const first = await start();
        const [enqueued] = await fleet.enqueue([
          {
            tenantId: 't-slow',
            from: 'plandocket',
            to: 'invoiceocean',
            options: { concurrency: 2 },
          },
        ]);
        await until(async () => {
          const facts = await pool.query(
            `SELECT 1 FROM "${schema}".journal_facts WHERE tenant_id = 't-slow' AND kind = 'invoice'`,
          );
          return (facts.rowCount ?? 0) >= 5;
        }, 30_000);
        await first.stop();
        const requeued = events.find((event) => event.type === 'requeued');
        expect(requeued).toMatchObject({ tenantId: 't-slow', jobId: enqueued?.jobId });
        const newJobId = requeued?.type === 'requeued' ? requeued.newJobId : null;
        expect(newJobId).toEqual(expect.any(String));
        const [waiting] = await fleet.status(['t-slow']);
        expect(waiting).toMatchObject({ state: 'queued', lastError: null });
        const jobs = await pool.query<{ id: string; state: string; retry_count: number }>(
          `SELECT id, state, retry_count FROM "${jobSchema}".job WHERE singleton_key = 't-slow' ORDER BY created_on`,
        );
        expect(jobs.rows).toEqual([
          { id: enqueued?.jobId, state: 'cancelled', retry_count: 0 },
          { id: newJobId, state: 'created', retry_count: 0 },
        ]);
        const second = await start();
        try {
          await until(async () => (await fleet.status(['t-slow']))[0]?.state === 'done', 60_000);
        } finally {
          await second.stop();
        }
        const [done] = await fleet.status(['t-slow']);
        expect(done?.counts).toMatchObject({ seen: 60, failed: 0, unknown: 0, mismatched: 0 });
        expect(done?.counts?.resumed).toBeGreaterThanOrEqual(5);
      } finally {
        await slow.close();
        await fleet.close();
      }
    });
  },
);
