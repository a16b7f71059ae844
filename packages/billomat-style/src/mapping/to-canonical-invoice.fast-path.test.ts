import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceToCanonicalInvoice } from '../__fixtures__/to-canonical-invoice.reference';
import { toCanonicalInvoice } from './to-canonical-invoice';

/**
 * The fast mapping (zod-free readers, BigInt amounts) against the one it replaced (zod schemas,
 * a Decimal per amount): the same invoice, or the same error, for any invoice the vendor sends.
 */

const amount = fc.oneof(
  fc.stringMatching(/^-?\d{1,5}(\.\d{1,7})?$/),
  // JSON numbers as the vendor sends them. (Beyond Decimal's 40 significant digits — 5e-324 —
  // the reference rounds a sum and the BigInt path does not: no vendor amount has such digits.)
  fc.integer({ min: -1e9, max: 1e9 }).map((units) => units / 100_000),
  fc.stringMatching(/^\d{1,3},\d{2}$/),
  fc.constantFrom(null, '', '0', '0.00', 0, '9.653399', '-0.005', '0.005'),
);
const item = fc.record(
  {
    INVOICE_ITEM_ID: fc.constantFrom('1506250', 1506251, '', null),
    DESCRIPTION: fc.constantFrom('Position 1', '', null),
    QUANTITY: fc.oneof(
      fc.constantFrom('1', '1.50', 3, null),
      fc.stringMatching(/^\d{1,3}\.\d{1,3}$/),
    ),
    UNIT_PRICE: amount,
    VAT_PERCENT: fc.constantFrom('19.00', '7', 19, '0.00', '7,00', '16', null),
    VAT_VALUE: amount,
    COMPLETE_NET: amount,
    COMPLETE_GROSS: amount,
    UNIT: fc.constantFrom('Stück', '', null),
    ARTICLE_NUMBER: fc.constantFrom('A-1', ''),
  },
  { requiredKeys: [] },
);
const payment = fc.record(
  {
    PAYMENT_ID: fc.constantFrom('88001', 88002, null),
    DATE: fc.constantFrom('2026-11-03', '2026-11-01 10:00:00', '', null),
    AMOUNT: amount,
    CURRENCY_CODE: fc.constantFrom('EUR', 'chf', '', 'JPY'),
    NOTE: fc.constantFrom('TX-1', ''),
    TYPE: fc.constantFrom('1', 'ueberweisung', 'PayPal', ''),
  },
  { requiredKeys: [] },
);
const invoice = fc.record(
  {
    INVOICE_ID: fc.constantFrom('2345', 2346),
    TYPE: fc.constantFrom('outgoing', 'draft', 'credit', 'weird', null),
    STATUS: fc.constantFrom('open', 'paid', '', null),
    CUSTOMER_ID: fc.constantFrom('7', 7, ''),
    ORGANIZATION: fc.constantFrom('Bench GmbH', ''),
    FIRST_NAME: fc.constantFrom('Anna', ''),
    LAST_NAME: fc.constantFrom('Berg', ''),
    CURRENCY_CODE: fc.constantFrom('EUR', 'eur', 'JPY', 'KWD', 'XYZ', ''),
    INVOICE_NUMBER: fc.constantFrom('1', '', null),
    PAID_DATE: fc.constantFrom('0000-00-00 00:00:00', '2026-11-10 00:00:00', '', null),
    IS_CANCELED: fc.constantFrom('0', '1', 0, 1, true, null),
    INVOICE_DATE: fc.constantFrom('2026-11-02', ''),
    DUE_DATE: fc.constantFrom('2026-11-15 23:00:00', '2026-12-30', '0000-00-00 00:00:00', ''),
    DELIVERY_DATE: fc.constantFrom('22.10.2015 - 01.11.2015', 'März', ''),
    CASH_DISCOUNT_PERCENT: fc.constantFrom('0.00', '2.50', '3', null),
    CASH_DISCOUNT_DAYS: fc.constantFrom('0', '10', ''),
    DAYS_FOR_PAYMENT: fc.constantFrom('14', '', 'x'),
    SUB_TOTAL: amount,
    VAT_TOTAL: amount,
    TOTAL: amount,
    OUTSTANDING_AMOUNT: amount,
    PAYMENT_TYPE: fc.constantFrom('1', '2', ''),
    ITEMS: fc.oneof(fc.array(item, { maxLength: 5 }), item, fc.constant('')),
    PAYMENTS: fc.oneof(fc.array(payment, { maxLength: 3 }), payment, fc.constant([])),
    LASTUPDATE: fc.constantFrom('2026-10-25 02:30:00', '2026-11-02 10:00:00', ''),
    CREATED: fc.constantFrom('2026-03-29 02:30:00', '2026-11-02 10:00:00'),
    AFFILIATE: fc.constantFrom(null, 'x'),
  },
  { requiredKeys: ['INVOICE_ID'] },
);

function outcome(map: () => unknown): unknown {
  try {
    return { invoice: map() };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

describe('toCanonicalInvoice (fast path) equals the reference mapping', () => {
  it('for any invoice, or the same error', () => {
    fc.assert(
      fc.property(invoice, fc.constantFrom('2026-11-21', '2026-12-31'), (raw, today) => {
        expect(outcome(() => toCanonicalInvoice(raw, { today }))).toEqual(
          outcome(() => referenceToCanonicalInvoice(raw, { today })),
        );
      }),
      { numRuns: 800 },
    );
  });
});
