import { formatFixed } from '@invoicekit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  centsText,
  decimalItemAmounts,
  itemAmounts,
  itemCents,
  paidAmount,
  paidCents,
} from './amounts';
import { createState } from './state';
import type { StoredItem } from './state';

/** Decimal strings as seeds spell them: signs, padding, leading or trailing points. */
const decimal = fc
  .tuple(
    fc.constantFrom('', '-', '+'),
    fc.bigInt({ min: 0n, max: 10n ** 9n }),
    fc.nat(6),
    fc.constantFrom('', '0', '00'),
  )
  .map(([sign, units, places, padding]) => {
    const digits = units.toString().padStart(places + 1, '0');
    return places > 0
      ? `${sign}${digits.slice(0, -places)}.${digits.slice(-places)}${padding}`
      : `${sign}${digits}`;
  });
const spelled = fc.oneof(
  { weight: 8, arbitrary: decimal },
  fc.constantFrom('.5', '5.', ' 2.5 ', '0.005', '-0.005', '1'.repeat(25), `0.${'3'.repeat(28)}`),
);

const item = fc.record({
  id: fc.constant(1),
  description: fc.constant('Line'),
  product_id: fc.constant(null),
  unit: fc.constant(null),
  quantity: spelled,
  unit_price: spelled,
  tax_rate: fc.oneof(fc.constantFrom('19', '7', '0', '5.5', '16.25'), spelled),
}) as fc.Arbitrary<StoredItem>;

describe('line amounts in integer cents', () => {
  it('equal the decimal arithmetic, rounding half-up per line', () => {
    fc.assert(
      fc.property(item, fc.boolean(), (line, reverseCharge) => {
        const expected = decimalItemAmounts(line, reverseCharge);
        const cents = itemCents(line, reverseCharge);
        expect([centsText(cents.net), centsText(cents.tax), centsText(cents.total)]).toEqual([
          formatFixed(expected.net, 2),
          formatFixed(expected.tax, 2),
          formatFixed(expected.total, 2),
        ]);
        const amounts = itemAmounts(line, reverseCharge);
        expect(amounts.total.equals(expected.total)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('write cents as two-place text', () => {
    expect([0n, 5n, -5n, 150n, -12345n].map(centsText)).toEqual([
      '0.00',
      '0.05',
      '-0.05',
      '1.50',
      '-123.45',
    ]);
  });
});

describe('paid amounts in integer cents', () => {
  it('equal the decimal sum of the completed payments, rounded to cents', () => {
    const payment = fc.record({
      amount: fc.oneof({ weight: 6, arbitrary: decimal }, fc.constantFrom('1.005', '0.001')),
      status: fc.constantFrom('completed', 'pending', 'failed'),
      invoice_id: fc.constantFrom(1, 2),
    });
    fc.assert(
      fc.property(fc.array(payment, { maxLength: 8 }), (payments) => {
        const state = createState();
        for (const one of payments)
          state.payments.insert({
            ...one,
            currency: 'EUR',
            gateway_key: null,
            gateway_name: null,
            transaction_id: null,
            payment_date: '2026-11-01T00:00:00Z',
            notes: null,
            created_at: '2026-11-01T00:00:00Z',
            updated_at: '2026-11-01T00:00:00Z',
          });
        for (const invoiceId of [1, 2, 3])
          expect(centsText(paidCents(state, invoiceId))).toBe(
            formatFixed(paidAmount(state, invoiceId), 2),
          );
      }),
      { numRuns: 1000 },
    );
  });
});
