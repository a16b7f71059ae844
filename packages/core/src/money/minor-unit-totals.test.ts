import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TaxRate } from '../model/tax-rate';
import { taxRateKey } from '../model/tax-rate';
import { formatFixed, formatMinimal, plainDecimalText, toDecimal } from './decimal';
import {
  computeInvoiceTotals,
  computeInvoiceTotalsWithDecimals,
  taxBreakdownOf,
  taxBreakdownWithDecimals,
  type RatedLineTotals,
} from './document-totals';
import { computeLineTotals, computeLineTotalsWithDecimals, type LineAmounts } from './line-totals';
import { fitsMinorUnitPath } from './minor-unit-totals';
import { DEFAULT_ROUNDING_STRATEGY, ROUNDING_STRATEGIES } from './rounding-strategy';

/** A decimal string of up to `digits` digits with up to `maxScale` of them after the point. */
function decimalText(digits: number, maxScale: number, signed = true): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.bigInt({ min: 0n, max: 10n ** BigInt(digits) - 1n }),
      fc.integer({ min: 0, max: maxScale }),
      signed ? fc.boolean() : fc.constant(false),
    )
    .map(([units, scale, negative]) => {
      const padded = units.toString().padStart(scale + 1, '0');
      const text = scale === 0 ? padded : `${padded.slice(0, -scale)}.${padded.slice(-scale)}`;
      return negative ? `-${text}` : text;
    });
}

/** Odd but valid spellings too: `+.5`, `007.`, blanks around. */
const spelledDecimal: fc.Arbitrary<string> = fc
  .tuple(
    decimalText(14, 8),
    fc.constantFrom('', '+', ' '),
    fc.constantFrom('', '0', '00'),
    fc.boolean(),
  )
  .map(([text, lead, zeros, trailingPoint]) => {
    const negative = text.startsWith('-');
    const digits = negative ? text.slice(1) : text;
    const withZeros = `${zeros}${digits}${trailingPoint && !digits.includes('.') ? '.' : ''}`;
    const shortened =
      withZeros.startsWith('0.') && withZeros.length > 2 && lead === '+'
        ? withZeros.slice(1)
        : withZeros;
    return negative ? `-${withZeros}` : `${lead}${shortened}`;
  });

const rateArb: fc.Arbitrary<TaxRate> = fc.oneof(
  fc
    .constantFrom('19', '7', '0', '23', '5.5', '7.25', '100', '19.00', '8.875')
    .map((value): TaxRate => ({ kind: 'percent', value })),
  decimalText(6, 3, false).map((value): TaxRate => ({ kind: 'percent', value })),
  fc.constantFrom<TaxRate>({ kind: 'exempt' }, { kind: 'not_subject' }, { kind: 'reverse_charge' }),
);

const lineArb: fc.Arbitrary<LineAmounts> = fc.record({
  quantity: decimalText(10, 4),
  unitPrice: decimalText(12, 5),
  unitPriceKind: fc.constantFrom('net' as const, 'gross' as const),
  taxRate: rateArb,
  discount: fc.option(
    fc.oneof(
      decimalText(4, 2, false).map((value) => ({ kind: 'percent' as const, value })),
      decimalText(10, 4, false).map((value) => ({ kind: 'amount' as const, value })),
    ),
    { nil: undefined },
  ),
});

const currencyArb = fc.constantFrom('EUR', 'JPY', 'KWD', 'CLF', 'PLN', 'HUF');
const strategyArb = fc.constantFrom(...ROUNDING_STRATEGIES);

