/**
 * Line and document totals in integer minor units (BigInt): the same computation as the decimal
 * path in `line-totals.ts` and `document-totals.ts`, step for step, several times cheaper. It is
 * taken only for amounts whose every intermediate result decimal.js (40 significant digits) holds
 * exactly, so both paths give the same figures; property tests compare them.
 */
import type { LineDiscount, LineTotals } from '../model/line';
import type { TaxRate } from '../model/tax-rate';
import {
  digitCount,
  divideRounded,
  formatUnits,
  parseFixed,
  pow10,
  roundFixed,
  type Fixed,
} from './fixed-point';
import type { LineAmounts } from './line-totals';
import type { RoundingStrategy } from './rounding-strategy';

/**
 * Bounds of the fast path, in digits. With quantity and price ≤ 12 digits each, a rate ≤ 8 and a
 * discount ≤ 12, no product exceeds 40 significant digits (decimal.js computes those exactly), and
 * a quotient — net from gross — lies at least 1 / (2 × divisor) from a rounding tie, far more
 * than decimal.js's 40-digit error: both paths round every quotient the same way.
 */
const MAX_AMOUNT_DIGITS = 12;
const MAX_RATE_DIGITS = 8;

/** A line's totals in minor units of the currency. */
export interface MinorUnitLineTotals {
  readonly net: bigint;
  readonly tax: bigint;
  readonly gross: bigint;
  readonly discount: bigint;
}

/** `1 + rate/100` as a fraction `numerator / denominator`, for rates of any kind. */
interface RateFactor {
  /** `100 × 10^s + R` for a rate of `R × 10^-s` percent; the denominator for non-numeric rates. */
  readonly onePlus: bigint;
  /** `R`: the rate's units; 0 for non-numeric rates. */
  readonly rate: bigint;
  /** `100 × 10^s`. */
  readonly denominator: bigint;
}

function rateFactor(rate: TaxRate): RateFactor {
  if (rate.kind !== 'percent') return { onePlus: 100n, rate: 0n, denominator: 100n };
  const value = parseFixed(rate.value) as Fixed;
  const denominator = 100n * pow10(value.scale);
  return { onePlus: denominator + value.units, rate: value.units, denominator };
}

/** True when a line's amounts are within the bounds where this path equals the decimal one. */
export function fitsMinorUnitPath(line: LineAmounts): boolean {
  if (digitCount(line.quantity) > MAX_AMOUNT_DIGITS) return false;
  if (digitCount(line.unitPrice) > MAX_AMOUNT_DIGITS) return false;
  if (line.taxRate.kind === 'percent' && digitCount(line.taxRate.value) > MAX_RATE_DIGITS)
    return false;
  return !line.discount || digitCount(line.discount.value) <= MAX_AMOUNT_DIGITS;
}

/** True when an amount (a vendor's line total, a paid amount) fits the fast path. */
export function fitsMinorUnitAmount(value: string): boolean {
  return digitCount(value) <= 2 * MAX_AMOUNT_DIGITS;
}

/** True when a rate fits the fast path. */
export function fitsMinorUnitRate(rate: TaxRate): boolean {
  return rate.kind !== 'percent' || digitCount(rate.value) <= MAX_RATE_DIGITS;
}

/** `value` (a plain decimal string) in minor units, rounded half-up. */
export function toMinorUnits(value: string, exponent: number): bigint {
  return roundFixed(parseFixed(value) as Fixed, exponent);
}

/**
 * The discount on `base` (minor units), signed like the base, rounded to the currency.
 * `negativeBase` is the base's sign as decimal.js carries it, zero included: quantity × price is
 * negative zero when one factor is written negative, and an amount off it is then negative too.
 */
function discountOn(
  base: bigint,
  negativeBase: boolean,
  discount: LineDiscount | null | undefined,
  exponent: number,
  grossUp: RateFactor | undefined,
): bigint {
  if (!discount) return 0n;
  const value = parseFixed(discount.value) as Fixed;
  if (discount.kind === 'percent')
    return divideRounded(base * value.units, 100n * pow10(value.scale));
  // An amount: exact in the currency's units (grossed up at the line's rate when asked).
  const numerator = value.units * pow10(exponent) * (grossUp ? grossUp.onePlus : 1n);
  const denominator = pow10(value.scale) * (grossUp ? grossUp.denominator : 1n);
  const rounded = divideRounded(numerator, denominator);
  return negativeBase ? -rounded : rounded;
}

