import { currencyExponent, formatFixed, isCurrencyCode, toDecimal } from '@invoicekit/core';

/** Decimal places of a currency; 2 for a code the ISO table does not know. */
export function placesOf(currency: string): number {
  return isCurrencyCode(currency) ? currencyExponent(currency) : 2;
}

/**
 * The vendor keeps full precision (`9.656557379`); canonical amounts are rounded half-up to the
 * currency. Net and gross are each rounded from the vendor's values and the tax is their
 * difference, so the gross total — what the customer pays — is always the vendor's, to the cent.
 */
export function money(value: string | null | undefined, currency: string): string {
  return formatFixed(toDecimal(value ?? '0'), placesOf(currency));
}
