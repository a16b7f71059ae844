import { computeLineTotals, DEFAULT_ROUNDING_STRATEGY } from '@invoicekit/core';
import { serveEmulator, type ServedEmulator } from '@invoicekit/core/emulator';
import { collect } from '@invoicekit/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInvoiceOceanEmulator } from './emulator';
import { createInvoiceOceanAdapter } from './index';

/** Adapter behaviour against the emulator on loopback, one scenario per review finding. */
const TOKEN = 'behaviour-token-314';
let served: ServedEmulator;
let emulator: ReturnType<typeof createInvoiceOceanEmulator>;
let adapter: ReturnType<typeof createInvoiceOceanAdapter>;

beforeEach(async () => {
  emulator = createInvoiceOceanEmulator({ apiToken: TOKEN, account: 'acme' });
  served = await serveEmulator(emulator);
  adapter = createInvoiceOceanAdapter({ apiToken: `${TOKEN}/acme`, baseUrl: served.baseUrl });
});
afterEach(async () => {
  await adapter.close();
  await served.close();
});

const buyer = { snapshot: { name: 'Buyer Sp. z o.o.' } };
const postsTo = (path: string) =>
  emulator.requests.filter((request) => request.method === 'POST' && request.path === path).length;

describe('money as the canonical model means it', () => {
  it('an amount discount on a net-priced line comes out as core computes it (grossed up for the vendor)', async () => {
    const line = {
      description: 'Work',
      quantity: '1',
      unitPrice: '100',
      taxRate: 23,
      discount: { kind: 'amount' as const, value: '10' },
    };
    const { data, warnings } = await adapter.invoices.create({
      currency: 'PLN',
      customer: buyer,
      lines: [line],
    });
    const expected = computeLineTotals(
      { ...line, unitPriceKind: 'net', taxRate: { kind: 'percent', value: '23' } },
      'PLN',
      DEFAULT_ROUNDING_STRATEGY,
    );
    expect(data.totals).toMatchObject({ net: expected.net, gross: expected.gross });
    expect(warnings).toEqual([]);
  });

  it('a percentage discount is written as percent_total (taken off the line total) and read back as a percentage', async () => {
    const { data } = await adapter.invoices.create({
      currency: 'PLN',
      customer: buyer,
      lines: [
        {
          description: 'Work',
          quantity: '3',
          unitPrice: '123',
          unitPriceKind: 'gross',
          taxRate: 23,
          discount: { kind: 'percent', value: '33.33' },
        },
      ],
    });
    const sent = emulator.requests.find(
      (request) => request.method === 'POST' && request.path === '/invoices.json',
    );
    expect(JSON.parse(String(sent?.body)).invoice).toMatchObject({
      show_discount: true,
      discount_kind: 'percent_total',
    });
    // docs/vendors/invoiceocean.md §11.4: 3 × 123 less 33.33 % → 246.01 gross, 200.01 net.
    expect(data.lines[0]?.discount).toEqual({ kind: 'percent', value: '33.33' });
    expect(data.totals).toMatchObject({ gross: '246.01', net: '200.01' });
  });

  it('warns when the grossed-up discount cannot be held in two decimals', async () => {
    const { warnings } = await adapter.invoices.create({
      currency: 'PLN',
      customer: buyer,
      lines: [
        {
          description: 'Work',
          unitPrice: '100',
          taxRate: 23,
          discount: { kind: 'amount', value: '0.05' },
        },
      ],
    });
    expect(warnings).toEqual([
      expect.objectContaining({ type: 'approximated', path: 'lines.0.discount.value' }),
    ]);
  });

  it('a credit note keeps its line discount: −100 gross with 5 off credits −95', async () => {
    const original = await adapter.invoices.create({
      currency: 'PLN',
      customer: buyer,
      lines: [
        {
          description: 'Item',
          quantity: '1',
          unitPrice: '100',
          unitPriceKind: 'gross',
          taxRate: 0,
        },
      ],
    });
    const { data } = await adapter.invoices.create({
      type: 'credit_note',
      currency: 'PLN',
      relatedInvoiceId: original.data.id,
      customer: { id: original.data.customer.id ?? '' },
      lines: [
        {
          description: 'Item',
          quantity: '1',
          unitPrice: '-100',
          unitPriceKind: 'gross',
          taxRate: 0,
          discount: { kind: 'amount', value: '5' },
        },
      ],
    });
    expect(data.totals.gross).toBe('-95.00');
  });

  it('rounds every currency to two decimals like the vendor (JPY included)', async () => {
    const { data } = await adapter.invoices.create({
      currency: 'JPY',
      customer: buyer,
      lines: [1, 2].map(() => ({
        description: 'Item',
        unitPrice: '1000',
        unitPriceKind: 'gross' as const,
        taxRate: 23,
      })),
    });
    expect(data.totals).toMatchObject({ net: '1626.02', gross: '2000' });
  });
});

