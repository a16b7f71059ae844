import {
  formatMoney,
  isCurrencyCode,
  minorUnit,
  toDecimal,
  type Invoice,
  type PaymentMethod,
} from '@invoicekit/core';

/** One step that brings the target invoice closer to the source invoice's state. */
export type LifecycleStep =
  | { readonly kind: 'finalize' }
  | {
      readonly kind: 'pay';
      /** Which source payment this is (its index), for warnings at `payments.<index>`. */
      readonly index: number;
      readonly amount: string;
      readonly date: string | null;
      readonly method: PaymentMethod | null;
      readonly reference: string | null;
    }
  | { readonly kind: 'cancel' };

/**
 * A part of the source's state the target cannot reach, at the canonical path where the
 * difference will show (`state.lifecycle`, `payments`, `totals.paid`), and why.
 */
export interface CannotReplay {
  readonly field: string;
  readonly reason: string;
}

/** What the target can do, as far as the replay is concerned. */
export interface TargetAbilities {
  readonly finalize: boolean;
  readonly markPaid: boolean;
  readonly partialPayments: boolean;
  readonly cancel: boolean;
}

/**
 * What to do with a source draft: `skip` it (reported, with the reason), write it `as-draft`
 * (the target must have drafts), or `issue` it (the target numbers and issues it; announced).
 */
export type DraftPolicy = 'skip' | 'as-draft' | 'issue';

function formatAmount(amount: ReturnType<typeof toDecimal>, currency: string): string {
  return isCurrencyCode(currency) ? formatMoney(amount, currency) : amount.toString();
}

/** A source payment as the replay pays it. */
interface WantedPayment {
  readonly amount: string;
  readonly date: string | null;
  readonly method: PaymentMethod | null;
  readonly reference: string | null;
}

/**
 * The source's payments, oldest first; a source that holds a paid amount but no payment records
 * stands for one payment of that amount on its paid date.
 */
function wantedPayments(source: Invoice): WantedPayment[] {
  if (source.payments.length > 0)
    return source.payments.map((payment) => ({
      amount: payment.amount,
      date: payment.date,
      method: payment.method,
      reference: payment.reference,
    }));
  return toDecimal(source.totals.paid).greaterThan(0)
    ? [{ amount: source.totals.paid, date: source.paidDate, method: null, reference: null }]
    : [];
}

/**
 * The steps from the target's current state to the source's, computed from both states rather
 * than from a log — so a run that was killed between two steps, and re-run, does exactly the
 * steps still missing (payments the target already holds, in order, are not paid again).
 * Returns the steps and what cannot be replayed (announced, so reconciliation explains it).
 */
export function planLifecycle(
  source: Invoice,
  target: Invoice,
  abilities: TargetAbilities,
  drafts: DraftPolicy = 'as-draft',
): { steps: LifecycleStep[]; cannot: CannotReplay[] } {
  const steps: LifecycleStep[] = [];
  const cannot: CannotReplay[] = [];
  const wanted = source.state.lifecycle;
  const issue = wanted !== 'draft' || drafts === 'issue';
  if (wanted === 'draft' && drafts === 'issue')
    cannot.push(
      {
        field: 'state.lifecycle',
        reason: "the source is a draft, issued by the drafts policy 'issue'",
      },
      {
        field: 'number',
        reason: 'the source draft has no number; the target numbered it on issue',
      },
    );
  if (wanted === 'draft' && target.state.lifecycle !== 'draft' && drafts !== 'issue')
    cannot.push({ field: 'state.lifecycle', reason: 'the target issued the draft on create' });
  if (issue && target.state.lifecycle === 'draft') {
    if (abilities.finalize) steps.push({ kind: 'finalize' });
    else
      cannot.push({
        field: 'state.lifecycle',
        reason: 'the target cannot finalize: the invoice stays a draft',
      });
  }
  if (wanted === 'sent')
    cannot.push({
      field: 'state.lifecycle',
      reason: 'the migration does not e-mail the buyer again: the target holds it as issued',
    });
  if (source.state.payment === 'refunded')
    cannot.push({ field: 'state.payment', reason: 'the migration does not replay refunds' });
  cannot.push(...planPayments(source, target, abilities, steps));
  if (wanted === 'canceled' && target.state.lifecycle !== 'canceled') {
    if (abilities.cancel) steps.push({ kind: 'cancel' });
    else cannot.push({ field: 'state.lifecycle', reason: 'the target cannot cancel' });
  }
  return { steps, cannot };
}

