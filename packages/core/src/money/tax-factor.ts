import type { TaxRate } from '../model/tax-rate';
import { Decimal, toDecimal } from './decimal';

/** `0.01`: multiplying by it is exact and much cheaper than dividing by 100. */
export const ONE_HUNDREDTH = new Decimal('0.01');
const ZERO = new Decimal(0);

/** The rate as a fraction (`19 %` → `0.19`); every non-numeric kind counts as 0 for arithmetic. */
export function taxFraction(rate: TaxRate): Decimal {
  return rate.kind === 'percent' ? toDecimal(rate.value).times(ONE_HUNDREDTH) : ZERO;
}
