import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { JournalLockedError, type JournalLockHolder } from './journal-errors';

/** What a lock file holds: who owns it, and what tells that owner's death or restart. */
const LockRecordSchema = z.object({
  pid: z.number().int().positive(),
  hostname: z.string(),
  startedAt: z.string(),
  /** The kernel's boot id (Linux): a different one means the owner died in a reboot. */
  bootId: z.string().nullable(),
  /** The owner's start time since boot (Linux `/proc/<pid>/stat`): tells a reused pid. */
  processStart: z.string().nullable(),
  /**
   * The owner's PID namespace (Linux `/proc/self/ns/pid`): pids of another namespace (another
   * container on the same host name) cannot be judged from here, so such a lock counts as held.
   */
  pidNamespace: z.string().nullable().default(null),
  /** Names this one lock generation: a takeover replaces exactly the generation it judged stale. */
  token: z.string().regex(/^[0-9a-f]{24}$/),
});
type LockRecord = z.infer<typeof LockRecordSchema>;

function pidNamespace(): string | null {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return null;
  }
}

/** One lock per journal file, however it is named: a symlink or a relative path is resolved. */
function lockPathOf(journalPath: string): string {
  let target = resolve(journalPath);
  try {
    target = realpathSync(journalPath);
  } catch {
    // Not created yet: its directory may still be a symlink.
    try {
      target = join(realpathSync(dirname(journalPath)), basename(journalPath));
    } catch {
      // The directory is missing too: opening the journal will say so.
    }
  }
  return `${target}.lock`;
}

function bootId(): string | null {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
  } catch {
    return null;
  }
}

/** Field 22 of `/proc/<pid>/stat` (after the command name, which may hold spaces and parens). */
function processStartOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is just not ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function codeOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

/** Blocks for a few milliseconds: the lock is taken synchronously, before any I/O of the run. */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

type ReadLock = LockRecord | 'missing' | 'unreadable';