/** Pay steps for the source payments the target does not hold yet; what cannot be paid. */
function planPayments(
  source: Invoice,
  target: Invoice,
  abilities: TargetAbilities,
  steps: LifecycleStep[],
): CannotReplay[] {
  const payments = wantedPayments(source);
  if (payments.length === 0) return [];
  const undated = payments.findIndex((payment) => payment.date === null);
  const dating: CannotReplay[] =
    undated >= 0
      ? [
          {
            field: source.payments.length > 0 ? `payments.${undated}.date` : 'paidDate',
            reason: 'the source records no payment date; the target dates it the day it is carried',
          },
        ]
      : [];
  if (source.state.lifecycle === 'canceled')
    return [
      { field: 'payments', reason: 'payments on a canceled invoice are not replayed' },
      { field: 'totals.paid', reason: 'payments on a canceled invoice are not replayed' },
    ];
  if (!abilities.markPaid)
    return [
      { field: 'payments', reason: 'the target cannot record payments' },
      { field: 'totals.paid', reason: 'the target cannot record payments' },
    ];
  // Announced from both states, never from the steps taken: a resumed run, which finds the
  // payments already held and takes no step, announces exactly what the first run did.
  const fromTarget = heldAnnouncements(payments, target);
  if (abilities.partialPayments) {
    const held = heldPrefix(payments, target, source);
    if (held < target.payments.length)
      // The target holds payments the source does not have, in this order: paying anything more
      // could pay twice. Nothing is paid; reconciliation shows the difference as a mismatch.
      return [...fromTarget, ...dating];
    const pending = payments.slice(held);
    // A settling payment the target already holds is announced as when it was paid.
    const adjusted: CannotReplay[] = target.payments.slice(0, held).flatMap((payment, index) =>
      toDecimal(payment.amount).equals(toDecimal(payments[index]?.amount ?? payment.amount))
        ? []
        : [
            {
              field: `payments.${index}.amount`,
              reason: settleReason(
                toDecimal(payment.amount),
                payments[index]?.amount ?? '',
                source.currency,
              ),
            },
          ],
    );
    let due = toDecimal(target.totals.due);
    pending.forEach((payment, offset) => {
      const index = held + offset;
      const wanted = toDecimal(payment.amount);
      if (!due.greaterThan(0)) {
        adjusted.push({
          field: `payments.${index}`,
          reason: `the target owes nothing more: the payment of ${payment.amount} is not recorded`,
        });
        return;
      }
      // The target's total may differ from the source's by its rounding (within a minor unit per
      // line): the last payment of a paid source settles what the target says is due. No payment
      // exceeds what is due.
      const last = offset === pending.length - 1;
      const settle =
        last &&
        source.state.payment === 'paid' &&
        due.minus(wanted).abs().lessThanOrEqualTo(roundingTolerance(source));
      const amount = settle || wanted.greaterThan(due) ? due : wanted;
      if (!amount.equals(wanted))
        adjusted.push({
          field: `payments.${index}.amount`,
          reason: settleReason(due, payment.amount, source.currency),
        });
      due = due.minus(amount);
      steps.push({
        kind: 'pay',
        index,
        ...payment,
        amount: amount.equals(wanted) ? payment.amount : formatAmount(amount, source.currency),
      });
    });
    return [...fromTarget, ...adjusted, ...dating];
  }
  // Whole payments only: the source, if paid in full, is carried as one payment.
  const fullyPaid = source.state.payment === 'paid';
  if (!fullyPaid)
    return [
      {
        field: 'payments',
        reason: `the target records whole payments only; ${source.totals.paid} paid is not carried`,
      },
      {
        field: 'totals.paid',
        reason: `the target records whole payments only; ${source.totals.paid} paid is not carried`,
      },
    ];
  const last = payments.at(-1) as WantedPayment;
  const total = payments.reduce(
    (sum, payment) => sum.plus(toDecimal(payment.amount)),
    toDecimal('0'),
  );
  if (target.payments.length === 0)
    steps.push({
      kind: 'pay',
      index: 0,
      amount: target.totals.due,
      date: source.paidDate ?? last.date,
      method: last.method,
      reference: last.reference,
    });
  const announced = [...fromTarget, ...dating];
  return payments.length > 1
    ? [
        {
          field: 'payments',
          reason: `the target records one whole payment: ${payments.length} payments carried as one of ${formatAmount(total, source.currency)} ${source.currency} on ${source.paidDate ?? last.date ?? 'the day carried'}`,
        },
        ...announced,
      ]
    : announced;
}

/** One minor unit per line (and one for the document): how far a target's rounding may differ. */
function roundingTolerance(source: Invoice): ReturnType<typeof toDecimal> {
  const unit = isCurrencyCode(source.currency) ? minorUnit(source.currency) : toDecimal('0.01');
  return unit.times(source.lines.length + 1);
}

function settleReason(due: ReturnType<typeof toDecimal>, wanted: string, currency: string): string {
  return `the target's amount due is ${formatAmount(due, currency)}, not ${wanted}: the payment settles that`;
}

/**
 * How many of the target's payments are the source's first ones, in order (same amount; the last
 * one of a paid source may be the settling amount, within the rounding tolerance).
 */
function heldPrefix(payments: readonly WantedPayment[], target: Invoice, source: Invoice): number {
  let held = 0;
  for (const [index, payment] of target.payments.entries()) {
    const wanted = payments[index];
    if (!wanted) break;
    const difference = toDecimal(payment.amount).minus(toDecimal(wanted.amount)).abs();
    const settling = index === payments.length - 1 && source.state.payment === 'paid';
    if (
      !difference.isZero() &&
      !(settling && difference.lessThanOrEqualTo(roundingTolerance(source)))
    )
      break;
    held += 1;
  }
  return held;
}

/**
 * What the target's held payments show it could not keep — read off the target, so that a
 * resumed run says it too: a method or reference it holds none of (the vendor has no place for
 * it), and a settling last payment of another amount.
 */
function heldAnnouncements(payments: readonly WantedPayment[], target: Invoice): CannotReplay[] {
  return target.payments.flatMap((payment, index): CannotReplay[] => {
    const wanted = payments[index];
    if (!wanted) return [];
    const announced: CannotReplay[] = [];
    if (wanted.method !== null && payment.method === null)
      announced.push({
        field: `payments.${index}.method`,
        reason: 'the target holds no method for this payment',
      });
    if (wanted.reference !== null && payment.reference === null)
      announced.push({
        field: `payments.${index}.reference`,
        reason: 'the target holds no reference for this payment',
      });
    return announced;
  });
}
