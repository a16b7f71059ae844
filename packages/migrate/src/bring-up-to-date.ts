import type { AdapterWarning, Invoice } from '@invoicekit/core';
import {
  announcementsOf,
  forgetDigest,
  recordCarried,
  sourceDigestOf,
  replayLifecycle,
  type CarriedRecord,
  type CarryContext,
  verified,
} from './carry';
import {
  explainDifferences,
  reconcile,
  verdictOf,
  type Announcement,
  type Difference,
  type Reconciliation,
} from './reconcile';
import { planLifecycle } from './lifecycle';
import { planCreateInput } from './to-create-input';

/**
 * Fields that follow the invoice's lifecycle and payments — what the replay brings over — as
 * opposed to its content (lines, parties, dates, terms), which only an edit changes.
 */
function isLifecycleField(field: string): boolean {
  return (
    field.startsWith('state.') ||
    field === 'payments' ||
    field.startsWith('payments.') ||
    field === 'totals.paid' ||
    field === 'totals.due' ||
    field === 'paidDate'
  );
}

/** What bringing one migrated invoice up to date did. */
export interface BroughtUpToDate {
  /** `updated`: something was written; `unchanged`: the target held it already; `diverged`: see `reason`. */
  readonly outcome: 'updated' | 'unchanged' | 'diverged';
  readonly targetId: string;
  readonly targetNumber: string | null;
  /** Each write, in words (`edited lines, dueDate`, `paid 40.00 on 2026-11-03`, `canceled`). */
  readonly changes: readonly string[];
  /** Why the target cannot follow the source (an issued invoice edited in the source). */
  readonly reason?: string;
  readonly differences: readonly Difference[];
  readonly verdict: Reconciliation;
}

/**
 * Brings an invoice migrated earlier to its source's current state, from what the target holds
 * now: a target draft takes the source's edits (`invoices.update`), then the lifecycle is
 * replayed (issue, each new payment with its own date, cancel). An issued target invoice is never
 * edited — the books hold it as issued, and several vendors lock it — so content the source
 * changed after issuing is reported as `diverged`, field by field. Read back and reconciled with
 * what was announced when it was carried (and now); journaled when anything changed.
 */
export async function bringUpToDate(
  source: Invoice,
  known: CarriedRecord,
  context: CarryContext,
  warnings: AdapterWarning[],
): Promise<BroughtUpToDate> {
  const { from, to, customers, carried } = context;
  const customer = await customers.targetIdFor(source);
  const related =
    source.relatedInvoiceId !== null ? carried.get(source.relatedInvoiceId)?.targetId : undefined;
  const reconcileContext = {
    targetCustomerId: customer.id,
    ...(related !== undefined ? { relatedInvoiceId: related } : {}),
  };
  let target = await to.invoices.get(known.targetId);
  const changes: string[] = [];
  const before = explainDifferences(reconcile(source, target, reconcileContext), known.announced);
  // A draft takes its number when it is issued: the replay's finalize brings that difference.
  const numberedOnIssue = target.state.lifecycle === 'draft' && source.state.lifecycle !== 'draft';
  const edited = before.filter(
    (difference) =>
      !isLifecycleField(difference.field) &&
      !difference.explained &&
      !(numberedOnIssue && difference.field === 'number'),
  );
  let diverged: string | undefined;
  const willEdit =
    edited.length > 0 && target.state.lifecycle === 'draft' && to.capabilities.invoices.update;
  const willReplay =
    planLifecycle(source, target, context.abilities, context.drafts).steps.length > 0;
  // Before the first write, the journal forgets which source the target was brought to: a run
  // killed half-way must not leave a digest that says the target holds a state it no longer does.
  if ((willEdit || willReplay) && known.sourceDigest !== null)
    await forgetDigest(context, source.id, known);
  if (edited.length > 0) {
    if (willEdit) {
      const planned = planCreateInput(source, {
        sourceProvider: from.id,
        targetCustomerId: customer.id,
        ...(related !== undefined ? { relatedInvoiceId: related } : {}),
      });
      // An update takes every field of a create but the type, which a draft keeps.
      const { type: _type, ...fields } = planned.input;
      const updated = await to.invoices.update(target.id, fields);
      warnings.push(...planned.warnings, ...updated.warnings);
      target = updated.data;
      changes.push(`edited ${[...new Set(edited.map((d) => d.field.split('.')[0]))].join(', ')}`);
    } else {
      diverged =
        target.state.lifecycle === 'draft'
          ? `${to.id} cannot update invoices: the source's edits are not carried`
          : `edited in the source after it was issued; ${to.id} holds the issued invoice, which is not edited — correct it there (a credit note) if the edit stands`;
    }
  }
  const replayed = await replayLifecycle(source, target, context, warnings);
  changes.push(...replayed.changes);
  const readBack =
    changes.length > 0 ? await verified(replayed.target, true, context) : replayed.target;
  const announced = mergeAnnouncements(known.announced, announcementsOf(warnings));
  const differences = explainDifferences(reconcile(source, readBack, reconcileContext), announced);
  const verdict = verdictOf(differences);
  const changedFacts =
    changes.length > 0 ||
    verdict !== known.reconciliation ||
    announced.length !== known.announced.length ||
    sourceDigestOf(source) !== known.sourceDigest;
  if (changedFacts) await recordCarried(context, source, readBack.id, verdict, announced);
  return {
    outcome:
      diverged !== undefined && verdict === 'mismatched'
        ? 'diverged'
        : changes.length > 0
          ? 'updated'
          : 'unchanged',
    targetId: readBack.id,
    targetNumber: readBack.number,
    changes,
    ...(diverged !== undefined && verdict === 'mismatched' ? { reason: diverged } : {}),
    differences,
    verdict,
  };
}

/** Announcements of both lists, each path and reason once. */
function mergeAnnouncements(
  earlier: readonly Announcement[],
  now: readonly Announcement[],
): Announcement[] {
  const seen = new Set(earlier.map((entry) => `${entry.path}\u0000${entry.reason}`));
  return [
    ...earlier,
    ...now.filter((entry) => {
      const key = `${entry.path}\u0000${entry.reason}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }),
  ];
}
