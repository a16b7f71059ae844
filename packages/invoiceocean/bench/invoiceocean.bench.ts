/**
 * InvoiceOcean figures (issue 14):
 * a. `adapter.invoices.get` against a server answering the emulator's recorded bytes (client cost
 *    only), JSON and XML, each against a bare axios GET of the same bytes.
 * b. wire ↔ canonical mapping of a 10-line invoice, against a bare JSON round-trip.
 * c. the emulator's own cost at 10 000 invoices: a create with `oid_unique`, a 100-invoice page,
 *    seeding 10 000.
 * d. retained heap growth listing a whole book from an emulator in a child process.
 */
import { Agent } from 'node:http';
import { fileURLToPath } from 'node:url';
import axios from 'axios';
import { InvoiceCreateInputSchema, writeFields } from '@invoicekit/core';
import { serveEmulator, type EmulatorRequest } from '@invoicekit/core/emulator';
import {
  compareInterleaved,
  isShortRun,
  recordResponse,
  retainedHeapBytes,
  serveFixedResponse,
  startChild,
} from '../../../bench/harness';
import { createInvoiceOceanEmulator, type InvoiceOceanSeed } from '../src/emulator';
import { INVOICE_RULES, createInvoiceOceanAdapter, toCanonicalInvoice } from '../src/index';

const TOKEN = 'bench-token-1234567';
const RATES = ['23', '8', '5', '0', '23', '23', 'zw', '8', '23', 'np'];
const READ_QUERY = `api_token=${TOKEN}&additional_fields%5Binvoice%5D=connected_payments%2Ccancel_reason`;

// a. Record the emulator's answers once, then serve the bytes: the emulator's cost is not measured.
const source = createInvoiceOceanEmulator({ apiToken: TOKEN, account: 'bench' });
source.seed({
  invoices: [
    {
      id: 1,
      buyer_name: 'Bench Buyer Sp. z o.o.',
      positions: RATES.map((tax, index) => ({
        name: `Position ${index + 1}`,
        quantity: `${index + 1}.5`,
        price_net: `${(index + 1) * 13}.37`,
        tax,
      })),
    },
  ],
});
const live = await serveEmulator(source);
const recordedJson = await recordResponse(`${live.baseUrl}/invoices/1.json?${READ_QUERY}`);
const recordedXml = await recordResponse(`${live.baseUrl}/invoices/1.xml?${READ_QUERY}`);
await live.close();
const jsonServer = await serveFixedResponse(recordedJson);
const xmlServer = await serveFixedResponse(recordedXml);

const adapter = createInvoiceOceanAdapter({
  apiToken: `${TOKEN}/bench`,
  baseUrl: jsonServer.baseUrl,
});
const xmlAdapter = createInvoiceOceanAdapter({
  apiToken: `${TOKEN}/bench`,
  baseUrl: xmlServer.baseUrl,
  format: 'xml',
});
const bareJson = axios.create({
  baseURL: jsonServer.baseUrl,
  httpAgent: new Agent({ keepAlive: true }),
});
const bareXml = axios.create({
  baseURL: xmlServer.baseUrl,
  httpAgent: new Agent({ keepAlive: true }),
  responseType: 'text',
});

const getRows = await compareInterleaved(
  '@invoicekit/invoiceocean — get one 10-line invoice, client only (fixed recorded bytes on loopback)',
  [
    { name: 'bare axios GET (JSON)', fn: () => bareJson.get(`/invoices/1.json?${READ_QUERY}`) },
    { name: 'adapter.invoices.get (JSON)', fn: () => adapter.invoices.get('1') },
    { name: 'bare axios GET (XML)', fn: () => bareXml.get(`/invoices/1.xml?${READ_QUERY}`) },
    { name: 'adapter.invoices.get (XML)', fn: () => xmlAdapter.invoices.get('1') },
  ],
  { baseline: 'bare axios GET (JSON)' },
);
const micros = (rows: typeof getRows, task: string) => {
  const row = rows.find((candidate) => candidate.task === task);
  if (!row) throw new Error(`no row ${task}`);
  return row;
};
const jsonGet = micros(getRows, 'adapter.invoices.get (JSON)');
const xmlGet = micros(getRows, 'adapter.invoices.get (XML)');
console.log(
  `  XML adapter / JSON adapter: ${(xmlGet.minMicros / jsonGet.minMicros).toFixed(2)}× (min), ${(xmlGet.medianMicros / jsonGet.medianMicros).toFixed(2)}× (median); target ≤ 1.5×`,
);
await adapter.close();
await xmlAdapter.close();
await jsonServer.close();
await xmlServer.close();

