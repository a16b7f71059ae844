import {
  NotFoundError,
  UnsupportedOperationError,
  type AdapterWarning,
  type Invoice,
  type RecordListing,
} from '@invoicekit/core';
import { bringUpToDate } from './bring-up-to-date';
import { carryContextOf, carryNewInvoice, notePending, skipReason, sourceDigestOf } from './carry';
import { endpointOf } from './identity';
import type { MigrationJournal } from './journal';
import type { MigrationIdentity } from './journal-errors';
import { deletedOf, lastCursorOf } from './journal-facts';
import { withJournal } from './journal-session';
import type { DraftPolicy } from './lifecycle';
import type { RunOptions } from './run-options';
import { forEachConcurrently } from './pool';
import { tallyVerdict } from './reconcile';
import { errorOf, isOutcomeUnknown } from './run-errors';
import type { SyncInvoiceReport, SyncOutcome, SyncReport, SyncScope } from './sync-report';
import { checkTarget, draftPolicyOf } from './target-checks';

/** Progress after each invoice of a sync. */
export interface SyncProgress {
  readonly seen: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly failed: number;
}

/** Options of {@link sync}: those of every run, and which source invoices to look at. */
export interface SyncOptions extends RunOptions {
  /**
   * List the source's changes from here — an ISO 8601 timestamp with offset or a change cursor —
   * instead of from the journal's cursor.
   */
  readonly since?: string;
  /**
   * Look at every source invoice, not only the changed ones, and at every invoice the journal
   * holds: deletions in the source are found, and every invoice is reconciled — the cut-over
   * check. A journal without a cursor (no run finished the whole book yet) syncs in full anyway.
   */
  readonly full?: boolean;
  /** Only these source invoices (a webhook's `invoiceId`): each read by id, deletions found. */
  readonly invoiceIds?: readonly string[];
  readonly onProgress?: (progress: SyncProgress) => void;
}

/** The scope a sync runs in, and the cursor it lists from. */
function scopeOf(
  options: SyncOptions,
  journal: MigrationJournal,
): { scope: SyncScope; since: string | undefined } {
  if (options.invoiceIds) return { scope: 'invoices', since: undefined };
  if (options.full) return { scope: 'full', since: undefined };
  const since = options.since ?? lastCursorOf(journal);
  return since === undefined ? { scope: 'full', since } : { scope: 'changes', since };
}

/**
 * Brings the target to the source's current state, incrementally, until cut-over: invoices new in
 * the source are migrated (as `migrate` does), invoices migrated before are brought up to date —
 * a target draft takes the source's edits; new payments, each with its own date, an issue, a
 * cancellation are replayed from the target's state — and reconciled field by field. What the
 * target cannot follow (an issued invoice edited in the source) is reported as `diverged`; a
 * migrated invoice deleted in the source is reported as `deleted` (by a `full` or by-id sync).
 *
 * Which invoices: those changed since the journal's cursor (`list({ updatedSince })`), or every
 * one (`full`), or those named (`invoiceIds`, e.g. from a webhook). The cursor moves on only when
 * a listing was read to its end without an interruption. Exactly once under faults and
 * `kill -9`, like `migrate`: every step is planned from what the target holds, so a sync killed
 * half-way and run again writes only what is still missing, and a second run writes nothing.
 */
export async function sync(options: SyncOptions): Promise<SyncReport> {
  const { from, to } = options;
  checkTarget(to);
  const drafts = draftPolicyOf(to, options.drafts);
  const startedAt = new Date().toISOString();
  const identity: MigrationIdentity = {
    source: endpointOf(from, options.accounts?.from),
    target: endpointOf(to, options.accounts?.to),
  };
  return withJournal(options.journal, identity, startedAt, (journal) =>
    runSync(options, journal, identity, startedAt, drafts),
  );
}

