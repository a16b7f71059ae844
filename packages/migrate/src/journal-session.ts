import { hostname } from 'node:os';
import { FileJournal, MemoryJournal, type MigrationJournal } from './journal';
import { JournalLockedError, type MigrationIdentity } from './journal-errors';

/**
 * Journals in use by a running `migrate` or `sync` of this process (and since when): one run
 * each. A file journal's lock excludes other processes; this excludes a second run in this one,
 * which the lock (held by this very process) would let through.
 */
const journalsInUse = new WeakMap<MigrationJournal, string>();

/**
 * Runs `work` with the journal asked for — a file path (opened, locked, closed afterwards), a
 * journal object, or a new one in memory — bound to the migration's identity before anything is
 * read or written: a journal of another migration, or one in use, is refused.
 */
export async function withJournal<T>(
  asked: string | MigrationJournal | undefined,
  identity: MigrationIdentity,
  startedAt: string,
  work: (journal: MigrationJournal) => Promise<T>,
): Promise<T> {
  const ownsJournal = typeof asked === 'string';
  const journal: MigrationJournal =
    typeof asked === 'string' ? new FileJournal(asked) : (asked ?? new MemoryJournal());
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
    return await work(journal);
  } finally {
    journalsInUse.delete(journal);
    if (ownsJournal) journal.close();
  }
}
