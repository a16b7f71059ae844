import type { LineDiscount, LineTotals, PriceKind } from '../model/line';
import type { TaxRate } from '../model/tax-rate';
import type { CurrencyCode } from './currency';
import { Decimal, toDecimal } from './decimal';
import { formatMoney, roundToCurrency } from './rounding';
import type { RoundingStrategy } from './rounding-strategy';
import { taxFraction } from './tax-factor';

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

function discountOn(
  base: Decimal,
  discount: LineDiscount | null | undefined,
  currency: CurrencyCode,
): Decimal {
  if (!discount) return new Decimal(0);
  const raw =
    discount.kind === 'percent'
      ? base.times(toDecimal(discount.value)).dividedBy(100)
      : toDecimal(discount.value);
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
 * The discount is taken off the amount the computation starts from (see {@link RoundingStrategy}):
 * the net total for a net-priced `net_first` line, the gross total otherwise; an `amount` discount
 * on a net-priced `gross_first` line is grossed up at the line's rate first.
 */
export function computeExactLineTotals(
  line: LineAmounts,
  currency: CurrencyCode,
  strategy: RoundingStrategy,
): ExactLineTotals {
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

/** The totals of one line as canonical decimal strings. */
export function computeLineTotals(
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
