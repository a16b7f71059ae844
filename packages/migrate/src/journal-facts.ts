import type { CarriedRecord } from './carry';
import type { MigrationJournal } from './journal';

/**
 * Every invoice the journal says was carried over, by source id: the last fact of each wins (a
 * sync records an invoice again when it brings it up to date). An invoice recorded as deleted
 * in the source stays carried: its target copy exists, and its id must not be written again.
 */
export function carriedOf(journal: MigrationJournal): Map<string, CarriedRecord> {
  const carried = new Map<string, CarriedRecord>();
  for (const entry of journal.entries())
    if (entry.kind === 'invoice')
      carried.set(entry.sourceId, {
        targetId: entry.targetId,
        reconciliation: entry.reconciliation,
        announced: entry.announced ?? [],
        sourceDigest: entry.sourceDigest ?? null,
      });
  return carried;
}

/** The source invoices the journal records as deleted in the source, by source id → target id. */
export function deletedOf(journal: MigrationJournal): Map<string, string> {
  const deleted = new Map<string, string>();
  for (const entry of journal.entries())
    if (entry.kind === 'deleted') deleted.set(entry.sourceId, entry.targetId);
  return deleted;
}

/** Where the journal's last sync stopped listing the source's invoices, if one finished. */
export function lastCursorOf(journal: MigrationJournal): string | undefined {
  let cursor: string | undefined;
  for (const entry of journal.entries()) if (entry.kind === 'cursor') cursor = entry.cursor;
  return cursor;
}

/** The source invoices journaled as waiting for another, and not carried since. */
export function pendingOf(journal: MigrationJournal): Set<string> {
  const pending = new Set<string>();
  for (const entry of journal.entries()) {
    if (entry.kind === 'pending') pending.add(entry.sourceId);
    if (entry.kind === 'invoice' || entry.kind === 'dropped') pending.delete(entry.sourceId);
  }
  return pending;
}
