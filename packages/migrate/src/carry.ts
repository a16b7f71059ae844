import { hash } from 'node:crypto';
import type { AdapterWarning, Invoice, InvoiceAdapterV1 } from '@invoicekit/core';
import { CustomerMapper } from './customer-mapper';
import type { MigrationJournal } from './journal';
import { carriedOf, pendingOf } from './journal-facts';
import { planLifecycle, type DraftPolicy, type TargetAbilities } from './lifecycle';
import {
  explainDifferences,
  reconcile,
  verdictOf,
  type Announcement,
  type Difference,
  type Reconciliation,
} from './reconcile';
import type { VerifyPolicy } from './run-options';
import { hiddenTypeWarning, planCreateInput } from './to-create-input';

/** A source invoice the journal says was carried over, and how. */
export interface CarriedRecord {
  readonly targetId: string;
  readonly reconciliation: Reconciliation;
  /** What was announced of it when it was carried (absent in journals of earlier versions). */
  readonly announced: readonly Announcement[];
  /** The digest of the source invoice the target was last brought to (`null`: not known). */
  readonly sourceDigest: string | null;
}

/** What carrying an invoice needs: both adapters, the journal, what is known so far. */
export interface CarryContext {
  readonly from: InvoiceAdapterV1;
  readonly to: InvoiceAdapterV1;
  readonly journal: MigrationJournal;
  readonly customers: CustomerMapper;
  readonly abilities: TargetAbilities;
  readonly drafts: DraftPolicy;
  /** Whether the target is read once more before reconciling, or the last write's answer is used. */
  readonly verify: VerifyPolicy;
  /** Every source invoice carried so far, by source id: credit notes look theirs up here. */
  readonly carried: Map<string, CarriedRecord>;
  /** Source invoices journaled as waiting for another (credit notes for their invoice). */
  readonly pending: Set<string>;
}

/**
 * A digest of everything canonical a source invoice says (its vendor object and change time
 * left out): equal digests, the same invoice. Not a change time — several vendors stamp whole
 * seconds, so an edit in the second of the last sync would look unchanged.
 */
export function sourceDigestOf(source: Invoice): string {
  const { raw: _raw, updatedAt: _updatedAt, ...canonical } = source;
  // One-shot: the same sha256 as a Hash object's, without building one per invoice.
  return hash('sha256', JSON.stringify(canonical), 'base64url');
}

/** The context of one run: the adapters, the journal and what it says was carried. */
export function carryContextOf(
  from: InvoiceAdapterV1,
  to: InvoiceAdapterV1,
  journal: MigrationJournal,
  drafts: DraftPolicy,
  verify: VerifyPolicy = 'write-answer',
): CarryContext {
  return {
    from,
    to,
    journal,
    customers: new CustomerMapper(from, to, journal),
    abilities: abilitiesOf(to),
    drafts,
    verify,
    carried: carriedOf(journal),
    pending: pendingOf(journal),
  };
}

/**
 * Records that an invoice is carried over, and how it reconciled: in the journal (durably, with
 * what was announced, so a later sync explains the same differences) and in the run's map.
 */
export async function recordCarried(
  context: CarryContext,
  source: Invoice,
  targetId: string,
  verdict: Reconciliation,
  announced: readonly Announcement[],
): Promise<void> {
  const sourceDigest = sourceDigestOf(source);
  await context.journal.append({
    kind: 'invoice',
    sourceId: source.id,
    targetId,
    reconciliation: verdict,
    ...(announced.length > 0 ? { announced } : {}),
    sourceDigest,
  });
  context.carried.set(source.id, { targetId, reconciliation: verdict, announced, sourceDigest });
}

/**
 * Journals an invoice's facts again without its source digest, before writes that change the
 * target: until they are journaled as done, no later sync takes the target for up to date.
 */
