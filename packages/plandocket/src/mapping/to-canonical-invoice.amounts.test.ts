import {
  currencyExponent,
  formatFixed,
  isCurrencyCode,
  toDecimal,
  type Decimal,
} from '@invoicekit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCanonicalStatus } from './status';
import { toCanonicalInvoice } from './to-canonical-invoice';

/**
 * The mapping sums amounts as integers of the currency's last place; these properties hold it to
 * the decimal arithmetic it replaced, on any amounts, signs and currencies.
 */

const amount = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.nat(4))
  .map(([negative, units, places]) => {
    const digits = units.toString().padStart(places + 1, '0');
    const text = places > 0 ? `${digits.slice(0, -places)}.${digits.slice(-places)}` : digits;
    // The readers hand over the shortest form: no trailing zeros, no negative zero.
    const decimal = toDecimal(negative ? `-${text}` : text);
    return formatFixed(decimal, decimal.decimalPlaces());
  });
const optionalAmount = fc.option(amount, { nil: undefined });

const line = fc.record(
  {
    quantity: amount,
    unit_price: amount,
    tax_rate: fc.constantFrom('19', '7', '0', '5.5', '20'),
    net: optionalAmount,
    tax: optionalAmount,
    total: optionalAmount,
  },
  { requiredKeys: ['quantity', 'unit_price', 'tax_rate'] },
);

const invoice = fc.record({
  id: fc.constant('1'),
  currency: fc.constantFrom('EUR', 'JPY', 'BHD', 'CHF', 'ZZZ'),
  status: fc.constantFrom('sent', 'paid', 'partially_paid', 'cancelled', 'refunded'),
  is_reverse_charge: fc.boolean(),
  total: optionalAmount,
  paid_amount: optionalAmount,
  items: fc.array(line, { maxLength: 5 }),
});

type InvoiceInput = typeof invoice extends fc.Arbitrary<infer T> ? T : never;

/** The decimal arithmetic the mapping used before. */
function reference(raw: InvoiceInput) {
  const currency = raw.currency.toUpperCase();
  const places = isCurrencyCode(currency) ? currencyExponent(currency) : 2;
  const money = (value: string | undefined) => formatFixed(toDecimal(value ?? '0'), places);
  const lines = raw.items.map((item) => {
    const net = money(
      item.net ?? toDecimal(item.quantity).times(toDecimal(item.unit_price)).toString(),
    );
    const tax =
      item.tax !== undefined
        ? money(item.tax)
        : raw.is_reverse_charge
          ? money('0')
          : money(toDecimal(net).times(toDecimal(item.tax_rate)).dividedBy(100).toString());
    const gross =
      item.total !== undefined
        ? money(item.total)
        : formatFixed(toDecimal(net).plus(toDecimal(tax)), places);
    return { net, tax, gross, discount: money('0') };
  });
  const gross = toDecimal(money(raw.total));
  const paid = toDecimal(money(raw.paid_amount));
  const status = toCanonicalStatus(raw.status);
  const due = status === 'canceled' || status === 'refunded' ? toDecimal('0') : gross.minus(paid);
  const net: Decimal =
    lines.length > 0
      ? lines.reduce((sum, one) => sum.plus(toDecimal(one.net)), toDecimal('0'))
      : gross;
  return {
    lines,
    totals: {
      net: formatFixed(net, places),
      tax: formatFixed(gross.minus(net), places),
      gross: formatFixed(gross, places),
      paid: formatFixed(paid, places),
      due: formatFixed(due, places),
    },
  };
}

describe('invoice amounts in minor units', () => {
  it('equal the decimal arithmetic for every line and total', () => {
    fc.assert(
      fc.property(invoice, (raw) => {
        const mapped = toCanonicalInvoice(raw, { today: '2026-11-21' });
        const expected = reference(raw);
        expect(mapped.totals).toEqual(expected.totals);
        expect(mapped.lines.map((one) => one.totals)).toEqual(expected.lines);
        expect(mapped.lines.map((one) => one.taxRate)).toEqual(
          raw.items.map((item) =>
            raw.is_reverse_charge
              ? { kind: 'reverse_charge' }
              : { kind: 'percent', value: toDecimal(item.tax_rate).toString() },
          ),
        );
      }),
      { numRuns: 1000 },
    );
  });
});
