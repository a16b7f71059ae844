import {
  closeSync,
  existsSync,
  fsync,
  fsyncSync,
  openSync,
  readFileSync,
  truncateSync,
  writeSync,
} from 'node:fs';
import { z } from 'zod';
import {
  JournalCorruptError,
  JournalMismatchError,
  type MigrationIdentity,
} from './journal-errors';
import { JournalLock } from './journal-lock';

/**
 * The journal format this version writes (the header's `format`). Format 2 added the facts of
 * `sync` (cursors, deletions, announcements); this version reads formats 1 and 2, so a journal of
 * an earlier `migrate` can be synced on. A version that reads only format 1 refuses a journal a
 * sync has written to, with a {@link JournalCorruptError} naming the line.
 */
export const JOURNAL_FORMAT = 2;
/** The formats this version reads. */
const READABLE_FORMATS: ReadonlySet<number> = new Set([1, 2]);

const EndpointSchema = z.object({
  provider: z.string().min(1),
  account: z.string().nullable(),
});

/** The first line of a journal: which migration it belongs to. */
const HeaderSchema = z.object({
  kind: z.literal('journal'),
  format: z.number().int(),
  source: EndpointSchema,
  target: EndpointSchema,
  createdAt: z.string(),
});

const JournalEntrySchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('customer'),
    sourceId: z.string().min(1),
    targetId: z.string().min(1),
  }),
  z.object({
    kind: z.literal('invoice'),
    sourceId: z.string().min(1),
    targetId: z.string().min(1),
    reconciliation: z.enum(['exact', 'explained', 'mismatched']),
    announced: z.array(z.object({ path: z.string(), reason: z.string() })).optional(),
    sourceDigest: z.string().optional(),
  }),
  z.object({
    kind: z.literal('cursor'),
    stream: z.literal('invoices'),
    cursor: z.string().min(1),
  }),
  z.object({
    kind: z.literal('pending'),
    sourceId: z.string().min(1),
    reason: z.string(),
  }),
  z.object({
    kind: z.literal('dropped'),
    sourceId: z.string().min(1),
    reason: z.string(),
  }),
  z.object({
    kind: z.literal('deleted'),
    sourceId: z.string().min(1),
    targetId: z.string().min(1),
  }),
]);

/** What the journal remembers: one line per fact, appended, never rewritten. */
export type JournalEntry =
  | {
      readonly kind: 'customer';
      readonly sourceId: string;
      readonly targetId: string;
    }
  | {
      /** An invoice carried over completely: written, lifecycle replayed, reconciled. */
      readonly kind: 'invoice';
      readonly sourceId: string;
      readonly targetId: string;
      /** How it reconciled when it was carried over (or last brought up to date by a sync). */
      readonly reconciliation: 'exact' | 'explained' | 'mismatched';
      /**
       * What the migration announced of it (fields the target cannot hold, steps it cannot
       * take), so that a later sync explains the same differences the same way.
       */
      readonly announced?: readonly { readonly path: string; readonly reason: string }[];
      /**
       * A digest of the source invoice as the target was brought to it (`sourceDigestOf`):
       * a later sync that lists it with the same digest need not read the target again.
       */
      readonly sourceDigest?: string;
    }
  | {
      /** Where the next `sync` lists the source's changes from (the last one stored wins). */
      readonly kind: 'cursor';
      readonly stream: 'invoices';
      readonly cursor: string;
    }
  | {
      /**
       * A source invoice skipped because it waits for another (a credit note for the invoice it
       * corrects): the next sync reads it again by id, whether or not it changed.
       */
      readonly kind: 'pending';
      readonly sourceId: string;
      readonly reason: string;
    }
  | {
      /** A pending invoice that waits no more: gone from the source before it was carried. */
      readonly kind: 'dropped';
      readonly sourceId: string;
      readonly reason: string;
    }
  | {
      /** A migrated invoice the source no longer has (the target's copy is left as it is). */
      readonly kind: 'deleted';
      readonly sourceId: string;
      readonly targetId: string;
    };

