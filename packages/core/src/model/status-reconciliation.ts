import { toDecimal } from '../money/decimal';
import type { InvoiceStatus } from './invoice-status';
import type { InvoiceTotals } from './totals';

/** Statuses that amounts and dates may refine; the others are final words of the vendor. */
const OPEN_STATUSES: ReadonlySet<InvoiceStatus> = new Set([
  'issued',
  'sent',
  'partially_paid',
  'paid',
  'overdue',
]);

/**
 * Makes an open invoice's canonical status agree with its amounts and due date, as the unified
 * accounting APIs define them: nothing due → `paid`; something paid but not all → `partially_paid`;
 * money due after the due date → `overdue`; otherwise the vendor's own open status stands.
 * Drafts, canceled, refunded, rejected, accepted and unknown are returned unchanged.
 *
 * @param facts amounts, due date and `today` (`YYYY-MM-DD` in the vendor's business time zone).
 */
export function reconcileStatus(
  status: InvoiceStatus,
  facts: {
    readonly totals: Pick<InvoiceTotals, 'gross' | 'paid' | 'due'>;
    readonly dueDate: string | null;
    readonly today: string;
  },
): InvoiceStatus {
  if (!OPEN_STATUSES.has(status)) return status;
  const gross = toDecimal(facts.totals.gross);
  const paid = toDecimal(facts.totals.paid);
  const due = toDecimal(facts.totals.due);
  if (gross.isPositive() && !gross.isZero() && due.lessThanOrEqualTo(0)) return 'paid';
  if (facts.dueDate !== null && facts.dueDate < facts.today && due.greaterThan(0)) return 'overdue';
  if (paid.greaterThan(0) && due.greaterThan(0)) return 'partially_paid';
  // A vendor that says "paid" while money is still due is contradicted by its own amounts.
  if (status === 'paid' && due.greaterThan(0))
    return paid.greaterThan(0) ? 'partially_paid' : 'issued';
  return status === 'overdue' ? 'issued' : status;
}
