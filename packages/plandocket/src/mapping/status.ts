import type { InvoiceStatus } from '@invoicekit/core';

/**
 * The vendor's status strings → canonical. The API values are undocumented; these are the admin
 * guide's statuses (Draft, Sent, Partially Paid, Paid, Overdue, Cancelled, Refunded) in the
 * spellings an API would use. Anything else is `unknown`, with the raw value kept beside it.
 */
export const STATUS_TABLE: Readonly<Record<string, InvoiceStatus>> = {
  draft: 'draft',
  sent: 'sent',
  open: 'issued',
  issued: 'issued',
  partially_paid: 'partially_paid',
  partial: 'partially_paid',
  paid: 'paid',
  overdue: 'overdue',
  cancelled: 'canceled',
  canceled: 'canceled',
  refunded: 'refunded',
};

/** A vendor status → canonical (before `readInvoiceState` weighs it against the amounts and dates). */
export function toCanonicalStatus(status: string | null | undefined): InvoiceStatus {
  if (!status) return 'unknown';
  return (
    STATUS_TABLE[
      status
        .trim()
        .toLowerCase()
        .replace(/[\s-]+/g, '_')
    ] ?? 'unknown'
  );
}

/** The status a cancel writes (`PATCH { status }`): the admin guide's "Cancelled". */
export const VENDOR_CANCELED_STATUS = 'cancelled';
