import { z } from 'zod';
import { CalculatingStrategySchema } from './config';

/**
 * InvoiceOcean extras a caller may pass as `providerOptions.invoiceocean` on invoice writes.
 * Kept strict: an unknown key is a typed error, never silently ignored.
 */
export const InvoiceOceanInvoiceOptionsSchema = z.strictObject({
  /** The selling department (company) when the account has several. */
  departmentId: z
    .union([z.number().int().positive(), z.string().regex(/^\d+$/)])
    .transform(String)
    .optional(),
  /**
   * Print the buyer snapshot instead of the client card of `customer.id` — and update the card
   * with it (the vendor's `buyer_override`).
   */
  buyerOverride: z.boolean().optional(),
  /** `transfer`, `card`, `cash` … or free text. */
  paymentType: z.string().min(1).optional(),
  /** Place of issue. */
  place: z.string().optional(),
  /** Override the account's calculation settings for this invoice (all three keys). */
  calculatingStrategy: CalculatingStrategySchema.optional(),
  /** Split payment (Polish MPP). */
  splitPayment: z.boolean().optional(),
});
/** `providerOptions.invoiceocean` of an invoice write, validated. */
export type InvoiceOceanInvoiceOptions = z.output<typeof InvoiceOceanInvoiceOptionsSchema>;