export async function forgetDigest(
  context: CarryContext,
  sourceId: string,
  known: CarriedRecord,
): Promise<void> {
  await context.journal.append({
    kind: 'invoice',
    sourceId,
    targetId: known.targetId,
    reconciliation: known.reconciliation,
    ...(known.announced.length > 0 ? { announced: known.announced } : {}),
  });
  context.carried.set(sourceId, { ...known, sourceDigest: null });
}

/** The abilities of a target that the lifecycle replay uses. */
export function abilitiesOf(to: InvoiceAdapterV1): TargetAbilities {
  return {
    finalize: to.capabilities.invoices.finalize,
    markPaid: to.capabilities.invoices.markPaid,
    partialPayments: to.capabilities.invoices.partialPayments,
    cancel: to.capabilities.invoices.cancel,
  };
}

/**
 * Why a source invoice is left out, before anything is read or written; `undefined`: it is not.
 * A credit note whose invoice is not carried yet waits for it: it is journaled as pending
 * ({@link notePending}), so that a later sync takes it up once its invoice is carried — it would
 * not be listed again as a change of its own.
 */
export function skipReason(source: Invoice, context: CarryContext): string | undefined {
  const { to, drafts, carried } = context;
  if (source.state.lifecycle === 'draft' && drafts === 'skip' && !carried.has(source.id))
    return to.capabilities.drafts
      ? "a draft, skipped by the drafts policy 'skip'"
      : `a draft, and ${to.id} has no drafts: skipped (drafts: 'issue' issues it instead)`;
  if (
    source.type === 'credit_note' &&
    source.relatedInvoiceId !== null &&
    !carried.has(source.relatedInvoiceId)
  )
    return `the invoice it corrects (${source.relatedInvoiceId}) was not migrated`;
  return undefined;
}

/** Journals a skipped source invoice that waits for another (once: the journal's fact stays). */
export async function notePending(
  source: Invoice,
  context: CarryContext,
  reason: string,
): Promise<void> {
  const waits =
    source.type === 'credit_note' &&
    source.relatedInvoiceId !== null &&
    !context.carried.has(source.relatedInvoiceId);
  if (!waits || context.pending.has(source.id)) return;
  await context.journal.append({ kind: 'pending', sourceId: source.id, reason });
  context.pending.add(source.id);
}

/** The warnings that name a field, as what reconciliation explains differences with. */
export function announcementsOf(warnings: readonly AdapterWarning[]): Announcement[] {
  return warnings.flatMap((warning) =>
    'path' in warning ? [{ path: warning.path, reason: warning.reason }] : [],
  );
}

/** What one replay of the lifecycle did: the target afterwards, and each step taken, in words. */
export interface Replayed {
  readonly target: Invoice;
  readonly changes: readonly string[];
}

/**
 * Brings the target invoice to the source's lifecycle, payments and cancellation, from the
 * target's current state (so a replay after a crash takes only the steps still missing). What
 * cannot be replayed, and every payment's warnings, are added to `warnings`.
 */
export async function replayLifecycle(
  source: Invoice,
  target: Invoice,
  context: CarryContext,
  warnings: AdapterWarning[],
): Promise<Replayed> {
  const { to } = context;
  const plan = planLifecycle(source, target, context.abilities, context.drafts);
  for (const cannot of plan.cannot)
    warnings.push({ type: 'approximated', path: cannot.field, reason: cannot.reason });
  let current = target;
  const changes: string[] = [];
  for (const step of plan.steps) {
    if (step.kind === 'finalize') {
      current = (await to.invoices.finalize(current.id)).data;
      changes.push('finalized');
      if (source.number !== null && current.number !== source.number)
        warnings.push({
          type: 'approximated',
          path: 'number',
          reason: `${to.id} numbers an invoice itself when it is issued: ${current.number ?? 'none'} for the source's ${source.number}`,
        });
    }
    if (step.kind === 'pay') {
      // `current` is the record the last write (or read) of this run answered: the adapter may
      // plan the payment from it instead of reading the invoice first.
      const paid = await to.invoices.markPaid(
        current.id,
        {
          amount: step.amount,
          ...(step.date !== null ? { date: step.date } : {}),
          ...(step.method !== null ? { method: step.method } : {}),
          ...(step.reference !== null ? { reference: step.reference } : {}),
        },
        { current },
      );
      // The payment's own fields, at the path of the payment they belong to.
      warnings.push(
        ...paid.warnings.map((warning) =>
          'path' in warning
            ? { ...warning, path: `payments.${step.index}.${warning.path}` }
            : warning,
        ),
      );
      current = paid.data;
      changes.push(`paid ${step.amount}${step.date !== null ? ` on ${step.date}` : ''}`);
    }
    if (step.kind === 'cancel') {
      current = (await to.invoices.cancel(current.id, { current })).data;
      changes.push('canceled');
    }
  }
  return { target: current, changes };
}

