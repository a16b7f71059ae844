import { z } from 'zod';
import { toDecimal } from '../money/decimal';
import type { InvoiceStatus, InvoiceStatusValue } from './invoice-status';
import type { InvoiceTotals } from './totals';

/**
 * Where a document is in its life, whatever has been paid: `draft` (no number, editable),
 * `issued` (final), `sent` (final and delivered to the buyer), `accepted` / `rejected` (an
 * estimate or proforma the buyer answered), `canceled` (void: nothing is owed), `unknown`
 * (a vendor value no mapping recognises; the raw value is kept beside it).
 */
export const LIFECYCLE_STATES = [
  'draft',
  'issued',
  'sent',
  'accepted',
  'rejected',
  'canceled',
  'unknown',
] as const;
/** One of {@link LIFECYCLE_STATES}. */
export const LifecycleStateSchema = z.enum(LIFECYCLE_STATES);
/** The type `LifecycleStateSchema` validates and returns. */
export type LifecycleState = z.infer<typeof LifecycleStateSchema>;

/**
 * How much of the document has been paid, from its amounts: `unpaid` (nothing), `partially_paid`
 * (something, not all), `paid` (nothing left due), `refunded` (the vendor says the money went back).
 */
export const PAYMENT_STATES = ['unpaid', 'partially_paid', 'paid', 'refunded'] as const;
/** One of {@link PAYMENT_STATES}. */
export const PaymentStateSchema = z.enum(PAYMENT_STATES);
/** The type `PaymentStateSchema` validates and returns. */
export type PaymentState = z.infer<typeof PaymentStateSchema>;

/**
 * Whether money is owed and late: `none` (nothing is owed — paid, canceled, a draft, a zero
 * document), `open` (owed, not late, or no due date), `overdue` (owed after the due date).
 */
export const DUE_STATES = ['none', 'open', 'overdue'] as const;
/** One of {@link DUE_STATES}. */
export const DueStateSchema = z.enum(DUE_STATES);
/** The type `DueStateSchema` validates and returns. */
export type DueState = z.infer<typeof DueStateSchema>;

/**
 * An invoice's state as three separate facts — so that an overdue, partly paid, sent invoice is
 * all three at once, and a filter on any one of them finds it.
 */
export const InvoiceStateSchema = z.object({
  lifecycle: LifecycleStateSchema,
  payment: PaymentStateSchema,
  due: DueStateSchema,
});
/**
 * An invoice's state as three separate facts — so that an overdue, partly paid, sent invoice is all
 * three at once, and a filter on any one of them finds it (what `InvoiceStateSchema` returns).
 */
export type InvoiceState = z.infer<typeof InvoiceStateSchema>;

/** What {@link readInvoiceState} needs besides the vendor's own status. */
export interface InvoiceStateFacts {
  readonly totals: Pick<InvoiceTotals, 'gross' | 'paid' | 'due'>;
  readonly dueDate: string | null;
  /** `YYYY-MM-DD` in the vendor's business time zone. */
  readonly today: string;
  /** The vendor's status exactly as sent (`null` when it has none). */
  readonly raw: string | null;
  /**
   * The vendor records delivery apart from its status (a sent time, a reminder): an issued
   * invoice reads as `sent` even when its status says `paid`.
   */
  readonly sent?: boolean;
}

const LIFECYCLE_OF_STATUS: Readonly<Record<InvoiceStatus, LifecycleState>> = {
  draft: 'draft',
  issued: 'issued',
  sent: 'sent',
  partially_paid: 'issued',
  paid: 'issued',
  overdue: 'issued',
  canceled: 'canceled',
  refunded: 'issued',
  rejected: 'rejected',
  accepted: 'accepted',
  unknown: 'unknown',
};

function paymentStateOf(
  vendorStatus: InvoiceStatus,
  totals: InvoiceStateFacts['totals'],
): PaymentState {
  if (vendorStatus === 'refunded') return 'refunded';
  // A credit note's amounts are negative: its payment (the money paid back) is compared by size.
  const negative = toDecimal(totals.gross).isNegative();
  const gross = toDecimal(totals.gross).abs();
  const paid = negative ? toDecimal(totals.paid).negated() : toDecimal(totals.paid);
  // Against the gross, not the amount due: a canceled document owes 0 but was only partly paid.
  if (paid.greaterThan(0)) return paid.lessThan(gross) ? 'partially_paid' : 'paid';
  // A zero document the vendor calls paid is paid; one with money due is not, whatever it says.
  if (vendorStatus === 'paid' && gross.isZero()) return 'paid';
  return 'unpaid';
}

/**
 * The vendor's status (as mapped) and the document's amounts → the three canonical state facts
 * and the one-word summary status. Amounts decide payment (a vendor that says `paid` while money
 * is due is contradicted by its own amounts); a draft or a canceled document owes nothing.
 */
export function readInvoiceState(
  vendorStatus: InvoiceStatus,
  facts: InvoiceStateFacts,
): { readonly state: InvoiceState; readonly status: InvoiceStatusValue } {
  const mapped = LIFECYCLE_OF_STATUS[vendorStatus];
  const lifecycle: LifecycleState = mapped === 'issued' && facts.sent === true ? 'sent' : mapped;
  const payment = paymentStateOf(vendorStatus, facts.totals);
  const owed = toDecimal(facts.totals.due).greaterThan(0);
  const due: DueState =
    lifecycle === 'draft' || lifecycle === 'canceled' || !owed
      ? 'none'
      : facts.dueDate !== null && facts.dueDate < facts.today
        ? 'overdue'
        : 'open';
  const state = { lifecycle, payment, due };
  return { state, status: { canonical: summaryStatusOf(state), raw: facts.raw } };
}

/**
 * The one word that best describes a state, for display and for readers of `status.canonical`:
 * a lifecycle that ends the story (draft, canceled, accepted, rejected, unknown) first, then
 * refunded, paid, overdue, partially paid, and otherwise issued or sent.
 */
export function summaryStatusOf(state: InvoiceState): InvoiceStatus {
  if (state.lifecycle !== 'issued' && state.lifecycle !== 'sent') return state.lifecycle;
  if (state.payment === 'refunded' || state.payment === 'paid') return state.payment;
  if (state.due === 'overdue') return 'overdue';
  if (state.payment === 'partially_paid') return 'partially_paid';
  return state.lifecycle;
}

/**
 * Every status word that holds for a state — its lifecycle, its payment state (when something
 * was paid or refunded) and `overdue` — so that `list({ status: ['partially_paid'] })` finds an
 * overdue, partly paid invoice and `['sent']` a sent one that has since been paid.
 */
export function statusesOf(state: InvoiceState): readonly InvoiceStatus[] {
  const statuses: InvoiceStatus[] = [state.lifecycle];
  if (state.payment !== 'unpaid') statuses.push(state.payment);
  if (state.due === 'overdue') statuses.push('overdue');
  return statuses;
}

/**
 * The amount due as the canonical model states it, on every provider alike: nothing for a
 * canceled document (whatever open amount the vendor still shows), otherwise `gross − paid`.
 * Unrounded; the provider formats it to the currency.
 */
export function amountDue(facts: {
  readonly gross: string;
  readonly paid: string;
  readonly canceled: boolean;
}): string {
  if (facts.canceled) return '0';
  const due = toDecimal(facts.gross).minus(toDecimal(facts.paid));
  return due.toString();
}
