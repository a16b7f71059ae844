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

  /** Dry run: would be created. */
  | 'planned';

/** One invoice in the report. */
export interface InvoiceReport {
  readonly sourceId: string;
  readonly sourceNumber: string | null;
  readonly targetId: string | null;
  readonly outcome: InvoiceOutcome;
  readonly reason?: string;
  readonly error?: { readonly code: string; readonly message: string };
  /** Every mapping warning of the target (and of the customer it was written for). */
  readonly warnings: readonly AdapterWarning[];
  /** Amounts that differ after reading the target back; empty when it reconciled. */
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
    readonly planned: number;
    /** Read back equal to the source: net, tax, gross and paid to the cent, and the lines. */
    readonly reconciled: number;
    /** Different only where the migration announced it (a state the target cannot hold). */
    readonly explained: number;
    readonly mismatched: number;
    readonly customersCreatedOrMatched: number;
  };
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
    `  created ${c.created}, already present ${c.alreadyPresent}, resumed ${c.resumed}, skipped ${c.skipped}, failed ${c.failed}${report.dryRun ? `, planned ${c.planned}` : ''}`,
    `  reconciled ${c.reconciled}, explained ${c.explained}, mismatched ${c.mismatched}; customers ${c.customersCreatedOrMatched}`,
  ];
  for (const warning of report.warnings) lines.push(`  warning: ${warning}`);
  for (const invoice of report.invoices.filter((entry) => entry.outcome === 'failed').slice(0, 10))
    lines.push(
      `  failed ${invoice.sourceNumber ?? invoice.sourceId}: ${invoice.error?.message ?? invoice.reason ?? ''}`,
    );
  for (const invoice of report.invoices
    .filter((entry) => entry.differences.length > 0)
    .slice(0, 10))
    lines.push(
      `  mismatch ${invoice.sourceNumber ?? invoice.sourceId}: ${invoice.differences.map((d) => `${d.field} ${d.source} ≠ ${d.target}`).join(', ')}`,
    );
  return lines.join('\n');
}
