import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
import { deadLetterQueueOf } from './jobs/job-queue';

const unavailable = await postgresUnavailable();
const INVOICES = 120;
const schema = freshSchema('zombie');
const jobSchema = freshSchema('zombie_jobs');
let pool: pg.Pool;
let emulators: TenantEmulators;
let directory: string;
const workers: WorkerProcess[] = [];

describe.skipIf(unavailable !== undefined)('a worker frozen past its lease, then woken', () => {
  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 6 });
    emulators = await serveTenantEmulators({ tenants: 1, invoices: INVOICES, latencyMs: 20 });
    directory = mkdtempSync(join(tmpdir(), 'fleet-zombie-'));
  });
  afterAll(async () => {
    for (const worker of workers) {
      worker.process.kill('SIGCONT');
      worker.process.kill('SIGKILL');
    }
    await Promise.all(workers.map((worker) => worker.exited));
    await emulators.close();
    await dropSchema(pool, schema, jobSchema);
    await pool.end();
    rmSync(directory, { recursive: true, force: true });
  });

  it(
    'cannot end the attempt that took over from it: the tenant is done once, nothing dead-lettered',
    { timeout: 120_000 },
    async () => {
      const env = workerEnvironment({
        schema,
        jobSchema,
        credentials: emulators.credentials,
        directory,
        concurrency: 1,
        leaseMs: 1500,
      });
      const fleet = await Fleet.connect({
        pool,
        schema,
        jobSchema,
        retry: { limit: 3, delaySeconds: 1, backoff: false },
      });
      try {
        // The first worker takes the tenant alone; the second starts once it is under way.
        const frozen = spawnWorker(env);
        workers.push(frozen);
        await frozen.ready;
        await fleet.enqueue([
          { tenantId: 't-01', from: 'plandocket', to: 'invoiceocean', options: { concurrency: 2 } },
        ]);
        await until(
          async () => {
            const facts = await pool.query(
              `SELECT 1 FROM "${schema}".journal_facts WHERE kind = 'invoice'`,
            );
            return (facts.rowCount ?? 0) >= 10 ? true : undefined;
          },
          60_000,
          'the first worker under way',
        );
        frozen.process.kill('SIGSTOP');
        const other = spawnWorker(env);
        workers.push(other);
        await other.ready;
        // The other worker reaps the frozen one's lease and resumes the tenant.
        await until(
          async () => (other.events.some((event) => event.type === 'started') ? true : undefined),
          60_000,
          'the other worker taking over',
        );
        frozen.process.kill('SIGCONT');
        const [tenant] = await until(
          async () => {
            const rows = await fleet.status();
            return rows[0]?.state === 'done' ? rows : undefined;
          },
          90_000,
          'the tenant done',
        );
        // The woken worker's run ends without touching the job or the status.
        await until(
          async () => (frozen.events.some((event) => event.type === 'lost') ? true : undefined),
          30_000,
          'the frozen worker noticing its lease is gone',
        );
        expect(
          frozen.events.filter((event) => event.type === 'done' || event.type === 'failed'),
        ).toEqual([]);
        expect(tenant).toMatchObject({ state: 'done', lastError: null });
        expect(tenant?.counts).toMatchObject({
          seen: INVOICES,
          failed: 0,
          unknown: 0,
          mismatched: 0,
        });
        const jobs = await pool.query<{ name: string; state: string }>(
          `SELECT name, state FROM "${jobSchema}".job WHERE name LIKE 'invoicekit-fleet%' ORDER BY created_on`,
        );
        expect(jobs.rows).toEqual([{ name: 'invoicekit-fleet', state: 'completed' }]);
        const dead = await pool.query(`SELECT 1 FROM "${jobSchema}".job WHERE name = $1`, [
          deadLetterQueueOf('invoicekit-fleet'),
        ]);
        expect(dead.rowCount).toBe(0);
        const mapped = await pool.query(
          `SELECT 1 FROM "${schema}".invoice_mappings WHERE tenant_id = 't-01'`,
        );
        expect(mapped.rowCount).toBe(INVOICES);
        const posts = emulators
          .target('t-01')
          .requests.filter(
            (request) => request.method === 'POST' && request.path === '/invoices.json',
          );
        // Each invoice created once; a resumed one may be sent again and found by the vendor's dedupe.
        expect(
          new Set(
            posts.map(
              (post) => (JSON.parse(post.body) as { invoice: { oid: string } }).invoice.oid,
            ),
          ).size,
        ).toBe(INVOICES);
      } finally {
        await fleet.close();
      }
    },
  );
});
