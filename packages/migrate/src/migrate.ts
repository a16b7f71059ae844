import {
  InvoiceCreateInputSchema,
  UnsupportedOperationError,
  parseInput,
  type AdapterWarning,
  type Invoice,
  type InvoiceListQuery,
} from '@invoicekit/core';
import { carryContextOf, carryNewInvoice, notePending, skipReason } from './carry';
import { endpointOf } from './identity';
import type { MigrationJournal } from './journal';
import type { MigrationIdentity } from './journal-errors';
import { withJournal } from './journal-session';
import { errorOf, isOutcomeUnknown } from './run-errors';
import { checkTarget, draftPolicyOf } from './target-checks';
import type { DraftPolicy } from './lifecycle';
import { forEachConcurrently, readAhead } from './pool';
import { tallyVerdict } from './reconcile';
import type { InvoiceReport, MigrationReport } from './report';
import type { RunOptions } from './run-options';
import { toCreateInput } from './to-create-input';

/** Progress after each invoice. */
export interface MigrationProgress {
  readonly seen: number;
  readonly created: number;
  readonly alreadyPresent: number;
  readonly resumed: number;
  readonly skipped: number;
  readonly failed: number;
  /** Written, perhaps: the target's answer was lost. A re-run finishes these. */
  readonly unknown: number;
}

/** Options of {@link migrate}: those of every run, and what only a migration takes. */
export interface MigrateOptions extends RunOptions {
  /** Map and validate everything, write nothing to the target. */
  readonly dryRun?: boolean;
  /** Which source invoices: passed to the source's `list()`. */
  readonly filter?: InvoiceListQuery;
  /** A further test on each source invoice; `false` skips it (reported). */
  readonly where?: (invoice: Invoice) => boolean;
  readonly onProgress?: (progress: MigrationProgress) => void;
}

/**
 * Moves a book of invoices from one vendor to another, exactly once. The source is streamed (a
 * page or two in memory, the next read ahead); each customer is mapped once; each invoice is written with a key derived from
 * its source id through the target's own dedupe, brought to the source's state (finalize, pay,
 * cancel) from the target's current state, read back and reconciled to the cent. A durable journal
 * lets a killed run resume to exactly the result of a clean one.
 */
export async function migrate(options: MigrateOptions): Promise<MigrationReport> {
  const { from, to } = options;
  checkTarget(to);
  const drafts = draftPolicyOf(to, options.drafts);
  const startedAt = new Date().toISOString();
  const dryRun = options.dryRun ?? false;
  const identity: MigrationIdentity = {
    source: endpointOf(from, options.accounts?.from),
    target: endpointOf(to, options.accounts?.to),
  };
  return withJournal(options.journal, identity, startedAt, (journal) =>
    run(options, journal, identity, startedAt, dryRun, drafts),
  );
}

