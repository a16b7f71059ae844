import type { InvoiceStatus } from '@invoicekit/core';
import { exactOf, plusExact } from './vendor-money';

/**
 * What the vendor's status is derived from: no single field carries it
 * (docs/vendors/method-style.md §11).
 */
export interface StatusFacts {
  readonly type: string | null | undefined;
  readonly isCanceled: boolean | null | undefined;
  readonly paidDate: string | null | undefined;
  /** Monsum only; refines paid / partially paid. */
  readonly outstanding: string | null | undefined;
  readonly total: string | null | undefined;
}

/**
 * draft (TYPE draft) → canceled (IS_CANCELED) → paid (a real PAID_DATE, or nothing outstanding)
 * → partially paid (something outstanding, less than the total) → issued. `overdue` is derived
 * from the due date by the core's reconciliation afterwards.
 */
export function toCanonicalStatus(facts: StatusFacts): InvoiceStatus {
  if (facts.type === 'draft') return 'draft';
  if (facts.isCanceled) return 'canceled';
  if (facts.paidDate) return 'paid';
  if (
    facts.outstanding !== null &&
    facts.outstanding !== undefined &&
    facts.total !== null &&
    facts.total !== undefined
  ) {
    // Compared exactly as BigInt units: no Decimal for a comparison.
    const outstanding = exactOf(facts.outstanding);
    const total = exactOf(facts.total);
    const difference = plusExact(outstanding, { units: -total.units, scale: total.scale }).units;
    if (outstanding.units <= 0n && total.units > 0n) return 'paid';
    if (difference < 0n) return 'partially_paid';
  }
  if (facts.type === 'outgoing' || facts.type === 'credit') return 'issued';
  return 'unknown';
}

/** The vendor value kept beside the canonical one: Monsum's STATUS, else TYPE (+ canceled flag). */
export function rawStatus(status: string | null | undefined, facts: StatusFacts): string | null {
  if (status) return status;
  if (!facts.type) return null;
  return facts.isCanceled ? `${facts.type} (canceled)` : facts.type;
}
