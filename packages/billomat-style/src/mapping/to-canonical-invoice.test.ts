import { readFileSync } from 'node:fs';
import { InvoiceSchema, ProviderError } from '@invoicekit/core';
import { describe, expect, it } from 'vitest';
import { deliveryDateOf } from './delivery-date';
import { paymentMethodOf } from './payment-type';
import { toCanonicalInvoice } from './to-canonical-invoice';

const fixture = (name: string): string =>
  readFileSync(new URL(`../__fixtures__/${name}`, import.meta.url), 'utf8');
const monsum = () =>
  JSON.parse(fixture('monsum_invoice.get_response.json')) as { RESPONSE: { INVOICES: unknown[] } };

describe('the Monsum invoice.get capture → canonical', () => {
  it('reads every value exactly', () => {
    const raw = monsum().RESPONSE.INVOICES[0];
    const invoice = toCanonicalInvoice(raw, { today: '2026-11-21' });
    expect(InvoiceSchema.parse(invoice)).toEqual(invoice);
    expect(invoice).toMatchObject({
      id: '2345',
      provider: 'billomat-style',
      number: '1',
      type: 'invoice',
      status: { canonical: 'canceled', raw: 'canceled' },
      currency: 'EUR',
      issueDate: '2015-10-22',
      // "2015-11-04 23:00:00": the date part
      // INVOICE_DATE 2015-10-22 + DAYS_FOR_PAYMENT 14: "2015-11-04 23:00:00" is Berlin midnight in UTC.
      dueDate: '2015-11-05',
      // "0000-00-00 00:00:00": no date
      paidDate: null,
      // free text "22.10.2015 - 01.11.2015": the period's last day
      serviceDate: '2015-11-01',
      // unrounded 8.1147541 / 9.656557379: net and gross rounded, tax the difference
      totals: { net: '8.11', tax: '1.55', gross: '9.66', paid: '0.00', due: '0.00' },
      externalId: null,
      customer: {
        id: '995256',
        snapshot: {
          kind: 'company',
          name: 'Tester 222',
          firstName: 'Michael',
          lastName: 'Wolf',
          taxId: null,
          address: {
            street: 'Spaldingstrasse 210',
            city: 'Hamburg',
            postalCode: '20097',
            country: 'DE',
            region: null,
          },
        },
      },
    });
    expect(invoice.lines).toEqual([
      {
        id: '1506250',
        description: 'Wingu Portal Zugang (6 Monate)<br>Hol Dir die 6 Monate Portalnutzung.',
        sku: '11',
        productId: null,
        quantity: '1.00',
        unit: null,
        unitPrice: '8.11475410',
        unitPriceKind: 'net',
        taxRate: { kind: 'percent', value: '19' },
        discount: null,
        totals: { net: '8.11', tax: '1.55', gross: '9.66', discount: '0.00' },
      },
    ]);
    expect(invoice.taxBreakdown).toEqual([
      { rate: { kind: 'percent', value: '19' }, net: '8.11', tax: '1.55', gross: '9.66' },
    ]);
    expect(invoice.raw).toBe(raw);
  });

  it('reads the same invoice paid, partially paid, and as a draft', () => {
    const raw = monsum().RESPONSE.INVOICES[0] as Record<string, unknown>;
    const base = { ...raw, IS_CANCELED: '0', STATUS: undefined };
    expect(
      toCanonicalInvoice({ ...base, PAID_DATE: '2015-11-02 00:00:00' }, { today: '2026-11-21' }),
    ).toMatchObject({
      status: { canonical: 'paid', raw: 'outgoing' },
      paidDate: '2015-11-02',
      totals: { paid: '9.66', due: '0.00' },
    });
    expect(
      toCanonicalInvoice(
        { ...base, OUTSTANDING_AMOUNT: '5,00', DUE_DATE: '2027-01-01' },
        { today: '2026-11-21' },
      ),
    ).toMatchObject({
      status: { canonical: 'partially_paid' },
      totals: { paid: '4.66', due: '5.00' },
    });
    expect(
      toCanonicalInvoice({ ...base, TYPE: 'draft', INVOICE_NUMBER: '' }, { today: '2026-11-21' }),
    ).toMatchObject({
      status: { canonical: 'draft', raw: 'draft' },
      number: null,
      // A draft's OUTSTANDING_AMOUNT "0,00" does not mean it was paid.
      totals: { gross: '9.66', paid: '0.00', due: '9.66' },
    });
  });
});

