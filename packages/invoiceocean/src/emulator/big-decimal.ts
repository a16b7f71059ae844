import { toDecimal, type Decimal } from '@invoicekit/core';

/**
 * Ruby BigDecimal's `to_s` as the vendor renders amounts: the exact value, trailing zeros dropped,
 * at least one fraction digit — `81.3`, `100.0`, `0.0`, `58.32`.
 */
export function formatBigDecimal(value: Decimal | string): string {
  const decimal = toDecimal(value);
  if (decimal.isZero()) return '0.0';
  const text = decimal.toString();
  return text.includes('.') ? text : `${text}.0`;
}
