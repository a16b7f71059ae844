/**
 * One fleet worker of the bench, on a pool that counts its round trips (pg-boss's included: it
 * runs on the same pool). Prints `{ ready: true }` when started; on SIGTERM stops cleanly and
 * prints `{ queries, cpuMs }` (CPU since it was ready).
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { tenantAdapters } from '../src/__fixtures__/tenant-adapters';
import type { TenantCredentials } from '../src/__fixtures__/tenant-emulators';
import { startFleetWorker } from '../src/index';

const credentials = JSON.parse(readFileSync(process.env.BENCH_CREDENTIALS ?? '', 'utf8')) as Record<
  string,
  TenantCredentials
>;
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 12 });
let queries = 0;
const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
// Every statement of the worker and of pg-boss goes through `pool.query`.
(pool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
  queries += 1;
  return query(...args);
};
const worker = await startFleetWorker({
  pool,
  schema: process.env.FLEET_SCHEMA,
  jobSchema: process.env.FLEET_JOB_SCHEMA,
  adapters: tenantAdapters(credentials),
  concurrency: Number(process.env.FLEET_CONCURRENCY ?? 8),
  pollingIntervalSeconds: 0.5,
});
// CPU from here on: loading and compiling the worker is not the work measured.
const readyAt = process.cpuUsage();
console.log(JSON.stringify({ ready: true }));
process.once('SIGTERM', () => {
  void worker.stop().then(async () => {
    const usage = process.cpuUsage(readyAt);
    console.log(JSON.stringify({ queries, cpuMs: (usage.user + usage.system) / 1000 }));
    await pool.end();
    process.exit(0);
  });
});