// b. Mapping.
const wire = JSON.parse(recordedJson.body.toString('utf8')) as unknown;
const today = '2026-11-21';
const { providerOptions: _none, ...input } = InvoiceCreateInputSchema.parse({
  currency: 'PLN',
  issueDate: '2026-11-02',
  customer: { id: '7', snapshot: { name: 'Bench Buyer Sp. z o.o.', taxId: 'PL5252445767' } },
  lines: RATES.map((rate, index) => ({
    description: `Position ${index + 1}`,
    quantity: `${index + 1}.5`,
    unitPrice: `${(index + 1) * 13}.37`,
    taxRate: rate === 'zw' ? 'exempt' : rate === 'np' ? 'not_subject' : rate,
  })),
  externalId: 'bench-1',
});
await compareInterleaved(
  '@invoicekit/invoiceocean — mapping per 10-line invoice',
  [
    {
      name: 'baseline: JSON.parse(JSON.stringify(wire))',
      fn: () => JSON.parse(JSON.stringify(wire)),
      allocation: true,
    },
    {
      name: 'wire → canonical (toCanonicalInvoice)',
      fn: () => toCanonicalInvoice(wire, { today }),
      allocation: true,
    },
    {
      name: 'canonical → wire (writeFields(INVOICE_RULES))',
      fn: () =>
        writeFields(INVOICE_RULES, input, {
          provider: 'invoiceocean',
          operation: 'invoices.create',
          context: { operation: 'invoices.create', options: undefined },
        }),
      allocation: true,
    },
  ],
  { baseline: 'baseline: JSON.parse(JSON.stringify(wire))' },
);

// c. The emulator's own cost at 10 000 invoices (in process: its handler, no HTTP).
const BOOK = 10_000;
const seedOf = (count: number): InvoiceOceanSeed => ({
  invoices: Array.from({ length: count }, (_, index) => ({
    buyer_name: `Buyer ${index % 97}`,
    issue_date: '2026-10-01',
    oid: `seed-${index}`,
    positions: [
      { name: 'Service', quantity: '1', price_net: `${(index % 500) + 1}.25`, tax: '23' },
    ],
  })),
});
const bookSeed = seedOf(BOOK);
const book = createInvoiceOceanEmulator({ apiToken: TOKEN, account: 'bench' });
book.seed(bookSeed);
const request = (method: string, path: string, query: string, body = ''): EmulatorRequest => ({
  method,
  path,
  query: new URLSearchParams(query),
  headers: { 'content-type': 'application/json' },
  body,
});
let created = 0;
const handled = async (pending: ReturnType<typeof book.handle>, status: number) => {
  const outcome = await pending;
  if (outcome.kind !== 'response' || outcome.response.status !== status)
    throw new Error(`the emulator answered ${JSON.stringify(outcome).slice(0, 200)}`);
};
const emulatorRows = await compareInterleaved(
  `@invoicekit/invoiceocean — emulator at ${BOOK} invoices (handler only)`,
  [
    {
      name: 'create with oid_unique',
      fn: () => {
        created += 1;
        return handled(
          book.handle(
            request(
              'POST',
              '/invoices.json',
              `api_token=${TOKEN}`,
              JSON.stringify({
                invoice: {
                  oid: `bench-${created}`,
                  oid_unique: 'yes',
                  buyer_name: `Buyer ${created % 97}`,
                  positions: [{ name: 'Service', quantity: '2', price_net: '10.50', tax: '23' }],
                },
              }),
            ),
          ),
          201,
        );
      },
    },
    {
      name: 'list page of 100 (include_positions)',
      fn: () =>
        handled(
          book.handle(
            request(
              'GET',
              '/invoices.json',
              `api_token=${TOKEN}&period=all&include_positions=true&page=7&per_page=100&additional_fields%5Binvoice%5D=connected_payments%2Ccancel_reason`,
            ),
          ),
          200,
        ),
    },
  ],
  { baseline: 'create with oid_unique', rounds: isShortRun() ? 3 : 7 },
);
const seedTimes: number[] = [];
for (let repeat = 0; repeat < (isShortRun() ? 3 : 7); repeat += 1) {
  const fresh = createInvoiceOceanEmulator({ apiToken: TOKEN, account: 'bench' });
  const started = performance.now();
  fresh.seed(bookSeed);
  seedTimes.push(performance.now() - started);
}
const sorted = [...seedTimes].sort((a, b) => a - b);
const ms = (value: number) => value.toFixed(3);
console.table({
  ...Object.fromEntries(
    emulatorRows.map((row) => [
      row.task,
      { 'min ms': ms(row.minMicros / 1000), 'median ms': ms(row.medianMicros / 1000) },
    ]),
  ),
  [`seed ${BOOK} invoices`]: {
    'min ms': ms(sorted[0] ?? Number.NaN),
    'median ms': ms(sorted[sorted.length >> 1] ?? Number.NaN),
  },
});
console.log(`  (the book grew to ${BOOK + created} invoices during the create rounds)`);

// d. Memory: list the whole book from an emulator in a child process, holding nothing.
const LISTED = isShortRun() ? 10_000 : 100_000;
const child = await startChild<{ baseUrl: string }>(
  fileURLToPath(new URL('./list-child.ts', import.meta.url)),
  { IO_BENCH_INVOICES: String(LISTED), IO_BENCH_TOKEN: TOKEN },
);
try {
  const lister = createInvoiceOceanAdapter({
    apiToken: `${TOKEN}/bench`,
    baseUrl: child.ready.baseUrl,
  });
  // One page first, so that code, caches and sockets are in the heap before the figure starts.
  for await (const _invoice of lister.invoices.list({ pageSize: 100 })) break;
  const before = retainedHeapBytes();
  let count = 0;
  for await (const _invoice of lister.invoices.list()) count += 1;
  const after = retainedHeapBytes();
  console.log(
    `\n@invoicekit/invoiceocean — retained heap growth listing ${count} invoices: ${((after - before) / 1024 / 1024).toFixed(3)} MiB (target ≤ 1 MiB)`,
  );
  await lister.close();
} finally {
  await child.stop();
}
