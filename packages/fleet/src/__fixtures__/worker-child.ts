/**
 * A fleet worker in its own process, as `invoicekit fleet worker` runs one: configured by the
 * environment (`DATABASE_URL`, `FLEET_SCHEMA`, `FLEET_JOB_SCHEMA`, `FLEET_CREDENTIALS` — a JSON
 * file of tenant credentials —, `FLEET_CONCURRENCY`, `FLEET_LEASE_MS`), printing one JSON line
 * per worker event (with its pid) so the test sees which worker runs which tenant.
 */
import { readFileSync } from 'node:fs';
import { startFleetWorker } from '../jobs/fleet-worker';
import { tenantAdapters } from './tenant-adapters';
import type { TenantCredentials } from './tenant-emulators';

const credentials = JSON.parse(readFileSync(process.env.FLEET_CREDENTIALS ?? '', 'utf8')) as Record<
  string,
  TenantCredentials
>;
const print = (line: object): void => void process.stdout.write(`${JSON.stringify({ ...line, pid: process.pid })}\n`);

const worker = await startFleetWorker({
  databaseUrl: process.env.DATABASE_URL,
  schema: process.env.FLEET_SCHEMA,
  jobSchema: process.env.FLEET_JOB_SCHEMA,
  adapters: tenantAdapters(credentials),
  concurrency: Number(process.env.FLEET_CONCURRENCY ?? 2),
  leaseMs: Number(process.env.FLEET_LEASE_MS ?? 2000),
  pollingIntervalSeconds: 0.5,
  onEvent: print,
});
print({ type: 'ready', worker: worker.identity.id });
process.once('SIGTERM', () => void worker.stop().then(() => process.exit(0)));
