/**
 * InvoiceOcean figures:
 * 1. `adapter.invoices.get` in a loop against the emulator on loopback, against the same GET made
 *    with bare axios (keep-alive too): what the adapter's validation, auth, retry bookkeeping and
 *    mapping cost on top of HTTP.
 * 2. canonical ↔ wire mapping of a 10-line invoice, against a bare JSON round-trip.
 */
import { Agent } from 'node:http';
import axios from 'axios';
import { InvoiceCreateInputSchema, writeFields } from '@invoicekit/core';
import { serveEmulator } from '@invoicekit/core/emulator';
import { runBenchmarks } from '../../../bench/harness';
import { createInvoiceOceanEmulator } from '../src/emulator';
import { INVOICE_RULES, createInvoiceOceanAdapter, toCanonicalInvoice } from '../src/index';

const TOKEN = 'bench-token-1234567';
const emulator = createInvoiceOceanEmulator({ apiToken: TOKEN, account: 'bench' });
const RATES = ['23', '8', '5', '0', '23', '23', 'zw', '8', '23', 'np'];
emulator.seed({
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
const served = await serveEmulator(emulator);
const adapter = createInvoiceOceanAdapter({ apiToken: `${TOKEN}/bench`, baseUrl: served.baseUrl });
const xmlAdapter = createInvoiceOceanAdapter({
  apiToken: `${TOKEN}/bench`,
  baseUrl: served.baseUrl,
  format: 'xml',
});
const bare = axios.create({ baseURL: served.baseUrl, httpAgent: new Agent({ keepAlive: true }) });

const raw = (await bare.get(`/invoices/1.json?api_token=${TOKEN}`)).data as unknown;
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

await runBenchmarks(
  '@invoicekit/invoiceocean — get one 10-line invoice from the emulator on loopback',
  [
    {
      name: 'bare axios GET /invoices/1.json',
      fn: () => bare.get(`/invoices/1.json?api_token=${TOKEN}`),
    },
    { name: 'adapter.invoices.get (JSON)', fn: () => adapter.invoices.get('1') },
    { name: 'adapter.invoices.get (XML)', fn: () => xmlAdapter.invoices.get('1') },
  ],
  { baseline: 'bare axios GET /invoices/1.json' },
);

await runBenchmarks(
  '@invoicekit/invoiceocean — mapping per 10-line invoice',
  [
    {
      name: 'baseline: JSON.parse(JSON.stringify(wire))',
      fn: () => JSON.parse(JSON.stringify(raw)),
    },
    { name: 'wire → canonical (toCanonicalInvoice)', fn: () => toCanonicalInvoice(raw, { today }) },
    {
      name: 'canonical → wire (writeFields(INVOICE_RULES))',
      fn: () =>
        writeFields(INVOICE_RULES, input, {
          provider: 'invoiceocean',
          operation: 'invoices.create',
          context: { operation: 'invoices.create', options: undefined },
        }),
    },
  ],
  { baseline: 'baseline: JSON.parse(JSON.stringify(wire))' },
);

await adapter.close();
await xmlAdapter.close();
await served.close();