/** Where a migration keeps its progress. */
export interface MigrationJournal {
  /**
   * Binds the journal to one migration before anything is taken from it: a new journal records
   * `identity`; a journal of another migration throws {@link JournalMismatchError}.
   */
  bind(identity: MigrationIdentity): void;
  /** Everything recorded so far (read once, when a run starts). */
  entries(): readonly JournalEntry[];
  /**
   * Records a fact durably: once this returns — or the promise it returns resolves — a crash
   * cannot lose it. The engine awaits every append before it moves on (a file journal commits
   * the facts of concurrent invoices in one `fsync`).
   */
  append(entry: JournalEntry): void | Promise<void>;
  close(): void;
  /** What was tolerated on opening (a line torn by a crash), for the report. */
  readonly warnings?: readonly string[];
}

/** Whether two journal identities name the same migration (providers and accounts both ways). */
export function sameIdentity(a: MigrationIdentity, b: MigrationIdentity): boolean {
  return (
    a.source.provider === b.source.provider &&
    a.source.account === b.source.account &&
    a.target.provider === b.target.provider &&
    a.target.account === b.target.account
  );
}

/** `kind: Invalid input; targetId: Too small …` — zod's words, which never quote the line. */
function problemsOf(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ` : '') + issue.message)
    .join('; ');
}

interface ReadJournal {
  header: MigrationIdentity | undefined;
  entries: JournalEntry[];
  warnings: string[];
  /** Where a torn last line starts: the file is cut there before anything is appended. */
  tornAt: number | undefined;
  /** The (whole) last line has no newline yet. */
  midLine: boolean;
}

/** Parses a journal file; any line that is not whole and valid — but a torn last one — throws. */
function readJournal(path: string): ReadJournal {
  const bytes = readFileSync(path);
  const result: ReadJournal = {
    header: undefined,
    entries: [],
    warnings: [],
    tornAt: undefined,
    midLine: bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a,
  };
  let start = 0;
  let lineNumber = 0;
  let first = true;
  while (start < bytes.length) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline < 0 ? bytes.length : newline;
    lineNumber += 1;
    const line = bytes.subarray(start, end).toString('utf8');
    const lineStart = start;
    start = end + 1;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      // A crash mid-append leaves an unfinished last line (every line is written whole and ends
      // with a newline): only that one may be dropped — its fact is redone, harmlessly.
      if (newline < 0) {
        result.tornAt = lineStart;
        result.midLine = false;
        result.warnings.push(
          `the journal's last line (${lineNumber}) was cut off by an interrupted run; it is dropped and its work redone`,
        );
        break;
      }
      throw new JournalCorruptError({ journalPath: path, line: lineNumber, problem: 'not JSON' });
    }
    if (first) {
      first = false;
      const header = HeaderSchema.safeParse(value);
      if (!header.success)
        throw new JournalCorruptError({
          journalPath: path,
          line: lineNumber,
          problem: 'not a journal header (a file from an older version, or not a journal)',
        });
      if (!READABLE_FORMATS.has(header.data.format))
        throw new JournalCorruptError({
          journalPath: path,
          line: lineNumber,
          problem: `journal format ${header.data.format}; this version reads formats ${[...READABLE_FORMATS].join(' and ')}`,
        });
      result.header = { source: header.data.source, target: header.data.target };
      continue;
    }
    const entry = JournalEntrySchema.safeParse(value);
    if (!entry.success)
      throw new JournalCorruptError({
        journalPath: path,
        line: lineNumber,
        problem: `not a journal entry (${problemsOf(entry.error)})`,
      });
    result.entries.push(entry.data);
  }
  return result;
}

/**
 * A journal in a file, one JSON object per line; the first line names the migration (source and
 * target provider and account, a format version — never a credential). Each append writes its
 * line at once and resolves once an `fsync` begun after the write has finished — group commit:
 * the lines appended while one `fsync` is in flight share the next, so concurrent invoices do not
 * queue behind one `fsync` each. A `kill -9` loses only lines not yet acknowledged (their work is
 * redone, harmlessly); a torn last line is dropped on opening (and reported), any other bad line
 * refuses the journal.
 *
 * Opening takes the journal's lock (`<path>.lock`, see {@link JournalLock}): one run at a time,
 * and a run killed with SIGKILL leaves no stuck lock. {@link close} (or the process's exit)
 * releases it.
 */
export class FileJournal implements MigrationJournal {
  private fd: number | undefined;
  /** Whether the file ends in the middle of a line, so the next line must start a new one. */
  private midLine: boolean;
  private readonly loaded: JournalEntry[];
  private header: MigrationIdentity | undefined;
  private readonly lock: JournalLock;
  readonly warnings: readonly string[];
  /** The `fsync` in flight, if any; lines written meanwhile wait for the next one. */
  private syncing = false;
  /** Appends written since the `fsync` in flight began: settled by the next one. */
  private waiting: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  /** Closed while an `fsync` was in flight: the descriptor is closed when it ends. */
  private closeWhenSynced: number | undefined;

