import { describe, expect, it } from 'vitest';
import { DEFAULT_CALCULATING_STRATEGY, type CalculatingStrategy } from '../config';
import { formatBigDecimal } from './big-decimal';
import { computeInvoiceAmounts, computePosition } from './invoice-maths';

const totals = (result: ReturnType<typeof computeInvoiceAmounts>) =>
  [result.net, result.tax, result.gross].map(formatBigDecimal);
const withStrategy = (
  position: CalculatingStrategy['position'],
  sum: CalculatingStrategy['sum'],
): CalculatingStrategy => ({
  position,
  sum,
  invoice_form_price_kind: 'net',
});

describe('InvoiceOcean maths (docs/vendors/invoiceocean.md §11)', () => {
  it('the seed example: 10.23 gross @ 23 % + 50 gross @ 0 % → 58.32 / 1.91 / 60.23', () => {
    const result = computeInvoiceAmounts(
      [
        { tax: '23', total_price_gross: '10.23', quantity: '1' },
        { tax: '0', total_price_gross: '50', quantity: '2' },
      ],
      DEFAULT_CALCULATING_STRATEGY,
      'PLN',
      false,
    );
    expect(totals(result)).toEqual(['58.32', '1.91', '60.23']);
  });

  it('keeps total_price_gross as sent and derives unit prices that need not multiply back', () => {
    const position = computePosition(
      { tax: '0', total_price_gross: '113.33', quantity: '13' },
      DEFAULT_CALCULATING_STRATEGY,
      'EUR',
      false,
    );
    expect(
      [position.priceNet, position.priceGross, position.totalNet, position.totalGross].map(
        formatBigDecimal,
      ),
    ).toEqual(['8.72', '8.72', '113.33', '113.33']);
  });

  it('discounts reduce the invoice gross and are split again: 100 gross @ 23 % − 5 → 77.24 / 17.76 / 95.0', () => {
    const result = computeInvoiceAmounts(
      [{ tax: '23', total_price_gross: '100', discount: '5' }],
      DEFAULT_CALCULATING_STRATEGY,
      'PLN',
      true,
    );
    expect(totals(result)).toEqual(['77.24', '17.76', '95.0']);
    expect(formatBigDecimal(result.positions[0]?.totalGross ?? '0')).toBe('100.0');
  });

  it('3 × 123 gross @ 23 % with 33.33 % → 200.01 / 46.0 / 246.01', () => {
    const result = computeInvoiceAmounts(
      [{ tax: '23', price_gross: '123', quantity: '3', discount_percent: '33.33' }],
      { ...DEFAULT_CALCULATING_STRATEGY, invoice_form_price_kind: 'gross' },
      'PLN',
      true,
    );
    expect(totals(result)).toEqual(['200.01', '46.0', '246.01']);
  });

  it('discount_kind decides which field applies: amount ignores discount_percent, a percentage kind ignores discount', () => {
    // "Field: discount_kind" (docs/vendor-dialects.md §1): percentage kinds → discount_percent, amount → discount.
    const both = [{ tax: '23', total_price_gross: '100', discount: '5', discount_percent: '50' }];
    const under = (kind: string) =>
      totals(computeInvoiceAmounts(both, DEFAULT_CALCULATING_STRATEGY, 'PLN', true, kind));
    expect(under('amount')).toEqual(['77.24', '17.76', '95.0']);
    expect(under('percent_unit')).toEqual(['40.65', '9.35', '50.0']);
    expect(under('percent_total')).toEqual(['40.65', '9.35', '50.0']);
    // The documented amount example (docs/vendor-dialects.md §1): 10.23 − 5 @ 23 % and 50 − 25 @ 0 %.
    const seed = computeInvoiceAmounts(
      [
        { tax: '23', total_price_gross: '10.23', quantity: '1', discount: '5' },
        { tax: '0', total_price_gross: '50', quantity: '2', discount: '25' },
      ],
      DEFAULT_CALCULATING_STRATEGY,
      'PLN',
      true,
      'amount',
    );
    expect(totals(seed)).toEqual(['29.25', '0.98', '30.23']);
  });

  it('ignores discounts unless show_discount is on', () => {
    const result = computeInvoiceAmounts(
      [{ tax: '23', total_price_gross: '100', discount: '5' }],
      DEFAULT_CALCULATING_STRATEGY,
      'PLN',
      false,
    );
    expect(totals(result)).toEqual(['81.3', '18.7', '100.0']);
  });

  it('position default vs keep_gross, sum vs keep_gross vs keep_net', () => {
    const net = (price: string) => ({ tax: '19', price_net: price, quantity: '3' });
    expect(
      totals(computeInvoiceAmounts([net('0.99')], withStrategy('default', 'sum'), 'EUR', false)),
    ).toEqual(['2.97', '0.56', '3.53']);
    expect(
      totals(computeInvoiceAmounts([net('0.99')], withStrategy('keep_gross', 'sum'), 'EUR', false)),
    ).toEqual(['2.97', '0.57', '3.54']);
    const three = [1, 2, 3].map(() => ({ tax: '19', price_net: '0.02', quantity: '1' }));
    expect(
      totals(computeInvoiceAmounts(three, withStrategy('default', 'sum'), 'EUR', false)),
    ).toEqual(['0.06', '0.0', '0.06']);
    expect(
      totals(computeInvoiceAmounts(three, withStrategy('default', 'keep_net'), 'EUR', false)),
    ).toEqual(['0.06', '0.01', '0.07']);
    const grossLines = [1, 2, 3].map(() => ({ tax: '19', total_price_gross: '0.99' }));
    expect(
      totals(computeInvoiceAmounts(grossLines, withStrategy('default', 'sum'), 'EUR', false)),
    ).toEqual(['2.49', '0.48', '2.97']);
    expect(
      totals(
        computeInvoiceAmounts(grossLines, withStrategy('default', 'keep_gross'), 'EUR', false),
      ),
    ).toEqual(['2.5', '0.47', '2.97']);
  });

  it('treats non-numeric taxes as 0 %', () => {
    const result = computeInvoiceAmounts(
      [
        { tax: 'zw', price_net: '100' },
        { tax: 'np', price_net: '50' },
      ],
      DEFAULT_CALCULATING_STRATEGY,
      'PLN',
      false,
    );
    expect(totals(result)).toEqual(['150.0', '0.0', '150.0']);
  });
});

describe('formatBigDecimal', () => {
  it.each([
    ['81.30', '81.3'],
    ['100', '100.0'],
    ['0', '0.0'],
    ['0.00', '0.0'],
    ['58.32', '58.32'],
    ['-5', '-5.0'],
    ['6.94311', '6.94311'],
  ])('%s → %s', (input, expected) => {
    expect(formatBigDecimal(input)).toBe(expected);
  });
});
