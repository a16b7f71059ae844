import {
  currencyExponent,
  formatFixed,
  isCurrencyCode,
  normalizeDecimalString,
  toDecimal,
} from '@invoicekit/core';

/** A plain decimal as the wire readers leave it: optional minus, digits, optional fraction. */
const PLAIN = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * A vendor amount in canonical form: written with the currency's minor unit when the currency is
 * known, never dropping digits the vendor sent; as the vendor wrote it (normalised) otherwise, so
 * an odd currency never breaks a read.
 */
export function canonicalMoney(value: string | null | undefined, currency: string): string {
  const text = value ?? '0';
  if (!isCurrencyCode(currency)) return normalizeDecimalString(toDecimal(text).toString());
  const exponent = currencyExponent(currency);
  // A plain decimal is padded as text: no digit is ever dropped, so no Decimal is needed.
  const match = PLAIN.exec(text);
  if (match) return padded(match[1] === '-', match[2] as string, match[3] ?? '', exponent);
  // The vendor rounds every currency to two decimals; where that is finer than the currency's
  // minor unit (JPY, HUF …) its value is kept whole rather than rounded away.
  const amount = toDecimal(text);
  return formatFixed(amount, Math.max(exponent, amount.decimalPlaces()));
}

/**
 * `formatFixed(value, max(exponent, decimalPlaces(value)))` on the digits: leading zeros and
 * trailing fraction zeros dropped, the fraction padded to the exponent, no negative zero.
 */
function padded(negative: boolean, whole: string, fraction: string, exponent: number): string {
  let end = fraction.length;
  while (end > 0 && fraction.charCodeAt(end - 1) === 48) end -= 1;
  const significant = fraction.slice(0, end);
  let start = 0;
  while (start < whole.length - 1 && whole.charCodeAt(start) === 48) start += 1;
  const integer = whole.slice(start);
  const places = Math.max(exponent, significant.length);
  const digits = places > 0 ? `${integer}.${significant.padEnd(places, '0')}` : integer;
  return negative && (integer !== '0' || significant !== '') ? `-${digits}` : digits;
}
