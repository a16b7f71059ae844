import type { InvoiceCreateInput } from '@invoicekit/core';
import { attachToNock } from '@invoicekit/core/emulator';
import { collect, createFakeClock } from '@invoicekit/core/testing';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMethodStyleEmulator } from './emulator';
import { createBillomatStyleAdapter, type BillomatStyleAdapter } from './index';

// Issue 12 "Book fidelity": what the vendor holds is read back, field by field, through the
// package's own emulator.

const HOST = 'https://app.monsum.com';
const EMAIL = 'owner@acme.example';
const API_KEY = 'book-key-0c4e7a19';

let emulator: ReturnType<typeof createMethodStyleEmulator>;
let adapter: BillomatStyleAdapter;

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());

function setUp(endpoint: 'monsum' | 'fastbill' = 'monsum'): void {
  // 2026-11-20 in Berlin: "today" on both sides.
  const clock = createFakeClock(Date.UTC(2026, 10, 20, 9));
  emulator = createMethodStyleEmulator({
    email: EMAIL,
    apiKey: API_KEY,
    now: () => new Date(clock.now()),
  });
  attachToNock(emulator, nock(HOST));
  adapter = createBillomatStyleAdapter({
    email: EMAIL,
    apiKey: API_KEY,
    baseUrl: HOST,
    endpoint,
    clock,
  });
  emulator.seed({
    customers: [{ CUSTOMER_ID: 42, ORGANIZATION: 'Muster GmbH', PAYMENT_TYPE: '1' }],
  });
}

beforeEach(() => setUp());
afterEach(async () => {
  await adapter.close();
  nock.cleanAll();
});

const input: InvoiceCreateInput = {
  currency: 'EUR',
  issueDate: '2026-11-18',
  customer: { id: '42' },
  lines: [
    {
      description: 'Beratung',
      sku: 'B-1',
      quantity: '2',
      unitPrice: '100.00',
      taxRate: 19,
      unit: 'h',
    },
  ],
};

/** An issued invoice of 119.00 EUR from 2026-10-01 (due 2026-10-15) with two part payments. */
async function seedPartlyPaid(): Promise<string> {
  emulator.seed({
    invoices: [
      {
        CUSTOMER_ID: 42,
        INVOICE_DATE: '2026-10-01',
        ITEMS: [{ DESCRIPTION: 'Beratung', UNIT_PRICE: '100.00', VAT_PERCENT: '19', UNIT: 'h' }],
        PAYMENTS: [
          { DATE: '2026-10-05', AMOUNT: '50.00', TYPE: '1', NOTE: 'SEPA 77' },
          { DATE: '2026-10-20', AMOUNT: '19.00', TYPE: '6' },
        ],
      },
    ],
  });
  const [only] = await collect(adapter.invoices.list());
  return only?.id ?? '';
}

describe('create makes a draft, and reads back what was sent', () => {
  it('a draft: no number (the vendor numbers on complete), lifecycle draft, nothing due', async () => {
    const { data, warnings } = await adapter.invoices.create({ ...input, number: 'RE-0042' });
    expect(warnings).toEqual([
      expect.objectContaining({ type: 'unsupported_field', path: 'number' }),
    ]);
    const read = await adapter.invoices.get(data.id);
    expect(read.number).toBeNull();
    expect(read.state).toEqual({ lifecycle: 'draft', payment: 'unpaid', due: 'none' });
    expect(read.status.canonical).toBe('draft');
    expect(read.payments).toEqual([]);
    const finalized = await adapter.invoices.finalize(data.id);
    expect(finalized.data.number).toMatch(/^\d+$/);
    expect(finalized.data.state).toEqual({ lifecycle: 'issued', payment: 'unpaid', due: 'open' });
  });

  it('a line’s unit (h) and sku are read back, not null', async () => {
    const { data } = await adapter.invoices.create(input);
    const [line] = (await adapter.invoices.get(data.id)).lines;
    expect(line).toMatchObject({ unit: 'h', sku: 'B-1', productId: null, quantity: '2.00' });
  });

  it('the early-payment discount is kept; terms come from the customer', async () => {
    const { data } = await adapter.invoices.create({
      ...input,
      earlyPaymentDiscount: { percent: '2', days: 10 },
    });
    const read = await adapter.invoices.get(data.id);
    expect(read.earlyPaymentDiscount).toEqual({ percent: '2', days: 10 });
    expect(read.paymentTermsDays).toBe(14);
    expect(read.dueDate).toBe('2026-12-02');
    expect(read.bankAccount).toBeNull();
  });

  it('describeFields says how each field is carried: number unsupported, unit written', () => {
    const fields = adapter.describeFields().invoice ?? [];
    const byPath = new Map(fields.map((field) => [field.path, field]));
    expect(byPath.get('number')).toMatchObject({
      handling: 'unsupported',
      reason: expect.stringMatching(/invoice\.complete/),
    });
    expect(byPath.get('lines.*.unit')?.handling).toBe('written');
    expect(byPath.get('earlyPaymentDiscount')?.handling).toBe('written');
    expect(adapter.describeFields().customer?.length).toBeGreaterThan(0);
  });
});

