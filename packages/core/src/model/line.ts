import { z } from 'zod';
import { toDecimal } from '../money/decimal';
import { DecimalStringSchema, IdSchema, NonNegativeDecimalStringSchema } from './primitives';
import { TaxRateInputSchema, TaxRateSchema } from './tax-rate';

/** Whether a unit price includes tax (`gross`) or not (`net`). */
export const PriceKindSchema = z.enum(['net', 'gross']);
/** Whether a unit price includes tax (`gross`) or not (`net`) (what `PriceKindSchema` returns). */
export type PriceKind = z.infer<typeof PriceKindSchema>;

/**
 * A line discount: a percentage of the line amount, or an amount off the line (in the line's
 * price kind: net for a net-priced line, gross for a gross-priced one).
 */
export const LineDiscountSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('percent'), value: NonNegativeDecimalStringSchema }),
  z.object({ kind: z.literal('amount'), value: NonNegativeDecimalStringSchema }),
]);
/** A line discount (what `LineDiscountSchema` returns). */
export type LineDiscount = z.infer<typeof LineDiscountSchema>;

/** Amounts of one line after its discount, rounded to the currency. */
export const LineTotalsSchema = z.object({
  net: DecimalStringSchema,
  tax: DecimalStringSchema,
  gross: DecimalStringSchema,
  /** What the discount took off, in the line's price kind; `"0.00"` without one, negative on a credit line. */
  discount: DecimalStringSchema,
});
/**
 * Amounts of one line after its discount, rounded to the currency (what `LineTotalsSchema`
 * returns).
 */
export type LineTotals = z.infer<typeof LineTotalsSchema>;

/** One invoice line. */
export const LineSchema = z.object({
  id: z.string().nullable(),
  description: z.string(),
  /** Article number / SKU. */
  sku: z.string().nullable(),
  /** The vendor's catalogue item this line refers to. */
  productId: z.string().nullable(),
  quantity: DecimalStringSchema,
  unit: z.string().nullable(),
  /** Unit price; may carry more decimals than the currency. */
  unitPrice: DecimalStringSchema,
  unitPriceKind: PriceKindSchema,
  taxRate: TaxRateSchema,
  discount: LineDiscountSchema.nullable(),
  totals: LineTotalsSchema,
});
/** One invoice line (what `LineSchema` returns). */
export type Line = z.infer<typeof LineSchema>;

/** A line as callers write it; totals are always computed, never accepted. */
export const LineInputSchema = z
  .strictObject({
    description: z.string().trim().min(1),
    sku: z.string().optional(),
    productId: IdSchema.optional(),
    quantity: z
      .union([DecimalStringSchema, z.number().int().safe().transform(String)])
      .default('1')
      .refine((value) => !value.startsWith('-'), { message: 'must not be negative' }),
    unit: z.string().optional(),
    unitPrice: DecimalStringSchema,
    unitPriceKind: PriceKindSchema.default('net'),
    taxRate: TaxRateInputSchema,
    discount: LineDiscountSchema.optional(),
  })
  .superRefine((line, ctx) => {
    if (!line.discount) return;
    const value = toDecimal(line.discount.value);
    if (line.discount.kind === 'percent' && value.greaterThan(100)) {
      ctx.addIssue({
        code: 'custom',
        path: ['discount', 'value'],
        message: 'a percentage discount cannot exceed 100',
      });
    }
    const base = toDecimal(line.quantity).times(toDecimal(line.unitPrice)).abs();
    if (line.discount.kind === 'amount' && value.greaterThan(base)) {
      ctx.addIssue({
        code: 'custom',
        path: ['discount', 'value'],
        message: 'an amount discount cannot exceed quantity × unit price',
      });
    }
  });
/** What `LineInputSchema` accepts: the input, before defaults and transforms. */
export type LineInput = z.input<typeof LineInputSchema>;
/** What `LineInputSchema` returns: the input with defaults applied and values normalised. */
export type ParsedLineInput = z.output<typeof LineInputSchema>;
