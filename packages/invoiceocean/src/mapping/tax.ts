import {
  ProviderError,
  TaxPercentSchema,
  ValidationError,
  decimalTextOfNumber,
  normalizeDecimalString,
  isDecimalString,
  type TaxRate,
} from '@invoicekit/core';
import { z } from 'zod';
import { INVOICEOCEAN } from '../provider-id';

/** Spellings of "not subject to tax" the vendor accepts (any case). */
const NOT_SUBJECT = new Set(['np', 'n/a', 'na', 'nie podlega', 'not applicable']);
/** Every non-numeric `tax` the vendor accepts: exempt, not subject, reverse charge, hidden. */
const TAX_WORDS = new Set(['zw', 'oo', 'disabled', ...NOT_SUBJECT]);

/**
 * The vendor's `tax` → canonical rate: `"23"` is 23 %; `zw` exempt; `np` and its spellings not
 * subject; `oo` reverse charge; `disabled` hidden. An empty tax is 0 %. Any other word is a
 * vendor change we do not know: a {@link ProviderError}, never a guess. The message does not
 * quote the value (it may be an echoed credential); the error's `rawBody` is the record.
 */
export function toCanonicalTaxRate(tax: string | null | undefined): TaxRate {
  if (tax === null || tax === undefined || tax.trim() === '')
    return { kind: 'percent', value: '0' };
  const text = tax.trim();
  const numeric = text.replace(',', '.');
  if (isDecimalString(numeric)) return { kind: 'percent', value: normalizeDecimalString(numeric) };
  const word = text.toLowerCase();
  if (word === 'zw') return { kind: 'exempt' };
  if (NOT_SUBJECT.has(word)) return { kind: 'not_subject' };
  if (word === 'oo') return { kind: 'reverse_charge' };
  if (word === 'disabled') return { kind: 'hidden' };
  throw new ProviderError({
    provider: INVOICEOCEAN,
    message: `unknown InvoiceOcean tax value (${text.length} characters, not a number nor one of zw, np, oo, disabled)`,
  });
}

/**
 * Canonical rate → the vendor's `tax`. A percentage is written as plain decimal text within
 * 0–100 (the canonical model guarantees it; this is checked again because a wrong rate on the
 * vendor's books is worse than a refused call): never `1e-7`, `1000` or `-19`.
 */
export function fromCanonicalTaxRate(rate: TaxRate, path = 'taxRate'): string {
  switch (rate.kind) {
    case 'percent': {
      const checked = TaxPercentSchema.safeParse(rate.value);
      if (!checked.success) {
        throw new ValidationError({
          provider: INVOICEOCEAN,
          issues: [{ path, message: 'must be a percentage from 0 to 100 with at most 4 decimals' }],
        });
      }
      return checked.data;
    }
    case 'exempt':
      return 'zw';
    case 'not_subject':
      return 'np';
    case 'reverse_charge':
      return 'oo';
    case 'hidden':
      return 'disabled';
  }
}

/**
 * A `tax` the vendor client sends, in the vendor's spellings: a percentage 0–100 (number or
 * text, `,` or `.`, at most 4 decimals) written out as plain decimal text — a JS number such as
 * `1e-7` never goes out in exponent notation — or one of the vendor's words (`zw`, `np`, `oo`,
 * `disabled`, `n/a` …), lower-cased.
 */
export const VendorTaxSchema = z.union([z.number(), z.string()]).transform((value, ctx) => {
  if (typeof value === 'string' && TAX_WORDS.has(value.trim().toLowerCase()))
    return value.trim().toLowerCase();
  const text =
    typeof value === 'number'
      ? Number.isFinite(value)
        ? decimalTextOfNumber(value)
        : ''
      : value.trim().replace(',', '.');
  const percent = TaxPercentSchema.safeParse(text);
  if (percent.success) return percent.data;
  ctx.addIssue({
    code: 'custom',
    message:
      'must be a percentage from 0 to 100 (at most 4 decimals) or one of zw, np, oo, disabled',
  });
  return z.NEVER;
});
