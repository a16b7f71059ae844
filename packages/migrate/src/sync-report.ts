import type { AdapterWarning } from '@invoicekit/core';
import type { MigrationIdentity } from './journal-errors';
import type { Difference } from './reconcile';

/** What a sync did with one source invoice. */
export type SyncOutcome =
  /** New in the source: written to the target by this run. */
  | 'created'
  /** New to the journal, but the target's dedupe found an earlier write of it. */
  | 'already-present'
  /** Migrated before; this run wrote what changed in the source (edits, payments, cancellation). */
  | 'updated'
  /** Migrated before, and the target already holds the source's state. */
  | 'unchanged'
  /**
   * Changed in the source in a way the target cannot follow (an issued invoice edited): nothing
   * is written; `reason` and `differences` say what differs.
   */
  | 'diverged'
  /** Migrated before and since deleted in the source; the target's copy is left as it is. */
  | 'deleted'
  | 'skipped'
  | 'failed'
  /** A write whose answer was lost: the next sync finishes it (never repeated blind). */
  | 'unknown';

/** One source invoice in a sync report. */
export interface SyncInvoiceReport {
  readonly sourceId: string;
  readonly sourceNumber: string | null;
  readonly targetId: string | null;
  readonly targetNumber?: string | null;
  readonly outcome: SyncOutcome;
  /** What this run wrote to the target for it, in words, in order. */
  readonly changes: readonly string[];
  readonly reason?: string;
  readonly error?: { readonly code: string; readonly message: string };
  readonly check?: string;
  readonly warnings: readonly AdapterWarning[];
  /** How source and target differ after this run (explained or not); empty when they agree. */
  readonly differences: readonly Difference[];
}

/** Which source invoices a sync looked at. */
export type SyncScope =
  /** Every invoice of the source, and every invoice the journal holds (deletions found). */
  | 'full'
  /** The invoices the source changed since the cursor. */
  | 'changes'
  /** The invoices named by id (a webhook's). */
  | 'invoices';

/** The whole sync run. */
export interface SyncReport {
  readonly source: string;
  readonly target: string;
  readonly identity: MigrationIdentity;
  readonly scope: SyncScope;
  /** The instant or cursor the changes were listed from (`null` for a full or by-id sync). */
  readonly since: string | null;
  /** Where the next sync lists from: stored in the journal; `null` when this run could not move it. */
  readonly cursor: string | null;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly interrupted: boolean;
  readonly counts: {
    readonly seen: number;
    readonly created: number;
    readonly alreadyPresent: number;
    readonly updated: number;
    readonly unchanged: number;
    readonly diverged: number;
    readonly deleted: number;
    readonly skipped: number;
    readonly failed: number;
    readonly unknown: number;
    /** Source and target equal, field by field. */
    readonly reconciled: number;
    /** Different only where announced (with the reason). */
    readonly explained: number;
    readonly mismatched: number;
    /**
     * Listed, but the same invoice the target was last brought to (its digest in the journal):
     * reported unchanged without reading the target. Only a `full` sync reads every one.
     */
    readonly notRead: number;
  };
  /**
   * Source and target agree for every invoice this run looked at: each one equal or different
   * only where announced, none failed, unknown or diverged, and the run not interrupted — of
   * those it read (see `counts.notRead`). Only after a `full` sync, which reads every invoice in
   * both, is this the cut-over verdict for the whole book.
   */
  readonly agreed: boolean;
  /** Every invoice that was not simply unchanged and exact (all of them with `detail: 'all'`). */
  readonly invoices: readonly SyncInvoiceReport[];
  readonly warnings: readonly string[];
}

/** A few lines a person reads at the end of a sync. */
export function summarizeSync(report: SyncReport): string {
  const c = report.counts;
  const scope =
    report.scope === 'full'
      ? 'the whole book'
      : report.scope === 'changes'
        ? `changes since ${report.since ?? 'the start'}`
        : 'the invoices named';
  const lines = [
    `sync ${report.source} → ${report.target} (${scope}): ${c.seen} invoices`,
    `  created ${c.created + c.alreadyPresent}, updated ${c.updated}, unchanged ${c.unchanged}, diverged ${c.diverged}, deleted in source ${c.deleted}, skipped ${c.skipped}, failed ${c.failed}${c.unknown > 0 ? `, unknown ${c.unknown}` : ''}`,
    `  reconciled ${c.reconciled}, explained ${c.explained}, mismatched ${c.mismatched}${c.notRead > 0 ? `; ${c.notRead} unchanged since the last sync, not read again` : ''}`,
    report.agreed
      ? `  source and target agree${report.scope === 'full' ? ', invoice by invoice, on the whole book' : ' on every invoice looked at'}`
      : '  source and target do NOT agree yet: see the invoices below',
  ];
  if (report.interrupted)
    lines.push(
      '  interrupted: run the same sync again (same journal) to finish; nothing is written twice',
    );
  const name = (invoice: SyncInvoiceReport): string => invoice.sourceNumber ?? invoice.sourceId;
  const shown = report.invoices.filter(
    (entry) => entry.outcome !== 'unchanged' || entry.differences.length > 0,
  );
  for (const invoice of shown.slice(0, 20)) {
    const detail =
      invoice.changes.length > 0
        ? invoice.changes.join('; ')
        : (invoice.error?.message ?? invoice.reason ?? '');
    const open = invoice.differences.filter((difference) => !difference.explained);
    lines.push(
      `  ${invoice.outcome} ${name(invoice)}${detail ? `: ${detail}` : ''}${open.length > 0 ? ` [differs: ${open.map((d) => `${d.field} ${d.source} ≠ ${d.target}`).join(', ')}]` : ''}`,
    );
  }
  if (shown.length > 20) lines.push('  … the report (--report FILE) lists every invoice');
  for (const warning of report.warnings) lines.push(`  warning: ${warning}`);
  return lines.join('\n');
}
