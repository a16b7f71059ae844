import { toDecimal } from '@invoicekit/core';
import { serveEmulator, type ServedEmulator } from '@invoicekit/core/emulator';
import { collect } from '@invoicekit/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInvoiceOceanEmulator } from './emulator';
import { createInvoiceOceanAdapter } from './index';

/**
 * Issue 12 "book fidelity", end to end through the emulator on loopback: what is written is what
 * is read back, field by field, and the emulator holds it in the vendor's wire shape.
 */
const TOKEN = 'book-token-1212';
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
const line = { description: 'Consulting', quantity: '2', unitPrice: '100', taxRate: 23 };
const lastBody = (method: string, path: string): Record<string, unknown> => {
  const request = emulator.requests.filter((r) => r.method === method && r.path === path).at(-1);
  return JSON.parse(String(request?.body)) as Record<string, unknown>;
};

describe('what a create writes is read back', () => {
  it('keeps number, unit, product id, seller, language, order id, terms, skonto, bank account, rate and internal note', async () => {
    const product = await adapter.vendor.products.create({
      name: 'Consulting',
      price_net: '100',
      tax: 23,
    });
    const { data, warnings } = await adapter.invoices.create({
      number: 'FV/2026/0042',
      currency: 'EUR',
      issueDate: '2026-03-02',
      paymentTermsDays: 14,
      earlyPaymentDiscount: { percent: '2', days: 10 },
      bankAccount: { bankName: 'mBank', iban: 'PL61109010140000071219812874' },
      exchangeRate: { currency: 'PLN', rate: '4.3012' },
      customer: buyer,
      seller: { name: 'Seller Sp. z o.o.', taxId: '5252445767' },
      lines: [{ ...line, unit: 'h', productId: String(product.id) }],
      notes: 'printed remark',
      internalNotes: 'never printed',
      orderId: 'ORDER-7',
      language: 'en',
    });
    expect(warnings).toEqual([]);
    const read = await adapter.invoices.get(data.id);
    expect(read.number).toBe('FV/2026/0042');
    expect(read.lines[0]?.unit).toBe('h');
    expect(read.lines[0]?.productId).toBe(String(product.id));
    expect(read.seller).toMatchObject({ name: 'Seller Sp. z o.o.', taxId: '5252445767' });
    expect(read.language).toBe('en');
    expect(read.orderId).toBe('ORDER-7');
    expect(read.paymentTermsDays).toBe(14);
    expect(read.dueDate).toBe('2026-03-16');
    expect(read.earlyPaymentDiscount).toEqual({ percent: '2', days: 10 });
    expect(read.bankAccount).toEqual({
      bankName: 'mBank',
      iban: 'PL61109010140000071219812874',
      bic: null,
    });
    expect(read.exchangeRate).toEqual({ currency: 'PLN', rate: '4.3012', source: 'own' });
    expect(read.notes).toBe('printed remark');
    expect(read.internalNotes).toBe('never printed');
    // In the vendor's own field names.
    expect(lastBody('POST', '/invoices.json').invoice).toMatchObject({
      number: 'FV/2026/0042',
      payment_to_kind: 14,
      skonto_active: true,
      skonto_discount_date: '2026-03-12',
      skonto_discount_value: '2',
      seller_bank: 'mBank',
      seller_bank_account: 'PL61109010140000071219812874',
      exchange_currency: 'PLN',
      exchange_kind: 'own',
      exchange_currency_rate: '4.3012',
      internal_note: 'never printed',
    });
  });

  it('without a number, the vendor numbers it', async () => {
    const { data } = await adapter.invoices.create({
      currency: 'PLN',
      customer: buyer,
      lines: [line],
    });
    expect(lastBody('POST', '/invoices.json').invoice).toMatchObject({ number: null });
    expect(data.number).toMatch(/^\d+\/\d{2}\/\d{4}$/);
  });

  it('says the seller SWIFT is not kept outside VosFactures, and keeps it on VosFactures', async () => {
    const { data, warnings } = await adapter.invoices.create({
      currency: 'PLN',
      customer: buyer,
      bankAccount: { iban: 'PL61109010140000071219812874', bic: 'BREXPLPW' },
      lines: [line],
    });
    expect(warnings).toEqual([
      expect.objectContaining({ type: 'unsupported_field', path: 'bankAccount.bic' }),
    ]);
    expect(data.bankAccount?.bic).toBeNull();

    const vosfactures = createInvoiceOceanAdapter({
      apiToken: `${TOKEN}/acme`,
      baseUrl: served.baseUrl,
      brand: 'vosfactures',
    });
    try {
      const created = await vosfactures.invoices.create({
        currency: 'EUR',
        customer: buyer,
        bankAccount: { iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP' },
        lines: [line],
      });
      expect(created.warnings).toEqual([]);
      expect(lastBody('POST', '/invoices.json').invoice).toMatchObject({
        additional_fields: { seller_bank_swift: 'AGRIFRPP' },
      });
      expect((await vosfactures.invoices.get(created.data.id)).bankAccount).toEqual({
        bankName: null,
        iban: 'FR7630006000011234567890189',
        bic: 'AGRIFRPP',
      });
      expect(
        vosfactures.describeFields().invoice?.find((field) => field.path === 'bankAccount.bic'),
      ).toEqual({ path: 'bankAccount.bic', handling: 'written' });
    } finally {
      await vosfactures.close();
    }
  });

  it('describes its fields: number written, the one order id approximated', () => {
    const fields = adapter.describeFields().invoice ?? [];
    expect(fields.find((field) => field.path === 'number')).toEqual({
      path: 'number',
      handling: 'written',
    });
    for (const path of ['externalId', 'orderId'])
      expect(fields.find((field) => field.path === path)).toMatchObject({
        handling: 'approximated',
        reason: expect.stringContaining('oid'),
      });
    expect(fields.find((field) => field.path === 'bankAccount.bic')).toMatchObject({
      handling: 'unsupported',
    });
  });
});

describe('payments are records', () => {
  it('two payments stay two, with their own date, method, reference and amount', async () => {
    const { data } = await adapter.invoices.create({
      currency: 'PLN',
      customer: buyer,
      lines: [line],
    });
    await adapter.invoices.markPaid(data.id, {
      amount: '100',
      date: '2026-03-05',
      method: 'transfer',
      reference: 'BANK-REF-1',
    });
    const paid = await adapter.invoices.markPaid(data.id, {
      date: '2026-03-09',
      method: 'direct_debit',
    });
    expect(lastBody('POST', '/banking/payments.json').banking_payment).toMatchObject({
      provider: 'direct_debit',
      paid_date: '2026-03-09',
      price: '146.00',
    });
    expect(paid.data.payments.map(({ raw: _raw, id: _id, ...payment }) => payment)).toEqual([
      {
        provider: 'invoiceocean',
        invoiceId: data.id,
        amount: '100.00',
        currency: 'PLN',
        date: '2026-03-05',
        method: 'transfer',
        methodRaw: 'transfer',
        reference: 'BANK-REF-1',
      },
      {
        provider: 'invoiceocean',
        invoiceId: data.id,
        amount: '146.00',
        currency: 'PLN',
        date: '2026-03-09',
        method: 'direct_debit',
        methodRaw: 'direct_debit',
        // No reference given: the name the adapter had to send reads as none.
        reference: null,
      },
    ]);
    expect(await adapter.invoices.payments(data.id)).toEqual(paid.data.payments);
    expect(paid.data.state).toEqual({ lifecycle: 'issued', payment: 'paid', due: 'none' });
  });

  it('a vendor word without a canonical method reads as other, its word kept', async () => {
    const { data } = await adapter.invoices.create({
      currency: 'PLN',
      customer: buyer,
      lines: [line],
    });
    await adapter.vendor.payments.create({
      name: 'Barter deal',
      price: '10',
      invoice_id: Number(data.id),
      paid: true,
      kind: 'api',
      provider: 'barter',
    });
    const [payment] = (await adapter.invoices.get(data.id)).payments;
    expect(payment).toMatchObject({
      method: 'other',
      methodRaw: 'barter',
      reference: 'Barter deal',
    });
  });
});

describe('state facts that hold together', () => {
  it('an overdue, partly paid invoice is found by partially_paid and by overdue', async () => {
    const { data } = await adapter.invoices.create({
      currency: 'PLN',
      customer: buyer,
      issueDate: '2026-01-10',
      dueDate: '2026-01-24',
      lines: [line],
    });
    const partly = await adapter.invoices.markPaid(data.id, { amount: '50', date: '2026-01-20' });
    expect(partly.data.state).toEqual({
      lifecycle: 'issued',
      payment: 'partially_paid',
      due: 'overdue',
    });
    for (const status of ['partially_paid', 'overdue'] as const) {
      const found = await collect(adapter.invoices.list({ status: [status] }));
      expect(found.map((invoice) => invoice.id)).toEqual([data.id]);
    }
  });

  it('a sent invoice paid later is still sent (the vendor keeps sent_time)', async () => {
    const { data } = await adapter.invoices.create({
      currency: 'PLN',
      customer: buyer,
      lines: [line],
    });
    await adapter.invoices.send(data.id, { to: ['buyer@example.com'] });
    const paid = await adapter.invoices.markPaid(data.id, {});
    expect(paid.data.status.raw).toBe('paid');
    expect(paid.data.state).toEqual({ lifecycle: 'sent', payment: 'paid', due: 'none' });
    const sent = await collect(adapter.invoices.list({ status: ['sent'] }));
    expect(sent.map((invoice) => invoice.id)).toEqual([data.id]);
  });

  it('canceling keeps the type, and a canceled, partly paid document owes nothing', async () => {
    const { data } = await adapter.invoices.create({
      type: 'proforma',
      currency: 'PLN',
      customer: buyer,
      lines: [line],
    });
    await adapter.invoices.markPaid(data.id, { amount: '50' });
    const canceled = await adapter.invoices.cancel(data.id);
    expect(canceled.data.type).toBe('proforma');
    // (The payment fact is core's to derive; the lifecycle and what is owed are the vendor's.)
    expect(canceled.data.state).toMatchObject({ lifecycle: 'canceled', due: 'none' });
    expect(toDecimal(canceled.data.totals.due).isZero()).toBe(true);
    expect(canceled.data.totals.paid).toBe('50.00');
    // Read again later (as a migration does), the type is still there.
    expect((await adapter.invoices.get(data.id)).type).toBe('proforma');
    expect(lastBody('POST', '/invoices/cancel.json')).toMatchObject({
      cancel_reason: 'canceled through invoicekit (kind: proforma)',
    });
  });
});

describe('customer bank details', () => {
  it('keep the bank, the account and the BIC (the client card’s swift)', async () => {
    const bank = { bankName: 'mBank', iban: 'PL61109010140000071219812874', bic: 'BREXPLPW' };
    const { data, warnings } = await adapter.customers.create({
      kind: 'company',
      name: 'Client S.A.',
      bank,
    });
    expect(warnings).toEqual([]);
    expect(lastBody('POST', '/clients.json').client).toMatchObject({
      bank: 'mBank',
      bank_account: 'PL61109010140000071219812874',
      swift: 'BREXPLPW',
    });
    expect((await adapter.customers.get(data.id)).bank).toEqual(bank);
    const [listed] = await collect(adapter.customers.list({ name: 'Client S.A.' }));
    expect(listed?.bank).toEqual(bank);
  });
});

describe('line units', () => {
  it('survive a list and a replacement of the lines', async () => {
    const { data } = await adapter.invoices.create({
      currency: 'PLN',
      customer: buyer,
      lines: [{ ...line, unit: 'h' }],
    });
    const [listed] = await collect(adapter.invoices.list());
    expect(listed?.lines[0]?.unit).toBe('h');
    const updated = await adapter.invoices.update(data.id, {
      lines: [{ ...line, unit: 'kg' }],
    });
    expect(updated.data.lines.map((item) => item.unit)).toEqual(['kg']);
    expect((await adapter.invoices.get(data.id)).lines[0]?.unit).toBe('kg');
  });
});
