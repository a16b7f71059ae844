import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';

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
      /** How it reconciled when it was carried over. */
      readonly reconciliation: 'exact' | 'explained' | 'mismatched';
    };

/** Where a migration keeps its progress. */
export interface MigrationJournal {
  /** Everything recorded so far (read once, when a run starts). */
  entries(): readonly JournalEntry[];
  /** Records a fact durably: when this returns, a crash cannot lose it. */
  append(entry: JournalEntry): void;
  close(): void;
}

/**
 * A journal in a file, one JSON object per line. Each append is written and `fsync`ed before it
 * returns, so a `kill -9` loses at most the line being written; a torn last line is ignored on
 * reading (its fact is simply redone, which the target's dedupe makes harmless).
 */
export class FileJournal implements MigrationJournal {
  private readonly fd: number;
  private readonly loaded: JournalEntry[];

  constructor(readonly path: string) {
    this.loaded = existsSync(path) ? FileJournal.read(path) : [];
    this.fd = openSync(path, 'a');
  }

  private static read(path: string): JournalEntry[] {
    const lines = readFileSync(path, 'utf8').split('\n');
    const entries: JournalEntry[] = [];
    for (const line of lines) {
      if (line.trim() === '') continue;
      try {
        entries.push(JSON.parse(line) as JournalEntry);
      } catch {
        // A line torn by a crash mid-write: only ever the last one.
      }
    }
    return entries;
  }

  entries(): readonly JournalEntry[] {
    return this.loaded;
  }

  append(entry: JournalEntry): void {
    // A torn line from a crash is ended first, so this entry starts on a line of its own.
    writeSync(this.fd, `\n${JSON.stringify(entry)}\n`);
    fsyncSync(this.fd);
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** A journal in memory: progress lives as long as the process (tests, one-off runs). */
export class MemoryJournal implements MigrationJournal {
  private readonly recorded: JournalEntry[] = [];

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
