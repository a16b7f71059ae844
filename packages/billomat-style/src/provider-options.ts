import { z } from 'zod';

/**
 * `providerOptions['billomat-style']` of an invoice write: vendor fields the canonical model has
 * no place for, in the vendor's tag names.
 */
export const BillomatStyleInvoiceOptionsSchema = z.strictObject({
  TEMPLATE_ID: z.string().optional(),
  INVOICE_TITLE: z.string().optional(),
  CASH_DISCOUNT_PERCENT: z.string().optional(),
  CASH_DISCOUNT_DAYS: z.number().int().nonnegative().optional(),
  VAT_CASE: z.string().optional(),
  EU_DELIVERY: z.boolean().optional(),
  SERVICE_PERIOD_START: z.iso.date().optional(),
  SERVICE_PERIOD_END: z.iso.date().optional(),
  CUSTOMER_COSTCENTER_ID: z.string().optional(),
  PROJECT_ID: z.string().optional(),
  CONTACT_ID: z.string().optional(),
});
/** `providerOptions['billomat-style']` of an invoice write, as validated. */
export type BillomatStyleInvoiceOptions = z.output<typeof BillomatStyleInvoiceOptionsSchema>;
