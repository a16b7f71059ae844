import type { Invoice } from '@invoicekit/core';
import { describe, expect, it } from 'vitest';
import { BOOK_INVOICE } from './__fixtures__/book-invoice';
import { explainDifferences, reconcile, verdictOf } from './reconcile';

/** The same invoice as another vendor reads it: other ids, amounts spelled differently. */
const readBack = (changes: Partial<Invoice> = {}): Invoice => ({
  ...BOOK_INVOICE,
  id: '9001',
  provider: 'invoiceocean',
  customer: { ...BOOK_INVOICE.customer, id: '900' },
  lines: BOOK_INVOICE.lines.map((line) => ({ ...line, id: '77', unitPrice: '105.0400' })),
  payments: BOOK_INVOICE.payments.map((payment) => ({ ...payment, id: null, raw: null })),
  ...changes,
});

describe('reconcile, field by field', () => {
  it('finds nothing between an invoice and its faithful copy (decimals compare as numbers)', () => {
    expect(reconcile(BOOK_INVOICE, readBack(), { targetCustomerId: '900' })).toEqual([]);
  });

  it('names every field that differs, though the totals match', () => {
    const [first, second] = BOOK_INVOICE.payments;
    const target = readBack({
      number: '4/03/2025',
      language: 'pl',
      seller: null,
      state: { lifecycle: 'sent', payment: 'paid', due: 'none' },
      lines: [{ ...(BOOK_INVOICE.lines[0] as Invoice['lines'][number]), unit: null }],
      payments: [
        {
          ...(first as Invoice['payments'][number]),
          amount: '499.99',
          date: '2025-12-01',
          method: null,
        },
      ],
      bankAccount: null,
    });
    expect(second).toBeDefined();
    const fields = reconcile(BOOK_INVOICE, target, { targetCustomerId: '901' }).map(
      (difference) => difference.field,
    );
    expect(fields).toEqual([
      'number',
      'state.lifecycle',
      'customer.id',
      'seller.name',
      'seller.taxId',
      'language',
      'bankAccount.iban',
      'bankAccount.bankName',
      'lines.0.unit',
      'payments',
      'payments.0.amount',
      'payments.0.date',
      'payments.0.method',
    ]);
  });

  it('compares each rate’s tax and each line’s totals', () => {
    const target = readBack({
      taxBreakdown: [
        { rate: { kind: 'percent', value: '19.0' }, net: '420.16', tax: '79.84', gross: '500.00' },
      ],
    });
    expect(reconcile(BOOK_INVOICE, target)).toEqual([
      { field: 'taxBreakdown.19.tax', source: '79.83', target: '79.84' },
      { field: 'taxBreakdown.19.gross', source: '499.99', target: '500.00' },
    ]);
  });
});

describe('explainDifferences', () => {
  it('explains what was announced at the path (or a parent), and nothing else', () => {
    const differences = reconcile(BOOK_INVOICE, readBack({ number: '7', language: 'pl' }));
    const explained = explainDifferences(differences, [
      { path: 'number', reason: 'the target numbers invoices itself' },
    ]);
    expect(explained).toEqual([
      {
        field: 'number',
        source: 'RE-2025-0001',
        target: '7',
        explained: 'the target numbers invoices itself',
      },
      { field: 'language', source: 'de', target: 'pl' },
    ]);
    expect(verdictOf(explained)).toBe('mismatched');
    expect(verdictOf(explained.slice(0, 1))).toBe('explained');
    expect(verdictOf([])).toBe('exact');
  });

  it('never lets a warning about one payment or line explain how many there are', () => {
    const doublePaid = readBack({
      payments: [...BOOK_INVOICE.payments, ...BOOK_INVOICE.payments],
      totals: { ...BOOK_INVOICE.totals, paid: '999.98', due: '-499.99' },
    });
    const explained = explainDifferences(reconcile(BOOK_INVOICE, doublePaid), [
      { path: 'payments.0.method', reason: 'the target holds no method' },
      { path: 'lines.0.unit', reason: 'the target holds no unit' },
    ]);
    expect(
      explained.find((difference) => difference.field === 'payments')?.explained,
    ).toBeUndefined();
    expect(
      explained.find((difference) => difference.field === 'totals.paid')?.explained,
    ).toBeUndefined();
    expect(verdictOf(explained)).toBe('mismatched');
    // A child of a value compared whole still explains it.
    const discounted = readBack({
      lines: [
        {
          ...(BOOK_INVOICE.lines[0] as Invoice['lines'][number]),
          id: '77',
          discount: { kind: 'amount', value: '0.01' },
        },
      ],
    });
    expect(
      verdictOf(
        explainDifferences(reconcile(BOOK_INVOICE, discounted), [
          { path: 'lines.0.discount.value', reason: 'rounded' },
        ]),
      ),
    ).toBe('explained');
  });

  it('explains totals that follow from an explained payment difference — not from an unexplained one', () => {
    const onePayment = readBack({
      payments: [
        {
          ...(BOOK_INVOICE.payments[1] as Invoice['payments'][number]),
          amount: '499.99',
        },
      ],
    });
    const differences = reconcile(BOOK_INVOICE, onePayment);
    const announced = explainDifferences(differences, [
      { path: 'payments', reason: 'the target records one whole payment' },
    ]);
    expect(verdictOf(announced)).toBe('explained');
    const partly = readBack({
      payments: [],
      totals: { ...BOOK_INVOICE.totals, paid: '0.00', due: '499.99' },
      state: { lifecycle: 'issued', payment: 'unpaid', due: 'open' },
    });
    const unexplained = explainDifferences(reconcile(BOOK_INVOICE, partly), []);
    expect(unexplained.every((difference) => difference.explained === undefined)).toBe(true);
    expect(unexplained.map((difference) => difference.field)).toContain('totals.paid');
  });
});