async function run(
  options: MigrateOptions,
  journal: MigrationJournal,
  identity: MigrationIdentity,
  startedAt: string,
  dryRun: boolean,
  drafts: DraftPolicy,
): Promise<MigrationReport> {
  const { from, to } = options;
  const context = carryContextOf(from, to, journal, drafts, options.verify);
  const { carried } = context;
  const counts = {
    seen: 0,
    created: 0,
    alreadyPresent: 0,
    resumed: 0,
    skipped: 0,
    failed: 0,
    unknown: 0,
    planned: 0,
    reconciled: 0,
    explained: 0,
    mismatched: 0,
  };
  const entries: InvoiceReport[] = [];
  const count = (verdict: Parameters<typeof tallyVerdict>[1]): void =>
    tallyVerdict(counts, verdict);
  const customerIds = new Set<string>();
  const record = (entry: InvoiceReport): void => {
    if (entry.outcome === 'created') counts.created += 1;
    if (entry.outcome === 'already-present') counts.alreadyPresent += 1;
    if (entry.outcome === 'skipped') counts.skipped += 1;
    if (entry.outcome === 'failed') counts.failed += 1;
    if (entry.outcome === 'unknown') counts.unknown += 1;
    if (entry.outcome === 'planned') counts.planned += 1;
    const interesting =
      entry.outcome === 'skipped' ||
      entry.outcome === 'failed' ||
      entry.outcome === 'unknown' ||
      entry.warnings.length > 0 ||
      entry.differences.length > 0;
    if (options.detail === 'all' || interesting) entries.push(entry);
  };
  const progress = (): void =>
    options.onProgress?.({
      seen: counts.seen,
      created: counts.created,
      alreadyPresent: counts.alreadyPresent,
      resumed: counts.resumed,
      skipped: counts.skipped,
      failed: counts.failed,
      unknown: counts.unknown,
    });
  // A vendor list may yield an invoice twice (pages shift while read): one carry per id and run.
  const taken = new Set<string>();

  const carry = async (source: Invoice): Promise<void> => {
    if (taken.has(source.id)) return;
    taken.add(source.id);
    counts.seen += 1;
    const base = { sourceId: source.id, sourceNumber: source.number };
    const known = carried.get(source.id);
    if (known) {
      counts.resumed += 1;
      count(known.reconciliation);
      progress();
      return;
    }
    const skip = (reason: string, warnings: AdapterWarning[] = []): void =>
      record({ ...base, targetId: null, outcome: 'skipped', reason, warnings, differences: [] });
    if (options.where && !options.where(source)) {
      skip('excluded by where()');
      progress();
      return;
    }
    const warnings: AdapterWarning[] = [];
    try {
      const reason = skipReason(source, context);
      if (reason !== undefined) {
        if (!dryRun) await notePending(source, context, reason);
        skip(reason, warnings);
        return;
      }
      if (dryRun) {
        const related =
          source.relatedInvoiceId !== null
            ? carried.get(source.relatedInvoiceId)?.targetId
            : undefined;
        const input = toCreateInput(source, {
          sourceProvider: from.id,
          targetCustomerId: 'planned',
          ...(related !== undefined ? { relatedInvoiceId: related } : {}),
        });
        parseInput(InvoiceCreateInputSchema, input, { provider: to.id, operation: 'migrate' });
        record({ ...base, targetId: null, outcome: 'planned', warnings, differences: [] });
        return;
      }
      const done = await carryNewInvoice(source, context, warnings);
      customerIds.add(done.customerId);
      count(done.verdict);
      record({
        ...base,
        targetId: done.targetId,
        targetNumber: done.targetNumber,
        outcome: done.existed ? 'already-present' : 'created',
        warnings,
        differences: done.differences,
      });
    } catch (error) {
      const typed = errorOf(error);
      if (isOutcomeUnknown(error)) {
        // The target may hold the write: never repeated here. A re-run finds it through the
        // create's external id and plans the lifecycle from the target's state.
        record({
          ...base,
          targetId: null,
          outcome: 'unknown',
          error: typed,
          check: error.check,
          warnings,
          differences: [],
        });
        return;
      }
      const unsupported = error instanceof UnsupportedOperationError;
      record({
        ...base,
        targetId: null,
        outcome: unsupported ? 'skipped' : 'failed',
        ...(unsupported ? { reason: typed.message } : { error: typed }),
        warnings,
        differences: [],
      });
    } finally {
      progress();
    }
  };

  const concurrency = options.concurrency ?? 4;
  const signal = options.signal;
  // Invoices first, credit notes after: a credit note needs the invoice it corrects mapped.
  const listing = from.invoices.list(options.filter ?? {});
  // Read ahead by the workers' number: the source's next page is fetched while the invoices
  // already listed are carried (a bounded buffer; the book is still never held whole).
  const invoicesOnly = (async function* invoicesOnly() {
    for await (const invoice of readAhead(listing, concurrency))
      if (invoice.type !== 'credit_note') yield invoice;
  })();
  await forEachConcurrently(invoicesOnly, concurrency, carry, signal);
  const wantsCreditNotes = !options.filter?.type || options.filter.type.includes('credit_note');
  if (wantsCreditNotes && !signal?.aborted)
    await forEachConcurrently(
      from.invoices.list({ ...options.filter, type: ['credit_note'] }),
      concurrency,
      carry,
      signal,
    );
  // Where a later sync lists the source's changes from — only when this run took the whole book
  // and left nothing to retry (a failed invoice that never changes again would not be listed).
  // Not after a resumed run either: an invoice carried by the stopped run may have changed in the
  // source since, before this run's listing began — the first sync then reads the whole book.
  const wholeBook = options.filter === undefined && options.where === undefined;
  const clean = counts.failed === 0 && counts.unknown === 0 && counts.resumed === 0;
  if (wholeBook && !dryRun && !signal?.aborted && clean)
    await journal.append({ kind: 'cursor', stream: 'invoices', cursor: listing.cursor() });
  return {
    source: from.id,
    target: to.id,
    identity,
    dryRun,
    interrupted: signal?.aborted === true,
    startedAt,
    finishedAt: new Date().toISOString(),
    counts: { ...counts, customersCreatedOrMatched: customerIds.size },
    invoices: entries,
    warnings: [...(journal.warnings ?? [])],
  };
}
