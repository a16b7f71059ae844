import { describe, expect, it } from 'vitest';
import { currencyExponent, isCurrencyCode } from './currency';
import { formatMoney, minorUnit, roundToCurrency } from './rounding';

describe('ISO 4217 minor units', () => {
  it.each([
    ['JPY', 0],
    ['KRW', 0],
    ['EUR', 2],
    ['PLN', 2],
    ['USD', 2],
    ['KWD', 3],
    ['BHD', 3],
    ['TND', 3],
    ['CLF', 4],
  ])('%s has %i decimals', (code, exponent) => {
    expect(currencyExponent(code)).toBe(exponent);
  });

  it('rejects codes that are not ISO 4217', () => {
    expect(isCurrencyCode('EURO')).toBe(false);
    expect(isCurrencyCode('eur')).toBe(false);
    expect(() => currencyExponent('XXX')).toThrow(/unknown ISO 4217 currency/);
  });

  it('rounds and formats to the currency', () => {
    expect(formatMoney('1234.5', 'JPY')).toBe('1235');
    expect(formatMoney('1.2345', 'KWD')).toBe('1.235');
    expect(formatMoney('60.225', 'EUR')).toBe('60.23');
    expect(roundToCurrency('0.005', 'EUR').toString()).toBe('0.01');
    expect(minorUnit('KWD').toString()).toBe('0.001');
    expect(minorUnit('JPY').toString()).toBe('1');
    expect(formatMoney('1', 'eur')).toBe('1.00');
  });
});
