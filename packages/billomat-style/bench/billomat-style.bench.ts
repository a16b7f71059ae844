/**
 * Method-style (FastBill / Monsum) figures, interleaved rounds (min and median):
 * 1. client only: the emulator's `invoice.get` answer (one 10-line invoice) is recorded in JSON
 *    and in XML and served as fixed bytes; `adapter.invoices.get` is measured against bare axios
 *    POSTing the same envelope, and against the npm `fastbill-api` client on the same server.
 * 2. wire → canonical of that invoice against a bare JSON round-trip, and canonical → wire.
 * 3. the emulator at 10 000 invoices: `invoice.create`, a 100-invoice `invoice.get` page, and
 *    seeding the 10 000 (called in process: the server's own cost, no HTTP).
 */
import { Agent } from 'node:http';
import { createRequire } from 'node:module';
import axios from 'axios';
import { InvoiceCreateInputSchema } from '@invoicekit/core';
import { serveEmulator } from '@invoicekit/core/emulator';
import {
  compareInterleaved,
  isShortRun,
  recordResponse,
  serveFixedResponse,
  type InterleavedRow,
} from '../../../bench/harness';
import { createMethodStyleEmulator, type MethodStyleSeed } from '../src/emulator';
import {
  SERVICE_PATH,
  createBillomatStyleAdapter,
  toCanonicalInvoice,
  toFbapiXml,
  writeInvoice,
} from '../src/index';

const EMAIL = 'bench@acme.example';
const API_KEY = 'bench-key-7c1f0e93';
const AUTHORIZATION = `Basic ${Buffer.from(`${EMAIL}:${API_KEY}`).toString('base64')}`;
const RATES = ['19', '7', '19', '0', '19', '7', '19', '19', '7', '0'];
const ITEMS = RATES.map((rate, index) => ({
  DESCRIPTION: `Position ${index + 1}`,
  QUANTITY: `${index + 1}.5`,
  UNIT_PRICE: `${(index + 1) * 13}.37`,
  VAT_PERCENT: rate,
}));
const seededInvoice = { CUSTOMER_ID: 7, INVOICE_DATE: '2026-11-02', ITEMS };

const ms = (micros: number): string => (micros / 1000).toFixed(3);
const ratio = (rows: readonly InterleavedRow[], over: string, under: string, what: string) => {
  const a = rows.find((row) => row.task === over);
  const b = rows.find((row) => row.task === under);
  if (!a || !b) return;
  console.log(
    `  ${what}: ${(a.minMicros / b.minMicros).toFixed(2)}× (min), ${(a.medianMicros / b.medianMicros).toFixed(2)}× (median)`,
  );
};

// --- 1. client only -------------------------------------------------------------------------

const emulator = createMethodStyleEmulator({ email: EMAIL, apiKey: API_KEY });
emulator.seed({ customers: [{ CUSTOMER_ID: 7, ORGANIZATION: 'Bench GmbH' }] });
emulator.seed({ invoices: [seededInvoice] });
const live = await serveEmulator(emulator);
// The envelope the adapter sends for `invoices.get` (findInvoice: FILTER + LIMIT 1).
const envelope = { SERVICE: 'invoice.get', FILTER: { INVOICE_ID: '2345' }, LIMIT: 1 };
const recordAs = (body: string, contentType: string) =>
  recordResponse(`${live.baseUrl}${SERVICE_PATH}`, {
    method: 'POST',
    headers: { authorization: AUTHORIZATION, 'content-type': contentType },
    body,
  });
const recordedJson = await recordAs(JSON.stringify(envelope), 'application/json');
const recordedXml = await recordAs(toFbapiXml(envelope), 'application/xml');
await live.close();
const jsonServer = await serveFixedResponse(recordedJson);
const xmlServer = await serveFixedResponse(recordedXml);

const raw = (
  JSON.parse(recordedJson.body.toString('utf8')) as { RESPONSE: { INVOICES: unknown[] } }
).RESPONSE.INVOICES[0];
const id = String((raw as { INVOICE_ID: string | number }).INVOICE_ID);

const adapter = createBillomatStyleAdapter({
  email: EMAIL,
  apiKey: API_KEY,
  baseUrl: jsonServer.baseUrl,
});
const xmlAdapter = createBillomatStyleAdapter({
  email: EMAIL,
  apiKey: API_KEY,
  baseUrl: xmlServer.baseUrl,
  format: 'xml',
});
const bareOn = (baseURL: string) =>
  axios.create({
    baseURL,
    httpAgent: new Agent({ keepAlive: true }),
    auth: { username: EMAIL, password: API_KEY },
  });
const bareJson = bareOn(jsonServer.baseUrl);
const bareXml = bareOn(xmlServer.baseUrl);
const xmlEnvelope = toFbapiXml(envelope);

// The peer: `fastbill-api` (CommonJS, no types) hard-codes the vendor's URL in the description
// module it reads on every call; that (cached) module's `endpoint` is pointed at the fixed server.
// It POSTs through `request` on Node's global agent, which keeps connections alive on Node ≥ 19.
interface FastbillApi {
  bootstrap(username: string, password: string): void;
  api: { invoice: { getById(id: string): Promise<unknown[]> } };
}
const requireCjs = createRequire(import.meta.url);
const fastbill = requireCjs('fastbill-api') as FastbillApi;
const description = requireCjs('fastbill-api/lib/fastbill-api-description.json') as {
  endpoint: string;
};
description.endpoint = `${jsonServer.baseUrl}${SERVICE_PATH}`;
fastbill.bootstrap(EMAIL, API_KEY);
if ((await fastbill.api.invoice.getById(id)).length !== 1)
  throw new Error('fastbill-api did not read the fixed answer');

