import {
  InvoiceCreateInputSchema,
  InvoicekitError,
  UnsupportedOperationError,
  type OutcomeUnknownError,
  parseInput,
  type AdapterWarning,
  type Invoice,
  type InvoiceAdapterV1,
  type InvoiceListQuery,
} from '@invoicekit/core';
import { hostname } from 'node:os';
import { CustomerMapper } from './customer-mapper';
import { endpointOf } from './identity';
import { FileJournal, MemoryJournal, type MigrationJournal } from './journal';
import { JournalLockedError, type MigrationIdentity } from './journal-errors';
import { planLifecycle, type DraftPolicy, type TargetAbilities } from './lifecycle';
import { forEachConcurrently } from './pool';
import { explainDifferences, reconcile, verdictOf, type Reconciliation } from './reconcile';
import type { InvoiceReport, MigrationReport } from './report';
import { hiddenTypeWarning, planCreateInput, toCreateInput } from './to-create-input';

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

/** Options of {@link migrate}. */
export interface MigrateOptions {
  readonly from: InvoiceAdapterV1;
  readonly to: InvoiceAdapterV1;
  /**
   * A journal file path (durable, resumable; locked to one run at a time) or a journal; in memory
   * when absent. A journal belongs to one migration: another source or target is refused.
   */
  readonly journal?: string | MigrationJournal;
  /**
   * The source's and target's accounts as the journal records them — a base URL, a tenant, a
   * login name, never a credential (URL user info, query and fragment are dropped). By default
   * what each adapter declares.
   */
  readonly accounts?: { readonly from?: string; readonly to?: string };
  /** Invoices in flight at once; 4 by default. The adapters' rate limiters still apply. */
  readonly concurrency?: number;
  /** Map and validate everything, write nothing to the target. */
  readonly dryRun?: boolean;
  /** Which source invoices: passed to the source's `list()`. */
  readonly filter?: InvoiceListQuery;
  /** A further test on each source invoice; `false` skips it (reported). */
  readonly where?: (invoice: Invoice) => boolean;
  readonly onProgress?: (progress: MigrationProgress) => void;
  /**
   * Stops the run cleanly: no further invoice is taken, the ones in flight finish (a write is
   * never cut off halfway), the journal holds every fact, and the report says `interrupted`.
   * Running the same migration again with the same journal resumes where it stopped.
   */
  readonly signal?: AbortSignal;
  /** `problems` (default): the report lists invoices with a warning, skip, failure or mismatch. */
  readonly detail?: 'problems' | 'all';
  /**
   * What to do with source drafts: `as-draft` (the default where the target has drafts), `skip`
   * (the default where it has none: reported with the reason), or `issue` (the target numbers and
   * issues them; announced on each). `as-draft` on a target without drafts is refused up front.
   */
  readonly drafts?: DraftPolicy;
}

/** The drafts policy asked for, or the target's natural one; refuses one the target cannot follow. */
function draftPolicyOf(to: InvoiceAdapterV1, asked: DraftPolicy | undefined): DraftPolicy {
  if (asked === 'as-draft' && !to.capabilities.drafts)
    throw new UnsupportedOperationError({
      provider: to.id,
      operation: 'migrate',
      message: `migrate: ${to.id} has no drafts, so drafts: 'as-draft' cannot be followed — choose 'skip' or 'issue'`,
    });
  return asked ?? (to.capabilities.drafts ? 'as-draft' : 'skip');
}

/** Refuses, before anything is read or written, a target that cannot receive invoices. */
function checkTarget(to: InvoiceAdapterV1): void {
  if (!to.capabilities.invoices.create) {
    throw new UnsupportedOperationError({
      provider: to.id,
      operation: 'migrate',
      message: `migrate: ${to.id} cannot be a migration target — its API cannot create invoices`,
    });
  }
}

/**
 * The error as a report holds it. A typed error's message is redacted where it is made; any other
 * error's text is withheld — a parser's or a library's message may quote a vendor's answer, and
 * with it a credential the vendor echoed.
 */
