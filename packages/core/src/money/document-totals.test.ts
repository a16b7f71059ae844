import fc from 'fast-check';
import { ValidationError } from '../errors/errors';
import { describe, expect, it } from 'vitest';
import type { LineTotals } from '../model/line';
import { taxRateKey, type TaxRate } from '../model/tax-rate';
import { currencyExponent } from './currency';
import { Decimal, sumDecimals, toDecimal } from './decimal';
import { computeInvoiceTotals, taxBreakdownOf } from './document-totals';
import type { LineAmounts } from './line-totals';
import { minorUnit } from './rounding';
import {
  DEFAULT_ROUNDING_STRATEGY,
  ROUNDING_STRATEGIES,
  type RoundingStrategy,
} from './rounding-strategy';
import { taxFraction } from './tax-factor';

const percent = (value: string): TaxRate => ({ kind: 'percent', value });
const strategy = (
  line: RoundingStrategy['line'],
  document: RoundingStrategy['document'],
): RoundingStrategy => ({
  line,
  document,
});

describe('worked examples from the vendors (InvoiceOcean documented calculation examples)', () => {
  it('reproduces the seed invoice: 10.23 gross @ 23 % and 2 × 25 gross @ 0 % → 58.32 / 1.91 / 60.23', () => {
    const { totals, taxBreakdown, lines } = computeInvoiceTotals(
      [
        { quantity: '1', unitPrice: '10.23', unitPriceKind: 'gross', taxRate: percent('23') },
        { quantity: '2', unitPrice: '25', unitPriceKind: 'gross', taxRate: percent('0') },
      ],
      { currency: 'PLN', strategy: DEFAULT_ROUNDING_STRATEGY },
    );
    expect(totals).toEqual({
      net: '58.32',
      tax: '1.91',
      gross: '60.23',
      paid: '0.00',
      due: '60.23',
    });
    expect(lines[0]).toEqual({ net: '8.32', tax: '1.91', gross: '10.23', discount: '0.00' });
    expect(taxBreakdown).toEqual([
      { rate: percent('23'), net: '8.32', tax: '1.91', gross: '10.23' },
      { rate: percent('0'), net: '50.00', tax: '0.00', gross: '50.00' },
    ]);
  });

  it('takes an amount discount off the gross and re-splits: 100 gross @ 23 % − 5 → 95.00 / 77.24 / 17.76', () => {
    const { totals } = computeInvoiceTotals(
      [
        {
          quantity: '1',
          unitPrice: '100',
          unitPriceKind: 'gross',
          taxRate: percent('23'),
          discount: { kind: 'amount', value: '5' },
        },
      ],
      { currency: 'PLN', strategy: DEFAULT_ROUNDING_STRATEGY },
    );
    expect(totals).toMatchObject({ gross: '95.00', net: '77.24', tax: '17.76' });
  });

  it('takes a percentage discount: 3 × 123 gross @ 23 % − 33.33 % → 246.01 / 200.01 / 46.00', () => {
    const { totals, lines } = computeInvoiceTotals(
      [
        {
          quantity: '3',
          unitPrice: '123',
          unitPriceKind: 'gross',
          taxRate: percent('23'),
          discount: { kind: 'percent', value: '33.33' },
        },
      ],
      { currency: 'PLN', strategy: DEFAULT_ROUNDING_STRATEGY },
    );
    expect(totals).toMatchObject({ gross: '246.01', net: '200.01', tax: '46.00' });
    expect(lines[0]?.discount).toBe('122.99');
  });
});

