import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decimalTextOfNumber,
  formatFixed,
  formatMinimal,
  isDecimalString,
  normalizeDecimalString,
  sumDecimals,
  toDecimal,
} from './decimal';

describe('toDecimal', () => {
  it('parses decimal strings exactly, beyond float precision', () => {
    expect(toDecimal('0.1').plus(toDecimal('0.2')).toString()).toBe('0.3');
    expect(toDecimal('12345678901234567890.123456789').toString()).toBe(
      '12345678901234567890.123456789',
    );
  });

  it.each(['', 'abc', '1e3', '0x1F', '1,5', 'NaN', 'Infinity', '1.2.3'])('rejects %j', (value) => {
    expect(() => toDecimal(value)).toThrow(RangeError);
    expect(isDecimalString(value)).toBe(false);
  });
});

describe('normalizeDecimalString', () => {
  it.each([
    ['+5', '5'],
    ['.50', '0.50'],
    ['5.', '5'],
    ['-0.0', '0.0'],
    ['007.10', '7.10'],
    ['-.5', '-0.5'],
    ['12.50', '12.50'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeDecimalString(input)).toBe(expected);
  });

  it('rejects numbers from JavaScript callers with a RangeError, not a TypeError', () => {
    expect(() => toDecimal(12.5 as unknown as string)).toThrow(RangeError);
    expect(() => toDecimal(12.5 as unknown as string)).toThrow(/decimal string, not a number/);
  });
});

describe('formatFixed', () => {
  it.each([
    ['2.5', 0, '3'],
    ['-2.5', 0, '-3'],
    ['1.005', 2, '1.01'],
    ['1.2345', 3, '1.235'],
    ['-0.004', 2, '0.00'],
    ['7', 2, '7.00'],
    ['0.000001', 2, '0.00'],
    ['123456789.125', 2, '123456789.13'],
  ])('formats %s to %i places as %s (half-up, ties away from zero)', (value, places, expected) => {
    expect(formatFixed(value, places)).toBe(expected);
  });

  it('never uses exponent notation', () => {
    expect(formatFixed('0.0000000001', 12)).toBe('0.000000000100');
    expect(formatFixed('100000000000000000000000', 0)).toBe('100000000000000000000000');
    // decimal.js switches to exponent notation at 1e40 unless told otherwise.
    const huge = `1${'0'.repeat(40)}`;
    expect(formatFixed(huge, 2)).toBe(`${huge}.00`);
    expect(formatFixed(`-${huge}5`, 0)).toBe(`-${huge}5`);
    expect(formatMinimal(`${huge}.5`, 2)).toBe(`${huge}.50`);
  });

  it('writes a JS number as plain decimal digits, never exponent notation', () => {
    expect(decimalTextOfNumber(7.7)).toBe('7.7');
    expect(decimalTextOfNumber(1e-7)).toBe('0.0000001');
    expect(decimalTextOfNumber(1e21)).toBe('1000000000000000000000');
    expect(() => decimalTextOfNumber(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('round-trips any decimal string written with that many places', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.integer({ min: 0, max: 6 }),
        (units, places) => {
          const digits = (units < 0n ? -units : units).toString().padStart(places + 1, '0');
          const text = `${units < 0n ? '-' : ''}${places ? `${digits.slice(0, -places)}.${digits.slice(-places)}` : digits}`;
          const expected = units === 0n ? formatFixed('0', places) : text;
          expect(formatFixed(text, places)).toBe(expected);
        },
      ),
    );
  });
});

describe('formatMinimal', () => {
  it('keeps the precision a unit price carries, and at least the minimum', () => {
    expect(formatMinimal('6.94311', 2)).toBe('6.94311');
    expect(formatMinimal('8.1', 2)).toBe('8.10');
    expect(formatMinimal('100', 1)).toBe('100.0');
  });
});

describe('sumDecimals', () => {
  it('adds exactly where floats drift', () => {
    expect(sumDecimals(Array.from({ length: 10 }, () => '0.1')).toString()).toBe('1');
    expect(sumDecimals([]).toString()).toBe('0');
  });
});
