import type { LineTotals } from '../model/line';
import { taxRateKey, type TaxRate } from '../model/tax-rate';
import type { TaxBreakdownEntry } from '../model/totals';
import { ValidationError } from '../errors/errors';
import { isCurrencyCode, type CurrencyCode } from './currency';
import { Decimal, isDecimalString, toDecimal, type DecimalInput } from './decimal';
import { computeExactLineTotals, type ExactLineTotals, type LineAmounts } from './line-totals';
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
 * `due = gross − paid`.
 *
 * Invariants (property-tested): the breakdown sums to the totals; net + tax = gross for the
 * document and for every line; under `sum_lines` the totals are the sums of the lines.
 */
export function computeInvoiceTotals(
  lines: readonly LineAmounts[],
  options: { currency: CurrencyCode; strategy: RoundingStrategy; paid?: DecimalInput | undefined },
): InvoiceTotalsComputation {
  const { currency, strategy } = options;
  if (!isCurrencyCode(currency)) {
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
  const exact = lines.map((line, index) => {
    try {
      return computeExactLineTotals(line, currency, strategy);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      throw new ValidationError({
        provider: 'core',
        issues: error.issues.map((issue) => ({ ...issue, path: `lines.${index}.${issue.path}` })),
      });
    }
  });
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
