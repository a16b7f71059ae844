import { ConflictError } from '@invoicekit/core';
import { attachToNock } from '@invoicekit/core/emulator';
import { collect, createFakeClock } from '@invoicekit/core/testing';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPlandocketEmulator } from './emulator';
import { createPlandocketAdapter, type PlandocketAdapter } from './index';

/**
 * Issue 12 "Book fidelity", end to end through the emulator: what Plandocket holds reads back
 * field by field — payments as records, the lifecycle apart from payment and due, lines with
 * their unit and product — and markPaid writes date, method and reference.
 */

const HOST = 'https://acme.plandocket.com';
const API_KEY = 'pd-book-key-3e9a1c7f25';

let emulator: ReturnType<typeof createPlandocketEmulator>;
let adapter: PlandocketAdapter;

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
afterEach(async () => {
  await adapter.close();
  nock.cleanAll();
});

/** Invoices 1001 (sent, 238.00, due 2026-11-01) … as each test seeds them; today 2026-11-20. */
function setUp(): void {
  const clock = createFakeClock(Date.UTC(2026, 10, 20, 9));
  emulator = createPlandocketEmulator({ apiKey: API_KEY, now: () => new Date(clock.now()) });
  attachToNock(emulator, nock(HOST));
  adapter = createPlandocketAdapter({ tenant: 'acme', apiKey: API_KEY, pageSize: 10, clock });
  emulator.seed({ contacts: [{ id: 12, customer_number: 'K-12', company_name: 'Messe GmbH' }] });
}

const STAND = { description: 'Standmiete', quantity: '2', unit_price: '100.00', tax_rate: '19' };

