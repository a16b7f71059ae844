import type { InvoiceStatus } from '../../model/invoice-status';

/** Acme's statuses and their canonical meaning; anything else is `unknown` (raw kept). */
export const ACME_STATUS_TABLE: Readonly<Record<string, InvoiceStatus>> = {
  draft: 'draft',
  open: 'issued',
  sent: 'sent',
  partial: 'partially_paid',
  paid: 'paid',
  void: 'canceled',
};

export function toCanonicalStatus(raw: string): InvoiceStatus {
  return ACME_STATUS_TABLE[raw] ?? 'unknown';
}