  /**
   * @throws {JournalLockedError} another run holds the journal.
   * @throws {JournalCorruptError} a line other than a torn last one is unreadable.
   */
  constructor(readonly path: string) {
    this.lock = JournalLock.acquire(path);
    try {
      const read = existsSync(path)
        ? readJournal(path)
        : { header: undefined, entries: [], warnings: [], tornAt: undefined, midLine: false };
      // Cut the torn line off now: appended after it, it would be a damaged line in the middle.
      if (read.tornAt !== undefined) truncateSync(path, read.tornAt);
      this.midLine = read.midLine;
      this.loaded = read.entries;
      this.header = read.header;
      this.warnings = read.warnings;
      this.fd = openSync(path, 'a');
    } catch (error) {
      this.lock.release();
      throw error;
    }
  }

  bind(identity: MigrationIdentity): void {
    if (this.header) {
      if (!sameIdentity(this.header, identity))
        throw new JournalMismatchError({
          journalPath: this.path,
          recorded: this.header,
          requested: identity,
        });
      return;
    }
    this.header = { source: identity.source, target: identity.target };
    this.write({
      kind: 'journal',
      format: JOURNAL_FORMAT,
      source: identity.source,
      target: identity.target,
      createdAt: new Date().toISOString(),
    });
  }

  entries(): readonly JournalEntry[] {
    return this.loaded;
  }

  append(entry: JournalEntry): Promise<void> {
    if (!this.header) throw new Error('FileJournal: bind() the journal to its migration first');
    this.writeLine(entry);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      if (!this.syncing) this.syncBatch();
    });
  }

  /** One `fsync` for every line written so far; the lines written meanwhile take the next. */
  private syncBatch(): void {
    const fd = this.fd;
    const batch = this.waiting;
    this.waiting = [];
    if (fd === undefined || batch.length === 0) return;
    this.syncing = true;
    fsync(fd, (error) => {
      this.syncing = false;
      for (const waiter of batch)
        if (error) waiter.reject(error);
        else waiter.resolve();
      if (this.closeWhenSynced !== undefined) {
        closeSync(this.closeWhenSynced);
        this.closeWhenSynced = undefined;
      }
      this.syncBatch();
    });
  }

  /** Writes a line and waits for it to be on disk (the header: nothing else is pending then). */
  private write(line: object): void {
    const fd = this.writeLine(line);
    fsyncSync(fd);
  }

  private writeLine(line: object): number {
    if (this.fd === undefined) throw new Error(`FileJournal: ${this.path} is closed`);
    // One whole line per fact, written at once (the file keeps the facts' order); a last line
    // left without its newline is ended first.
    writeSync(this.fd, `${this.midLine ? '\n' : ''}${JSON.stringify(line)}\n`);
    this.midLine = false;
    return this.fd;
  }

  /**
   * Closes the journal: every line written is made durable first (appends not acknowledged yet
   * are, now), and the lock is released.
   */
  close(): void {
    const fd = this.fd;
    this.fd = undefined;
    if (fd !== undefined) {
      if (this.syncing || this.waiting.length > 0) {
        fsyncSync(fd);
        for (const waiter of this.waiting.splice(0)) waiter.resolve();
      }
      // An fsync in flight still uses the descriptor: it is closed when that one ends.
      if (this.syncing) this.closeWhenSynced = fd;
      else closeSync(fd);
    }
    this.lock.release();
  }
}

/** A journal in memory: progress lives as long as the process (tests, one-off runs). */
export class MemoryJournal implements MigrationJournal {
  private readonly recorded: JournalEntry[] = [];
  private identity: MigrationIdentity | undefined;

  bind(identity: MigrationIdentity): void {
    if (this.identity && !sameIdentity(this.identity, identity))
      throw new JournalMismatchError({
        journalPath: '(in memory)',
        recorded: this.identity,
        requested: identity,
      });
    this.identity = this.identity ?? identity;
  }

  entries(): readonly JournalEntry[] {
    return this.recorded;
  }

  append(entry: JournalEntry): void {
    this.recorded.push(entry);
  }

  close(): void {
    // Nothing to release: the entries live as long as the object.
  }
}
