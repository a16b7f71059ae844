/**
 * The fleet bench's vendors, in a process of their own: every tenant's Plandocket source (seeded)
 * and InvoiceOcean target with 20 ms latency, behind one loopback server; the tenants'
 * credentials written to `BENCH_CREDENTIALS`; `POST /reset` on the admin port brings every
 * account back to its seeded state. Prints `{ baseUrl, admin }` when ready.
 */
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveTenantEmulators } from '../src/__fixtures__/tenant-emulators';

const emulators = await serveTenantEmulators({
  tenants: Number(process.env.BENCH_TENANTS ?? 200),
  invoices: Number(process.env.BENCH_INVOICES ?? 50),
  latencyMs: Number(process.env.BENCH_LATENCY_MS ?? 20),
});
writeFileSync(process.env.BENCH_CREDENTIALS ?? '', JSON.stringify(emulators.credentials));
const admin = createServer((request, response) => {
  if (request.method === 'POST' && request.url === '/reset') emulators.reset();
  response.writeHead(204).end();
});
await new Promise<void>((resolve) => admin.listen(0, '127.0.0.1', resolve));
process.once('SIGTERM', () => {
  admin.close();
  void emulators.close().then(() => process.exit(0));
});
console.log(
  JSON.stringify({
    baseUrl: emulators.baseUrl,
    admin: `http://127.0.0.1:${(admin.address() as AddressInfo).port}`,
  }),
);