/** True when a decimal string is written with a minus sign (`"-0"` too). */
function isNegativeText(text: string): boolean {
  return text.trimStart().startsWith('-');
}

/** Net from gross at a rate, rounded; the tax is what is left. */
function splitGross(gross: bigint, factor: RateFactor): { net: bigint; tax: bigint } {
  const net = divideRounded(gross * factor.denominator, factor.onePlus);
  return { net, tax: gross - net };
}

/** Tax on a net amount at a rate, rounded. */
function taxOn(net: bigint, factor: RateFactor): bigint {
  return divideRounded(net * factor.rate, factor.denominator);
}

/**
 * One line's totals in minor units, exactly as `computeExactLineTotals` computes them. The
 * amounts must be validated and {@link fitsMinorUnitPath}.
 */
export function minorUnitLineTotals(
  line: LineAmounts,
  exponent: number,
  strategy: RoundingStrategy,
): MinorUnitLineTotals {
  const quantity = parseFixed(line.quantity) as Fixed;
  const unitPrice = parseFixed(line.unitPrice) as Fixed;
  const factor = rateFactor(line.taxRate);
  const negativeBase = isNegativeText(line.quantity) !== isNegativeText(line.unitPrice);
  const amount = (): bigint =>
    divideRounded(
      quantity.units * unitPrice.units * pow10(exponent),
      pow10(quantity.scale + unitPrice.scale),
    );

  if (line.unitPriceKind === 'gross') {
    const base = amount();
    const discount = discountOn(base, negativeBase, line.discount, exponent, undefined);
    const gross = base - discount;
    return { ...splitGross(gross, factor), gross, discount };
  }
  if (strategy.line === 'net_first') {
    const base = amount();
    const discount = discountOn(base, negativeBase, line.discount, exponent, undefined);
    const net = base - discount;
    const tax = taxOn(net, factor);
    return { net, tax, gross: net + tax, discount };
  }
  const unitGross = divideRounded(
    unitPrice.units * factor.onePlus * pow10(exponent),
    pow10(unitPrice.scale) * factor.denominator,
  );
  const base = divideRounded(quantity.units * unitGross, pow10(quantity.scale));
  const grossUp = line.discount?.kind === 'amount' ? factor : undefined;
  const discount = discountOn(base, negativeBase, line.discount, exponent, grossUp);
  const gross = base - discount;
  return { ...splitGross(gross, factor), gross, discount };
}

/** A line's minor-unit totals as canonical strings. */
export function formatLineTotals(totals: MinorUnitLineTotals, exponent: number): LineTotals {
  return {
    net: formatUnits(totals.net, exponent),
    tax: formatUnits(totals.tax, exponent),
    gross: formatUnits(totals.gross, exponent),
    discount: formatUnits(totals.discount, exponent),
  };
}

/** One rate's sums, in units of `10^-scale` (minor units, or finer for a vendor's own totals). */
export interface MinorUnitRateGroup {
  readonly rate: TaxRate;
  net: bigint;
  tax: bigint;
  gross: bigint;
}

/**
 * Applies the document strategy to one rate group whose sums are in units of `10^-scale`; the
 * recomputed amount is rounded to the currency (`exponent` ≤ `scale`), as the decimal path does.
 */
export function settleMinorUnitGroup(
  group: MinorUnitRateGroup,
  strategy: RoundingStrategy,
  scale: number,
  exponent: number,
): MinorUnitRateGroup {
  const factor = rateFactor(group.rate);
  const step = pow10(scale - exponent);
  switch (strategy.document) {
    case 'sum_lines':
      return group;
    case 'keep_gross': {
      const net = divideRounded(group.gross * factor.denominator, factor.onePlus * step) * step;
      return { rate: group.rate, net, tax: group.gross - net, gross: group.gross };
    }
    case 'keep_net': {
      const tax = divideRounded(group.net * factor.rate, factor.denominator * step) * step;
      return { rate: group.rate, net: group.net, tax, gross: group.net + tax };
    }
  }
}
