import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInvoiceOceanAdapter } from '@invoicekit/invoiceocean';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  TEST_DATABASE_URL,
  dropSchema,
  freshSchema,
  postgresUnavailable,
} from './__fixtures__/services';
import { until } from './__fixtures__/until';
import { serveTenantEmulators, type TenantEmulators } from './__fixtures__/tenant-emulators';
import { spawnWorker, workerEnvironment, type WorkerProcess } from './__fixtures__/worker-process';
import { Fleet } from './fleet';

const unavailable = await postgresUnavailable();
const TENANTS = 20;
const INVOICES = 50;
const schema = freshSchema('crash');
const jobSchema = freshSchema('crash_jobs');

let pool: pg.Pool;
let emulators: TenantEmulators;
let directory: string;
const workers: WorkerProcess[] = [];

describe.skipIf(unavailable !== undefined)(
  'a fleet of worker processes, two of them killed mid-job',
  () => {
    beforeAll(async () => {
      pool = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 6 });
      emulators = await serveTenantEmulators({
        tenants: TENANTS,
        invoices: INVOICES,
        latencyMs: 20,
      });
      directory = mkdtempSync(join(tmpdir(), 'fleet-crash-'));
    });
    afterAll(async () => {
      for (const worker of workers) worker.process.kill('SIGKILL');
      await Promise.all(workers.map((worker) => worker.exited));
      await emulators.close();
      await dropSchema(pool, schema, jobSchema);
      await pool.end();
      rmSync(directory, { recursive: true, force: true });
    });

    it(
      'migrates every tenant exactly once, each killed job resumed by another worker',
      { timeout: 240_000 },
      async () => {
        const env = workerEnvironment({
          schema,
          jobSchema,
          credentials: emulators.credentials,
          directory,
          concurrency: 2,
          leaseMs: 2000,
        });
        const fleet = await Fleet.connect({
          pool,
          schema,
          jobSchema,
          retry: { delaySeconds: 1, limit: 5 },
        });
        try {
          const tenants = Object.keys(emulators.credentials);
          await fleet.enqueue(
            tenants.map((tenantId) => ({
              tenantId,
              from: 'plandocket',
              to: 'invoiceocean',
              options: { concurrency: 2 },
            })),
          );
          const start = (): WorkerProcess => {
            const worker = spawnWorker(env);
            workers.push(worker);
            return worker;
          };
          for (let index = 0; index < 3; index += 1) start();
          await Promise.all(workers.map((worker) => worker.ready));
          /** The worker's id once it is ready (a replacement may still be starting). */
          const idOf = (worker: WorkerProcess): string | undefined => {
            const ready = worker.events.find((event) => event.type === 'ready');
            return ready?.type === 'ready' ? ready.worker : undefined;
          };

          // Twice: a live worker in the middle of a tenant (some of its facts written, not all) is killed.
          const killed: { tenantId: string; worker: string }[] = [];
          for (let round = 0; round < 2; round += 1) {
            const victim = await until(
              async () => {
                for (const worker of workers) {
                  if (worker.process.exitCode !== null || worker.process.signalCode !== null)
                    continue;
                  const id = idOf(worker);
                  if (id === undefined) continue;
                  const running = await pool.query<{ tenant_id: string; facts: string }>(
                    `SELECT t.tenant_id, (SELECT count(*) FROM "${schema}".journal_facts f
                   WHERE f.tenant_id = t.tenant_id AND f.recorded_by = $1 AND f.kind = 'invoice') AS facts
                 FROM "${schema}".tenants t WHERE t.state = 'running' AND t.worker = $1`,
                    [id],
                  );
                  const midJob = running.rows.find(
                    (row) =>
                      Number(row.facts) >= 5 &&
                      Number(row.facts) <= INVOICES - 10 &&
                      !killed.some((earlier) => earlier.tenantId === row.tenant_id),
                  );
                  if (midJob) return { worker, id, tenantId: midJob.tenant_id };
                }
                return undefined;
              },
              60_000,
              'a worker in the middle of a tenant',
            );
            victim.worker.process.kill('SIGKILL');
            await victim.worker.exited;
            killed.push({ tenantId: victim.tenantId, worker: victim.id });
            start();
          }

          const status = await until(
            async () => {
              const rows = await fleet.status();
              return rows.length === TENANTS && rows.every((row) => row.state === 'done')
                ? rows
                : undefined;
            },
            180_000,
            'every tenant done',
          );

          // Every tenant done, every invoice carried and reconciled, nothing failed or unknown.
          for (const tenant of status) {
            expect(tenant.lastError).toBeNull();
            expect(tenant.counts).toMatchObject({
              seen: INVOICES,
              failed: 0,
              unknown: 0,
              mismatched: 0,
            });
          }
          // Exactly once, as the targets hold it: every source invoice once, no duplicate.
          for (const tenantId of tenants) {
            const target = createInvoiceOceanAdapter({
              baseUrl: emulators.credentials[tenantId]?.target.baseUrl ?? '',
              apiToken: emulators.credentials[tenantId]?.target.apiToken ?? '',
            });
            const keys: (string | null)[] = [];
            for await (const invoice of target.invoices.list()) keys.push(invoice.externalId);
            await target.close();
            expect(keys).toHaveLength(INVOICES);
            expect(new Set(keys).size).toBe(INVOICES);
          }
          const mappings = await pool.query<{ tenant_id: string; n: string; reconciled: string }>(
            `SELECT tenant_id, count(*) AS n, count(*) FILTER (WHERE reconciliation <> 'mismatched') AS reconciled
         FROM "${schema}".invoice_mappings GROUP BY tenant_id ORDER BY tenant_id`,
          );
          expect(mappings.rows).toEqual(
            tenants.map((tenant_id) => ({
              tenant_id,
              n: String(INVOICES),
              reconciled: String(INVOICES),
            })),
          );

          // Each killed job: its facts were written by the killed worker and then by another, which finished it.
          expect(killed).toHaveLength(2);
          for (const { tenantId, worker } of killed) {
            const recorders = await pool.query<{ recorded_by: string }>(
              `SELECT DISTINCT recorded_by FROM "${schema}".journal_facts WHERE tenant_id = $1`,
              [tenantId],
            );
            const by = recorders.rows.map((row) => row.recorded_by);
            expect(by).toContain(worker);
            expect(by.some((other) => other !== worker)).toBe(true);
            const tenant = status.find((row) => row.tenantId === tenantId);
            expect(tenant?.worker).not.toBe(worker);
            expect(tenant?.attempts).toBeGreaterThanOrEqual(2);
          }
          const leases = await pool.query(`SELECT 1 FROM "${schema}".leases`);
          expect(leases.rowCount).toBe(0);
        } finally {
          await fleet.close();
        }
      },
    );
  },
);