const BARE_JSON = 'bare axios POST invoice.get (JSON)';
const ADAPTER_JSON = 'adapter.invoices.get (JSON)';
const PEER = 'fastbill-api invoice.getById (JSON)';
const BARE_XML = 'bare axios POST invoice.get (XML)';
const ADAPTER_XML = 'adapter.invoices.get (XML)';
const client = await compareInterleaved(
  '@invoicekit/billomat-style — client only: get one 10-line invoice from a fixed-answer server',
  [
    { name: BARE_JSON, fn: () => bareJson.post(SERVICE_PATH, envelope) },
    { name: ADAPTER_JSON, fn: () => adapter.invoices.get(id) },
    // q promises are not native ones: wrapped, so that the harness awaits each call.
    { name: PEER, fn: async () => await fastbill.api.invoice.getById(id) },
    {
      name: BARE_XML,
      fn: () =>
        bareXml.post(SERVICE_PATH, xmlEnvelope, { headers: { 'content-type': 'application/xml' } }),
    },
    { name: ADAPTER_XML, fn: () => xmlAdapter.invoices.get(id) },
  ],
  { baseline: BARE_JSON },
);
ratio(client, ADAPTER_JSON, BARE_JSON, 'adapter JSON / bare axios (target ≤ 1.3×)');
ratio(client, ADAPTER_JSON, PEER, 'adapter JSON / fastbill-api (target ≤ 1×)');
ratio(client, ADAPTER_XML, ADAPTER_JSON, 'adapter XML / adapter JSON (target ≤ 1.5×)');
ratio(client, ADAPTER_XML, BARE_XML, 'adapter XML / bare axios XML');

await adapter.close();
await xmlAdapter.close();
await jsonServer.close();
await xmlServer.close();

// --- 2. mapping -----------------------------------------------------------------------------

const today = '2026-11-21';
const input = InvoiceCreateInputSchema.parse({
  currency: 'EUR',
  issueDate: '2026-11-02',
  serviceDate: '2026-10-31',
  customer: { id: '7' },
  lines: RATES.map((rate, index) => ({
    description: `Position ${index + 1}`,
    quantity: `${index + 1}.5`,
    unitPrice: `${(index + 1) * 13}.37`,
    taxRate: rate,
  })),
  externalId: 'bench-1',
});
const ROUND_TRIP = 'baseline: JSON.parse(JSON.stringify(wire))';
const TO_CANONICAL = 'wire → canonical (toCanonicalInvoice)';
const mapping = await compareInterleaved(
  '@invoicekit/billomat-style — mapping per 10-line invoice',
  [
    { name: ROUND_TRIP, fn: () => JSON.parse(JSON.stringify(raw)), allocation: true },
    { name: TO_CANONICAL, fn: () => toCanonicalInvoice(raw, { today }), allocation: true },
    {
      name: 'canonical → wire (writeInvoice)',
      fn: () => writeInvoice(input, undefined, { mode: 'create', keepsExternalIds: true }),
      allocation: true,
    },
  ],
  { baseline: ROUND_TRIP },
);
ratio(mapping, TO_CANONICAL, ROUND_TRIP, 'toCanonicalInvoice / JSON round-trip (target ≤ 2×)');

// --- 3. the emulator at 10 000 invoices -----------------------------------------------------

const BOOK = isShortRun() ? 2_000 : 10_000;
const book: MethodStyleSeed = { invoices: Array.from({ length: BOOK }, () => seededInvoice) };
const customers: MethodStyleSeed = {
  customers: [{ CUSTOMER_ID: 7, ORGANIZATION: 'Bench GmbH', EMAIL: 'buch@bench.example' }],
};
const seededEmulator = () => {
  const fresh = createMethodStyleEmulator({ email: EMAIL, apiKey: API_KEY });
  fresh.seed(customers);
  fresh.seed(book);
  return fresh;
};
const big = seededEmulator();
const post = (body: unknown) =>
  big.handle({
    method: 'POST',
    path: SERVICE_PATH,
    query: new URLSearchParams(),
    headers: { authorization: AUTHORIZATION, host: '127.0.0.1:8080' },
    body: JSON.stringify(body),
  });
const createEnvelope = {
  SERVICE: 'invoice.create',
  DATA: { CUSTOMER_ID: '7', INVOICE_DATE: '2026-11-02', ITEMS },
};
// A page from the middle of the book: an index must not depend on where the page is.
const pageEnvelope = {
  SERVICE: 'invoice.get',
  FILTER: {},
  LIMIT: 100,
  OFFSET: Math.floor(BOOK / 2),
};
const CREATE = 'emulator invoice.create';
const emulatorRows = await compareInterleaved(
  `@invoicekit/billomat-style — emulator at ${BOOK} invoices (in process, no HTTP)`,
  [
    { name: CREATE, fn: () => post(createEnvelope) },
    { name: 'emulator invoice.get, 100-invoice page', fn: () => post(pageEnvelope) },
    { name: 'emulator invoice.get by INVOICE_ID', fn: () => post(envelope) },
    { name: `seed ${BOOK} invoices`, fn: () => seededEmulator() },
  ],
  { baseline: CREATE, rounds: isShortRun() ? 3 : 5, roundMs: isShortRun() ? 20 : 200 },
);
console.log(`  in ms (target at 10 000: create ≤ 1, page ≤ 15, seeding ≤ 1000):`);
for (const row of emulatorRows)
  console.log(`    ${row.task}: min ${ms(row.minMicros)} ms, median ${ms(row.medianMicros)} ms`);
