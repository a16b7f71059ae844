import { z } from 'zod';

/**
 * What kind of document an invoice is.
 * - `invoice`: a regular (VAT) invoice.
 * - `credit_note`: a credit note or correction invoice that reverses (part of) another.
 * - `proforma`, `estimate`: not tax documents; may become an invoice later.
 * - `receipt`: a simplified invoice / receipt.
 * - `advance`, `final`: advance-payment invoices and the final invoice that settles them.
 * - `other`: a vendor kind with no canonical counterpart (the vendor's value is in `raw`).
 */
export const INVOICE_TYPES = [
  'invoice',
  'credit_note',
  'proforma',
  'estimate',
  'receipt',
  'advance',
  'final',
  'other',
] as const;

/** One of {@link INVOICE_TYPES}. */
export const InvoiceTypeSchema = z.enum(INVOICE_TYPES);
/** The type `InvoiceTypeSchema` validates and returns. */
export type InvoiceType = z.infer<typeof InvoiceTypeSchema>;