describe('payments are records: several, each with its own amount, date, method, reference', () => {
  it('seeded payments read back oldest first, with gateway → method and transaction id', async () => {
    setUp();
    emulator.seed({
      invoices: [{ id: 1001, contact_id: 12, items: [STAND], created_at: '2026-10-01' }],
      payments: [
        {
          invoice_id: 1001,
          amount: '100.00',
          payment_date: '2026-10-10',
          gateway_key: 'bank_transfer',
          transaction_id: 'SEPA-1010',
          created_at: '2026-10-10T12:00:00Z',
        },
        {
          invoice_id: 1001,
          amount: '38.00',
          payment_date: '2026-10-12',
          gateway_key: 'stripe',
          transaction_id: 'pi_3Nx',
          created_at: '2026-10-12T12:00:00Z',
        },
        {
          invoice_id: 1001,
          amount: '5.00',
          status: 'failed',
          payment_date: '2026-10-13',
          created_at: '2026-10-13T12:00:00Z',
        },
      ],
    });
    const invoice = await adapter.invoices.get('1001');
    expect(
      invoice.payments.map((payment) => ({
        id: payment.id,
        invoiceId: payment.invoiceId,
        amount: payment.amount,
        currency: payment.currency,
        date: payment.date,
        method: payment.method,
        methodRaw: payment.methodRaw,
        reference: payment.reference,
      })),
    ).toEqual([
      {
        id: '9001',
        invoiceId: '1001',
        amount: '100.00',
        currency: 'EUR',
        date: '2026-10-10',
        method: 'transfer',
        methodRaw: 'bank_transfer',
        reference: 'SEPA-1010',
      },
      {
        id: '9002',
        invoiceId: '1001',
        amount: '38.00',
        currency: 'EUR',
        date: '2026-10-12',
        method: 'card',
        methodRaw: 'stripe',
        reference: 'pi_3Nx',
      },
    ]);
    expect(invoice).toMatchObject({
      paidDate: null,
      totals: { gross: '238.00', paid: '138.00', due: '100.00' },
    });
    expect(await adapter.invoices.payments('1001')).toEqual(invoice.payments);
  });

  it('markPaid twice: two records with their own dates, methods and references', async () => {
    setUp();
    emulator.seed({ invoices: [{ id: 1001, contact_id: 12, items: [STAND] }] });
    await adapter.invoices.markPaid('1001', {
      amount: '100.00',
      date: '2026-11-02',
      method: 'transfer',
      reference: 'Kontoauszug 17',
    });
    const second = await adapter.invoices.markPaid('1001', {
      date: '2026-11-09',
      method: 'paypal',
    });
    expect(second.warnings).toEqual([]);
    expect(
      second.data.payments.map((payment) => [
        payment.amount,
        payment.date,
        payment.method,
        payment.methodRaw,
        payment.reference,
      ]),
    ).toEqual([
      ['100.00', '2026-11-02', 'transfer', 'bank_transfer', 'Kontoauszug 17'],
      // Without a reference the adapter's own transaction id is not passed off as one.
      ['138.00', '2026-11-09', 'paypal', 'paypal', null],
    ]);
    expect(second.data).toMatchObject({
      paidDate: '2026-11-09',
      state: { payment: 'paid', due: 'none' },
    });
    // What the vendor holds: the date as given, the gateway key and the reference as transaction id.
    const posted = emulator.requests
      .filter((request) => request.method === 'POST' && request.path === '/api/v1/payments')
      .map((request) => JSON.parse(request.body) as Record<string, unknown>);
    expect(posted[0]).toMatchObject({
      payment_date: '2026-11-02',
      gateway_key: 'bank_transfer',
      transaction_id: 'Kontoauszug 17',
    });
    expect(posted[1]).toMatchObject({ payment_date: '2026-11-09', gateway_key: 'paypal' });
  });

  it('method other names no gateway: a warning at method, and strict mode sends nothing', async () => {
    setUp();
    emulator.seed({ invoices: [{ id: 1001, contact_id: 12, items: [STAND] }] });
    const before = emulator.requests.length;
    await expect(
      adapter.invoices.markPaid('1001', { method: 'other' }, { strict: true }),
    ).rejects.toMatchObject({ code: 'unsupported' });
    expect(emulator.requests.slice(before).filter((request) => request.method === 'POST')).toEqual(
      [],
    );
    const paid = await adapter.invoices.markPaid('1001', { method: 'other' });
    expect(paid.warnings).toEqual([
      expect.objectContaining({ type: 'unsupported_field', path: 'method' }),
    ]);
    expect(paid.data.payments).toMatchObject([{ method: null, methodRaw: null }]);
  });

  it('a lost answer with a reused reference finds the new payment, never the earlier one', async () => {
    setUp();
    emulator.seed({
      invoices: [{ id: 1001, invoice_number: 'RE-2026-0001', contact_id: 12, items: [STAND] }],
      payments: [{ invoice_id: 1001, amount: '10.00', transaction_id: 'Sammelzahlung 4' }],
    });
    emulator.faults.inject({
      kind: 'response_lost',
      match: { method: 'POST', path: '/api/v1/payments' },
    });
    const paid = await adapter.invoices.markPaid('1001', {
      amount: '20.00',
      reference: 'Sammelzahlung 4',
    });
    // One new payment, not two: the look-up found it and nothing was posted again.
    expect(paid.data.payments.map((payment) => [payment.amount, payment.reference])).toEqual([
      ['10.00', 'Sammelzahlung 4'],
      ['20.00', 'Sammelzahlung 4'],
    ]);
    expect(paid.data.totals.paid).toBe('30.00');
  });
});