describe('writes that must not happen twice', () => {
  it('markPaid on a paid invoice records nothing', async () => {
    const { data } = await adapter.invoices.create({
      currency: 'PLN',
      customer: buyer,
      lines: [{ description: 'x', unitPrice: '10', taxRate: 23 }],
    });
    await adapter.invoices.markPaid(data.id);
    const before = postsTo('/banking/payments.json');
    const again = await adapter.invoices.markPaid(data.id);
    expect(postsTo('/banking/payments.json')).toBe(before);
    expect(again.warnings).toEqual([
      { type: 'other', message: `nothing is due on invoice ${data.id}; no payment was recorded` },
    ]);
  });

  it('markPaid whose answer is lost is found, not paid twice', async () => {
    const { data } = await adapter.invoices.create({
      currency: 'PLN',
      customer: buyer,
      lines: [{ description: 'x', unitPrice: '10', taxRate: 23 }],
    });
    emulator.faults.inject({
      kind: 'response_lost',
      match: { method: 'POST', path: '/banking/payments.json' },
    });
    const paid = await adapter.invoices.markPaid(data.id);
    expect(paid.data.status.canonical).toBe('paid');
    expect(postsTo('/banking/payments.json')).toBe(1);
    expect(await collect(adapter.vendor.payments.list())).toHaveLength(1);
  });

  it('a cancel whose answer is lost is confirmed by reading the invoice', async () => {
    const { data } = await adapter.invoices.create({
      currency: 'PLN',
      customer: buyer,
      lines: [{ description: 'x', unitPrice: '10', taxRate: 23 }],
    });
    emulator.faults.inject({
      kind: 'response_lost',
      match: { method: 'POST', path: '/invoices/cancel.json' },
    });
    const canceled = await adapter.invoices.cancel(data.id);
    expect(canceled.data.status.canonical).toBe('canceled');
    expect(postsTo('/invoices/cancel.json')).toBe(1);
  });
});

describe('line replacement', () => {
  it('works in XML mode (_destroy stays a valid element name)', async () => {
    const xml = createInvoiceOceanAdapter({
      apiToken: `${TOKEN}/acme`,
      baseUrl: served.baseUrl,
      format: 'xml',
    });
    const { data } = await xml.invoices.create({
      currency: 'PLN',
      customer: buyer,
      lines: [
        { description: 'Old A', unitPrice: '10', taxRate: 23 },
        { description: 'Old B', unitPrice: '20', taxRate: 23 },
      ],
    });
    const updated = await xml.invoices.update(data.id, {
      lines: [{ description: 'New', unitPrice: '5', taxRate: 23 }],
    });
    expect(updated.data.lines.map((line) => line.description)).toEqual(['New']);
    const put = emulator.requests.filter((request) => request.method === 'PUT').at(-1);
    expect(put?.body).toContain('<_destroy type="integer">1</_destroy>');
    await xml.close();
  });

  it('keeps a correction a correction when its lines are replaced without a type', async () => {
    const original = await adapter.invoices.create({
      currency: 'PLN',
      customer: buyer,
      lines: [{ description: 'Item', quantity: '3', unitPrice: '10', taxRate: 0 }],
    });
    const credit = await adapter.invoices.create({
      type: 'credit_note',
      currency: 'PLN',
      relatedInvoiceId: original.data.id,
      customer: { id: original.data.customer.id ?? '' },
      lines: [{ description: 'Item', quantity: '1', unitPrice: '-10', taxRate: 0 }],
    });
    const updated = await adapter.invoices.update(credit.data.id, {
      lines: [{ description: 'Item', quantity: '2', unitPrice: '-10', taxRate: 0 }],
    });
    expect(updated.data.totals.gross).toBe('-20.00');
    const positions = (
      updated.data.raw as { positions: { kind: string; correction_after: { quantity: string } }[] }
    ).positions;
    expect(
      positions.map((position) => [position.kind, position.correction_after.quantity]),
    ).toEqual([['correction', '1']]);
  });
});

describe('filters', () => {
  it('a type filter returns what an unfiltered list labels with that type (bill is an invoice; kp is other)', async () => {
    emulator.seed({
      invoices: [{ kind: 'vat' }, { kind: 'bill' }, { kind: 'kp' }, { kind: 'proforma' }],
    });
    const types = async (type: 'invoice' | 'other') =>
      (await collect(adapter.invoices.list({ type: [type] }))).map(
        (invoice) => (invoice.raw as { kind: string }).kind,
      );
    expect(await types('invoice')).toEqual(['vat', 'bill']);
    expect(await types('other')).toEqual(['kp']);
  });
});

describe('customers', () => {
  it('writing back a read street does not print the house number twice', async () => {
    const client = await adapter.vendor.clients.create({
      name: 'Client',
      street: 'Main',
      street_no: '5',
      city: 'Warsaw',
    });
    const read = await adapter.customers.get(client.id ?? '');
    expect(read.address?.street).toBe('Main 5');
    await adapter.customers.update(read.id, {
      address: { street: read.address?.street ?? '', city: 'Warsaw' },
    });
    const raw = (await adapter.customers.get(read.id)).raw as {
      street: string;
      street_no: string | null;
    };
    expect([raw.street, raw.street_no]).toEqual(['Main 5', '']);
  });
});
