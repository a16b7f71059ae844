import { Decimal, taxFraction, taxRateKey, toDecimal } from '@invoicekit/core';
import type { CalculatingStrategy } from '../config';
import { toCanonicalTaxRate } from '../mapping/tax';

/** A position as stored: the request's fields, amounts as decimal strings. */
export interface PositionInput {
  readonly quantity?: string | undefined;
  readonly price_net?: string | undefined;
  readonly price_gross?: string | undefined;
  readonly total_price_gross?: string | undefined;
  readonly tax?: string | null | undefined;
  readonly discount?: string | undefined;
  readonly discount_percent?: string | undefined;
  readonly kind?: string | null | undefined;
}

/** A position's computed amounts. */
export interface PositionAmounts {
  readonly quantity: Decimal;
  readonly priceNet: Decimal;
  readonly priceGross: Decimal;
  readonly priceTax: Decimal;
  readonly totalNet: Decimal;
  readonly totalTax: Decimal;
  readonly totalGross: Decimal;
  /** The discount amount on this position (gross), or null without a discount. */
  readonly discount: Decimal | null;
}

/** An invoice's computed totals. */
export interface InvoiceAmounts {
  readonly positions: readonly PositionAmounts[];
  readonly net: Decimal;
  readonly tax: Decimal;
  readonly gross: Decimal;
}

/**
 * The vendor rounds every amount to two decimals, half-up, whatever the currency
 * (docs/vendors/invoiceocean.md §10, §11.5).
 */