describe('state: lifecycle, payment and due as separate facts', () => {
  it('a draft reads back as a draft, owing nothing yet', async () => {
    setUp();
    emulator.seed({ invoices: [{ id: 1001, status: 'draft', items: [STAND] }] });
    const draft = await adapter.invoices.get('1001');
    expect(draft.state).toEqual({ lifecycle: 'draft', payment: 'unpaid', due: 'none' });
    expect(draft.status).toEqual({ canonical: 'draft', raw: 'draft' });
    expect((await collect(adapter.invoices.list({ status: ['draft'] }))).map((i) => i.id)).toEqual([
      '1001',
    ]);
  });

  it('overdue and partly paid: found by partially_paid and by overdue', async () => {
    setUp();
    emulator.seed({
      invoices: [{ id: 1001, items: [STAND], due_date: '2026-11-01' }],
      payments: [{ invoice_id: 1001, amount: '50.00', payment_date: '2026-10-20' }],
    });
    // The vendor's overdue run names it overdue, whatever was paid.
    await adapter.vendor.invoices.update('1001', { status: 'overdue' });
    const invoice = await adapter.invoices.get('1001');
    expect(invoice.status.raw).toBe('overdue');
    expect(invoice.state).toEqual({ lifecycle: 'sent', payment: 'partially_paid', due: 'overdue' });
    for (const status of ['partially_paid', 'overdue', 'sent'] as const)
      expect((await collect(adapter.invoices.list({ status: [status] }))).map((i) => i.id)).toEqual(
        ['1001'],
      );
  });

  it('sent, then paid in full: still sent (locked on sending), found by sent and by paid', async () => {
    setUp();
    emulator.seed({
      invoices: [{ id: 1001, status: 'sent', items: [STAND] }],
      payments: [{ invoice_id: 1001, amount: '238.00', payment_date: '2026-11-05' }],
    });
    const invoice = await adapter.invoices.get('1001');
    expect(invoice.status).toEqual({ canonical: 'paid', raw: 'paid' });
    expect(invoice.state).toEqual({ lifecycle: 'sent', payment: 'paid', due: 'none' });
    for (const status of ['sent', 'paid'] as const)
      expect((await collect(adapter.invoices.list({ status: [status] }))).map((i) => i.id)).toEqual(
        ['1001'],
      );
  });

  it('a reminder marks an invoice sent', async () => {
    setUp();
    emulator.seed({
      invoices: [{ id: 1001, status: 'overdue', reminder_sent_at: '2026-11-10', items: [STAND] }],
    });
    expect((await adapter.invoices.get('1001')).state.lifecycle).toBe('sent');
  });

  it('cancel: lifecycle canceled, nothing due though the vendor still shows an open amount', async () => {
    setUp();
    emulator.seed({
      invoices: [{ id: 1001, invoice_type: 'credit_note', items: [STAND] }],
      payments: [{ invoice_id: 1001, amount: '38.00' }],
    });
    const { data } = await adapter.invoices.cancel('1001');
    expect((data.raw as { open_amount: unknown }).open_amount).toBe('200');
    expect(data).toMatchObject({
      type: 'credit_note',
      status: { canonical: 'canceled', raw: 'cancelled' },
      state: { lifecycle: 'canceled', due: 'none' },
      totals: { paid: '38.00', due: '0.00' },
    });
    await expect(adapter.invoices.markPaid('1001')).rejects.toBeInstanceOf(ConflictError);
  });
});

describe('what the invoice holds reads back field by field', () => {
  it('number, lines with unit and product id, internal notes; the rest is null', async () => {
    setUp();
    emulator.seed({
      invoices: [
        {
          id: 1001,
          invoice_number: 'PD/2026/0042',
          contact_id: 12,
          notes: 'Rabatt mit Herrn Weber abgesprochen',
          service_date: '2026-10-15',
          created_at: '2026-10-01T08:00:00Z',
          items: [
            {
              description: 'Aufbauhilfe',
              quantity: '3',
              unit: 'h',
              unit_price: '45.00',
              tax_rate: '19',
              product_id: 77,
            },
          ],
        },
      ],
    });
    const invoice = await adapter.invoices.get('1001');
    expect(invoice).toMatchObject({
      number: 'PD/2026/0042',
      issueDate: '2026-10-01',
      serviceDate: '2026-10-15',
      // The vendor documents its notes as internal notes on the invoice: never printed.
      notes: null,
      internalNotes: 'Rabatt mit Herrn Weber abgesprochen',
      paymentTermsDays: null,
      earlyPaymentDiscount: null,
      bankAccount: null,
      exchangeRate: null,
      seller: null,
      orderId: null,
      language: null,
      externalId: null,
      customer: { id: '12', snapshot: { name: 'Messe GmbH' } },
    });
    expect(invoice.lines).toEqual([
      expect.objectContaining({
        description: 'Aufbauhilfe',
        productId: '77',
        unit: 'h',
        quantity: '3',
        unitPrice: '45',
        totals: { net: '135.00', tax: '25.65', gross: '160.65', discount: '0.00' },
      }),
    ]);
  });

  it('update: internal notes are written as the vendor’s notes; printed notes warn, unsent', async () => {
    setUp();
    emulator.seed({ invoices: [{ id: 1001, items: [STAND] }] });
    const written = await adapter.invoices.update('1001', { internalNotes: 'Ratenzahlung' });
    expect(written.data.internalNotes).toBe('Ratenzahlung');
    const before = emulator.requests.length;
    const printed = await adapter.invoices.update('1001', { notes: 'Danke!' });
    expect(printed.warnings).toEqual([
      expect.objectContaining({ type: 'unsupported_field', path: 'notes' }),
    ]);
    expect(printed.data).toMatchObject({ notes: null, internalNotes: 'Ratenzahlung' });
    expect(emulator.requests.slice(before).filter((request) => request.method !== 'GET')).toEqual(
      [],
    );
  });
});