function readLock(path: string): ReadLock {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return 'missing';
    throw error;
  }
  try {
    const parsed = LockRecordSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

/**
 * Creates `path` holding `record`, only if it does not exist. The record is written and synced in
 * a temporary file first and then hard-linked into place, so the lock never exists half-written —
 * a reader sees either no lock or a whole one.
 */
function createExclusive(path: string, record: LockRecord): boolean {
  const temporary = `${path}.${record.token}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temporary, 'wx');
  try {
    writeSync(fd, JSON.stringify(record));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temporary, path);
    return true;
  } catch (error) {
    if (codeOf(error) === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(temporary);
  }
}

function removeIfPresent(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if (codeOf(error) !== 'ENOENT') throw error;
  }
}

/**
 * Whether the owner recorded in a lock still runs: `held` (alive on this host), `stale` (dead,
 * rebooted away, or its pid now belongs to another process) or `foreign` (another host, or another
 * PID namespace on this one: nothing here can tell, so it counts as held).
 */
function judge(record: LockRecord): 'held' | 'stale' | 'foreign' {
  if (record.hostname !== hostname()) return 'foreign';
  const namespace = pidNamespace();
  if (record.pidNamespace !== null && namespace !== null && record.pidNamespace !== namespace)
    return 'foreign';
  const boot = bootId();
  if (record.bootId !== null && boot !== null && record.bootId !== boot) return 'stale';
  if (!isAlive(record.pid)) return 'stale';
  const start = processStartOf(record.pid);
  if (record.processStart !== null && start !== null && record.processStart !== start)
    return 'stale';
  return 'held';
}

/**
 * Replaces the stale lock generation `stale` with `record`, atomically. Only the run that creates
 * the marker `<lock>.takeover-<stale token>` may replace that generation; it checks the lock still
 * holds it and renames its own record over it (a rename replaces in one step, so no reader ever
 * finds the lock missing, and two runs can never both win). A run that finds the marker taken by a
 * live run leaves it alone; a marker whose run died mid-takeover is cleared.
 */
function takeOver(lockPath: string, stale: LockRecord, record: LockRecord): boolean {
  const marker = `${lockPath}.takeover-${stale.token}`;
  if (!createExclusive(marker, record)) {
    const owner = readLock(marker);
    if (owner !== 'missing' && (owner === 'unreadable' || judge(owner) === 'stale')) {
      // Its run died between creating the marker and replacing the lock: move it aside, and
      // put back what was moved if it turns out to be a live marker created in the meantime.
      const aside = `${marker}.dead-${record.token}`;
      try {
        renameSync(marker, aside);
        const moved = readLock(aside);
        if (owner !== 'unreadable' && moved !== 'missing' && moved !== 'unreadable')
          if (moved.token !== owner.token)
            try {
              linkSync(aside, marker);
            } catch {
              // Someone else holds a marker now: theirs stands.
            }
        removeIfPresent(aside);
      } catch (error) {
        if (codeOf(error) !== 'ENOENT') throw error;
      }
    }
    return false;
  }
  try {
    const current = readLock(lockPath);
    if (current === 'missing') return createExclusive(lockPath, record);
    if (current === 'unreadable' || current.token !== stale.token) return false;
    const replacement = `${lockPath}.${record.token}.replace`;
    const fd = openSync(replacement, 'w');
    try {
      writeSync(fd, JSON.stringify(record));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(replacement, lockPath);
    return true;
  } finally {
    removeIfPresent(marker);
  }
}

function holderOf(record: LockRecord): JournalLockHolder {
  return { pid: record.pid, hostname: record.hostname, startedAt: record.startedAt };
}

/**
 * The exclusive lock of one journal: the file `<journal>.lock`, holding the owner's pid, host,
 * start time and the marks that tell its death (boot id, process start time). A second run finds
 * the lock and is refused while its owner lives — on this host checked with `kill(pid, 0)`, so a
 * run killed with SIGKILL leaves no stuck lock: the next run sees the owner gone and takes the lock
 * over. Released by {@link release} and when the process exits.
 */
export class JournalLock {
  private released = false;
  private readonly onExit = (): void => {
    try {
      this.release();
    } catch {
      // Exiting anyway: a lock left behind is stale once this process is gone.
    }
  };

  private constructor(
    readonly path: string,
    private readonly record: LockRecord,
  ) {
    process.once('exit', this.onExit);
  }

  /** Takes the lock of `journalPath`, or throws {@link JournalLockedError} naming its holder. */
  static acquire(journalPath: string): JournalLock {
    const lockPath = lockPathOf(journalPath);
    const record: LockRecord = {
      pid: process.pid,
      hostname: hostname(),
      pidNamespace: pidNamespace(),
      startedAt: new Date().toISOString(),
      bootId: bootId(),
      processStart: processStartOf(process.pid),
      token: randomBytes(12).toString('hex'),
    };
    let last: ReadLock = 'missing';
    // A few rounds: each either wins, is refused, or saw the lock change under it (released,
    // or taken over by another run) and looks again.
    for (let round = 0; round < 8; round += 1) {
      if (createExclusive(lockPath, record)) return new JournalLock(lockPath, record);
      last = readLock(lockPath);
      if (last === 'missing') continue;
      if (last === 'unreadable') break;
      const verdict = judge(last);
      if (verdict !== 'stale')
        throw new JournalLockedError({
          journalPath,
          lockPath,
          holder: holderOf(last),
          local: verdict === 'held',
        });
      if (takeOver(lockPath, last, record)) return new JournalLock(lockPath, record);
      pause(5 * (round + 1));
    }
    throw new JournalLockedError({
      journalPath,
      lockPath,
      holder: last === 'missing' || last === 'unreadable' ? undefined : holderOf(last),
      local: true,
    });
  }

  /** Removes the lock if it is still this one's. Idempotent. */
  release(): void {
    if (this.released) return;
    this.released = true;
    process.removeListener('exit', this.onExit);
    const current = readLock(this.path);
    if (current !== 'missing' && current !== 'unreadable' && current.token === this.record.token)
      removeIfPresent(this.path);
  }
}
