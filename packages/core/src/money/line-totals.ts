import type { LineDiscount, LineTotals, PriceKind } from '../model/line';
import type { TaxRate } from '../model/tax-rate';
import type { CurrencyCode } from './currency';
import { ValidationError } from '../errors/errors';
import type { FieldIssue } from '../errors/invoicekit-error';
import { NON_NUMERIC_TAX_KINDS, type NonNumericTaxKind } from '../model/tax-rate';
import { Decimal, isDecimalString, toDecimal } from './decimal';
import { currencyExponent } from './currency';
import { fitsMinorUnitPath, formatLineTotals, minorUnitLineTotals } from './minor-unit-totals';
import { formatMoney, roundToCurrency } from './rounding';
import type { RoundingStrategy } from './rounding-strategy';
import { ONE_HUNDREDTH, taxFraction } from './tax-factor';

/** What the totals of one line depend on. */
export interface LineAmounts {
  readonly quantity: string;
  readonly unitPrice: string;
  readonly unitPriceKind: PriceKind;
  readonly taxRate: TaxRate;
  readonly discount?: LineDiscount | null | undefined;
}

/** Line totals as decimals, before formatting; document totals are built from these. */
export interface ExactLineTotals {
  readonly net: Decimal;
  readonly tax: Decimal;
  readonly gross: Decimal;
  readonly discount: Decimal;
}

/**
 * Rejects malformed amounts with a {@link ValidationError} naming the field, so that callers who
 * bypass the input schemas still get a typed error instead of a `RangeError` from the maths.
 */
export function assertLineAmounts(line: LineAmounts): void {
  const issues: FieldIssue[] = [];
  const decimal = (value: unknown, path: string): void => {
    if (typeof value !== 'string' || !isDecimalString(value)) {
      issues.push({ path, message: 'must be a decimal number written as a string' });
    }
  };
  decimal(line.quantity, 'quantity');
  decimal(line.unitPrice, 'unitPrice');
  if (line.unitPriceKind !== 'net' && line.unitPriceKind !== 'gross') {
    issues.push({ path: 'unitPriceKind', message: 'must be "net" or "gross"' });
  }
  if (line.taxRate?.kind === 'percent') decimal(line.taxRate.value, 'taxRate.value');
  else if (
    !line.taxRate ||
    !NON_NUMERIC_TAX_KINDS.includes(line.taxRate.kind as NonNumericTaxKind)
  ) {
    issues.push({ path: 'taxRate', message: 'must be a tax rate' });
  }
  if (line.discount) decimal(line.discount.value, 'discount.value');
  if (issues.length > 0) throw new ValidationError({ provider: 'core', issues });
}

function discountOn(
  base: Decimal,
  discount: LineDiscount | null | undefined,
  currency: CurrencyCode,
): Decimal {
  if (!discount) return new Decimal(0);
  // Signed like the base, so that a discount always moves a line towards zero: on a credit line
  // (negative base) it is negative too, and `base − discount` shrinks the credit.
  const raw =
    discount.kind === 'percent'
      ? base.times(toDecimal(discount.value)).times(ONE_HUNDREDTH)
      : toDecimal(discount.value).times(base.isNegative() ? -1 : 1);
  return roundToCurrency(raw, currency);
}

/** Net from a gross amount at a rate, rounded; the tax is whatever is left. */
function splitGross(
  gross: Decimal,
  fraction: Decimal,
  currency: CurrencyCode,
): { net: Decimal; tax: Decimal } {
  const net = roundToCurrency(gross.dividedBy(fraction.plus(1)), currency);
  return { net, tax: gross.minus(net) };
}

/**
 * The totals of one line under a rounding strategy, as exact decimals rounded to the currency.
 * `discount` is signed like the line: negative on a credit line.
 * The discount is taken off the amount the computation starts from (see {@link RoundingStrategy}):
 * the net total for a net-priced `net_first` line, the gross total otherwise; an `amount` discount
 * on a net-priced `gross_first` line is grossed up at the line's rate first.
 */
export function computeExactLineTotals(
  line: LineAmounts,
  currency: CurrencyCode,
  strategy: RoundingStrategy,
): ExactLineTotals {
  assertLineAmounts(line);
  const quantity = toDecimal(line.quantity);
  const unitPrice = toDecimal(line.unitPrice);
  const fraction = taxFraction(line.taxRate);

  if (line.unitPriceKind === 'gross') {
    const base = roundToCurrency(quantity.times(unitPrice), currency);
    const discount = discountOn(base, line.discount, currency);
    const gross = base.minus(discount);
    return { ...splitGross(gross, fraction, currency), gross, discount };
  }

  if (strategy.line === 'net_first') {
    const base = roundToCurrency(quantity.times(unitPrice), currency);
    const discount = discountOn(base, line.discount, currency);
    const net = base.minus(discount);
    const tax = roundToCurrency(net.times(fraction), currency);
    return { net, tax, gross: net.plus(tax), discount };
  }

  const unitGross = roundToCurrency(unitPrice.times(fraction.plus(1)), currency);
  const base = roundToCurrency(quantity.times(unitGross), currency);
  const grossedUpDiscount =
    line.discount?.kind === 'amount'
      ? {
          kind: 'amount' as const,
          value: toDecimal(line.discount.value).times(fraction.plus(1)).toString(),
        }
      : line.discount;
  const discount = discountOn(base, grossedUpDiscount, currency);
  const gross = base.minus(discount);
  return { ...splitGross(gross, fraction, currency), gross, discount };
}

/**
 * The totals of one line as canonical decimal strings. Computed in integer minor units where the
 * amounts allow (the figures are the decimal path's, property-tested), else with decimals.
 */
export function computeLineTotals(
  line: LineAmounts,
  currency: CurrencyCode,
  strategy: RoundingStrategy,
): LineTotals {
  assertLineAmounts(line);
  if (fitsMinorUnitPath(line)) {
    const exponent = currencyExponent(currency);
    return formatLineTotals(minorUnitLineTotals(line, exponent, strategy), exponent);
  }
  return computeLineTotalsWithDecimals(line, currency, strategy);
}

/** {@link computeLineTotals} on the decimal path alone, whatever the amounts: the reference. */
export function computeLineTotalsWithDecimals(
  line: LineAmounts,
  currency: CurrencyCode,
  strategy: RoundingStrategy,
): LineTotals {
  const exact = computeExactLineTotals(line, currency, strategy);
  return {
    net: formatMoney(exact.net, currency),
    tax: formatMoney(exact.tax, currency),
    gross: formatMoney(exact.gross, currency),
    discount: formatMoney(exact.discount, currency),
  };
}