describe('payments are records', () => {
  it('two part payments stay two records with their own dates, amounts and methods', async () => {
    const id = await seedPartlyPaid();
    const payments = await adapter.invoices.payments(id);
    expect(
      payments.map((payment) => [
        payment.date,
        payment.amount,
        payment.method,
        payment.methodRaw,
        payment.reference,
      ]),
    ).toEqual([
      ['2026-10-05', '50.00', 'transfer', '1', 'SEPA 77'],
      ['2026-10-20', '19.00', 'card', '6', null],
    ]);
    expect(payments.every((payment) => payment.id !== null && payment.invoiceId === id)).toBe(true);
    expect((await adapter.invoices.get(id)).payments).toEqual(payments);
  });

  it('an overdue, partly paid invoice is found by partially_paid and by overdue', async () => {
    const id = await seedPartlyPaid();
    const invoice = await adapter.invoices.get(id);
    expect(invoice.state).toEqual({
      lifecycle: 'issued',
      payment: 'partially_paid',
      due: 'overdue',
    });
    expect(invoice.totals).toMatchObject({ gross: '119.00', paid: '69.00', due: '50.00' });
    for (const status of ['partially_paid', 'overdue'] as const) {
      const found = await collect(adapter.invoices.list({ status: [status] }));
      expect(found.map((each) => each.id)).toEqual([id]);
    }
  });

  it('Monsum: markPaid books the rest on the given date; method and reference are warnings', async () => {
    const id = await seedPartlyPaid();
    const from = emulator.requests.length;
    const { data, warnings } = await adapter.invoices.markPaid(id, {
      date: '2026-11-19',
      method: 'cash',
      reference: 'Quittung 5',
    });
    expect(warnings.map((warning) => ('path' in warning ? warning.path : ''))).toEqual([
      'method',
      'reference',
    ]);
    const setPaid = emulator.requests
      .slice(from)
      .map((request) => JSON.parse(request.body) as { SERVICE: string; DATA?: unknown })
      .find((envelope) => envelope.SERVICE === 'invoice.setpaid');
    expect(setPaid?.DATA).toEqual({ INVOICE_ID: id, PAID_DATE: '2026-11-19' });
    expect(data.state).toEqual({ lifecycle: 'issued', payment: 'paid', due: 'none' });
    expect(data.payments.map((payment) => [payment.date, payment.amount])).toEqual([
      ['2026-10-05', '50.00'],
      ['2026-10-20', '19.00'],
      ['2026-11-19', '50.00'],
    ]);
    expect(data.paidDate).toBe('2026-11-19');
  });

  it('classic FastBill: markPaid records the method, read back as the canonical one', async () => {
    await adapter.close();
    nock.cleanAll();
    setUp('fastbill');
    const { data } = await adapter.invoices.create(input);
    await adapter.invoices.finalize(data.id);
    const paid = await adapter.invoices.markPaid(data.id, { date: '2026-11-19', method: 'cheque' });
    expect(paid.warnings).toEqual([]);
    expect(paid.data.payments).toEqual([
      expect.objectContaining({
        date: '2026-11-19',
        amount: '238.00',
        method: 'cheque',
        methodRaw: 'scheck',
      }),
    ]);
  });
});

describe('cancel', () => {
  it('keeps the type, reads lifecycle canceled, and nothing is due', async () => {
    const { data } = await adapter.invoices.create(input);
    await adapter.invoices.finalize(data.id);
    const { data: canceled } = await adapter.invoices.cancel(data.id);
    expect(canceled.type).toBe('invoice');
    expect(canceled.state).toEqual({ lifecycle: 'canceled', payment: 'unpaid', due: 'none' });
    expect(canceled.totals.due).toBe('0.00');
    expect(canceled.status.canonical).toBe('canceled');
  });
});
