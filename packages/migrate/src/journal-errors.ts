import { ConflictError, ValidationError } from '@invoicekit/core';

/** Who holds a journal's lock, as the lock file records it. */
export interface JournalLockHolder {
  readonly pid: number;
  readonly hostname: string;
  /** When that run took the lock (ISO 8601). */
  readonly startedAt: string;
}

/**
 * The journal is in use by another run (another process, or another `migrate()` in this one).
 * Two runs on one journal would each write what the other is writing, so the second is refused
 * before it reads or writes anything. Code `conflict`; the message names the holder and what to do.
 */
export class JournalLockedError extends ConflictError {
  /** The lock file (`<journal>.lock`). */
  readonly lockPath: string;
  /** The run holding it; `undefined` when the lock file cannot be read. */
  readonly holder: JournalLockHolder | undefined;

  constructor(details: {
    journalPath: string;
    lockPath: string;
    holder: JournalLockHolder | undefined;
    /** Whether the holder runs on this host (so its liveness was checked). */
    local: boolean;
  }) {
    const { journalPath, lockPath, holder, local } = details;
    const who = holder
      ? `process ${holder.pid} on ${holder.hostname} (since ${holder.startedAt})`
      : 'a lock file that cannot be read';
    const advice = !holder
      ? `if no migration is using it, delete ${lockPath}`
      : holder.pid === process.pid && local
        ? 'another migrate() in this process holds it: let it finish (or close its journal) first'
        : local
          ? `wait for that run to finish, or stop it (kill ${holder.pid}) and run again to resume`
          : `this process cannot check a process on ${holder.hostname} (another host, or another container with its own process ids): if no migration runs there, delete ${lockPath}`;
    super({
      provider: 'migrate',
      message: `the journal ${journalPath} is in use by ${who}; ${advice}`,
    });
    this.lockPath = lockPath;
    this.holder = holder;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), lockPath: this.lockPath, holder: this.holder };
  }
}

/** The migration a journal belongs to: one side of it. */
export interface MigrationEndpoint {
  /** Provider id, e.g. `invoiceocean`. */
  readonly provider: string;
  /** The account (a redacted base URL, a tenant, a login name) — never a credential; `null` when unknown. */
  readonly account: string | null;
}

/** Both sides of a migration, as recorded in the first line of its journal. */
export interface MigrationIdentity {
  readonly source: MigrationEndpoint;
  readonly target: MigrationEndpoint;
}

/** `invoiceocean (https://acme.invoiceocean.com)`. */
export function describeEndpoint(endpoint: MigrationEndpoint): string {
  return endpoint.account === null
    ? endpoint.provider
    : `${endpoint.provider} (${endpoint.account})`;
}

/** `invoiceocean (…) → billomat-style (…)`. */
export function describeIdentity(identity: MigrationIdentity): string {
  return `${describeEndpoint(identity.source)} → ${describeEndpoint(identity.target)}`;
}

/**
 * The journal belongs to another migration (another source or target, or another account). Its
 * entries map *that* migration's source ids to *that* target's ids: resuming from it would skip
 * invoices that were never written here. Code `conflict`; nothing was read or written.
 */
export class JournalMismatchError extends ConflictError {
  /** The migration the journal records. */
  readonly recorded: MigrationIdentity;
  /** The migration that tried to use it. */
  readonly requested: MigrationIdentity;

  constructor(details: {
    journalPath: string;
    recorded: MigrationIdentity;
    requested: MigrationIdentity;
  }) {
    super({
      provider: 'migrate',
      message: `the journal ${details.journalPath} belongs to the migration ${describeIdentity(details.recorded)}, not ${describeIdentity(details.requested)}; use another journal file for this migration`,
    });
    this.recorded = details.recorded;
    this.requested = details.requested;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), recorded: this.recorded, requested: this.requested };
  }
}

/**
 * A journal line that is not a journal entry (not JSON, or not one of the entry shapes). Only a
 * line torn by a crash — the last one, unfinished — is tolerated; anything else could hide a fact,
 * so the run is refused rather than guessing. Code `validation`; `line` is 1-based.
 */
export class JournalCorruptError extends ValidationError {
  /** The 1-based line number of the first bad line. */
  readonly line: number;

  constructor(details: { journalPath: string; line: number; problem: string }) {
    super({
      provider: 'migrate',
      message: `the journal ${details.journalPath} is damaged at line ${details.line}: ${details.problem}; repair or remove that line (or start a new journal) and run again`,
      issues: [{ path: `line ${details.line}`, message: details.problem }],
    });
    this.line = details.line;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), line: this.line };
  }
}