function errorOf(error: unknown): { code: string; message: string } {
  if (InvoicekitError.isInvoicekitError(error)) return { code: error.code, message: error.message };
  const name = error instanceof Error ? error.name : typeof error;
  return {
    code: 'internal',
    message: `an unexpected ${name} (its text is withheld: it may quote a vendor's answer)`,
  };
}

function isOutcomeUnknown(error: unknown): error is OutcomeUnknownError {
  return InvoicekitError.isInvoicekitError(error) && error.code === 'outcome_unknown';
}

/** Journals in use by a running {@link migrate} of this process (and since when): one run each. */
const journalsInUse = new WeakMap<MigrationJournal, string>();

/**
 * Moves a book of invoices from one vendor to another, exactly once. The source is streamed (one
 * page in memory); each customer is mapped once; each invoice is written with a key derived from
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
  // Taken before anything is read or written: another run on this journal refuses this one.
  const ownsJournal = typeof options.journal === 'string';
  const journal: MigrationJournal =
    typeof options.journal === 'string'
      ? new FileJournal(options.journal)
      : (options.journal ?? new MemoryJournal());
  const since = journalsInUse.get(journal);
  if (since !== undefined)
    throw new JournalLockedError({
      journalPath: journal instanceof FileJournal ? journal.path : '(journal object)',
      lockPath: '(held in this process)',
      holder: { pid: process.pid, hostname: hostname(), startedAt: since },
      local: true,
    });
  try {
    journal.bind(identity);
  } catch (error) {
    if (ownsJournal) journal.close();
    throw error;
  }
  journalsInUse.set(journal, startedAt);
  try {
    return await run(options, journal, identity, startedAt, dryRun, drafts);
  } finally {
    journalsInUse.delete(journal);
    if (ownsJournal) journal.close();
  }
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
  const done = new Map<string, string>();
  const verdicts = new Map<string, Reconciliation>();
  for (const entry of journal.entries()) {
    if (entry.kind !== 'invoice') continue;
    done.set(entry.sourceId, entry.targetId);
    verdicts.set(entry.sourceId, entry.reconciliation);
  }
  const customers = new CustomerMapper(from, to, journal);
  const abilities: TargetAbilities = {
    finalize: to.capabilities.invoices.finalize,
    markPaid: to.capabilities.invoices.markPaid,
    partialPayments: to.capabilities.invoices.partialPayments,
    cancel: to.capabilities.invoices.cancel,
  };
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
  const count = (verdict: Reconciliation): void => {
    if (verdict === 'exact') counts.reconciled += 1;
    else if (verdict === 'explained') counts.explained += 1;
    else counts.mismatched += 1;
  };
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

  const carry = async (source: Invoice): Promise<void> => {
    counts.seen += 1;
    const base = { sourceId: source.id, sourceNumber: source.number };
    if (done.has(source.id)) {
      counts.resumed += 1;
      count(verdicts.get(source.id) ?? 'mismatched');
      progress();
      return;
    }
    if (options.where && !options.where(source)) {
      record({
        ...base,
        targetId: null,
        outcome: 'skipped',
        reason: 'excluded by where()',
        warnings: [],
        differences: [],
      });
      progress();
      return;
    }
    const warnings: AdapterWarning[] = [];
    if (source.state.lifecycle === 'draft' && drafts === 'skip') {
      record({
        ...base,
        targetId: null,
        outcome: 'skipped',
        reason: to.capabilities.drafts
          ? "a draft, skipped by the drafts policy 'skip'"
          : `a draft, and ${to.id} has no drafts: skipped (drafts: 'issue' issues it instead)`,
        warnings,
        differences: [],
      });
      progress();
      return;
    }
    try {
      const related =
        source.relatedInvoiceId !== null ? done.get(source.relatedInvoiceId) : undefined;
      if (
        source.type === 'credit_note' &&
        source.relatedInvoiceId !== null &&
        related === undefined
      ) {
        record({
          ...base,
          targetId: null,
          outcome: 'skipped',
          reason: `the invoice it corrects (${source.relatedInvoiceId}) was not migrated`,
          warnings,
          differences: [],
        });
        return;
      }
      if (dryRun) {
        const input = toCreateInput(source, {
          sourceProvider: from.id,
          targetCustomerId: 'planned',
          ...(related !== undefined ? { relatedInvoiceId: related } : {}),
        });
        parseInput(InvoiceCreateInputSchema, input, { provider: to.id, operation: 'migrate' });
        record({ ...base, targetId: null, outcome: 'planned', warnings, differences: [] });
        return;
      }
      const guessed = hiddenTypeWarning(source);
      if (guessed) warnings.push(guessed);
      const customer = await customers.targetIdFor(source);
      customerIds.add(customer.id);
      const planned = planCreateInput(source, {
        sourceProvider: from.id,
        targetCustomerId: customer.id,
        ...(related !== undefined ? { relatedInvoiceId: related } : {}),
      });
      warnings.push(...planned.warnings, ...customer.warnings);
      const created = await to.invoices.create(planned.input);
      const existed = created.existed === true;
      // An invoice found again carries the adapter's note saying so; the outcome already does.
      warnings.push(
        ...created.warnings.filter((warning) => !(existed && warning.type === 'other')),
      );
      let target = created.data;
      const plan = planLifecycle(source, target, abilities, drafts);
      for (const cannot of plan.cannot)
        warnings.push({ type: 'approximated', path: cannot.field, reason: cannot.reason });
      for (const step of plan.steps) {
        if (step.kind === 'finalize') target = (await to.invoices.finalize(target.id)).data;
        if (step.kind === 'pay') {
          const paid = await to.invoices.markPaid(target.id, {
            amount: step.amount,
            ...(step.date !== null ? { date: step.date } : {}),
            ...(step.method !== null ? { method: step.method } : {}),
            ...(step.reference !== null ? { reference: step.reference } : {}),
          });
          // The payment's own fields, at the path of the payment they belong to.
          warnings.push(
            ...paid.warnings.map((warning) =>
              'path' in warning
                ? { ...warning, path: `payments.${step.index}.${warning.path}` }
                : warning,
            ),
          );
          target = paid.data;
        }
        if (step.kind === 'cancel') target = (await to.invoices.cancel(target.id)).data;
      }
      const readBack = await to.invoices.get(target.id);
      const announcements = warnings.flatMap((warning) =>
        'path' in warning ? [{ path: warning.path, reason: warning.reason }] : [],
      );
      const differences = explainDifferences(
        reconcile(source, readBack, {
          targetCustomerId: customer.id,
          ...(related !== undefined ? { relatedInvoiceId: related } : {}),
        }),
        announcements,
      );
      const verdict = verdictOf(differences);
      count(verdict);
      journal.append({
        kind: 'invoice',
        sourceId: source.id,
        targetId: readBack.id,
        reconciliation: verdict,
      });
      done.set(source.id, readBack.id);
      record({
        ...base,
        targetId: readBack.id,
        targetNumber: readBack.number,
        outcome: existed ? 'already-present' : 'created',
        warnings,
        differences,
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
  // Invoices first, credit notes after: a credit note needs the invoice it corrects mapped.
  const creditNotesLater = (query: InvoiceListQuery | undefined) =>
    (async function* invoicesOnly() {
      for await (const invoice of from.invoices.list(query ?? {}))
        if (invoice.type !== 'credit_note') yield invoice;
    })();
  const signal = options.signal;
  await forEachConcurrently(creditNotesLater(options.filter), concurrency, carry, signal);
  const wantsCreditNotes = !options.filter?.type || options.filter.type.includes('credit_note');
  if (wantsCreditNotes && !signal?.aborted)
    await forEachConcurrently(
      from.invoices.list({ ...options.filter, type: ['credit_note'] }),
      concurrency,
      carry,
      signal,
    );
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
