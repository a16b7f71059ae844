import type { InvoiceStatus } from '@invoicekit/core';

/**
 * InvoiceOcean `status` values and their canonical meaning. `rejected` and `accepted` exist in
 * Fakturownia / VosFactures; `incomplete` is VosFactures' "facture à compléter" (a draft).
 * A canceled invoice keeps its status but changes `kind` to `canceled` (see {@link toCanonicalStatus}).
 */
export const STATUS_TO_CANONICAL: Readonly<Record<string, InvoiceStatus>> = {
  issued: 'issued',
  sent: 'sent',
  paid: 'paid',
  partial: 'partially_paid',
  rejected: 'rejected',
  accepted: 'accepted',
  incomplete: 'draft',
};

/** Canonical statuses the vendor can be set to (`change_status`); the rest have no vendor value. */
export const CANONICAL_TO_STATUS: Readonly<Partial<Record<InvoiceStatus, string>>> = {
  issued: 'issued',
  sent: 'sent',
  paid: 'paid',
  partially_paid: 'partial',
  rejected: 'rejected',
  accepted: 'accepted',
  draft: 'incomplete',
};

/** The canonical status of an invoice from its `status` and `kind`. */
export function toCanonicalStatus(
  status: string | null | undefined,
  kind: string | null | undefined,
): InvoiceStatus {
  if (kind === 'canceled') return 'canceled';
  if (!status) return 'unknown';
  return STATUS_TO_CANONICAL[status] ?? 'unknown';
}
