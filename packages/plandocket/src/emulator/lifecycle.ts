import type { Decimal } from '@invoicekit/core';
import { invoiceTotal, paidAmount } from './amounts';
import type { PlandocketState, StoredInvoice } from './state';
import { queueInvoiceWebhook } from './webhooks';

/**
 * The API status strings; the admin guide's Draft … Refunded in snake case
 * (docs/vendors/plandocket.md §2.5).
 */
export const INVOICE_STATUSES = [
  'draft',
  'sent',
  'partially_paid',
  'paid',
  'overdue',
  'cancelled',
  'refunded',
] as const;

/** Statuses that payments never override: the invoice is void or its money went back. */
const FINAL_STATUSES = new Set(['cancelled', 'refunded']);

/**
 * The changes that setting `status` makes. Sending locks the invoice for good (GoBD,
 * docs/vendors/plandocket.md §2.5): it stays locked whatever status follows, so only the first
 * `sent` stamps `locked_at`.
 */
export function statusChange(
  invoice: StoredInvoice,
  status: string,
  timestamp: string,
): Partial<StoredInvoice> {
  if (status === 'sent' && !invoice.is_locked) {
    return { status, is_locked: true, locked_at: timestamp };
  }
  return { status };
}

/**
 * Re-derives an invoice's payment status after its payments changed: `paid` once nothing is open,
 * `partially_paid` in between, and back to `sent` when payments that had moved it are gone.
 * Cancelled and refunded invoices keep their status. With `touched` (a payment of it was created,
 * changed or deleted through the API) `updated_at` always moves: the invoice renders its payments,
 * so it changed. Otherwise (seeding) it moves only when the status or paid amount did
 * (`paidBefore` is the amount before the change). Becoming `paid` queues `invoice.paid`.
 */
export function settleInvoice(
  state: PlandocketState,
  invoiceId: number,
  timestamp: string,
  paidBefore: Decimal,
  touched = false,
): void {
  const invoice = state.invoices.get(invoiceId);
  if (!invoice) return;
  const paid = paidAmount(state, invoice.id);
  let status = invoice.status;
  if (!FINAL_STATUSES.has(status)) {
    if (paid.greaterThan(0) && paid.greaterThanOrEqualTo(invoiceTotal(invoice))) status = 'paid';
    else if (paid.greaterThan(0)) status = 'partially_paid';
    else if (status === 'paid' || status === 'partially_paid') status = 'sent';
  }
  if (!touched && status === invoice.status && paid.equals(paidBefore)) return;
  const updated = state.invoices.update(invoice.id, {
    ...statusChange(invoice, status, timestamp),
    updated_at: timestamp,
  });
  if (updated && status === 'paid' && invoice.status !== 'paid')
    queueInvoiceWebhook(state, 'invoice.paid', updated, timestamp);
}
