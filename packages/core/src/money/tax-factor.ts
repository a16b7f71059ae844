import type { TaxRate } from '../model/tax-rate';
import { Decimal, toDecimal } from './decimal';

/** The rate as a fraction (`19 %` → `0.19`); every non-numeric kind counts as 0 for arithmetic. */
export function taxFraction(rate: TaxRate): Decimal {
  return rate.kind === 'percent' ? toDecimal(rate.value).dividedBy(100) : new Decimal(0);
}
