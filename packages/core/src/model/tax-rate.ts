import { z } from 'zod';
import { decimalTextOfNumber, plainDecimalText, toDecimal } from '../money/decimal';
import { DecimalStringSchema } from './primitives';

/**
 * A line's tax rate. Non-numeric cases are kinds of their own rather than a pretend `0`, because
 * an exempt line and a 0 % line are different things on an invoice and to a tax office.
 *
 * - `percent`: a numeric rate, `value` in percent (`"19"`, `"7.7"`).
 * - `exempt`: exempt from VAT (InvoiceOcean `zw`).
 * - `not_subject`: outside the scope of VAT (InvoiceOcean `np`).
 * - `reverse_charge`: the buyer accounts for the VAT (InvoiceOcean `oo`).
 * - `hidden`: the tax column is switched off for this line (InvoiceOcean `disabled`).
 *
 * For arithmetic every non-numeric kind counts as 0 %.
 */
/**
 * A percentage a tax office could have set: 0 to 100 with at most 4 decimals (rates such as
 * 7.7 % or 2.1 % have one or two). 1000 %, −19 % or 0.0000001 % are typing errors, and sending
 * them would put a wrong invoice on the books.
 */
export const TaxPercentSchema = DecimalStringSchema.refine(
  (value) => {
    const rate = toDecimal(value);
    return rate.greaterThanOrEqualTo(0) && rate.lessThanOrEqualTo(100) && rate.decimalPlaces() <= 4;
  },
  { message: 'must be a percentage from 0 to 100 with at most 4 decimals' },
);

/** A line's tax: a percentage (0–100, up to 4 decimals) or one of the non-numeric kinds. */
export const TaxRateSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('percent'), value: TaxPercentSchema }),
  z.object({ kind: z.literal('exempt') }),
  z.object({ kind: z.literal('not_subject') }),
  z.object({ kind: z.literal('reverse_charge') }),
  z.object({ kind: z.literal('hidden') }),
]);
/** The type `TaxRateSchema` validates and returns. */
export type TaxRate = z.infer<typeof TaxRateSchema>;

/**
 * Taxes that are no percentage: exempt, not subject to VAT, reverse charge, hidden on the print.
 */
export const NON_NUMERIC_TAX_KINDS = ['exempt', 'not_subject', 'reverse_charge', 'hidden'] as const;
/** One of {@link NON_NUMERIC_TAX_KINDS}. */
export type NonNumericTaxKind = (typeof NON_NUMERIC_TAX_KINDS)[number];

/**
 * What callers may write: the canonical object, a percentage as a decimal string or a number
 * (`19`, `"19"`, `"7.7"`), or a non-numeric kind by name (`"exempt"`).
 */
export const TaxRateInputSchema = z.union([
  TaxRateSchema,
  z.enum(NON_NUMERIC_TAX_KINDS).transform((kind): TaxRate => ({ kind })),
  TaxPercentSchema.transform((value): TaxRate => ({ kind: 'percent', value })),
  z
    .number()
    .finite()
    // The shortest round-trip digits ("7.7" for 7.7, "0.0000001" for 1e-7, never exponent
    // notation): no float arithmetic happens, and the range check sees the real value.
    .transform(decimalTextOfNumber)
    .pipe(TaxPercentSchema)
    .transform((value): TaxRate => ({ kind: 'percent', value })),
]);
/** What `TaxRateInputSchema` accepts: the input, before defaults and transforms. */
export type TaxRateInput = z.input<typeof TaxRateInputSchema>;

/** A stable key for grouping lines by rate (`"percent:19"`, `"exempt"`). */
export function taxRateKey(rate: TaxRate): string {
  // decimal.js normalises "19.00" → "19" and "7.50" → "7.5", but keeps "10" as "10".
  return rate.kind === 'percent' ? `percent:${plainDecimalText(rate.value)}` : rate.kind;
}
