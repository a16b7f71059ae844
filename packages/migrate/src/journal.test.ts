import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync,
  symlinkSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FileJournal, JOURNAL_FORMAT, MemoryJournal } from './journal';
import {
  JournalCorruptError,
  JournalLockedError,
  JournalMismatchError,
  type MigrationIdentity,
} from './journal-errors';
import { forEachConcurrently } from './pool';

const IDENTITY: MigrationIdentity = {
  source: { provider: 'invoiceocean', account: 'https://acme.invoiceocean.com' },
  target: { provider: 'billomat-style', account: 'https://app.monsum.com (owner@acme.example)' },
};

function journalPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'journal-')), 'j.jsonl');
}

/** A journal bound to IDENTITY with one customer and one invoice, closed. */
function writtenJournal(): string {
  const path = journalPath();
  const journal = new FileJournal(path);
  journal.bind(IDENTITY);
  journal.append({ kind: 'customer', sourceId: 'c1', targetId: 't1' });
  journal.append({ kind: 'invoice', sourceId: 'i1', targetId: 'x1', reconciliation: 'exact' });
  journal.close();
  return path;
}

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('the file journal', () => {
  it('keeps every appended fact across reopenings; a line torn by a crash is dropped and reported', () => {
    const path = writtenJournal();
    appendFileSync(path, '{"kind":"invoice","sourceId":"i2","tar'); // killed mid-write
    const second = new FileJournal(path);
    second.bind(IDENTITY);
    expect(second.entries()).toEqual([
      { kind: 'customer', sourceId: 'c1', targetId: 't1' },
      { kind: 'invoice', sourceId: 'i1', targetId: 'x1', reconciliation: 'exact' },
    ]);
    expect(second.warnings).toEqual([expect.stringMatching(/last line \(4\) was cut off/)]);
    second.append({ kind: 'invoice', sourceId: 'i2', targetId: 'x2', reconciliation: 'exact' });
    second.close();
    // The torn line was cut off, so it did not become a damaged line in the middle.
    const third = new FileJournal(path);
    expect(third.entries()).toHaveLength(3);
    expect(third.warnings).toEqual([]);
    third.close();
    expect(readFileSync(path, 'utf8')).not.toContain('"tar\n');
  });

  it('records its migration in the first line: providers, accounts, format — no credential', () => {
    const path = writtenJournal();
    const first = readFileSync(path, 'utf8')
      .split('\n')
      .find((line) => line.trim() !== '');
    expect(JSON.parse(first ?? '')).toEqual({
      kind: 'journal',
      format: JOURNAL_FORMAT,
      source: IDENTITY.source,
      target: IDENTITY.target,
      createdAt: expect.any(String),
    });
  });

  it('refuses to be reused by another migration, naming both', () => {
    const path = writtenJournal();
    for (const other of [
      { ...IDENTITY, target: { provider: 'invoiceocean', account: 'https://other.example' } },
      { ...IDENTITY, target: { ...IDENTITY.target, account: 'https://app.monsum.com (x@y.z)' } },
      { source: IDENTITY.target, target: IDENTITY.source },
    ]) {
      const journal = new FileJournal(path);
      const error = thrownBy(() => journal.bind(other));
      journal.close();
      expect(error).toBeInstanceOf(JournalMismatchError);
      expect(error).toMatchObject({ code: 'conflict', recorded: IDENTITY, requested: other });
      expect((error as Error).message).toContain(
        'belongs to the migration invoiceocean (https://acme.invoiceocean.com) → billomat-style (https://app.monsum.com (owner@acme.example))',
      );
      expect((error as Error).message).toContain(`not ${other.source.provider} (`);
    }
    // The same migration is welcome.
    const same = new FileJournal(path);
    same.bind(IDENTITY);
    expect(same.entries()).toHaveLength(2);
    same.close();
    // A journal in memory is bound the same way.
    const memory = new MemoryJournal();
    memory.bind(IDENTITY);
    expect(() => memory.bind({ source: IDENTITY.target, target: IDENTITY.source })).toThrow(
      JournalMismatchError,
    );
  });

  it('refuses any damaged line but a torn last one, naming its line number — never skips it', () => {
    const cases: [string, RegExp][] = [
      ['null\n', /line 4: not a journal entry/],
      ['{"kind":"invoice","sourceId":"i9","tar\n', /line 4: not JSON/],
      ['garbage here\n', /line 4: not JSON/],
      ['{"kind":"invoice","sourceId":"i2"}\n', /line 4: not a journal entry \(targetId/],
      ['{"kind":"payment","sourceId":"i2","targetId":"x"}\n', /line 4: not a journal entry/],
      ['{"kind":"customer","sourceId":"","targetId":"t"}\n', /line 4: not a journal entry/],
      // A whole last line that is not an entry is no torn line: it is refused too.
      ['null', /line 4: not a journal entry/],
    ];
    for (const [damage, message] of cases) {
      const path = writtenJournal();
      // The damage sits before a good line, as garbage in the middle would.
      appendFileSync(path, damage);
      if (damage.endsWith('\n'))
        appendFileSync(
          path,
          '{"kind":"invoice","sourceId":"i3","targetId":"x3","reconciliation":"exact"}\n',
        );
      const error = thrownBy(() => new FileJournal(path));
      expect(error, JSON.stringify(damage)).toBeInstanceOf(JournalCorruptError);
      expect(error).toMatchObject({ code: 'validation', line: 4 });
      expect((error as Error).message).toMatch(message);
      // Refused without holding the lock: the journal can be repaired and opened again.
      expect(existsSync(`${path}.lock`)).toBe(false);
    }
  });

  it('refuses a file whose first line is not a journal header (another file, an old journal)', () => {
    const path = journalPath();
    writeFileSync(
      path,
      '{"kind":"invoice","sourceId":"i1","targetId":"x1","reconciliation":"exact"}\n',
    );
    expect(() => new FileJournal(path)).toThrow(/line 1: not a journal header/);
    writeFileSync(
      path,
      `${JSON.stringify({ kind: 'journal', format: 9, source: IDENTITY.source, target: IDENTITY.target, createdAt: 'x' })}\n`,
    );
    expect(() => new FileJournal(path)).toThrow(
      /line 1: journal format 9; this version reads formats 1 and 2/,
    );
  });

  it("reads a format-1 journal of an earlier version's migrate, so a sync can continue it", () => {
    const path = journalPath();
    writeFileSync(
      path,
      [
        JSON.stringify({ kind: 'journal', format: 1, ...IDENTITY, createdAt: 'x' }),
        '{"kind":"customer","sourceId":"c1","targetId":"t1"}',
        '{"kind":"invoice","sourceId":"i1","targetId":"x1","reconciliation":"exact"}',
        '',
      ].join('\n'),
    );
    const journal = new FileJournal(path);
    try {
      journal.bind(IDENTITY);
      expect(journal.entries()).toEqual([
        { kind: 'customer', sourceId: 'c1', targetId: 't1' },
        { kind: 'invoice', sourceId: 'i1', targetId: 'x1', reconciliation: 'exact' },
      ]);
      journal.append({ kind: 'cursor', stream: 'invoices', cursor: 'ikc1.x' });
    } finally {
      journal.close();
    }
    const reopened = new FileJournal(path);
    try {
      expect(reopened.entries().at(-1)).toEqual({
        kind: 'cursor',
        stream: 'invoices',
        cursor: 'ikc1.x',
      });
    } finally {
      reopened.close();
    }
  });
});

// tsx as a loader of this very process (not its CLI, which runs the script in a child): the pid
// that holds the lock is the pid the test kills.
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const holderScript = fileURLToPath(new URL('./__fixtures__/journal-holder.ts', import.meta.url));
const tsconfig = fileURLToPath(new URL('../../../tsconfig.json', import.meta.url));

interface Holder {
  readonly process: ChildProcessWithoutNullStreams;
  /** The next line it prints: `ready`, `locked <pid>` or `refused <code>`. */
  next(): Promise<string>;
  readonly exited: Promise<void>;
}

/** A child process holding (or trying to hold) the journal at `path`. */
function holder(path: string, env: Record<string, string> = {}): Holder {
  const child = spawn(
    process.execPath,
    ['--import', tsx, '--conditions=@invoicekit/source', holderScript],
    {
      env: { ...process.env, TSX_TSCONFIG_PATH: tsconfig, JOURNAL: path, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    process: child,
    exited,
    next: async () => {
      const line = await lines.next();
      if (line.done) throw new Error(`the holder ended before saying anything: ${stderr}`);
      return line.value;
    },
  };
}

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid ?? 0;
}

function lockRecord(fields: Record<string, unknown>): string {
  return JSON.stringify({
    pid: process.pid,
    hostname: hostname(),
    startedAt: '2024-01-01T00:00:00.000Z',
    bootId: null,
    processStart: null,
    token: 'ab'.repeat(12),
    ...fields,
  });
}

describe('the journal lock: one run at a time, never stuck after a crash', () => {
  it('a second opener in this process is refused, naming the holder and what to do; close releases', () => {
    const path = journalPath();
    const first = new FileJournal(path);
    expect(existsSync(`${path}.lock`)).toBe(true);
    const lock = JSON.parse(readFileSync(`${path}.lock`, 'utf8')) as Record<string, unknown>;
    expect(lock).toMatchObject({ pid: process.pid, hostname: hostname() });
    expect(lock.startedAt).toEqual(expect.any(String));
    const error = thrownBy(() => new FileJournal(path));
    expect(error).toBeInstanceOf(JournalLockedError);
    expect(error).toMatchObject({
      code: 'conflict',
      holder: { pid: process.pid, hostname: hostname() },
    });
    expect((error as Error).message).toMatch(
      new RegExp(`in use by process ${process.pid} on .*another migrate\\(\\) in this process`),
    );
    first.close();
    expect(existsSync(`${path}.lock`)).toBe(false);
    const again = new FileJournal(path);
    again.close();
  });

  it('a run in another live process holds it; once that run is killed with SIGKILL, the next takes it over', async () => {
    const path = journalPath();
    const running = holder(path);
    expect(await running.next()).toBe(`locked ${running.process.pid}`);
    const error = thrownBy(() => new FileJournal(path));
    expect(error).toBeInstanceOf(JournalLockedError);
    expect((error as Error).message).toContain(
      `in use by process ${running.process.pid} on ${hostname()}`,
    );
    expect((error as Error).message).toContain(`kill ${running.process.pid}`);
    running.process.kill('SIGKILL');
    await running.exited;
    // The lock file is still there, but its owner is gone: taken over, not stuck.
    expect(existsSync(`${path}.lock`)).toBe(true);
    const next = new FileJournal(path);
    expect(JSON.parse(readFileSync(`${path}.lock`, 'utf8'))).toMatchObject({ pid: process.pid });
    next.close();
  }, 30_000);

  it('a lock of a dead process, of an earlier boot or of a reused pid is stale; another host’s is refused', async () => {
    const path = journalPath();
    const stale = [
      lockRecord({ pid: await deadPid() }),
      // This pid, but another process start time: the pid was reused after a crash.
      lockRecord({ processStart: '1' }),
      lockRecord({ bootId: 'another-boot' }),
    ];
    for (const record of stale) {
      writeFileSync(`${path}.lock`, record);
      const journal = new FileJournal(path);
      expect(JSON.parse(readFileSync(`${path}.lock`, 'utf8'))).not.toMatchObject({
        token: 'ab'.repeat(12),
      });
      journal.close();
    }
    // Nothing left behind by the takeovers.
    expect(readdirSync(join(path, '..')).sort()).toEqual(['j.jsonl']);
    writeFileSync(`${path}.lock`, lockRecord({ hostname: 'build-42.example', pid: 7 }));
    const error = thrownBy(() => new FileJournal(path));
    expect(error).toBeInstanceOf(JournalLockedError);
    expect((error as Error).message).toContain(
      `process 7 on build-42.example (since 2024-01-01T00:00:00.000Z); this process cannot check a process on build-42.example (another host, or another container with its own process ids): if no migration runs there, delete ${path}.lock`,
    );
    writeFileSync(`${path}.lock`, 'not a lock');
    expect(() => new FileJournal(path)).toThrow(
      `in use by a lock file that cannot be read; if no migration is using it, delete ${path}.lock`,
    );
  });

  it('a lock from another PID namespace on this host (another container) is held, not stale', async () => {
    const path = journalPath();
    // A pid that is dead here says nothing about the namespace (container) that wrote it.
    writeFileSync(
      `${path}.lock`,
      lockRecord({ pid: await deadPid(), pidNamespace: 'pid:[4026531836-elsewhere]' }),
    );
    const error = thrownBy(() => new FileJournal(path));
    expect(error).toBeInstanceOf(JournalLockedError);
    expect((error as Error).message).toMatch(/another container with its own process ids/);
  });

  it('one lock per file: a symlink to a locked journal is refused too', () => {
    const path = journalPath();
    const first = new FileJournal(path);
    const alias = join(path, '..', 'alias.jsonl');
    symlinkSync(path, alias);
    expect(() => new FileJournal(alias)).toThrow(JournalLockedError);
    first.close();
  });

  it('is released when its process exits without closing the journal', async () => {
    const path = journalPath();
    const running = holder(path, { RELEASE: 'exit' });
    expect(await running.next()).toMatch(/^locked /);
    running.process.stdin.end();
    await running.exited;
    expect(existsSync(`${path}.lock`)).toBe(false);
  }, 30_000);

  it('several runs racing for one stale lock: exactly one wins, the others are refused', async () => {
    const path = journalPath();
    writeFileSync(`${path}.lock`, lockRecord({ pid: await deadPid() }));
    const racers = Array.from({ length: 4 }, () => holder(path, { WAIT_FOR_GO: '1' }));
    // All are up (imports loaded) before any is let go, so they reach for the lock together.
    expect(await Promise.all(racers.map((racer) => racer.next()))).toEqual(
      racers.map(() => 'ready'),
    );
    for (const racer of racers) racer.process.stdin.write('go\n');
    const said = await Promise.all(racers.map((racer) => racer.next()));
    for (const racer of racers) racer.process.stdin.end();
    await Promise.all(racers.map((racer) => racer.exited));
    expect(said.filter((line) => line.startsWith('locked'))).toHaveLength(1);
    expect(said.filter((line) => line === 'refused conflict')).toHaveLength(3);
    expect(existsSync(`${path}.lock`)).toBe(false);
  }, 60_000);
});

describe('bounded concurrency over a stream', () => {
  it('never has more than N items in flight and pulls lazily', async () => {
    let pulled = 0;
    async function* source() {
      for (let index = 0; index < 20; index += 1) {
        pulled += 1;
        yield index;
      }
    }
    let inFlight = 0;
    let most = 0;
    const seen: number[] = [];
    await forEachConcurrently(source(), 3, async (item) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      expect(pulled - seen.length).toBeLessThanOrEqual(3);
      await new Promise((resolve) => setTimeout(resolve, 1));
      seen.push(item);
      inFlight -= 1;
    });
    expect(most).toBe(3);
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, index) => index));
  });
});