describe('the strategies differ where vendors differ', () => {
  it('net_first vs gross_first: 3 × 0.99 net @ 19 %', () => {
    const line: LineAmounts = {
      quantity: '3',
      unitPrice: '0.99',
      unitPriceKind: 'net',
      taxRate: percent('19'),
    };
    const netFirst = computeInvoiceTotals([line], {
      currency: 'EUR',
      strategy: strategy('net_first', 'sum_lines'),
    });
    const grossFirst = computeInvoiceTotals([line], {
      currency: 'EUR',
      strategy: strategy('gross_first', 'sum_lines'),
    });
    expect(netFirst.totals).toMatchObject({ net: '2.97', tax: '0.56', gross: '3.53' });
    // 0.99 × 1.19 = 1.1781 → 1.18 a unit → 3.54; net = 3.54 / 1.19 = 2.9748 → 2.97
    expect(grossFirst.totals).toMatchObject({ net: '2.97', tax: '0.57', gross: '3.54' });
  });

  it('sum_lines vs keep_gross: three lines of 0.99 gross @ 19 % (rounding goes into tax vs net)', () => {
    const lines = Array.from({ length: 3 }, (): LineAmounts => ({
      quantity: '1',
      unitPrice: '0.99',
      unitPriceKind: 'gross',
      taxRate: percent('19'),
    }));
    const summed = computeInvoiceTotals(lines, {
      currency: 'EUR',
      strategy: strategy('net_first', 'sum_lines'),
    });
    const keptGross = computeInvoiceTotals(lines, {
      currency: 'EUR',
      strategy: strategy('net_first', 'keep_gross'),
    });
    expect(summed.totals).toMatchObject({ net: '2.49', tax: '0.48', gross: '2.97' });
    expect(keptGross.totals).toMatchObject({ net: '2.50', tax: '0.47', gross: '2.97' });
  });

  it('sum_lines vs keep_net: three lines of 0.02 net @ 19 % (per-line tax rounds to 0, per-rate does not)', () => {
    const lines = Array.from({ length: 3 }, (): LineAmounts => ({
      quantity: '1',
      unitPrice: '0.02',
      unitPriceKind: 'net',
      taxRate: percent('19'),
    }));
    const summed = computeInvoiceTotals(lines, {
      currency: 'EUR',
      strategy: strategy('net_first', 'sum_lines'),
    });
    const keptNet = computeInvoiceTotals(lines, {
      currency: 'EUR',
      strategy: strategy('net_first', 'keep_net'),
    });
    expect(summed.totals).toMatchObject({ net: '0.06', tax: '0.00', gross: '0.06' });
    expect(keptNet.totals).toMatchObject({ net: '0.06', tax: '0.01', gross: '0.07' });
  });

  it('treats non-numeric rates as 0 % for arithmetic but keeps them apart in the breakdown', () => {
    const { totals, taxBreakdown } = computeInvoiceTotals(
      [
        { quantity: '1', unitPrice: '10', unitPriceKind: 'net', taxRate: { kind: 'exempt' } },
        {
          quantity: '1',
          unitPrice: '10',
          unitPriceKind: 'net',
          taxRate: { kind: 'reverse_charge' },
        },
        { quantity: '1', unitPrice: '10', unitPriceKind: 'net', taxRate: percent('0') },
      ],
      { currency: 'EUR', strategy: DEFAULT_ROUNDING_STRATEGY },
    );
    expect(totals).toMatchObject({ net: '30.00', tax: '0.00', gross: '30.00' });
    expect(taxBreakdown.map((entry) => entry.rate.kind)).toEqual([
      'exempt',
      'reverse_charge',
      'percent',
    ]);
  });

  it('groups "19" and "19.00" as one rate', () => {
    const { taxBreakdown } = computeInvoiceTotals(
      [
        { quantity: '1', unitPrice: '1', unitPriceKind: 'net', taxRate: percent('19') },
        { quantity: '1', unitPrice: '1', unitPriceKind: 'net', taxRate: percent('19.00') },
      ],
      { currency: 'EUR', strategy: DEFAULT_ROUNDING_STRATEGY },
    );
    expect(taxBreakdown).toHaveLength(1);
  });

  it('rounds to 0 and 3 decimal currencies', () => {
    const line = (unitPrice: string): LineAmounts => ({
      quantity: '3',
      unitPrice,
      unitPriceKind: 'net',
      taxRate: percent('10'),
    });
    expect(
      computeInvoiceTotals([line('333.5')], {
        currency: 'JPY',
        strategy: DEFAULT_ROUNDING_STRATEGY,
      }).totals,
    ).toEqual({
      net: '1001',
      tax: '100',
      gross: '1101',
      paid: '0',
      due: '1101',
    });
    expect(
      computeInvoiceTotals([line('1.2345')], {
        currency: 'KWD',
        strategy: DEFAULT_ROUNDING_STRATEGY,
        paid: '1',
      }).totals,
    ).toEqual({ net: '3.704', tax: '0.370', gross: '4.074', paid: '1.000', due: '3.074' });
  });
});

