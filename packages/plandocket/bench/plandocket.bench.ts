/**
 * Plandocket figures, in interleaved rounds (min and median):
 * 1. client only: `adapter.invoices.get` (items, payments and contact, losslessly decoded and
 *    mapped) against a server answering the emulator's recorded bytes, next to the same GET made
 *    with bare axios (keep-alive, Bearer);
 * 2. mapping of a 10-line invoice: wire → canonical next to a JSON round-trip of the same wire
 *    object, and the lossless decode next to `JSON.parse` of the same text;
 * 3. the emulator at 10 000 invoices (many with payments): creating an invoice (seeding: the API
 *    cannot create invoices) and a payment, one 100-invoice list page as the adapter asks for it
 *    (items, payments and contact), and seeding 10 000 invoices from scratch.
 */
import { Agent } from 'node:http';
import axios from 'axios';
import { serveEmulator } from '@invoicekit/core/emulator';
import {
  compareInterleaved,
  isShortRun,
  recordResponse,
  serveFixedResponse,
} from '../../../bench/harness';
import { createPlandocketEmulator, type PlandocketSeed } from '../src/emulator';
import { createPlandocketAdapter, losslessJsonCodec, toCanonicalInvoice } from '../src/index';

const API_KEY = 'bench-key-2a7c9e4f';
const RATES = ['19', '7', '19', '0', '19', '7', '19', '19', '7', '0'];
const HEADERS: Record<string, string> = { authorization: `Bearer ${API_KEY}` };
const FIXED_NOW = new Date('2026-11-21T09:00:00Z');

const items = RATES.map((rate, index) => ({
  description: `Position ${index + 1}`,
  quantity: `${index + 1}.5`,
  unit_price: `${(index + 1) * 13}.37`,
  tax_rate: rate,
}));

// --- 1. client only -------------------------------------------------------------------------

const source = createPlandocketEmulator({ apiKey: API_KEY, now: () => FIXED_NOW });
source.seed({
  contacts: [
    {
      id: 7,
      company_name: 'Bench GmbH',
      customer_number: 'K-7',
      address: 'Hauptstr. 1',
      postal_code: '10115',
      city: 'Berlin',
      country: 'DE',
      email: 'billing@bench.example',
    },
  ],
  invoices: [{ id: 1, contact_id: 7, items }],
  payments: [
    { invoice_id: 1, amount: '100.00', payment_date: '2026-11-10' },
    { invoice_id: 1, amount: '50.25', payment_date: '2026-11-12', gateway_key: 'stripe' },
  ],
});
const served = await serveEmulator(source);
const path = '/api/v1/invoices/1?include=items,payments,contact';
const recorded = await recordResponse(`${served.baseUrl}${path}`, { headers: HEADERS });
await served.close();
if (recorded.status !== 200) throw new Error(`recording failed: ${recorded.status}`);
const fixed = await serveFixedResponse(recorded);

const adapter = createPlandocketAdapter({ baseUrl: fixed.baseUrl, apiKey: API_KEY });
const bare = axios.create({
  baseURL: fixed.baseUrl,
  httpAgent: new Agent({ keepAlive: true }),
  headers: HEADERS,
});

await compareInterleaved(
  '@invoicekit/plandocket — client only: get one 10-line invoice (payments, contact), fixed answer',
  [
    { name: 'bare axios GET', fn: () => bare.get(path) },
    { name: 'adapter.invoices.get', fn: () => adapter.invoices.get('1') },
  ],
  { baseline: 'bare axios GET' },
);
await adapter.close();
await fixed.close();

// --- 2. mapping -----------------------------------------------------------------------------

const text = recorded.body.toString('utf8');
const wire = (losslessJsonCodec.decode(text) as { data: unknown }).data;
const today = '2026-11-21';

await compareInterleaved(
  '@invoicekit/plandocket — wire → canonical per 10-line invoice',
  [
    {
      name: 'baseline: JSON round-trip of the wire object',
      fn: () => JSON.parse(JSON.stringify(wire)) as unknown,
      allocation: true,
    },
    {
      name: 'toCanonicalInvoice',
      fn: () => toCanonicalInvoice(wire, { today }),
      allocation: true,
    },
  ],
  { baseline: 'baseline: JSON round-trip of the wire object' },
);

