/**
 * Fleet figures (issue 16): 200 tenants × 50 invoices (20 × 10 in the short run; BENCH_TENANTS,
 * BENCH_INVOICES override), each tenant its own Plandocket source and InvoiceOcean target
 * account with 20 ms latency per request, all served by one child process; migrated by 1, 2 and 4
 * worker processes on PostgreSQL, 4 invoices in flight per tenant, with 2 tenants at a time per
 * worker (a worker bound by the vendors' latency) and with 8 (bound by this machine's CPU; the
 * short run does only this). Prints per worker count: wall time, tenants/min, invoices/s, the
 * scaling against one worker, PostgreSQL round trips per invoice (every statement of the workers
 * and of pg-boss) and worker CPU per invoice.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { isShortRun, startChild } from '../../../bench/harness';
import { Fleet } from '../src/index';
import { TEST_DATABASE_URL, dropSchema } from '../src/__fixtures__/services';

const short = isShortRun();
const TENANTS = Number(process.env.BENCH_TENANTS ?? (short ? 20 : 200));
const INVOICES = Number(process.env.BENCH_INVOICES ?? (short ? 10 : 50));
const WORKER_COUNTS = short ? [1, 2] : [1, 2, 4];
const TENANTS_PER_WORKER = short ? [8] : [2, 8];
const directory = mkdtempSync(join(tmpdir(), 'fleet-bench-'));
const credentials = join(directory, 'credentials.json');

const emulators = await startChild<{ baseUrl: string; admin: string }>(
  fileURLToPath(new URL('./emulators.child.ts', import.meta.url)),
  {
    BENCH_TENANTS: String(TENANTS),
    BENCH_INVOICES: String(INVOICES),
    BENCH_CREDENTIALS: credentials,
  },
);
const pool = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 4 });

interface WorkerChild {
  readonly lines: AsyncIterator<string>;
  readonly exited: Promise<void>;
  kill(): void;
}

function spawnWorker(env: Record<string, string>): WorkerChild {
  const child = spawn(
    process.execPath,
    [...process.execArgv, fileURLToPath(new URL('./worker.child.ts', import.meta.url))],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { lines, exited, kill: () => child.kill('SIGTERM') };
}

async function nextJson<T>(lines: AsyncIterator<string>): Promise<T> {
  const { value, done } = await lines.next();
  if (done) throw new Error('the worker exited without a line');
  return JSON.parse(value) as T;
}

for (const perWorker of TENANTS_PER_WORKER) {
  const rows: Record<string, string>[] = [];
  let oneWorkerRate = 0;
  for (const workers of WORKER_COUNTS) {
    await fetch(`${emulators.ready.admin}/reset`, { method: 'POST' });
    const schema = `fleet_bench_${workers}_${process.pid}`;
    const jobSchema = `fleet_bench_jobs_${workers}_${process.pid}`;
    await dropSchema(pool, schema, jobSchema);
    const fleet = await Fleet.connect({ pool, schema, jobSchema, retry: { delaySeconds: 1 } });
    const env = {
      DATABASE_URL: TEST_DATABASE_URL,
      FLEET_SCHEMA: schema,
      FLEET_JOB_SCHEMA: jobSchema,
      FLEET_CONCURRENCY: String(perWorker),
      BENCH_CREDENTIALS: credentials,
    };
    const children = Array.from({ length: workers }, () => spawnWorker(env));
    await Promise.all(children.map((child) => nextJson(child.lines)));
    const tenants = Array.from(
      { length: TENANTS },
      (_, index) => `t-${String(index + 1).padStart(2, '0')}`,
    );
    const startedAt = performance.now();
    await fleet.enqueue(
      tenants.map((tenantId) => ({
        tenantId,
        from: 'plandocket',
        to: 'invoiceocean',
        options: { concurrency: 4 },
      })),
    );
    for (;;) {
      const status = await fleet.status();
      if (
        status.length === TENANTS &&
        status.every((tenant) => tenant.state === 'done' || tenant.state === 'dead')
      )
        break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const seconds = (performance.now() - startedAt) / 1000;
    const status = await fleet.status();
    const carried = status.reduce(
      (sum, tenant) => sum + (tenant.counts?.created ?? 0) + (tenant.counts?.alreadyPresent ?? 0),
      0,
    );
    const failed = status.filter((tenant) => tenant.state !== 'done').length;
    for (const child of children) child.kill();
    const stats = await Promise.all(
      children.map((child) => nextJson<{ queries: number; cpuMs: number }>(child.lines)),
    );
    await Promise.all(children.map((child) => child.exited));
    await fleet.close();
    await dropSchema(pool, schema, jobSchema);
    const rate = carried / seconds;
    if (workers === 1) oneWorkerRate = rate;
    const queries = stats.reduce((sum, stat) => sum + stat.queries, 0);
    const cpuMs = stats.reduce((sum, stat) => sum + stat.cpuMs, 0);
    rows.push({
      workers: String(workers),
      'wall s': seconds.toFixed(1),
      'tenants/min': ((TENANTS / seconds) * 60).toFixed(0),
      'invoices/s': rate.toFixed(0),
      'scaling vs 1 worker': `${(rate / oneWorkerRate).toFixed(2)}×`,
      'PG round trips / invoice': (queries / carried).toFixed(2),
      'worker CPU ms / invoice': (cpuMs / carried).toFixed(2),
      'not done': String(failed),
    });
  }

  console.log(
    `\n@invoicekit/fleet — ${TENANTS} tenants × ${INVOICES} invoices, Plandocket → InvoiceOcean, 20 ms latency per request, ` +
      `${perWorker} tenants per worker, 4 invoices in flight per tenant, ${cpus().length} cores`,
  );
  console.table(rows);
  console.log(`load average (1 min) at the end: ${loadavg()[0]?.toFixed(2)}`);
}
await pool.end();
await emulators.stop();
rmSync(directory, { recursive: true, force: true });