describe('the minor-unit path gives the decimal path’s figures', () => {
  it('for invoice totals, under every strategy and currency', () => {
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 0, maxLength: 12 }),
        currencyArb,
        strategyArb,
        fc.option(decimalText(12, 4), { nil: undefined }),
        (lines, currency, strategy, paid) => {
          expect(lines.every(fitsMinorUnitPath)).toBe(true);
          const options = { currency, strategy, paid };
          expect(computeInvoiceTotals(lines, options)).toEqual(
            computeInvoiceTotalsWithDecimals(lines, options),
          );
        },
      ),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 2000) },
    );
  });

  it('for one line', () => {
    fc.assert(
      fc.property(lineArb, currencyArb, strategyArb, (line, currency, strategy) => {
        expect(computeLineTotals(line, currency, strategy)).toEqual(
          computeLineTotalsWithDecimals(line, currency, strategy),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('on rounding ties: half-up, away from zero, on credit lines too', () => {
    for (const strategy of ROUNDING_STRATEGIES) {
      for (const quantity of ['1', '-1', '3', '-3']) {
        for (const unitPrice of ['0.005', '0.015', '2.345', '10.125', '-0.125']) {
          const line: LineAmounts = {
            quantity,
            unitPrice,
            unitPriceKind: 'net',
            taxRate: { kind: 'percent', value: '19' },
          };
          expect(computeLineTotals(line, 'EUR', strategy)).toEqual(
            computeLineTotalsWithDecimals(line, 'EUR', strategy),
          );
        }
      }
    }
  });

  it('for the breakdown of a vendor’s own line totals, finer than the currency too', () => {
    const totalsArb: fc.Arbitrary<RatedLineTotals> = fc.record({
      taxRate: rateArb,
      totals: fc.record({
        net: decimalText(14, 4),
        tax: decimalText(12, 4),
        gross: decimalText(14, 4),
      }),
    });
    fc.assert(
      fc.property(
        fc.array(totalsArb, { maxLength: 10 }),
        currencyArb,
        strategyArb,
        (lines, currency, strategy) => {
          expect(taxBreakdownOf(lines, { currency, strategy })).toEqual(
            taxBreakdownWithDecimals(lines, { currency, strategy }),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('amounts past the bounds take the decimal path, with the same validation', () => {
    const huge: LineAmounts = {
      quantity: '1234567890123.5',
      unitPrice: '98765432109876543210.99',
      unitPriceKind: 'net',
      taxRate: { kind: 'percent', value: '19' },
    };
    expect(fitsMinorUnitPath(huge)).toBe(false);
    expect(computeLineTotals(huge, 'EUR', DEFAULT_ROUNDING_STRATEGY)).toEqual(
      computeLineTotalsWithDecimals(huge, 'EUR', DEFAULT_ROUNDING_STRATEGY),
    );
    expect(() =>
      computeInvoiceTotals([{ ...huge, quantity: '1,5' }], {
        currency: 'EUR',
        strategy: DEFAULT_ROUNDING_STRATEGY,
      }),
    ).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ path: 'lines.0.quantity' })] }),
    );
    expect(() =>
      computeInvoiceTotals([{ ...huge, quantity: '1,5', unitPrice: '1' }], {
        currency: 'EUR',
        strategy: DEFAULT_ROUNDING_STRATEGY,
      }),
    ).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ path: 'lines.0.quantity' })] }),
    );
  });
});

describe('decimal strings are formatted on their digits as decimal.js would', () => {
  it('formatFixed, at every number of places', () => {
    fc.assert(
      fc.property(spelledDecimal, fc.integer({ min: 0, max: 6 }), (text, places) => {
        expect(formatFixed(text, places)).toBe(formatFixed(toDecimal(text), places));
      }),
      { numRuns: 5000 },
    );
  });

  it('formatMinimal', () => {
    fc.assert(
      fc.property(spelledDecimal, fc.integer({ min: 0, max: 4 }), (text, minPlaces) => {
        expect(formatMinimal(text, minPlaces)).toBe(formatMinimal(toDecimal(text), minPlaces));
      }),
      { numRuns: 5000 },
    );
  });

  it('plainDecimalText, and the tax-rate keys built from it', () => {
    fc.assert(
      fc.property(spelledDecimal, (text) => {
        expect(plainDecimalText(text)).toBe(toDecimal(text).toString());
      }),
      { numRuns: 5000 },
    );
    expect(taxRateKey({ kind: 'percent', value: '19.00' })).toBe(
      taxRateKey({ kind: 'percent', value: '19' }),
    );
    expect(taxRateKey({ kind: 'percent', value: '7.50' })).toBe('percent:7.5');
    expect(taxRateKey({ kind: 'percent', value: '10' })).toBe('percent:10');
  });

  it('carries through every digit and refuses what is not a decimal', () => {
    expect(formatFixed('9.995', 2)).toBe('10.00');
    expect(formatFixed('-999.5', 0)).toBe('-1000');
    expect(formatFixed('-0.004', 2)).toBe('0.00');
    expect(formatFixed('.5', 0)).toBe('1');
    expect(() => formatFixed('1e3', 2)).toThrow(RangeError);
    expect(() => formatFixed('.', 2)).toThrow(RangeError);
    expect(() => formatMinimal('', 2)).toThrow(RangeError);
  });
});