function rounder(_currency: string): (value: Decimal) => Decimal {
  return (value) => value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/**
 * The `discount_kind` values that take a position's `discount_percent`
 * (docs/vendors/invoiceocean.md §7.4).
 */
const PERCENT_KINDS: ReadonlySet<string> = new Set([
  'percent_unit',
  'percent_unit_gross',
  'percent_total',
]);

/**
 * Which of a position's discount fields applies. The invoice's `discount_kind` decides
 * (the vendor's "Field: discount_kind", docs/vendor-dialects.md §1: `percent_unit` / `percent_total` → the percentage,
 * `amount` → the amount), so an `amount` invoice ignores a `discount_percent` and a percentage
 * invoice ignores a `discount`. Without a kind, a percentage wins as before. The unit and total
 * percentages give the same money: the discount is not rounded per unit
 * (docs/vendors/invoiceocean.md §11.4: 3 × 123 less
 * 33.33 % is 246.01 under either kind).
 */
function discountField(
  position: PositionInput,
  discountKind: string | null | undefined,
): 'percent' | 'amount' | null {
  if (discountKind === 'amount') return position.discount !== undefined ? 'amount' : null;
  if (discountKind && PERCENT_KINDS.has(discountKind)) {
    return position.discount_percent !== undefined ? 'percent' : null;
  }
  if (position.discount_percent !== undefined) return 'percent';
  return position.discount !== undefined ? 'amount' : null;
}

/**
 * One position's amounts, as the vendor computes them (its documented worked examples; see docs/vendor-dialects.md):
 * a sent `total_price_gross` is kept exactly and everything else is derived from it; otherwise
 * the unit price drives the line under `position` = `default` (net × quantity, then tax) or
 * `keep_gross` (gross unit price first, × quantity). Position totals stay before the discount.
 */
export function computePosition(
  position: PositionInput,
  strategy: CalculatingStrategy,
  currency: string,
  showDiscount: boolean,
  discountKind?: string | null,
): PositionAmounts {
  const round = rounder(currency);
  const fraction = taxFraction(toCanonicalTaxRate(position.tax ?? null));
  const onePlus = fraction.plus(1);
  const quantity = toDecimal(position.quantity ?? '1');
  const safeQuantity = quantity.isZero() ? new Decimal(1) : quantity;

  let totalGross: Decimal;
  let totalNet: Decimal;
  if (position.total_price_gross !== undefined) {
    totalGross = toDecimal(position.total_price_gross);
    totalNet = round(totalGross.dividedBy(onePlus));
  } else if (
    position.price_net !== undefined &&
    !(strategy.invoice_form_price_kind === 'gross' && position.price_gross !== undefined)
  ) {
    const priceNet = toDecimal(position.price_net);
    if (strategy.position === 'keep_gross') {
      totalGross = round(round(priceNet.times(onePlus)).times(quantity));
      totalNet = round(totalGross.dividedBy(onePlus));
    } else {
      totalNet = round(quantity.times(priceNet));
      totalGross = totalNet.plus(round(totalNet.times(fraction)));
    }
  } else {
    totalGross = round(quantity.times(toDecimal(position.price_gross ?? '0')));
    totalNet = round(totalGross.dividedBy(onePlus));
  }
  const priceGross = round(totalGross.dividedBy(safeQuantity));
  const priceNet =
    position.price_net !== undefined && position.total_price_gross === undefined
      ? toDecimal(position.price_net)
      : round(totalNet.dividedBy(safeQuantity));

  let discount: Decimal | null = null;
  const field = showDiscount ? discountField(position, discountKind) : null;
  if (field === 'percent') {
    discount = round(totalGross.times(toDecimal(position.discount_percent ?? '0')).dividedBy(100));
  } else if (field === 'amount') {
    // An amount moves the position towards zero: on a credit (negative) position it is negative.
    const amount = toDecimal(position.discount ?? '0').abs();
    discount = totalGross.isNegative() ? amount.negated() : amount;
  }
  return {
    quantity,
    priceNet,
    priceGross,
    priceTax: priceGross.minus(priceNet),
    totalNet,
    totalTax: totalGross.minus(totalNet),
    totalGross,
    discount,
  };
}

/**
 * The invoice totals under `sum` = `sum` (lines added; rounding lands in the tax), `keep_gross`
 * (gross added per rate, net derived) or `keep_net` (net added per rate, tax once per rate).
 * Discounts reduce the gross per rate, which is then split again
 * (docs/vendors/invoiceocean.md §11.4).
 */
export function computeInvoiceAmounts(
  positions: readonly PositionInput[],
  strategy: CalculatingStrategy,
  currency: string,
  showDiscount: boolean,
  discountKind?: string | null,
): InvoiceAmounts {
  const round = rounder(currency);
  const amounts = positions.map((position) =>
    computePosition(position, strategy, currency, showDiscount, discountKind),
  );
  const groups = new Map<
    string,
    { fraction: Decimal; net: Decimal; gross: Decimal; discount: Decimal }
  >();
  positions.forEach((position, index) => {
    const rate = toCanonicalTaxRate(position.tax ?? null);
    const key = taxRateKey(rate);
    const line = amounts[index] as PositionAmounts;
    const group = groups.get(key) ?? {
      fraction: taxFraction(rate),
      net: new Decimal(0),
      gross: new Decimal(0),
      discount: new Decimal(0),
    };
    group.net = group.net.plus(line.totalNet);
    group.gross = group.gross.plus(line.totalGross);
    group.discount = group.discount.plus(line.discount ?? 0);
    groups.set(key, group);
  });

  let net = new Decimal(0);
  let gross = new Decimal(0);
  for (const group of groups.values()) {
    const onePlus = group.fraction.plus(1);
    let groupNet = group.net;
    let groupGross = group.gross;
    if (strategy.sum === 'keep_gross') groupNet = round(groupGross.dividedBy(onePlus));
    if (strategy.sum === 'keep_net')
      groupGross = groupNet.plus(round(groupNet.times(group.fraction)));
    if (!group.discount.isZero()) {
      groupGross = groupGross.minus(group.discount);
      groupNet = round(groupGross.dividedBy(onePlus));
    }
    net = net.plus(groupNet);
    gross = gross.plus(groupGross);
  }
  return { positions: amounts, net, tax: gross.minus(net), gross };
}