async function runSync(
  options: SyncOptions,
  journal: MigrationJournal,
  identity: MigrationIdentity,
  startedAt: string,
  drafts: DraftPolicy,
): Promise<SyncReport> {
  const { from, to, signal } = options;
  const context = carryContextOf(from, to, journal, drafts, options.verify);
  const { carried } = context;
  const deleted = deletedOf(journal);
  const { scope, since } = scopeOf(options, journal);
  const counts = {
    seen: 0,
    created: 0,
    alreadyPresent: 0,
    updated: 0,
    unchanged: 0,
    diverged: 0,
    deleted: 0,
    skipped: 0,
    failed: 0,
    unknown: 0,
    reconciled: 0,
    explained: 0,
    mismatched: 0,
    notRead: 0,
  };
  const entries: SyncInvoiceReport[] = [];
  const tally: Record<SyncOutcome, () => void> = {
    created: () => (counts.created += 1),
    'already-present': () => (counts.alreadyPresent += 1),
    updated: () => (counts.updated += 1),
    unchanged: () => (counts.unchanged += 1),
    diverged: () => (counts.diverged += 1),
    deleted: () => (counts.deleted += 1),
    skipped: () => (counts.skipped += 1),
    failed: () => (counts.failed += 1),
    unknown: () => (counts.unknown += 1),
  };
  const count = (verdict: Parameters<typeof tallyVerdict>[1]): void =>
    tallyVerdict(counts, verdict);
  const record = (entry: SyncInvoiceReport): void => {
    tally[entry.outcome]();
    const quiet = entry.outcome === 'unchanged' && entry.differences.length === 0;
    if (options.detail === 'all' || !quiet) entries.push(entry);
    options.onProgress?.({
      seen: counts.seen,
      created: counts.created + counts.alreadyPresent,
      updated: counts.updated,
      unchanged: counts.unchanged,
      failed: counts.failed,
    });
  };
  // A vendor list may yield an invoice twice (pages shift while read): one sync per id and run.
  const taken = new Set<string>();

  const syncOne = async (source: Invoice): Promise<void> => {
    if (taken.has(source.id)) return;
    taken.add(source.id);
    counts.seen += 1;
    const base = { sourceId: source.id, sourceNumber: source.number };
    const warnings: AdapterWarning[] = [];
    const known = carried.get(source.id);
    try {
      // Listed as a change, but the same invoice the target was last brought to (the cursor's
      // overlap lists it again): nothing to read or write. The whole-book check reads anyway.
      if (
        known &&
        scope === 'changes' &&
        known.sourceDigest !== null &&
        known.sourceDigest === sourceDigestOf(source) &&
        known.reconciliation !== 'mismatched'
      ) {
        counts.notRead += 1;
        record({
          ...base,
          targetId: known.targetId,
          outcome: 'unchanged',
          changes: [],
          reason: 'the source is as the target was last brought to it: not read again',
          warnings,
          differences: [],
        });
        return;
      }
      if (known) {
        const result = await bringUpToDate(source, known, context, warnings);
        count(result.verdict);
        record({
          ...base,
          targetId: result.targetId,
          targetNumber: result.targetNumber,
          outcome: result.outcome,
          changes: result.changes,
          ...(result.reason !== undefined ? { reason: result.reason } : {}),
          warnings,
          differences: result.differences,
        });
        return;
      }
      const reason = skipReason(source, context);
      if (reason !== undefined) {
        await notePending(source, context, reason);
        record({
          ...base,
          targetId: null,
          outcome: 'skipped',
          changes: [],
          reason,
          warnings,
          differences: [],
        });
        return;
      }
      const done = await carryNewInvoice(source, context, warnings);
      count(done.verdict);
      record({
        ...base,
        targetId: done.targetId,
        targetNumber: done.targetNumber,
        outcome: done.existed ? 'already-present' : 'created',
        changes: [done.existed ? 'found in the target (an earlier write)' : 'created'],
        warnings,
        differences: done.differences,
      });
    } catch (error) {
      const typed = errorOf(error);
      const unsupported = error instanceof UnsupportedOperationError;
      record({
        ...base,
        targetId: known?.targetId ?? null,
        outcome: isOutcomeUnknown(error) ? 'unknown' : unsupported ? 'skipped' : 'failed',
        changes: [],
        ...(unsupported ? { reason: typed.message } : { error: typed }),
        ...(isOutcomeUnknown(error) ? { check: error.check } : {}),
        warnings,
        differences: [],
      });
    }
  };

  /** A journal invoice the source no longer lists: gone, or only missed by the listing. */
  const checkGone = async (sourceId: string): Promise<void> => {
    const known = carried.get(sourceId);
    let source: Invoice;
    try {
      source = await from.invoices.get(sourceId);
    } catch (error) {
      if (!(error instanceof NotFoundError)) {
        counts.seen += 1;
        record({
          sourceId,
          sourceNumber: null,
          targetId: known?.targetId ?? null,
          outcome: 'failed',
          changes: [],
          error: errorOf(error),
          warnings: [],
          differences: [],
        });
        return;
      }
      counts.seen += 1;
      if (!known) {
        // A pending invoice gone from the source waits for nothing any more.
        if (context.pending.has(sourceId)) {
          await journal.append({ kind: 'dropped', sourceId, reason: 'deleted in the source' });
          context.pending.delete(sourceId);
        }
        record({
          sourceId,
          sourceNumber: null,
          targetId: null,
          outcome: 'skipped',
          changes: [],
          reason: 'not in the source, and never migrated',
          warnings: [],
          differences: [],
        });
        return;
      }
      if (!deleted.has(sourceId)) {
        await journal.append({ kind: 'deleted', sourceId, targetId: known.targetId });
        deleted.set(sourceId, known.targetId);
      }
      record({
        sourceId,
        sourceNumber: null,
        targetId: known.targetId,
        outcome: 'deleted',
        changes: [],
        reason: `deleted in the source; the target's ${known.targetId} is left as it is (cancel or correct it there if the deletion stands)`,
        warnings: [],
        differences: [],
      });
      return;
    }
    await syncOne(source);
  };

  const concurrency = options.concurrency ?? 4;
  let cursor: string | null = null;
  // What waits for another invoice is read again by id: it may not change, so not be listed,
  // nor named by a webhook of its own.
  const readPending = async (): Promise<void> => {
    if (signal?.aborted) return;
    const waiting = [...context.pending].filter((id) => !taken.has(id) && !carried.has(id));
    await forEachConcurrently(
      (async function* pendingIds() {
        yield* waiting;
      })(),
      concurrency,
      checkGone,
      signal,
    );
  };
  if (scope === 'invoices') {
    const ids = [...new Set(options.invoiceIds ?? [])];
    await forEachConcurrently(
      (async function* named() {
        yield* ids;
      })(),
      concurrency,
      checkGone,
      signal,
    );
    await readPending();
  } else {
    const query = since !== undefined ? { updatedSince: since } : {};
    // Invoices first, credit notes after: a credit note needs the invoice it corrects mapped.
    const invoices: RecordListing<Invoice> = from.invoices.list(query);
    const withoutCreditNotes = (async function* withoutCreditNotes() {
      for await (const invoice of invoices) if (invoice.type !== 'credit_note') yield invoice;
    })();
    await forEachConcurrently(withoutCreditNotes, concurrency, syncOne, signal);
    if (!signal?.aborted) {
      const creditNotes = from.invoices.list({ ...query, type: ['credit_note'] });
      await forEachConcurrently(creditNotes, concurrency, syncOne, signal);
    }
    if (scope === 'full' && !signal?.aborted) {
      const unseen = [...carried.keys()].filter((id) => !taken.has(id));
      await forEachConcurrently(
        (async function* unlisted() {
          yield* unseen;
        })(),
        concurrency,
        checkGone,
        signal,
      );
    }
    await readPending();
    // Moved on only after every listed invoice was handled, none left to retry: a stored cursor
    // never skips one (a failed invoice that does not change again would not be listed again).
    if (!signal?.aborted && counts.failed === 0 && counts.unknown === 0) {
      cursor = invoices.cursor();
      await journal.append({ kind: 'cursor', stream: 'invoices', cursor });
    }
  }
  const interrupted = signal?.aborted === true;
  return {
    source: from.id,
    target: to.id,
    identity,
    scope,
    since: since ?? null,
    cursor,
    startedAt,
    finishedAt: new Date().toISOString(),
    interrupted,
    counts,
    agreed:
      !interrupted &&
      counts.mismatched === 0 &&
      counts.failed === 0 &&
      counts.unknown === 0 &&
      counts.diverged === 0,
    invoices: entries,
    warnings: [...(journal.warnings ?? [])],
  };
}