describe('free-text and coded values', () => {
  it.each([
    ['22.10.2015 - 01.11.2015', '2015-11-01'],
    ['2015-10-22', '2015-10-22'],
    ['5.3.2012', '2012-03-05'],
    ['März 2012', null],
    ['', null],
  ])('DELIVERY_DATE %j → %j', (text, expected) => {
    expect(deliveryDateOf(text)).toBe(expected);
  });

  it.each([
    ['1', 'transfer'],
    ['ueberweisung', 'transfer'],
    ['6', 'card'],
    ['Kreditkarte', 'card'],
    ['2', 'direct_debit'],
    ['3', 'cash'],
    ['4', 'paypal'],
    ['5', 'prepayment'],
    ['scheck', 'cheque'],
    ['crypto', 'other'],
    ['', null],
  ])('PAYMENT_TYPE %j → %j', (value, name) => {
    expect(paymentMethodOf(value)).toBe(name);
  });
});

describe('amounts due', () => {
  it('compares what is outstanding with the total to the cent', () => {
    // 8.1121 net at 19 %: TOTAL 9.653399, outstanding "9,65" — nothing has been paid.
    const unpaid = toCanonicalInvoice(
      {
        ...(monsum().RESPONSE.INVOICES[0] as Record<string, unknown>),
        STATUS: undefined,
        IS_CANCELED: '0',
        TOTAL: 9.653399,
        SUB_TOTAL: 8.1121,
        OUTSTANDING_AMOUNT: '9,65',
      },
      { today: '2015-10-23' },
    );
    expect(unpaid).toMatchObject({
      status: { canonical: 'issued' },
      totals: { gross: '9.65', paid: '0.00', due: '9.65' },
    });
  });
});

describe('VAT_PERCENT in an answer: an exact rate, or a typed error — never a crash or 1000 %', () => {
  const withItem = (vat: unknown, tag: 'ITEMS' | 'VAT_ITEMS' = 'ITEMS') => ({
    INVOICE_ID: '1',
    CURRENCY_CODE: 'EUR',
    [tag]: [{ VAT_PERCENT: vat, COMPLETE_NET: '10', VAT_VALUE: '1.9' }],
  });

  it.each([
    ['"1e-7"', '1e-7'],
    ['1e-7 as a number', 1e-7],
    ['"1000"', '1000'],
    ['-19', -19],
    ['"0.00001"', '0.00001'],
    ['1e21 as a number', 1e21],
    ['an object', { rate: 19 }],
  ])('%s is an unreadable field naming ITEMS.0.VAT_PERCENT', (_name, vat) => {
    let error: unknown;
    try {
      toCanonicalInvoice(withItem(vat), { today: '2026-11-21' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).message).toMatch(/ITEMS\.0\.VAT_PERCENT/);
  });

  it('an absurd rate in VAT_ITEMS too', () => {
    expect(() =>
      toCanonicalInvoice(withItem('1000', 'VAT_ITEMS'), { today: '2026-11-21' }),
    ).toThrow(ProviderError);
  });

  it.each([
    ['"19.00"', '19.00', '19'],
    ['19 as a number', 19, '19'],
    ['"7,00"', '7,00', '7'],
    ['7.7 as a number', 7.7, '7.7'],
    ['"0"', '0', '0'],
    ['"100"', '100', '100'],
  ])('%s reads as %s', (_name, vat, expected) => {
    const invoice = toCanonicalInvoice(withItem(vat), { today: '2026-11-21' });
    expect(invoice.lines[0]?.taxRate).toEqual({ kind: 'percent', value: expected });
  });
});

describe('payments as received', () => {
  it('keeps each payment entry itself as its raw, a PHP index-keyed list included', () => {
    const first = { PAYMENT_ID: '88001', DATE: '2026-11-03', AMOUNT: '10.00', EXTRA: 'kept' };
    const second = { PAYMENT_ID: '88002', DATE: '2026-11-04', AMOUNT: '5.00' };
    const invoice = toCanonicalInvoice(
      { INVOICE_ID: '1', TYPE: 'outgoing', TOTAL: '15.00', PAYMENTS: { '0': first, '1': second } },
      { today: '2026-11-21' },
    );
    expect(invoice.payments.map((payment) => payment.raw)).toEqual([first, second]);
    expect(invoice.payments[0]?.raw).toBe(first);
    expect(invoice.totals.paid).toBe('15.00');
  });
});
