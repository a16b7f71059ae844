import { readFileSync } from 'node:fs';
import { InvoiceSchema } from '@invoicekit/core';
import { describe, expect, it } from 'vitest';
import { toCanonicalInvoice } from './to-canonical-invoice';

const capture = (): Record<string, unknown> => {
  const text = readFileSync(
    new URL('../__fixtures__/monsum_invoice.get_response.json', import.meta.url),
    'utf8',
  );
  const parsed = JSON.parse(text) as { RESPONSE: { INVOICES: Record<string, unknown>[] } };
  return parsed.RESPONSE.INVOICES[0] ?? {};
};

/** The recorded invoice made into an open, completed one (the capture is a canceled invoice). */
const openInvoice = (fields: Record<string, unknown>): Record<string, unknown> => ({
  ...capture(),
  STATUS: 'open',
  IS_CANCELED: '0',
  OUTSTANDING_AMOUNT: '9,66',
  ...fields,
});

describe('the Monsum capture → the new Invoice fields', () => {
  it('canceled: lifecycle canceled, nothing due, no payments, terms from DAYS_FOR_PAYMENT', () => {
    const invoice = toCanonicalInvoice(capture(), { today: '2026-11-21' });
    expect(InvoiceSchema.parse(invoice)).toEqual(invoice);
    expect(invoice.state).toEqual({ lifecycle: 'canceled', payment: 'unpaid', due: 'none' });
    expect(invoice.totals.due).toBe('0.00');
    expect(invoice.type).toBe('invoice');
    expect(invoice.payments).toEqual([]);
    expect(invoice.paymentTermsDays).toBe(14);
    // CASH_DISCOUNT_PERCENT "0.00": none
    expect(invoice.earlyPaymentDiscount).toBeNull();
    // BANK_* are the customer's (all null here); the seller's account is not in the answer
    expect(invoice.bankAccount).toBeNull();
    expect(invoice.exchangeRate).toBeNull();
    expect(invoice.internalNotes).toBeNull();
    expect(invoice.lines[0]).toMatchObject({ sku: '11', unit: null, productId: null });
  });

  it('a canceled invoice owes nothing even when the vendor still shows an open amount', () => {
    const invoice = toCanonicalInvoice(
      { ...capture(), OUTSTANDING_AMOUNT: '9,66' },
      {
        today: '2026-11-21',
      },
    );
    expect(invoice.totals).toMatchObject({ paid: '0.00', due: '0.00' });
    expect(invoice.state.due).toBe('none');
  });

  it('a draft reads as lifecycle draft with nothing due', () => {
    const invoice = toCanonicalInvoice(
      openInvoice({ TYPE: 'draft', STATUS: 'draft', INVOICE_NUMBER: '' }),
      { today: '2026-11-21' },
    );
    expect(invoice.state).toEqual({ lifecycle: 'draft', payment: 'unpaid', due: 'none' });
    expect(invoice.status.canonical).toBe('draft');
    expect(invoice.number).toBeNull();
  });

  it('reads early-payment discount, unit and the internal NOTE', () => {
    const item = (capture().ITEMS as Record<string, unknown>[])[0] ?? {};
    const invoice = toCanonicalInvoice(
      openInvoice({
        CASH_DISCOUNT_PERCENT: '2.00',
        CASH_DISCOUNT_DAYS: '10',
        NOTE: 'nur intern',
        INTROTEXT: 'Vielen Dank',
        COMMENT: 'Kundenkommentar',
        ITEMS: [{ ...item, UNIT: 'h' }],
      }),
      { today: '2026-11-21' },
    );
    expect(invoice.earlyPaymentDiscount).toEqual({ percent: '2', days: 10 });
    expect(invoice.lines[0]?.unit).toBe('h');
    expect(invoice.internalNotes).toBe('nur intern');
    // COMMENT is the customer record's comment, not the invoice's printed remarks
    expect(invoice.notes).toBe('Vielen Dank');
  });
});

describe('PAYMENTS[] → payment records', () => {
  const payments = [
    // Listed newest first: read oldest first.
    {
      PAYMENT_ID: '88002',
      DATE: '2015-11-10 00:00:00',
      AMOUNT: '2.00',
      CURRENCY_CODE: 'EUR',
      NOTE: '',
      TYPE: '6',
    },
    {
      PAYMENT_ID: '88001',
      DATE: '2015-10-30 00:00:00',
      AMOUNT: '3.00',
      CURRENCY_CODE: 'EUR',
      NOTE: 'SEPA 2015-10-30/77',
      TYPE: 'ueberweisung',
    },
  ];

  it('each payment is a record with its own amount, date, method and reference', () => {
    const invoice = toCanonicalInvoice(
      openInvoice({ OUTSTANDING_AMOUNT: '4,66', PAYMENTS: payments }),
      {
        today: '2026-11-21',
      },
    );
    expect(invoice.payments).toEqual([
      {
        id: '88001',
        provider: 'billomat-style',
        invoiceId: '2345',
        amount: '3.00',
        currency: 'EUR',
        date: '2015-10-30',
        method: 'transfer',
        methodRaw: 'ueberweisung',
        reference: 'SEPA 2015-10-30/77',
        raw: payments[1],
      },
      {
        id: '88002',
        provider: 'billomat-style',
        invoiceId: '2345',
        amount: '2.00',
        currency: 'EUR',
        date: '2015-11-10',
        method: 'card',
        methodRaw: '6',
        reference: null,
        raw: payments[0],
      },
    ]);
    expect(invoice.totals).toMatchObject({ gross: '9.66', paid: '5.00', due: '4.66' });
  });

  it('an overdue, partly paid invoice is both: partially_paid and overdue', () => {
    const invoice = toCanonicalInvoice(
      openInvoice({ OUTSTANDING_AMOUNT: '4,66', PAYMENTS: payments }),
      {
        today: '2026-11-21',
      },
    );
    expect(invoice.state).toEqual({
      lifecycle: 'issued',
      payment: 'partially_paid',
      due: 'overdue',
    });
  });

  it('classic FastBill (no OUTSTANDING_AMOUNT): what is due follows from the payments', () => {
    const { OUTSTANDING_AMOUNT: _open, ...classic } = openInvoice({ PAYMENTS: payments });
    const invoice = toCanonicalInvoice(classic, { today: '2015-11-01' });
    expect(invoice.totals).toMatchObject({ paid: '5.00', due: '4.66' });
    expect(invoice.state).toEqual({ lifecycle: 'issued', payment: 'partially_paid', due: 'open' });
  });

  it('a paid invoice without PAYMENTS[] still has its payment: PAID_DATE, by PAYMENT_TYPE', () => {
    const invoice = toCanonicalInvoice(
      openInvoice({ STATUS: 'paid', OUTSTANDING_AMOUNT: '0,00', PAID_DATE: '2015-11-02 00:00:00' }),
      { today: '2026-11-21' },
    );
    expect(invoice.payments).toEqual([
      {
        id: null,
        provider: 'billomat-style',
        invoiceId: '2345',
        amount: '9.66',
        currency: 'EUR',
        date: '2015-11-02',
        method: 'transfer',
        methodRaw: '1',
        reference: null,
        raw: { PAID_DATE: '2015-11-02', PAYMENT_TYPE: '1' },
      },
    ]);
    expect(invoice.state).toEqual({ lifecycle: 'issued', payment: 'paid', due: 'none' });
  });
});