await compareInterleaved(
  '@invoicekit/plandocket — decode one invoice answer',
  [
    { name: 'baseline: JSON.parse', fn: () => JSON.parse(text) as unknown, allocation: true },
    { name: 'lossless decode', fn: () => losslessJsonCodec.decode(text), allocation: true },
  ],
  { baseline: 'baseline: JSON.parse' },
);

// --- 3. emulator at 10 000 invoices ---------------------------------------------------------

const INVOICES = isShortRun() ? 2_000 : 10_000;
const CONTACTS = 200;

/** A book of `INVOICES` invoices over `CONTACTS` contacts; every third invoice has payments. */
function bookSeed(): PlandocketSeed {
  return {
    contacts: Array.from({ length: CONTACTS }, (_, index) => ({
      id: 10 + index,
      company_name: `Kunde ${index}`,
    })),
    invoices: Array.from({ length: INVOICES }, (_, index) => ({
      id: 100_000 + index,
      contact_id: 10 + (index % CONTACTS),
      items: items.slice(0, 1 + (index % 4)),
      created_at: `2026-${String(1 + (index % 10)).padStart(2, '0')}-${String(1 + (index % 28)).padStart(2, '0')}T10:00:00Z`,
    })),
    payments: Array.from({ length: Math.floor(INVOICES / 3) }, (_, index) => ({
      invoice_id: 100_000 + index * 3,
      amount: '10.00',
      payment_date: '2026-11-01',
    })),
  };
}

const book = createPlandocketEmulator({ apiKey: API_KEY, now: () => FIXED_NOW });
const seed = bookSeed();
book.seed(seed);
const listRequest = {
  method: 'GET',
  path: '/api/v1/invoices',
  query: new URLSearchParams('include=items,payments,contact&page=3&per_page=100'),
  headers: HEADERS,
  body: '',
};
let created = 0;
/** The emulator's answer (its JSON body is serialized by the emulator itself). */
async function answer(request: typeof listRequest): Promise<unknown> {
  const outcome = await book.handle(request);
  if (outcome.kind !== 'response' || outcome.response.status >= 300)
    throw new Error(`the emulator refused ${request.method} ${request.path}`);
  return outcome.response.body;
}

const emulatorRows = await compareInterleaved(
  `@invoicekit/plandocket — emulator at ${INVOICES} invoices (${seed.payments?.length ?? 0} payments)`,
  [
    { name: 'GET 100-invoice page (items, payments, contact)', fn: () => answer(listRequest) },
    {
      name: 'create an invoice (seed one)',
      // Dated before the book, so the thousands made here sort after the page that is measured.
      fn: () =>
        book.seed({
          invoices: [
            { contact_id: 10 + (created++ % CONTACTS), items, created_at: '2025-06-01T10:00:00Z' },
          ],
        }),
    },
    {
      name: 'POST /payments',
      fn: () =>
        answer({
          method: 'POST',
          path: '/api/v1/payments',
          query: new URLSearchParams(),
          headers: { ...HEADERS, 'content-type': 'application/json' },
          body: `{"invoice_number":"RE-2026-${String(1 + (created++ % INVOICES)).padStart(4, '0')}","amount":0.01,"status":"pending"}`,
        }),
    },
  ],
  { baseline: 'GET 100-invoice page (items, payments, contact)', rounds: isShortRun() ? 3 : 7 },
);
for (const row of emulatorRows)
  console.log(
    `  ${row.task}: ${(row.minMicros / 1000).toFixed(3)} ms min, ${(row.medianMicros / 1000).toFixed(3)} ms median`,
  );

/** Seeding is one-shot: timed once per repeat on a fresh emulator. */
const seedTimes: number[] = [];
for (let repeat = 0; repeat < (isShortRun() ? 2 : 5); repeat += 1) {
  const fresh = createPlandocketEmulator({ apiKey: API_KEY, now: () => FIXED_NOW });
  const data = bookSeed();
  const started = performance.now();
  fresh.seed(data);
  seedTimes.push(performance.now() - started);
}
seedTimes.sort((a, b) => a - b);
console.log(
  `\n@invoicekit/plandocket — seeding ${INVOICES} invoices, ${CONTACTS} contacts, ${seed.payments?.length ?? 0} payments: ` +
    `${(seedTimes[0] ?? 0).toFixed(1)} ms min, ${(seedTimes[seedTimes.length >> 1] ?? 0).toFixed(1)} ms median over ${seedTimes.length} repeats`,
);
