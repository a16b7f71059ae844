/**
 * Plandocket figures: `adapter.invoices.get` (with items, payments and contact, losslessly
 * decoded and mapped) in a loop against the emulator on loopback, against the same GET made with
 * bare axios (keep-alive too); and wire → canonical mapping of a 10-line invoice.
 */
import { Agent } from 'node:http';
import axios from 'axios';
import { serveEmulator } from '@invoicekit/core/emulator';
import { runBenchmarks } from '../../../bench/harness';
import { createPlandocketEmulator } from '../src/emulator';
import { createPlandocketAdapter, losslessJsonCodec, toCanonicalInvoice } from '../src/index';

const API_KEY = 'bench-key-2a7c9e4f';
const RATES = ['19', '7', '19', '0', '19', '7', '19', '19', '7', '0'];

const emulator = createPlandocketEmulator({ apiKey: API_KEY });
emulator.seed({ contacts: [{ id: 7, company_name: 'Bench GmbH', customer_number: 'K-7' }] });
emulator.seed({
  invoices: [
    {
      id: 1,
      contact_id: 7,
      items: RATES.map((rate, index) => ({
        description: `Position ${index + 1}`,
        quantity: `${index + 1}.5`,
        unit_price: `${(index + 1) * 13}.37`,
        tax_rate: rate,
      })),
    },
  ],
});
const served = await serveEmulator(emulator);
const adapter = createPlandocketAdapter({ baseUrl: served.baseUrl, apiKey: API_KEY });
const bare = axios.create({
  baseURL: served.baseUrl,
  httpAgent: new Agent({ keepAlive: true }),
  headers: { authorization: `Bearer ${API_KEY}` },
});
const path = '/api/v1/invoices/1?include=items,payments,contact';
const text = (await bare.get<string>(path, { responseType: 'text' })).data;
const raw = (losslessJsonCodec.decode(text) as { data: unknown }).data;
const today = '2026-11-21';

await runBenchmarks(
  '@invoicekit/plandocket — get one 10-line invoice (with payments and contact) on loopback',
  [
    { name: 'bare axios GET /api/v1/invoices/1', fn: () => bare.get(path) },
    { name: 'adapter.invoices.get', fn: () => adapter.invoices.get('1') },
  ],
  { baseline: 'bare axios GET /api/v1/invoices/1' },
);

await runBenchmarks(
  '@invoicekit/plandocket — mapping per 10-line invoice',
  [
    { name: 'baseline: JSON.parse(wire text)', fn: () => JSON.parse(text) },
    { name: 'lossless decode (numbers as exact text)', fn: () => losslessJsonCodec.decode(text) },
    { name: 'wire → canonical (toCanonicalInvoice)', fn: () => toCanonicalInvoice(raw, { today }) },
  ],
  { baseline: 'baseline: JSON.parse(wire text)' },
);

await adapter.close();
await served.close();
