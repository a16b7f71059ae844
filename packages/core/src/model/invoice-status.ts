import { z } from 'zod';

/**
 * Canonical invoice states. `paid` and `partially_paid` agree with the amounts (`due` is 0, or
 * between 0 and the gross total); `overdue` is an issued invoice past its due date with money due.
 * `unknown` means the vendor sent a value no mapping recognises; its raw value is kept beside it.
 */
export const INVOICE_STATUSES = [
  'draft',
  'issued',
  'sent',
  'partially_paid',
  'paid',
  'overdue',
  'canceled',
  'refunded',
  'rejected',
  'accepted',
  'unknown',
] as const;

/** One of {@link INVOICE_STATUSES}. */
export const InvoiceStatusSchema = z.enum(INVOICE_STATUSES);
/** The type `InvoiceStatusSchema` validates and returns. */
export type InvoiceStatus = z.infer<typeof InvoiceStatusSchema>;

/** The canonical status and the vendor's own value it was mapped from. */
export const InvoiceStatusValueSchema = z.object({
  canonical: InvoiceStatusSchema,
  /** The vendor's status exactly as sent; `null` when the vendor has no status field. */
  raw: z.string().nullable(),
});
/**
 * The canonical status and the vendor's own value it was mapped from (what
 * `InvoiceStatusValueSchema` returns).
 */
export type InvoiceStatusValue = z.infer<typeof InvoiceStatusValueSchema>;
