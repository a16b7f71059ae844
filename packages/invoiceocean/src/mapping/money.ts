import { formatMoney, isCurrencyCode, normalizeDecimalString, toDecimal } from '@invoicekit/core';

/**
 * A vendor amount in canonical form: rounded to the currency's minor unit when the currency is
 * known; as the vendor wrote it (normalised) otherwise, so an odd currency never breaks a read.
 */
export function canonicalMoney(value: string | null | undefined, currency: string): string {
  const amount = value ?? '0';
  return isCurrencyCode(currency)
    ? formatMoney(amount, currency)
    : normalizeDecimalString(toDecimal(amount).toString());
}
