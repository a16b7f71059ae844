import { ACTIVE_CURRENCY_CODES, MINOR_UNIT_EXCEPTIONS } from './currency-table';

/** An ISO 4217 alphabetic currency code in active use, e.g. `EUR`. */
export type CurrencyCode = string;

/** True for an ISO 4217 code in active use, written in upper case as the canonical model keeps it. */
export function isCurrencyCode(code: string): code is CurrencyCode {
  return ACTIVE_CURRENCY_CODES.has(code);
}

/**
 * The ISO 4217 minor unit ("exponent") of a currency: how many decimals its amounts carry.
 * JPY 0, EUR 2, KWD 3, CLF 4; any letter case. Throws `RangeError` for a code not in ISO 4217.
 */
export function currencyExponent(code: CurrencyCode): number {
  const normalised = typeof code === 'string' ? code.trim().toUpperCase() : code;
  if (!isCurrencyCode(normalised)) {
    throw new RangeError(`unknown ISO 4217 currency: ${JSON.stringify(code)}`);
  }
  return MINOR_UNIT_EXCEPTIONS.get(normalised) ?? 2;
}
