/**
 * The migration bench's servers, in a process of their own so that their CPU and heap are not
 * the measured client's: the Plandocket emulator seeded with the bench book and an empty
 * InvoiceOcean emulator, both with 20 ms latency on every request, and a loopback admin endpoint
 * — `GET /counts` (requests by kind of each), `POST /reset` (both back to the seeded book).
 * Prints `{ source, target, admin }` (base URLs) as one JSON line when ready.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveEmulator } from '@invoicekit/core/emulator';
import { createInvoiceOceanEmulator } from '@invoicekit/invoiceocean/emulator';
import { createPlandocketEmulator } from '@invoicekit/plandocket/emulator';
import { bookSeed } from '../src/__fixtures__/bench-book';
import { countingRequests } from '../src/__fixtures__/request-kinds';

const count = Number(process.env.BENCH_MIGRATION_INVOICES ?? 300);
const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 20);

const source = countingRequests(createPlandocketEmulator({ apiKey: 'bench-source-key' }));
const target = countingRequests(
  createInvoiceOceanEmulator({ apiToken: 'bench-target-token', account: 'bench' }),
);
const seed = bookSeed(count);

function reset(): void {
  for (const side of [source, target]) {
    side.emulator.reset();
    side.counts.clear();
    side.emulator.faults.inject({ kind: 'latency', ms: latencyMs, times: Infinity });
  }
  source.emulator.seed(seed);
}

reset();
const [sourceServer, targetServer] = await Promise.all([
  serveEmulator(source.emulator),
  serveEmulator(target.emulator),
]);
const admin = createServer((request, response) => {
  if (request.method === 'POST' && request.url === '/reset') reset();
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(
    JSON.stringify({
      source: Object.fromEntries(source.counts),
      target: Object.fromEntries(target.counts),
    }),
  );
});
await new Promise<void>((resolve) => admin.listen(0, '127.0.0.1', resolve));
const adminPort = (admin.address() as AddressInfo).port;
process.once('SIGTERM', () => {
  admin.close();
  void Promise.all([sourceServer.close(), targetServer.close()]).then(() => process.exit(0));
});
console.log(
  JSON.stringify({
    source: sourceServer.baseUrl,
    target: targetServer.baseUrl,
    admin: `http://127.0.0.1:${adminPort}`,
  }),
);
