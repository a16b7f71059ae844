import { JournalCorruptError, type JournalEntry } from '@invoicekit/migrate';
import { z } from 'zod';

/** A row of `journal_facts` as `pg` returns it (the columns a fact uses; the rest `null`). */
export interface FactRow {
  readonly seq: string;
  readonly kind: string;
  readonly source_id: string | null;
  readonly target_id: string | null;
  readonly reconciliation: string | null;
  readonly announced: unknown;
  readonly source_digest: string | null;
  readonly stream: string | null;
  readonly cursor: string | null;
  readonly reason: string | null;
}

/** The columns a fact is written to, named as in the table. */
export type FactColumns = Omit<FactRow, 'seq'>;

const id = z.string().min(1);
const Announced = z.array(z.object({ path: z.string(), reason: z.string() }));

/** What each kind of row must hold: the same facts the file journal's lines hold. */
const FactRowSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('customer'), source_id: id, target_id: id }),
  z.object({
    kind: z.literal('invoice'),
    source_id: id,
    target_id: id,
    reconciliation: z.enum(['exact', 'explained', 'mismatched']),
    announced: Announced.nullable(),
    source_digest: z.string().nullable(),
  }),
  z.object({ kind: z.literal('cursor'), stream: z.literal('invoices'), cursor: id }),
  z.object({ kind: z.literal('pending'), source_id: id, reason: z.string() }),
  z.object({ kind: z.literal('dropped'), source_id: id, reason: z.string() }),
  z.object({ kind: z.literal('deleted'), source_id: id, target_id: id }),
]);

/** A stored row as the fact it records; a row that is not one is a {@link JournalCorruptError}. */
export function toJournalEntry(row: FactRow, journalName: string): JournalEntry {
  const parsed = FactRowSchema.safeParse(row);
  if (!parsed.success)
    throw new JournalCorruptError({
      journalPath: journalName,
      line: Number(row.seq),
      problem: `not a journal fact (${parsed.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
        .join('; ')})`,
    });
  const fact = parsed.data;
  switch (fact.kind) {
    case 'customer':
    case 'deleted':
      return { kind: fact.kind, sourceId: fact.source_id, targetId: fact.target_id };
    case 'invoice':
      return {
        kind: 'invoice',
        sourceId: fact.source_id,
        targetId: fact.target_id,
        reconciliation: fact.reconciliation,
        ...(fact.announced ? { announced: fact.announced } : {}),
        ...(fact.source_digest !== null ? { sourceDigest: fact.source_digest } : {}),
      };
    case 'cursor':
      return { kind: 'cursor', stream: fact.stream, cursor: fact.cursor };
    case 'pending':
    case 'dropped':
      return { kind: fact.kind, sourceId: fact.source_id, reason: fact.reason };
  }
}

/** A fact as the columns it is stored in. */
export function toFactColumns(entry: JournalEntry): FactColumns {
  const empty = {
    source_id: null,
    target_id: null,
    reconciliation: null,
    announced: null,
    source_digest: null,
    stream: null,
    cursor: null,
    reason: null,
  };
  switch (entry.kind) {
    case 'customer':
    case 'deleted':
      return { ...empty, kind: entry.kind, source_id: entry.sourceId, target_id: entry.targetId };
    case 'invoice':
      return {
        ...empty,
        kind: 'invoice',
        source_id: entry.sourceId,
        target_id: entry.targetId,
        reconciliation: entry.reconciliation,
        announced: entry.announced ?? null,
        source_digest: entry.sourceDigest ?? null,
      };
    case 'cursor':
      return { ...empty, kind: 'cursor', stream: entry.stream, cursor: entry.cursor };
    case 'pending':
    case 'dropped':
      return { ...empty, kind: entry.kind, source_id: entry.sourceId, reason: entry.reason };
  }
}
