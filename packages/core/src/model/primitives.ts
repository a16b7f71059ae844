import { z } from 'zod';
import { isCurrencyCode } from '../money/currency';
import { isDecimalString, normalizeDecimalString } from '../money/decimal';

/**
 * A decimal number written as a string: `"60.23"`, `"-5"`, `"0.125"`. The only way money, rates
 * and quantities cross the public API — never a JS `number`. Normalised to one spelling
 * (`"+5"` → `"5"`, `".5"` → `"0.5"`), trailing zeros kept.
 */
export const DecimalStringSchema = z
  .string()
  .trim()
  .refine(isDecimalString, {
    message: 'must be a decimal number written as a string, e.g. "12.50"',
  })
  .transform(normalizeDecimalString);
/** A decimal number written as a string (what `DecimalStringSchema` returns). */
export type DecimalString = z.infer<typeof DecimalStringSchema>;

/** A non-negative decimal string. */
export const NonNegativeDecimalStringSchema = DecimalStringSchema.refine(
  (value) => !value.startsWith('-'),
  {
    message: 'must not be negative',
  },
);

/** ISO 4217 code, accepted in any case and normalised to upper case. */
export const CurrencyCodeSchema = z
  .string()
  .trim()
  .transform((code) => code.toUpperCase())
  .refine(isCurrencyCode, { message: 'must be an ISO 4217 currency code, e.g. "EUR"' });

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date `YYYY-MM-DD` that exists (no 2026-02-30). */
export const IsoDateSchema = z.string().refine(
  (value) => {
    const match = ISO_DATE.exec(value);
    if (!match) return false;
    const [, year, month, day] = match.map(Number) as [number, number, number, number];
    const date = new Date(Date.UTC(year, month - 1, day));
    return (
      date.getUTCFullYear() === year &&
      date.getUTCMonth() === month - 1 &&
      date.getUTCDate() === day
    );
  },
  { message: 'must be a calendar date YYYY-MM-DD' },
);
/** A calendar date `YYYY-MM-DD` that exists (no 2026-02-30) (what `IsoDateSchema` returns). */
export type IsoDate = z.infer<typeof IsoDateSchema>;

/** An ISO 8601 timestamp with offset, e.g. `2018-01-03T12:05:09.017+01:00`. */
export const IsoTimestampSchema = z.iso.datetime({ offset: true, local: false });
/**
 * An ISO 8601 timestamp with offset, e.g. `2018-01-03T12:05:09.017+01:00` (what
 * `IsoTimestampSchema` returns).
 */
export type IsoTimestamp = z.infer<typeof IsoTimestampSchema>;

/** ISO 3166-1 alpha-2 country code, normalised to upper case. */
export const CountryCodeSchema = z
  .string()
  .trim()
  .transform((code) => code.toUpperCase())
  .refine((code) => /^[A-Z]{2}$/.test(code), {
    message: 'must be an ISO 3166-1 alpha-2 country code, e.g. "DE"',
  });

/** An identifier as the vendor gives it; always a string in the canonical model. */
export const IdSchema = z.string().min(1);

/** An e-mail address. */
export const EmailSchema = z.email();
