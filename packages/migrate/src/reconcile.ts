import { toDecimal, type Invoice } from '@invoicekit/core';

/** One amount that differs between source and target. */
export interface Difference {
  readonly field: 'net' | 'tax' | 'gross' | 'paid' | 'lines' | 'currency';
  readonly source: string;
  readonly target: string;
  /** Set when the migration announced this difference (a state the target cannot hold). */
  readonly explained?: string;
}

/** How an invoice came out: equal, different only where announced, or different. */
export type Reconciliation = 'exact' | 'explained' | 'mismatched';

/** The verdict on a list of differences. */
export function verdictOf(differences: readonly Difference[]): Reconciliation {
  if (differences.length === 0) return 'exact';
  return differences.every((difference) => difference.explained) ? 'explained' : 'mismatched';
}

/**
 * Compares a migrated invoice with its source: net, tax, gross and paid to the cent, the currency
 * and the number of lines. An empty list means the invoice reconciled.
 */
export function reconcile(source: Invoice, target: Invoice): Difference[] {
  const differences: Difference[] = [];
  for (const field of ['net', 'tax', 'gross', 'paid'] as const) {
    const a = toDecimal(source.totals[field]);
    const b = toDecimal(target.totals[field]);
    if (!a.toDecimalPlaces(2).equals(b.toDecimalPlaces(2)))
      differences.push({ field, source: source.totals[field], target: target.totals[field] });
  }
  if (source.currency !== target.currency)
    differences.push({ field: 'currency', source: source.currency, target: target.currency });
  if (source.lines.length > 0 && source.lines.length !== target.lines.length)
    differences.push({
      field: 'lines',
      source: String(source.lines.length),
      target: String(target.lines.length),
    });
  return differences;
}
