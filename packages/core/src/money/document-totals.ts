import type { LineTotals } from '../model/line';
import { taxRateKey, type TaxRate } from '../model/tax-rate';
import type { TaxBreakdownEntry } from '../model/totals';
import { ValidationError } from '../errors/errors';
import { currencyExponent, isCurrencyCode, type CurrencyCode } from './currency';
import { Decimal, isDecimalString, toDecimal, type DecimalInput } from './decimal';
import { formatUnits, parseFixed, rescale, roundFixed, type Fixed } from './fixed-point';
import {
  assertLineAmounts,
  computeExactLineTotals,
  type ExactLineTotals,
  type LineAmounts,
} from './line-totals';
import {
  fitsMinorUnitAmount,
  fitsMinorUnitPath,
  fitsMinorUnitRate,
  formatLineTotals,
  minorUnitLineTotals,
  settleMinorUnitGroup,
  toMinorUnits,
  type MinorUnitLineTotals,
  type MinorUnitRateGroup,
} from './minor-unit-totals';
import { formatMoney, roundToCurrency } from './rounding';
import type { RoundingStrategy } from './rounding-strategy';
import { taxFraction } from './tax-factor';

/** Net, tax and gross of a document, with paid and due. */
export interface DocumentTotals {
  readonly net: string;
  readonly tax: string;
  readonly gross: string;
  readonly paid: string;
  readonly due: string;
}

/** Everything `computeInvoiceTotals` derives from the lines. */
export interface InvoiceTotalsComputation {
  readonly lines: readonly LineTotals[];
  readonly totals: DocumentTotals;
  /** One entry per tax rate, in the order the rates first appear. */
  readonly taxBreakdown: readonly TaxBreakdownEntry[];
}

interface RateGroup {
  readonly rate: TaxRate;
  net: Decimal;
  tax: Decimal;
  gross: Decimal;
}

function groupByRate(
  lines: readonly LineAmounts[],
  exact: readonly ExactLineTotals[],
): RateGroup[] {
  const groups = new Map<string, RateGroup>();
  lines.forEach((line, index) => {
    const totals = exact[index] as ExactLineTotals;
    const key = taxRateKey(line.taxRate);
    const group = groups.get(key) ?? {
      rate: line.taxRate,
      net: new Decimal(0),
      tax: new Decimal(0),
      gross: new Decimal(0),
    };
    group.net = group.net.plus(totals.net);
    group.tax = group.tax.plus(totals.tax);
    group.gross = group.gross.plus(totals.gross);
    groups.set(key, group);
  });
  return [...groups.values()];
}

/** Applies the document strategy to one rate group (see {@link RoundingStrategy}). */
function settleGroup(
  group: RateGroup,
  strategy: RoundingStrategy,
  currency: CurrencyCode,
): RateGroup {
  const fraction = taxFraction(group.rate);
  switch (strategy.document) {
    case 'sum_lines':
      return group;
    case 'keep_gross': {
      const net = roundToCurrency(group.gross.dividedBy(fraction.plus(1)), currency);
      return { rate: group.rate, net, tax: group.gross.minus(net), gross: group.gross };
    }
    case 'keep_net': {
      const tax = roundToCurrency(group.net.times(fraction), currency);
      return { rate: group.rate, net: group.net, tax, gross: group.net.plus(tax) };
    }
  }
}

/**
 * Line totals, document totals and the per-rate breakdown of an invoice under a vendor's rounding
 * strategy. Every amount is rounded half-up to the currency's minor unit; `paid` (default 0) gives
 * `due = gross − paid`. Computed in integer minor units where the amounts allow, else with
 * decimals; both give the same figures (property-tested).
 *
 * Invariants (property-tested): the breakdown sums to the totals; net + tax = gross for the
 * document and for every line; under `sum_lines` the totals are the sums of the lines.
 */
export function computeInvoiceTotals(
  lines: readonly LineAmounts[],
  options: { currency: CurrencyCode; strategy: RoundingStrategy; paid?: DecimalInput | undefined },
): InvoiceTotalsComputation {
  assertTotalsOptions(options);
  lines.forEach(assertLineAt);
  const paid = options.paid ?? '0';
  if (typeof paid === 'string' && fitsMinorUnitAmount(paid) && lines.every(fitsMinorUnitPath))
    return minorUnitInvoiceTotals(lines, { ...options, paid });
  return computeInvoiceTotalsWithDecimals(lines, options);
}

