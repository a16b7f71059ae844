import { toDecimal, type Invoice } from '@invoicekit/core';

/** One step that brings the target invoice closer to the source invoice's state. */
export type LifecycleStep =
  | { readonly kind: 'finalize' }
  | { readonly kind: 'pay'; readonly amount: string; readonly date: string | null }
  | { readonly kind: 'cancel' };

/** A part of the source's state the target cannot reach, and why. */
export interface CannotReplay {
  readonly field: 'status' | 'paid';
  readonly reason: string;
}

/** What the target can do, as far as the replay is concerned. */
export interface TargetAbilities {
  readonly finalize: boolean;
  readonly markPaid: boolean;
  readonly partialPayments: boolean;
  readonly cancel: boolean;
}

const ISSUED_OR_LATER = new Set([
  'issued',
  'sent',
  'overdue',
  'partially_paid',
  'paid',
  'canceled',
]);

/**
 * The steps from the target's current state to the source's, computed from both states rather
 * than from a log — so a run that was killed between two steps, and re-run, does exactly the
 * steps still missing. Returns the steps and what cannot be replayed (as warnings).
 */
export function planLifecycle(
  source: Invoice,
  target: Invoice,
  abilities: TargetAbilities,
): { steps: LifecycleStep[]; cannot: CannotReplay[] } {
  const steps: LifecycleStep[] = [];
  const cannot: CannotReplay[] = [];
  const wanted = source.status.canonical;
  if (ISSUED_OR_LATER.has(wanted) && target.status.canonical === 'draft') {
    if (abilities.finalize) steps.push({ kind: 'finalize' });
    else
      cannot.push({
        field: 'status',
        reason: 'the target cannot finalize: the invoice stays a draft',
      });
  }
  // Money received: pay what the target has not recorded yet.
  const owed = toDecimal(source.totals.paid).minus(toDecimal(target.totals.paid));
  if (owed.greaterThan(0) && wanted !== 'canceled') {
    const full = owed.equals(toDecimal(target.totals.due));
    if (!abilities.markPaid)
      cannot.push({ field: 'paid', reason: 'the target cannot record payments' });
    else if (!full && !abilities.partialPayments)
      cannot.push({
        field: 'paid',
        reason: `the target records whole payments only; ${source.totals.paid} paid is not carried`,
      });
    else steps.push({ kind: 'pay', amount: owed.toString(), date: source.paidDate });
  }
  if (wanted === 'canceled' && target.status.canonical !== 'canceled') {
    if (abilities.cancel) steps.push({ kind: 'cancel' });
    else cannot.push({ field: 'status', reason: 'the target cannot cancel' });
  }
  return { steps, cannot };
}
