/**
 * Method-style (FastBill / Monsum) figures:
 * 1. `adapter.invoices.get` in a loop against the emulator on loopback, against the same
 *    `invoice.get` envelope POSTed with bare axios (keep-alive too): what validation, Basic auth,
 *    the error-in-200 check, retry bookkeeping and mapping cost on top of HTTP.
 * 2. canonical ↔ wire mapping of a 10-line invoice, against a bare JSON round-trip.
 */
import { Agent } from 'node:http';
import axios from 'axios';
import { InvoiceCreateInputSchema } from '@invoicekit/core';
import { serveEmulator } from '@invoicekit/core/emulator';
import { runBenchmarks } from '../../../bench/harness';
import { createMethodStyleEmulator } from '../src/emulator';
import {
  SERVICE_PATH,
  createBillomatStyleAdapter,
  toCanonicalInvoice,
  writeInvoice,
} from '../src/index';

const EMAIL = 'bench@acme.example';
const API_KEY = 'bench-key-7c1f0e93';
const RATES = ['19', '7', '19', '0', '19', '7', '19', '19', '7', '0'];

const emulator = createMethodStyleEmulator({ email: EMAIL, apiKey: API_KEY });
emulator.seed({ customers: [{ CUSTOMER_ID: 7, ORGANIZATION: 'Bench GmbH' }] });
emulator.seed({
  invoices: [
    {
      CUSTOMER_ID: 7,
      INVOICE_DATE: '2026-11-02',
      ITEMS: RATES.map((rate, index) => ({
        DESCRIPTION: `Position ${index + 1}`,
        QUANTITY: `${index + 1}.5`,
        UNIT_PRICE: `${(index + 1) * 13}.37`,
        VAT_PERCENT: rate,
      })),
    },
  ],
});
const served = await serveEmulator(emulator);
const adapter = createBillomatStyleAdapter({
  email: EMAIL,
  apiKey: API_KEY,
  baseUrl: served.baseUrl,
});
const xmlAdapter = createBillomatStyleAdapter({
  email: EMAIL,
  apiKey: API_KEY,
  baseUrl: served.baseUrl,
  format: 'xml',
});
const bare = axios.create({
  baseURL: served.baseUrl,
  httpAgent: new Agent({ keepAlive: true }),
  auth: { username: EMAIL, password: API_KEY },
});
const envelope = { SERVICE: 'invoice.get', FILTER: { INVOICE_ID: '2345' }, LIMIT: 1 };
const answer = (await bare.post(SERVICE_PATH, envelope)).data as {
  RESPONSE: { INVOICES: unknown[] };
};
const raw = answer.RESPONSE.INVOICES[0];
const id = String((raw as { INVOICE_ID: string }).INVOICE_ID);
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

await runBenchmarks(
  '@invoicekit/billomat-style — get one 10-line invoice from the emulator on loopback',
  [
    { name: 'bare axios POST invoice.get', fn: () => bare.post(SERVICE_PATH, envelope) },
    { name: 'adapter.invoices.get (JSON)', fn: () => adapter.invoices.get(id) },
    { name: 'adapter.invoices.get (XML)', fn: () => xmlAdapter.invoices.get(id) },
  ],
  { baseline: 'bare axios POST invoice.get' },
);

await runBenchmarks(
  '@invoicekit/billomat-style — mapping per 10-line invoice',
  [
    {
      name: 'baseline: JSON.parse(JSON.stringify(wire))',
      fn: () => JSON.parse(JSON.stringify(raw)),
    },
    { name: 'wire → canonical (toCanonicalInvoice)', fn: () => toCanonicalInvoice(raw, { today }) },
    {
      name: 'canonical → wire (writeInvoice)',
      fn: () => writeInvoice(input, undefined, { mode: 'create', keepsExternalIds: true }),
    },
  ],
  { baseline: 'baseline: JSON.parse(JSON.stringify(wire))' },
);

await adapter.close();
await xmlAdapter.close();
await served.close();