function assertTotalsOptions(options: {
  currency: CurrencyCode;
  paid?: DecimalInput | undefined;
}): void {
  if (!isCurrencyCode(options.currency)) {
    throw new ValidationError({
      provider: 'core',
      issues: [{ path: 'currency', message: 'must be an ISO 4217 currency code' }],
    });
  }
  if (
    options.paid !== undefined &&
    typeof options.paid === 'string' &&
    !isDecimalString(options.paid)
  ) {
    throw new ValidationError({
      provider: 'core',
      issues: [{ path: 'paid', message: 'must be a decimal number written as a string' }],
    });
  }
}

/** Validates one line, naming the field under `lines.<index>`. */
function assertLineAt(line: LineAmounts, index: number): void {
  try {
    assertLineAmounts(line);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new ValidationError({
      provider: 'core',
      issues: error.issues.map((issue) => ({ ...issue, path: `lines.${index}.${issue.path}` })),
    });
  }
}

/** {@link computeInvoiceTotals} in integer minor units; the lines are validated and fit. */
function minorUnitInvoiceTotals(
  lines: readonly LineAmounts[],
  options: { currency: CurrencyCode; strategy: RoundingStrategy; paid: string },
): InvoiceTotalsComputation {
  const { strategy } = options;
  const exponent = currencyExponent(options.currency);
  const exact = lines.map((line) => minorUnitLineTotals(line, exponent, strategy));
  const groups = new Map<string, MinorUnitRateGroup>();
  lines.forEach((line, index) => {
    const totals = exact[index] as MinorUnitLineTotals;
    const key = taxRateKey(line.taxRate);
    const group = groups.get(key);
    if (group) {
      group.net += totals.net;
      group.tax += totals.tax;
      group.gross += totals.gross;
    } else
      groups.set(key, {
        rate: line.taxRate,
        net: totals.net,
        tax: totals.tax,
        gross: totals.gross,
      });
  });
  const settled = [...groups.values()].map((group) =>
    settleMinorUnitGroup(group, strategy, exponent, exponent),
  );
  let net = 0n;
  let tax = 0n;
  for (const group of settled) {
    net += group.net;
    tax += group.tax;
  }
  const gross = net + tax;
  const paid = toMinorUnits(options.paid, exponent);
  const money = (units: bigint): string => formatUnits(units, exponent);
  return {
    lines: exact.map((line) => formatLineTotals(line, exponent)),
    totals: {
      net: money(net),
      tax: money(tax),
      gross: money(gross),
      paid: money(paid),
      due: money(gross - paid),
    },
    taxBreakdown: settled.map((group) => ({
      rate: group.rate,
      net: money(group.net),
      tax: money(group.tax),
      gross: money(group.gross),
    })),
  };
}

/**
 * {@link computeInvoiceTotals} on the decimal path alone (decimal.js, 40 significant digits),
 * whatever the amounts: the general case, and the reference the minor-unit path is tested against.
 */
export function computeInvoiceTotalsWithDecimals(
  lines: readonly LineAmounts[],
  options: { currency: CurrencyCode; strategy: RoundingStrategy; paid?: DecimalInput | undefined },
): InvoiceTotalsComputation {
  const { currency, strategy } = options;
  assertTotalsOptions(options);
  lines.forEach(assertLineAt);
  const exact = lines.map((line) => computeExactLineTotals(line, currency, strategy));
  const groups = groupByRate(lines, exact).map((group) => settleGroup(group, strategy, currency));

  const net = groups.reduce((sum, group) => sum.plus(group.net), new Decimal(0));
  const tax = groups.reduce((sum, group) => sum.plus(group.tax), new Decimal(0));
  const gross = net.plus(tax);
  const paid = roundToCurrency(toDecimal(options.paid ?? '0'), currency);

  const money = (value: Decimal): string => formatMoney(value, currency);
  return {
    lines: exact.map((line) => ({
      net: money(line.net),
      tax: money(line.tax),
      gross: money(line.gross),
      discount: money(line.discount),
    })),
    totals: {
      net: money(net),
      tax: money(tax),
      gross: money(gross),
      paid: money(paid),
      due: money(gross.minus(paid)),
    },
    taxBreakdown: groups.map((group) => ({
      rate: group.rate,
      net: money(group.net),
      tax: money(group.tax),
      gross: money(group.gross),
    })),
  };
}

