import type { AdapterWarning } from '@invoicekit/core';
import type { MigrationIdentity } from './journal-errors';
import type { Difference } from './reconcile';

/** What happened to one source invoice. */
export type InvoiceOutcome =
  /** Written to the target by this run. */
  | 'created'
  /** Found in the target already (an earlier run, or the target's dedupe) and brought up to date. */
  | 'already-present'
  /** Left out, with the reason (a type the target cannot hold, a filter). */
  | 'skipped'
  /** Could not be carried: the typed error says why. */
  | 'failed'
  /**
   * A write whose answer was lost, so the target may or may not hold it (`outcome_unknown`; `check`
   * says what). Never repeated blind: run the migration again to finish it — the create's external
   * id finds what was written and the lifecycle continues from the target's state.
   */
  | 'unknown'
  /** Dry run: would be created. */
  | 'planned';

/** One invoice in the report. */
export interface InvoiceReport {
  readonly sourceId: string;
  readonly sourceNumber: string | null;
  readonly targetId: string | null;
  /**
   * The number the target holds, read back. Differs from `sourceNumber` where the target numbers
   * invoices itself — the report is then the map from source number to target number.
   */
  readonly targetNumber?: string | null;
  readonly outcome: InvoiceOutcome;
  readonly reason?: string;
  readonly error?: { readonly code: string; readonly message: string };
  /** For `unknown`: what to look at in the target (the error's `check`). */
  readonly check?: string;
  /** Every mapping warning of the target (and of the customer it was written for). */
  readonly warnings: readonly AdapterWarning[];
  /** Fields that differ after reading the target back (explained or not); empty when exact. */
  readonly differences: readonly Difference[];
}

/** The whole run. */
export interface MigrationReport {
  readonly source: string;
  readonly target: string;
  /** Source and target provider and account, as the journal records them (no credential). */
  readonly identity: MigrationIdentity;
  readonly dryRun: boolean;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly counts: {
    readonly seen: number;
    readonly created: number;
    readonly alreadyPresent: number;
    /** Completed by an earlier run (the journal says so): not touched again. */
    readonly resumed: number;
    readonly skipped: number;
    readonly failed: number;
    /** Written, perhaps: the answer was lost. A re-run (with the journal) finishes them. */
    readonly unknown: number;
    readonly planned: number;
    /** Read back equal to the source, field by field (see `reconcile`). */
    readonly reconciled: number;
    /** Different only where the migration announced it (a state the target cannot hold). */
    readonly explained: number;
    readonly mismatched: number;
    readonly customersCreatedOrMatched: number;
  };
  /**
   * The run was stopped (`signal`) before it read every source invoice: what it carried is in
   * the journal, and running it again with the same journal carries the rest.
   */
  readonly interrupted: boolean;
  /** Every invoice that was not simply created and reconciled without a warning (all of them with `detail: 'all'`). */
  readonly invoices: readonly InvoiceReport[];
  /** About the run itself, e.g. a journal line cut off by an interrupted run (dropped, redone). */
  readonly warnings: readonly string[];
}

/** A few lines a person reads at the end of a run. */
export function summarize(report: MigrationReport): string {
  const c = report.counts;
  const lines = [
    `${report.dryRun ? 'Dry run: ' : ''}${report.source} → ${report.target}: ${c.seen} invoices`,
    `  created ${c.created}, already present ${c.alreadyPresent}, resumed ${c.resumed}, skipped ${c.skipped}, failed ${c.failed}${c.unknown > 0 ? `, unknown ${c.unknown}` : ''}${report.dryRun ? `, planned ${c.planned}` : ''}`,
    `  reconciled ${c.reconciled}, explained ${c.explained}, mismatched ${c.mismatched}; customers ${c.customersCreatedOrMatched}`,
  ];
  if (report.interrupted)
    lines.push(
      '  interrupted: stopped before every invoice was read — run the same migration again, with the same journal, to carry the rest',
    );
  const renumbered = report.invoices.filter(
    (entry) =>
      entry.targetNumber !== undefined &&
      entry.targetNumber !== null &&
      entry.targetNumber !== entry.sourceNumber,
  );
  if (renumbered.length > 0)
    lines.push(
      `  numbers: ${renumbered.length} invoices numbered by the target (e.g. ${renumbered[0]?.sourceNumber ?? renumbered[0]?.sourceId ?? ''} → ${renumbered[0]?.targetNumber ?? ''}); the report maps each source number to its target number`,
    );
  for (const warning of report.warnings) lines.push(`  warning: ${warning}`);
  if (c.unknown > 0)
    lines.push(
      `  ${c.unknown} unknown: the target's answer was lost, so it may hold them already — run the same migration again (with the same journal) to resume; nothing is written twice`,
    );
  for (const invoice of report.invoices.filter((entry) => entry.outcome === 'unknown').slice(0, 10))
    lines.push(
      `  unknown ${invoice.sourceNumber ?? invoice.sourceId}: ${invoice.error?.message ?? ''}${invoice.check ? ` (check ${invoice.check})` : ''}`,
    );
  for (const invoice of report.invoices.filter((entry) => entry.outcome === 'failed').slice(0, 10))
    lines.push(
      `  failed ${invoice.sourceNumber ?? invoice.sourceId}: ${invoice.error?.message ?? invoice.reason ?? ''}`,
    );
  for (const invoice of report.invoices.filter((entry) => entry.outcome === 'skipped').slice(0, 10))
    lines.push(`  skipped ${invoice.sourceNumber ?? invoice.sourceId}: ${invoice.reason ?? ''}`);
  const name = (invoice: InvoiceReport): string => invoice.sourceNumber ?? invoice.sourceId;
  const mismatched = report.invoices.filter((entry) =>
    entry.differences.some((difference) => !difference.explained),
  );
  for (const invoice of mismatched.slice(0, 10))
    lines.push(
      `  mismatch ${name(invoice)}: ${invoice.differences
        .filter((d) => !d.explained)
        .map((d) => `${d.field} ${d.source} ≠ ${d.target}`)
        .join(', ')}`,
    );
  const explained = report.invoices.filter(
    (entry) =>
      entry.differences.length > 0 && entry.differences.every((difference) => difference.explained),
  );
  for (const invoice of explained.slice(0, 10))
    lines.push(
      `  explained ${name(invoice)}: ${invoice.differences
        .map((d) => `${d.field} ${d.source || '∅'} → ${d.target || '∅'} (${d.explained ?? ''})`)
        .join('; ')}`,
    );
  if (explained.length > 10 || mismatched.length > 10)
    lines.push('  … the report (--report FILE) lists every invoice and difference');
  return lines.join('\n');
}
