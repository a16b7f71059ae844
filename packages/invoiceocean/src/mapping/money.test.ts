import { currencyExponent, formatFixed, toDecimal } from '@invoicekit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalMoney } from './money';

/** The Decimal path the text path replaces. */
function byDecimal(value: string, currency: string): string {
  const amount = toDecimal(value);
  return formatFixed(amount, Math.max(currencyExponent(currency), amount.decimalPlaces()));
}

describe('canonicalMoney', () => {
  it('pads plain decimals as text exactly as the Decimal path formats them', () => {
    const digits = fc.string({
      unit: fc.constantFrom('0', '1', '5', '9'),
      minLength: 1,
      maxLength: 30,
    });
    const plain = fc
      .tuple(fc.boolean(), digits, fc.option(digits, { nil: undefined }))
      .map(
        ([negative, whole, fraction]) =>
          `${negative ? '-' : ''}${whole}${fraction === undefined ? '' : `.${fraction}`}`,
      );
    fc.assert(
      fc.property(
        plain,
        fc.constantFrom('PLN', 'EUR', 'JPY', 'HUF', 'BHD', 'KWD'),
        (value, currency) => {
          expect(canonicalMoney(value, currency)).toBe(byDecimal(value, currency));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('keeps the Decimal path for other spellings and unknown currencies', () => {
    expect(canonicalMoney(' 12.5 ', 'PLN')).toBe('12.50');
    expect(canonicalMoney('+0.10', 'EUR')).toBe('0.10');
    expect(canonicalMoney('-0.000', 'JPY')).toBe('0');
    expect(canonicalMoney(null, 'PLN')).toBe('0.00');
    expect(canonicalMoney('12.50', 'XYZ1')).toBe('12.5');
  });
});
