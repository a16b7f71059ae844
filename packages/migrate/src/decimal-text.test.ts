import { toDecimal } from '@invoicekit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalKey, sameDecimal } from './decimal-text';

/** Decimal strings as vendors write them: signs, leading and trailing zeros, whole numbers. */
const decimalText = fc
  .tuple(
    fc.constantFrom('', '-', '+'),
    fc.stringMatching(/^\d{1,6}$/),
    fc.option(fc.stringMatching(/^\d{0,4}$/), { nil: undefined }),
  )
  .map(
    ([sign, whole, fraction]) => `${sign}${whole}${fraction === undefined ? '' : `.${fraction}`}`,
  );

describe('decimal strings compared without building Decimals', () => {
  it('decimalKey is Decimal#toString', () => {
    fc.assert(
      fc.property(decimalText, (text) => {
        expect(decimalKey(text)).toBe(toDecimal(text).toString());
      }),
    );
    for (const text of ['-0', '0.0', '-0.50', '007', '19', '19.00', '0.5'])
      expect(decimalKey(text)).toBe(toDecimal(text).toString());
  });

  it('sameDecimal is Decimal equality, absent values equal only to absent ones', () => {
    fc.assert(
      fc.property(decimalText, decimalText, (a, b) => {
        expect(sameDecimal(a, b)).toBe(toDecimal(a).equals(toDecimal(b)));
        expect(sameDecimal(a, decimalKey(a))).toBe(true);
      }),
    );
    expect(sameDecimal('-0', '0')).toBe(true);
    expect(sameDecimal('1.50', '1.5')).toBe(true);
    expect(sameDecimal('1.5', '1.05')).toBe(false);
    expect(sameDecimal(null, undefined)).toBe(true);
    expect(sameDecimal('0', null)).toBe(false);
  });
});