/**
 * The target invoice to reconcile after its writes: read once more (`read-back`), or the last
 * write's answer as it is (`write-answer`). `answered` says whether `last` is the answer of a
 * write — an invoice the target's dedupe found again comes from a look-up (a listing, which may
 * leave out what a read holds), so it is read like under `read-back`.
 */
export async function verified(
  last: Invoice,
  answered: boolean,
  context: CarryContext,
): Promise<Invoice> {
  return context.verify === 'write-answer' && answered ? last : context.to.invoices.get(last.id);
}

/** A source invoice written to the target, replayed, read back and reconciled. */
export interface CarriedInvoice {
  readonly targetId: string;
  readonly targetNumber: string | null;
  /** The target customer it was written for. */
  readonly customerId: string;
  /** The target's dedupe found it: an earlier run wrote it. */
  readonly existed: boolean;
  readonly differences: readonly Difference[];
  readonly verdict: Reconciliation;
}

/**
 * Writes a source invoice the target does not hold yet: its customer mapped, the invoice created
 * with the key derived from its source id (the target's dedupe finds an earlier write), the
 * lifecycle replayed, read back and reconciled field by field, and the fact journaled — with what
 * was announced, so that a later sync explains the same differences. Warnings go to `warnings`.
 */
export async function carryNewInvoice(
  source: Invoice,
  context: CarryContext,
  warnings: AdapterWarning[],
): Promise<CarriedInvoice> {
  const { from, to, customers, carried } = context;
  const guessed = hiddenTypeWarning(source);
  if (guessed) warnings.push(guessed);
  const related =
    source.relatedInvoiceId !== null ? carried.get(source.relatedInvoiceId)?.targetId : undefined;
  const customer = await customers.targetIdFor(source);
  const planned = planCreateInput(source, {
    sourceProvider: from.id,
    targetCustomerId: customer.id,
    ...(related !== undefined ? { relatedInvoiceId: related } : {}),
  });
  warnings.push(...planned.warnings, ...customer.warnings);
  const created = await to.invoices.create(planned.input);
  const existed = created.existed === true;
  // An invoice found again carries the adapter's note saying so; the outcome already does.
  warnings.push(...created.warnings.filter((warning) => !(existed && warning.type === 'other')));
  // An invoice the target's dedupe found again comes from a look-up (a listing may leave out its
  // payments and what a read holds): read whole before its lifecycle is planned from it, so that a
  // payment a killed run made is seen, and the next is keyed from the record the target holds.
  const start = existed ? await to.invoices.get(created.data.id) : created.data;
  const replayed = await replayLifecycle(source, start, context, warnings);
  // Either a read or a write answer: the last of them is the record to reconcile.
  const readBack = await verified(replayed.target, true, context);
  const announced = announcementsOf(warnings);
  const differences = explainDifferences(
    reconcile(source, readBack, {
      targetCustomerId: customer.id,
      ...(related !== undefined ? { relatedInvoiceId: related } : {}),
    }),
    announced,
  );
  const verdict = verdictOf(differences);
  await recordCarried(context, source, readBack.id, verdict, announced);
  return {
    targetId: readBack.id,
    targetNumber: readBack.number,
    customerId: customer.id,
    existed,
    differences,
    verdict,
  };
}
