import { readFileSync } from 'node:fs';
import { InvoiceSchema } from '@invoicekit/core';
import { describe, expect, it } from 'vitest';
import { toCanonicalInvoice } from './to-canonical-invoice';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../__fixtures__/${name}`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;
const TODAY = '2026-11-21';
/** The real 2018 capture, with the fields a case is about changed. */
const captured = (changes: Record<string, unknown>) =>
  toCanonicalInvoice({ ...fixture('wooyek_invoice_get.json'), ...changes }, { today: TODAY });

describe('the invoice book fields of the real capture (wooyek_invoice_get.json)', () => {
  it('reads its seller account, its sending, and what it does not hold as null / []', () => {
    const invoice = captured({});
    expect(InvoiceSchema.parse(invoice)).toEqual(invoice);
    expect(invoice).toMatchObject({
      // seller_bank_account "GB28OGFL7754745547293", seller_bank null
      bankAccount: { bankName: null, iban: 'GB28OGFL7754745547293', bic: null },
      // payment_to_kind "other_date": a date, not terms in days
      paymentTermsDays: null,
      // exchange_kind "nbp" but no exchange_currency: nothing is converted
      exchangeRate: null,
      earlyPaymentDiscount: null,
      internalNotes: null,
      payments: [],
      // status "issued", sent_time 2018-01-04T19:59:19: delivered, unpaid, past payment_to
      state: { lifecycle: 'sent', payment: 'unpaid', due: 'overdue' },
      status: { canonical: 'overdue', raw: 'issued' },
    });
  });

  it('keeps "sent" when a payment later sets the status to paid', () => {
    const invoice = captured({ status: 'paid', paid: '339.99', paid_date: '2018-02-01' });
    expect(invoice.state).toEqual({ lifecycle: 'sent', payment: 'paid', due: 'none' });
    expect(captured({ status: 'paid', paid: '339.99', sent_time: null }).state.lifecycle).toBe(
      'issued',
    );
  });

  it('reads an overdue, partly paid invoice as all three facts', () => {
    const invoice = captured({ status: 'partial', paid: '100.0', sent_time: null });
    expect(invoice.state).toEqual({
      lifecycle: 'issued',
      payment: 'partially_paid',
      due: 'overdue',
    });
    expect(invoice.totals).toMatchObject({ paid: '100.00', due: '239.99' });
  });

  it('reads payment terms in days, the skonto, an own rate, a bank rate and the internal note', () => {
    const invoice = captured({
      payment_to_kind: '14',
      skonto_active: true,
      skonto_discount_date: '2018-01-31',
      skonto_discount_value: '2.5',
      exchange_currency: 'PLN',
      exchange_kind: 'own',
      exchange_currency_rate: '4.1835',
      internal_note: 'call before',
    });
    expect(invoice).toMatchObject({
      paymentTermsDays: 14,
      earlyPaymentDiscount: { percent: '2.5', days: 10 },
      exchangeRate: { currency: 'PLN', rate: '4.1835', source: 'own' },
      internalNotes: 'call before',
    });
    expect(
      captured({ exchange_currency: 'PLN', exchange_rate: '4.2', exchange_rate_den: '1.0' })
        .exchangeRate,
    ).toEqual({ currency: 'PLN', rate: '4.2', source: 'nbp' });
    expect(
      captured({ skonto_active: false, skonto_discount_value: '2' }).earlyPaymentDiscount,
    ).toBe(null);
  });

  it('reads connected_payments as records in the order recorded', () => {
    const payment = fixture('docs_invoiceocean_banking_payment_full_REQUEST.json');
    const invoice = captured({
      status: 'partial',
      paid: '150.0',
      connected_payments: [
        {
          ...payment,
          id: 3000002,
          invoice_id: 21367364,
          price: '50.0',
          paid_date: '2018-01-10',
          provider: 'cash',
          name: 'Payment for 55/01/2018',
        },
        { ...payment, id: 3000001, invoice_id: 21367364, paid_date: '2018-01-25' },
        { ...payment, id: 3000003, invoice_id: 21367364, paid: false },
      ],
    });
    expect(invoice.payments.map(({ raw: _raw, ...rest }) => rest)).toEqual([
      {
        id: '3000001',
        provider: 'invoiceocean',
        invoiceId: '21367364',
        // the documented example: "price":"100.00", "provider":"transfer", currency PLN
        amount: '100.00',
        currency: 'PLN',
        date: '2018-01-25',
        method: 'transfer',
        methodRaw: 'transfer',
        reference: 'Plantnosc za produkt1',
      },
      {
        id: '3000002',
        provider: 'invoiceocean',
        invoiceId: '21367364',
        amount: '50.00',
        currency: 'PLN',
        date: '2018-01-10',
        method: 'cash',
        methodRaw: 'cash',
        // the name the adapter sends without a reference is no reference
        reference: null,
      },
    ]);
  });

  it('a canceled document keeps the kind its cancel reason names, and owes nothing', () => {
    const invoice = captured({
      kind: 'canceled',
      cancel_reason: 'canceled through invoicekit (kind: vat)',
      paid: '100.0',
    });
    expect(invoice.type).toBe('invoice');
    expect(invoice.state).toMatchObject({ lifecycle: 'canceled', due: 'none' });
    expect(invoice.totals).toMatchObject({ gross: '339.99', paid: '100.00', due: '0.00' });
    // Canceled elsewhere, with no kind in the reason: the vendor no longer says what it was.
    expect(captured({ kind: 'canceled', cancel_reason: 'mistake' }).type).toBe('other');
    // The `cancelled` flag with the kind kept reads the same way.
    expect(captured({ cancelled: true })).toMatchObject({
      type: 'invoice',
      state: { lifecycle: 'canceled', due: 'none' },
      totals: { due: '0.00' },
    });
  });
});