describe('regressions found in review', () => {
  it('keeps 10 % and 1 % (and 20 % / 2 %) apart', () => {
    const line = (rate: string): LineAmounts => ({
      quantity: '1',
      unitPrice: '100',
      unitPriceKind: 'net',
      taxRate: percent(rate),
    });
    const { totals, taxBreakdown } = computeInvoiceTotals(
      [line('10'), line('1'), line('20'), line('2')],
      {
        currency: 'EUR',
        strategy: strategy('net_first', 'keep_net'),
      },
    );
    expect(totals.tax).toBe('33.00');
    expect(taxBreakdown.map((entry) => entry.tax)).toEqual(['10.00', '1.00', '20.00', '2.00']);
  });

  it('a discount moves a credit line towards zero', () => {
    const credit = (discount: LineAmounts['discount']): LineAmounts => ({
      quantity: '1',
      unitPrice: '-100',
      unitPriceKind: 'gross',
      taxRate: percent('0'),
      discount,
    });
    const options = { currency: 'EUR', strategy: DEFAULT_ROUNDING_STRATEGY };
    expect(
      computeInvoiceTotals([credit({ kind: 'amount', value: '5' })], options).lines[0],
    ).toMatchObject({ gross: '-95.00', discount: '-5.00' });
    expect(
      computeInvoiceTotals([credit({ kind: 'percent', value: '5' })], options).lines[0],
    ).toMatchObject({ gross: '-95.00', discount: '-5.00' });
  });
});

describe('taxBreakdownOf', () => {
  it("groups a vendor's own line totals by rate, settled under the document strategy", () => {
    const lines = [
      { taxRate: percent('19'), totals: { net: '0.83', tax: '0.16', gross: '0.99' } },
      { taxRate: percent('19.0'), totals: { net: '0.83', tax: '0.16', gross: '0.99' } },
      { taxRate: { kind: 'exempt' as const }, totals: { net: '5.00', tax: '0.00', gross: '5.00' } },
    ];
    expect(
      taxBreakdownOf(lines, { currency: 'EUR', strategy: strategy('net_first', 'sum_lines') }),
    ).toEqual([
      { rate: percent('19'), net: '1.66', tax: '0.32', gross: '1.98' },
      { rate: { kind: 'exempt' }, net: '5.00', tax: '0.00', gross: '5.00' },
    ]);
    expect(
      taxBreakdownOf(lines, { currency: 'EUR', strategy: strategy('net_first', 'keep_gross') })[0],
    ).toEqual({
      rate: percent('19'),
      net: '1.66',
      tax: '0.32',
      gross: '1.98',
    });
  });
});

