import { createAdapterFrom, type InvoiceCreateInput } from '@invoicekit/core';
import { serveEmulator, type ServedEmulator } from '@invoicekit/core/emulator';
import { collect } from '@invoicekit/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMethodStyleEmulator } from './emulator';
import { CreateSerializer } from './operations/create-lock';
import { defineBillomatStyleProvider, type BillomatStyleAdapter } from './index';

const EMAIL = 'owner@acme.example';
const API_KEY = 'concurrency-key-2a7f9e03';

const input: InvoiceCreateInput = {
  currency: 'EUR',
  customer: { id: '42' },
  lines: [{ description: 'Beratung', unitPrice: '100.00', taxRate: 19 }],
};

let emulator: ReturnType<typeof createMethodStyleEmulator>;
let served: ServedEmulator;
let adapters: BillomatStyleAdapter[];

beforeEach(async () => {
  emulator = createMethodStyleEmulator({ email: EMAIL, apiKey: API_KEY });
  emulator.seed({ customers: [{ CUSTOMER_ID: 42, ORGANIZATION: 'Muster GmbH' }] });
  served = await serveEmulator(emulator);
  // Two adapters, each with its own container, transport and sockets: two workers of one process
  // built from one descriptor, which shares one create serialiser.
  const provider = defineBillomatStyleProvider({ createSerializer: new CreateSerializer() });
  adapters = [0, 1].map(() =>
    createAdapterFrom(provider, { email: EMAIL, apiKey: API_KEY, baseUrl: served.baseUrl }),
  );
});
afterEach(async () => {
  await Promise.all(adapters.map((adapter) => adapter.close()));
  await served.close();
});

const creates = () =>
  emulator.requests.filter((request) => /"SERVICE":"invoice\.create"/.test(request.body)).length;

describe('concurrent creates with one externalId', () => {
  it('two adapters of one process on one account: one invoice; the second call gets it as existed', async () => {
    const [a, b] = adapters as [BillomatStyleAdapter, BillomatStyleAdapter];
    const results = await Promise.all([
      a.invoices.create({ ...input, externalId: 'erp-race-1' }),
      b.invoices.create({ ...input, externalId: 'erp-race-1' }),
    ]);
    expect(creates()).toBe(1);
    expect(new Set(results.map((result) => result.data.id)).size).toBe(1);
    expect(results.map((result) => result.existed === true).sort()).toEqual([false, true]);
    expect(await collect(a.invoices.list({ externalId: 'erp-race-1' }))).toHaveLength(1);
  });

  it('and with a buyer snapshot: one customer made from it, one invoice', async () => {
    const [a, b] = adapters as [BillomatStyleAdapter, BillomatStyleAdapter];
    const snapshot = { ...input, customer: { snapshot: { name: 'Parallel GmbH' } } };
    const results = await Promise.all([
      a.invoices.create({ ...snapshot, externalId: 'erp-race-2' }),
      b.invoices.create({ ...snapshot, externalId: 'erp-race-2' }),
    ]);
    expect(new Set(results.map((result) => result.data.customer.id)).size).toBe(1);
    expect(await collect(a.customers.list({ name: 'Parallel' }))).toHaveLength(1);
    expect(creates()).toBe(1);
  });

  it('different externalIds are not serialised against each other', async () => {
    const [a, b] = adapters as [BillomatStyleAdapter, BillomatStyleAdapter];
    await Promise.all([
      a.invoices.create({ ...input, externalId: 'erp-par-1' }),
      b.invoices.create({ ...input, externalId: 'erp-par-2' }),
    ]);
    expect(creates()).toBe(2);
  });

  // What no client can prevent: the vendor documents no uniqueness of INVOICE_EXT_UID
  // (docs/vendors/method-style.md §9.2 lists it as a plain field), and the emulator, like the
  // vendor, keeps duplicates. Two
  // processes racing on one externalId can therefore make two invoices; concurrent migrations
  // are kept apart by the migration journal's lock, not by the vendor.
  it('the vendor itself keeps two invoices with one INVOICE_EXT_UID (no unique constraint)', async () => {
    const [a] = adapters as [BillomatStyleAdapter];
    const data = {
      CUSTOMER_ID: '42',
      INVOICE_EXT_UID: 'erp-dup',
      ITEMS: [{ DESCRIPTION: 'x', UNIT_PRICE: '1.00', VAT_PERCENT: '19' }],
    };
    const first = await a.vendor.invoices.create(data);
    const second = await a.vendor.invoices.create(data);
    expect(first.invoiceId).not.toBe(second.invoiceId);
    expect(await collect(a.invoices.list({ externalId: 'erp-dup' }))).toHaveLength(2);
  });
});