/** One line's rate and its totals as a vendor reported them. */
export interface RatedLineTotals {
  readonly taxRate: TaxRate;
  readonly totals: { readonly net: string; readonly tax: string; readonly gross: string };
}

/**
 * The per-rate breakdown of lines whose totals a vendor already computed (reading an invoice),
 * settled under the vendor's document strategy. Lines are never recomputed from unit prices: the
 * vendor's own line totals are the truth.
 */
export function taxBreakdownOf(
  lines: readonly RatedLineTotals[],
  options: { currency: CurrencyCode; strategy: RoundingStrategy },
): TaxBreakdownEntry[] {
  const fits = lines.every(
    (line) =>
      fitsMinorUnitRate(line.taxRate) &&
      fitsMinorUnitAmount(line.totals.net) &&
      fitsMinorUnitAmount(line.totals.tax) &&
      fitsMinorUnitAmount(line.totals.gross),
  );
  if (fits && lines.every((line) => isDecimalTotals(line.totals)))
    return minorUnitTaxBreakdown(lines, options);
  return taxBreakdownWithDecimals(lines, options);
}

function isDecimalTotals(totals: RatedLineTotals['totals']): boolean {
  return (
    isDecimalString(totals.net) && isDecimalString(totals.tax) && isDecimalString(totals.gross)
  );
}

/** {@link taxBreakdownOf} in integer units of the finest scale the vendor's totals use. */
function minorUnitTaxBreakdown(
  lines: readonly RatedLineTotals[],
  options: { currency: CurrencyCode; strategy: RoundingStrategy },
): TaxBreakdownEntry[] {
  const exponent = currencyExponent(options.currency);
  const parsed = lines.map((line) => ({
    rate: line.taxRate,
    net: parseFixed(line.totals.net) as Fixed,
    tax: parseFixed(line.totals.tax) as Fixed,
    gross: parseFixed(line.totals.gross) as Fixed,
  }));
  // Sums are exact at the finest scale any total uses (at least the currency's).
  const scale = parsed.reduce(
    (finest, line) => Math.max(finest, line.net.scale, line.tax.scale, line.gross.scale),
    exponent,
  );
  const groups = new Map<string, MinorUnitRateGroup>();
  for (const line of parsed) {
    const key = taxRateKey(line.rate);
    const net = rescale(line.net, scale);
    const tax = rescale(line.tax, scale);
    const gross = rescale(line.gross, scale);
    const group = groups.get(key);
    if (group) {
      group.net += net;
      group.tax += tax;
      group.gross += gross;
    } else groups.set(key, { rate: line.rate, net, tax, gross });
  }
  const money = (units: bigint): string =>
    formatUnits(roundFixed({ units, scale }, exponent), exponent);
  return [...groups.values()].map((group) => {
    const settled = settleMinorUnitGroup(group, options.strategy, scale, exponent);
    return {
      rate: settled.rate,
      net: money(settled.net),
      tax: money(settled.tax),
      gross: money(settled.gross),
    };
  });
}

/** {@link taxBreakdownOf} on the decimal path alone, whatever the amounts: the reference. */
export function taxBreakdownWithDecimals(
  lines: readonly RatedLineTotals[],
  options: { currency: CurrencyCode; strategy: RoundingStrategy },
): TaxBreakdownEntry[] {
  const exact = lines.map((line) => ({
    net: toDecimal(line.totals.net),
    tax: toDecimal(line.totals.tax),
    gross: toDecimal(line.totals.gross),
    discount: new Decimal(0),
  }));
  const amounts = lines.map((line) => ({ taxRate: line.taxRate }) as LineAmounts);
  return groupByRate(amounts, exact).map((group) => {
    const settled = settleGroup(group, options.strategy, options.currency);
    return {
      rate: settled.rate,
      net: formatMoney(settled.net, options.currency),
      tax: formatMoney(settled.tax, options.currency),
      gross: formatMoney(settled.gross, options.currency),
    };
  });
}