describe('bad input', () => {
  it('is a ValidationError naming the line field, not a RangeError from the maths', () => {
    const call = (): unknown =>
      computeInvoiceTotals(
        [
          { quantity: '1', unitPrice: '10', unitPriceKind: 'net', taxRate: percent('19') },
          { quantity: 'two', unitPrice: '1,50', unitPriceKind: 'net', taxRate: percent('x') },
        ],
        { currency: 'EUR', strategy: DEFAULT_ROUNDING_STRATEGY },
      );
    expect(call).toThrow(ValidationError);
    expect(() => call()).toThrow(
      /lines\.1\.quantity.*lines\.1\.unitPrice.*lines\.1\.taxRate\.value/,
    );
  });

  it('names an unknown currency', () => {
    expect(() =>
      computeInvoiceTotals([], { currency: 'EURO', strategy: DEFAULT_ROUNDING_STRATEGY }),
    ).toThrow(/currency/);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

/** A non-negative decimal string with up to `scale` fraction digits and at most `max` units. */
function decimalString(max: number, scale: number): fc.Arbitrary<string> {
  return fc
    .tuple(fc.integer({ min: 0, max: max * 10 ** scale }), fc.integer({ min: 0, max: scale }))
    .map(([units, places]) =>
      new Decimal(units)
        .dividedBy(10 ** scale)
        .toDecimalPlaces(places)
        .toString(),
    );
}

const taxRateArb: fc.Arbitrary<TaxRate> = fc.oneof(
  // 1 / 10 and 2 / 20 collide if a rate key strips zeros the wrong way.
  fc
    .constantFrom('0', '1', '2', '5', '7', '7.7', '8', '10', '19', '19.00', '20', '21', '23', '25')
    .map(percent),
  fc.constantFrom<TaxRate>({ kind: 'exempt' }, { kind: 'not_subject' }, { kind: 'reverse_charge' }),
);

const lineArb: fc.Arbitrary<LineAmounts> = fc
  .record({
    quantity: decimalString(1000, 3),
    unitPrice: decimalString(100_000, 4),
    unitPriceKind: fc.constantFrom('net' as const, 'gross' as const),
    taxRate: taxRateArb,
    discountPercent: fc.option(decimalString(100, 2), { nil: undefined }),
  })
  .map(({ discountPercent, ...line }) => ({
    ...line,
    discount:
      discountPercent === undefined ? null : { kind: 'percent' as const, value: discountPercent },
  }));

const scenarioArb = fc.record({
  lines: fc.array(lineArb, { minLength: 1, maxLength: 12 }),
  currency: fc.constantFrom('EUR', 'JPY', 'KWD', 'PLN'),
  strategy: fc.constantFrom(...ROUNDING_STRATEGIES),
});

describe('invariants under every strategy and currency (fast-check)', () => {
  it('net + tax = gross for the document and every line; the breakdown sums to the totals', () => {
    fc.assert(
      fc.property(scenarioArb, ({ lines, currency, strategy: chosen }) => {
        const result = computeInvoiceTotals(lines, { currency, strategy: chosen });
        const { net, tax, gross } = result.totals;
        expect(toDecimal(net).plus(toDecimal(tax)).equals(toDecimal(gross))).toBe(true);
        for (const line of result.lines) {
          expect(toDecimal(line.net).plus(toDecimal(line.tax)).equals(toDecimal(line.gross))).toBe(
            true,
          );
        }
        expect(
          sumDecimals(result.taxBreakdown.map((entry) => entry.net)).equals(toDecimal(net)),
        ).toBe(true);
        expect(
          sumDecimals(result.taxBreakdown.map((entry) => entry.tax)).equals(toDecimal(tax)),
        ).toBe(true);
        expect(
          sumDecimals(result.taxBreakdown.map((entry) => entry.gross)).equals(toDecimal(gross)),
        ).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('writes every amount with exactly the currency exponent of decimals (0, 2, 3)', () => {
    fc.assert(
      fc.property(scenarioArb, ({ lines, currency, strategy: chosen }) => {
        const exponent = currencyExponent(currency);
        const pattern = exponent === 0 ? /^-?\d+$/ : new RegExp(`^-?\\d+\\.\\d{${exponent}}$`);
        const result = computeInvoiceTotals(lines, { currency, strategy: chosen });
        for (const amount of [
          ...Object.values(result.totals),
          ...result.lines.flatMap((line) => Object.values(line)),
          ...result.taxBreakdown.flatMap((entry) => [entry.net, entry.tax, entry.gross]),
        ]) {
          expect(amount).toMatch(pattern);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('under sum_lines, the totals are exactly the sums of the rounded lines', () => {
    fc.assert(
      fc.property(scenarioArb, ({ lines, currency, strategy: chosen }) => {
        const result = computeInvoiceTotals(lines, {
          currency,
          strategy: { ...chosen, document: 'sum_lines' },
        });
        expect(
          sumDecimals(result.lines.map((line) => line.net)).equals(toDecimal(result.totals.net)),
        ).toBe(true);
        expect(
          sumDecimals(result.lines.map((line) => line.gross)).equals(
            toDecimal(result.totals.gross),
          ),
        ).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('never drifts more than the documented rounding bound from the exact tax', () => {
    fc.assert(
      fc.property(scenarioArb, ({ lines, currency, strategy: chosen }) => {
        const result = computeInvoiceTotals(lines, { currency, strategy: chosen });
        const halfUnit = minorUnit(currency).dividedBy(2);
        for (const entry of result.taxBreakdown) {
          const fraction = taxFraction(entry.rate);
          const indexes = lines.flatMap((line, index) =>
            taxRateKey(line.taxRate) === taxRateKey(entry.rate) ? [index] : [],
          );
          // The exact tax of what a line keeps: its net when computed net first, its gross otherwise.
          const exactLineTax = (index: number): Decimal => {
            const line = lines[index] as LineAmounts;
            const totals = result.lines[index] as LineTotals;
            const startsFromGross = line.unitPriceKind === 'gross' || chosen.line === 'gross_first';
            return startsFromGross
              ? toDecimal(totals.gross).times(fraction).dividedBy(fraction.plus(1))
              : toDecimal(totals.net).times(fraction);
          };
          const exactTax =
            chosen.document === 'keep_gross'
              ? toDecimal(entry.gross).times(fraction).dividedBy(fraction.plus(1))
              : chosen.document === 'keep_net'
                ? toDecimal(entry.net).times(fraction)
                : sumDecimals(indexes.map(exactLineTax));
          // keep_net / keep_gross round once per rate; sum_lines once per line.
          const bound = chosen.document === 'sum_lines' ? halfUnit.times(indexes.length) : halfUnit;
          expect(toDecimal(entry.tax).minus(exactTax).abs().lessThanOrEqualTo(bound)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('due = gross − paid', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        decimalString(1000, 2),
        ({ lines, currency, strategy: chosen }, paid) => {
          const { totals } = computeInvoiceTotals(lines, { currency, strategy: chosen, paid });
          expect(
            toDecimal(totals.gross).minus(toDecimal(totals.paid)).equals(toDecimal(totals.due)),
          ).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('does not depend on the order of the lines', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer(), ({ lines, currency, strategy: chosen }, seed) => {
        const shuffled = [...lines].sort((a, b) =>
          (JSON.stringify(a) + seed).localeCompare(JSON.stringify(b) + seed),
        );
        const original = computeInvoiceTotals(lines, { currency, strategy: chosen }).totals;
        expect(computeInvoiceTotals(shuffled, { currency, strategy: chosen }).totals).toEqual(
          original,
        );
      }),
      { numRuns: 200 },
    );
  });

  it('agrees with an independent per-rate oracle for net-priced lines', () => {
    // The oracle: round every line net, group by the numeric rate, then either add per-line taxes
    // (sum_lines) or tax each group once (keep_net). Written without the engine's helpers.
    const netLineArb = fc.record({
      quantity: decimalString(500, 2),
      unitPrice: decimalString(10_000, 3),
      rate: fc.constantFrom('0', '1', '7', '10', '19', '20', '23'),
    });
    fc.assert(
      fc.property(
        fc.array(netLineArb, { minLength: 1, maxLength: 10 }),
        fc.constantFrom('sum_lines' as const, 'keep_net' as const),
        (rows, document) => {
          const round2 = (value: Decimal): Decimal =>
            value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
          const nets = rows.map((row) => round2(new Decimal(row.quantity).times(row.unitPrice)));
          let expectedTax = new Decimal(0);
          if (document === 'sum_lines') {
            rows.forEach((row, index) => {
              expectedTax = expectedTax.plus(
                round2((nets[index] as Decimal).times(row.rate).dividedBy(100)),
              );
            });
          } else {
            for (const rate of new Set(rows.map((row) => new Decimal(row.rate).toString()))) {
              const groupNet = rows.reduce(
                (sum, row, index) =>
                  new Decimal(row.rate).toString() === rate
                    ? sum.plus(nets[index] as Decimal)
                    : sum,
                new Decimal(0),
              );
              expectedTax = expectedTax.plus(round2(groupNet.times(rate).dividedBy(100)));
            }
          }
          const expectedNet = nets.reduce((sum, net) => sum.plus(net), new Decimal(0));
          const { totals } = computeInvoiceTotals(
            rows.map((row) => ({
              quantity: row.quantity,
              unitPrice: row.unitPrice,
              unitPriceKind: 'net' as const,
              taxRate: percent(row.rate),
            })),
            { currency: 'EUR', strategy: strategy('net_first', document) },
          );
          expect(totals.net).toBe(expectedNet.toFixed(2));
          expect(totals.tax).toBe(expectedTax.toFixed(2));
        },
      ),
      { numRuns: 300 },
    );
  });
});
