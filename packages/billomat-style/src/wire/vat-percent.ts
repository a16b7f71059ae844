import { isDecimalString, lenientDecimal, normalizeDecimalString } from '@invoicekit/core';
import { z } from 'zod';

/** The rule for every VAT_PERCENT this package reads or writes, as messages state it. */
export const VAT_PERCENT_RULE = 'a VAT percentage from 0 to 100 with at most 4 decimals';

/**
 * True for a plain decimal string (no exponent) from 0 to 100 with at most 4 decimals — the
 * rates a tax office sets (19, 7, 7.7, 2.1). 1000, -19 or 0.0000001 are typing errors, on our
 * side or the vendor's, and would put a wrong invoice on the books.
 */
export function isVatPercent(text: string): boolean {
  if (!isDecimalString(text)) return false;
  return isNormalizedVatPercent(normalizeDecimalString(text.trim()));
}

/**
 * {@link isVatPercent} on a normalised decimal (what the decimal reader yields), by its digits:
 * no Decimal is built for a rate that is only checked. Not negative, at most 100, at most 4
 * places once trailing zeros are dropped.
 */
export function isNormalizedVatPercent(text: string): boolean {
  if (text.startsWith('-')) return false;
  const point = text.indexOf('.');
  const whole = point === -1 ? text : text.slice(0, point);
  const fraction = point === -1 ? '' : text.slice(point + 1).replace(/0+$/, '');
  if (fraction.length > 4) return false;
  if (whole.length < 3) return true;
  return whole === '100' && fraction === '';
}

/**
 * A VAT_PERCENT in a vendor answer: the lenient decimal reading (`"19.00"`, `19`, `"7,00"`), then
 * {@link isVatPercent}. An exponent form (`"1e-7"`) or an absurd rate is an unreadable field — a
 * typed `ProviderError` from the record reader — never a crash and never a silent 1000 %.
 */
export const vatPercent = lenientDecimal.transform((value, ctx): string | null => {
  if (value === null || isVatPercent(value)) return value;
  ctx.addIssue({ code: 'custom', message: `not ${VAT_PERCENT_RULE}` });
  return z.NEVER;
});
