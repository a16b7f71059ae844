/**
 * Migration figures: a Plandocket book of N invoices (10 000 by default; BENCH_MIGRATION_INVOICES
 * overrides, and a short bench run takes 300) migrated to InvoiceOcean, both emulators on loopback
 * with 20 ms latency on every request. Prints invoices/s, HTTP calls per invoice against the
 * fewest the two APIs allow, and the process's peak RSS.
 */
import { serveEmulator } from '@invoicekit/core/emulator';
import { createInvoiceOceanAdapter } from '@invoicekit/invoiceocean';
import { createInvoiceOceanEmulator } from '@invoicekit/invoiceocean/emulator';
import { createPlandocketAdapter } from '@invoicekit/plandocket';
import { createPlandocketEmulator } from '@invoicekit/plandocket/emulator';
import { migrate } from '../src/index';

const short = Number(process.env.BENCH_TIME_MS ?? 1500) < 1000;
const count = Number(process.env.BENCH_MIGRATION_INVOICES ?? (short ? 300 : 10_000));
const LATENCY_MS = 20;
const CUSTOMERS = 50;

const source = createPlandocketEmulator({ apiKey: 'bench-source-key' });
const target = createInvoiceOceanEmulator({ apiToken: 'bench-target-token', account: 'bench' });
source.seed({
  contacts: Array.from({ length: CUSTOMERS }, (_, index) => ({
    id: index + 1,
    company_name: `Aussteller ${index + 1} GmbH`,
    email: `a${index + 1}@bench.example`,
  })),
});
const statuses = ['sent', 'sent', 'paid', 'cancelled'];
source.seed({
  invoices: Array.from({ length: count }, (_, index) => ({
    id: 100_000 + index,
    contact_id: (index % CUSTOMERS) + 1,
    status: statuses[index % statuses.length],
    items: [
      {
        description: 'Standmiete',
        quantity: String(1 + (index % 3)),
        unit_price: '250.00',
        tax_rate: '19',
      },
      { description: 'Ausweis', quantity: '2', unit_price: '15.00', tax_rate: '19' },
    ],
  })),
});
const paidInSource = Array.from({ length: count }, (_, index) => index).filter(
  (index) => statuses[index % statuses.length] === 'paid',
);
source.seed({
  payments: paidInSource.map((index) => ({
    invoice_id: 100_000 + index,
    amount: index % 3 === 0 ? '327.25' : index % 3 === 1 ? '624.75' : '922.25',
  })),
});
for (const emulator of [source, target])
  emulator.faults.inject({ kind: 'latency', ms: LATENCY_MS, times: Infinity });
const [sourceServer, targetServer] = await Promise.all([
  serveEmulator(source),
  serveEmulator(target),
]);
const from = createPlandocketAdapter({ baseUrl: sourceServer.baseUrl, apiKey: 'bench-source-key' });
const to = createInvoiceOceanAdapter({
  apiToken: 'bench-target-token/bench',
  baseUrl: targetServer.baseUrl,
});

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);
const started = performance.now();
const report = await migrate({ from, to, concurrency: 32 });
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);

const calls = source.requestCount + target.requestCount;
// The fewest the APIs allow: one list page per 100 source invoices, one create per invoice, one
// payment per paid invoice, one cancel per canceled one, one create per customer.
const canceled = Math.floor((count + 0) / 4);
const fewest = Math.ceil(count / 100) + count + paidInSource.length + canceled + CUSTOMERS;
const rows = [
  ['invoices migrated', String(report.counts.created + report.counts.alreadyPresent)],
  ['failed / mismatched', `${report.counts.failed} / ${report.counts.mismatched}`],
  ['wall time', `${seconds.toFixed(1)} s`],
  ['invoices per second', (count / seconds).toFixed(1)],
  ['HTTP calls per invoice', (calls / count).toFixed(2)],
  [
    'fewest the APIs allow',
    `${(fewest / count).toFixed(2)} (ratio ${(calls / fewest).toFixed(2)}×)`,
  ],
  ['peak RSS', `${(peakRss / 1024 / 1024).toFixed(0)} MiB`],
];
console.log(
  `\n@invoicekit/migrate — ${count} invoices Plandocket → InvoiceOcean, ${LATENCY_MS} ms latency per request, concurrency 32`,
);
console.table(Object.fromEntries(rows));
await from.close();
await to.close();
await sourceServer.close();
await targetServer.close();
if (report.counts.failed > 0 || report.counts.mismatched > 0) process.exitCode = 1;
