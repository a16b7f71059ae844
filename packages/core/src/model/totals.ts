import { z } from 'zod';
import { DecimalStringSchema } from './primitives';
import { TaxRateSchema } from './tax-rate';

/** Document totals, each rounded to the currency's minor unit. */
export const InvoiceTotalsSchema = z.object({
  net: DecimalStringSchema,
  tax: DecimalStringSchema,
  gross: DecimalStringSchema,
  paid: DecimalStringSchema,
  /** `gross − paid`, never below zero for a regular invoice. */
  due: DecimalStringSchema,
});
/**
 * Document totals, each rounded to the currency's minor unit (what `InvoiceTotalsSchema` returns).
 */
export type InvoiceTotals = z.infer<typeof InvoiceTotalsSchema>;

/** Net, tax and gross of all lines that share one tax rate. */
export const TaxBreakdownEntrySchema = z.object({
  rate: TaxRateSchema,
  net: DecimalStringSchema,
  tax: DecimalStringSchema,
  gross: DecimalStringSchema,
});
/**
 * Net, tax and gross of all lines that share one tax rate (what `TaxBreakdownEntrySchema` returns).
 */
export type TaxBreakdownEntry = z.infer<typeof TaxBreakdownEntrySchema>;
