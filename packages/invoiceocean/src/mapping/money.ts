import {
  currencyExponent,
  formatFixed,
  isCurrencyCode,
  normalizeDecimalString,
  toDecimal,
} from '@invoicekit/core';

/**
 * A vendor amount in canonical form: written with the currency's minor unit when the currency is
 * known, never dropping digits the vendor sent; as the vendor wrote it (normalised) otherwise, so
 * an odd currency never breaks a read.
 */
export function canonicalMoney(value: string | null | undefined, currency: string): string {
  const amount = toDecimal(value ?? '0');
  if (!isCurrencyCode(currency)) return normalizeDecimalString(amount.toString());
  // The vendor rounds every currency to two decimals; where that is finer than the currency's
  // minor unit (JPY, HUF …) its value is kept whole rather than rounded away.
  return formatFixed(amount, Math.max(currencyExponent(currency), amount.decimalPlaces()));
}
