import { formatFixed, formatMinimal, toDecimal } from '@invoicekit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  exactOf,
  isZeroText,
  minimalText,
  money,
  plusExact,
  textOfUnits,
  timesExact,
  unitsAt,
} from './vendor-money';

/** The BigInt fast path against the Decimal path it replaces, digit for digit. */

const decimalText = fc.oneof(
  fc.stringMatching(/^[+-]?\d{1,12}(\.\d{0,10})?$/),
  fc.stringMatching(/^[+-]?\.\d{1,6}$/),
  fc.constantFrom('0', '-0', '0.005', '-0.005', '2.5', '-2.5', '0.0049999', ' 12.345 ', '1.'),
);
const places = fc.constantFrom(0, 2, 3);

describe('vendor money without Decimal', () => {
  it('rounds half-up to the places exactly as formatFixed does', () => {
    fc.assert(
      fc.property(decimalText, places, (text, at) => {
        expect(textOfUnits(unitsAt(exactOf(text), at), at)).toBe(formatFixed(toDecimal(text), at));
      }),
      { numRuns: 3000 },
    );
    expect(money('9.656557379', 'EUR')).toBe('9.66');
    expect(money('-0.004', 'EUR')).toBe('0.00');
    expect(money(undefined, 'JPY')).toBe('0');
    expect(money('1.0005', 'KWD')).toBe('1.001');
  });

  it('adds, multiplies and compares as Decimal does', () => {
    fc.assert(
      fc.property(decimalText, decimalText, places, (a, b, at) => {
        const [x, y] = [exactOf(a), exactOf(b)];
        expect(textOfUnits(unitsAt(plusExact(x, y), at), at)).toBe(
          formatFixed(toDecimal(a).plus(toDecimal(b)), at),
        );
        expect(textOfUnits(unitsAt(timesExact(x, y), at), at)).toBe(
          formatFixed(toDecimal(a).times(toDecimal(b)), at),
        );
        expect(isZeroText(a)).toBe(toDecimal(a).isZero());
      }),
      { numRuns: 3000 },
    );
  });

  it('prints as few places as needed, as formatMinimal does', () => {
    fc.assert(
      fc.property(decimalText, (text) => {
        expect(minimalText(text)).toBe(formatMinimal(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses what toDecimal refuses, with its error', () => {
    for (const text of ['1e5', 'abc', '', '1,5', '-', '.', '-.', '1.2.3', '--1'])
      expect(() => exactOf(text)).toThrow(/not a decimal number/);
  });
});
