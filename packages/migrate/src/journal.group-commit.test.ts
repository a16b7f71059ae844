import type * as fs from 'node:fs';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FileJournal } from './journal';

/** The journal's asynchronous fsyncs, held until the test lets each one finish. */
const held = vi.hoisted(() => ({ calls: [] as (() => void)[] }));
vi.mock('node:fs', async (importOriginal) => {
  const original = await importOriginal<typeof fs>();
  return {
    ...original,
    fsync: (fd: number, callback: (error: NodeJS.ErrnoException | null) => void) => {
      held.calls.push(() => original.fsync(fd, callback));
    },
  };
});

const IDENTITY = {
  source: { provider: 'plandocket', account: 'acme' },
  target: { provider: 'invoiceocean', account: 'bench' },
};

function openJournal(): { journal: FileJournal; path: string } {
  const path = join(mkdtempSync(join(tmpdir(), 'journal-group-')), 'j.jsonl');
  const journal = new FileJournal(path);
  journal.bind(IDENTITY);
  return { journal, path };
}

/** Lets the oldest held fsync run, and waits until its callback has settled its appends. */
async function finishFsync(): Promise<void> {
  const next = held.calls.shift();
  if (!next) throw new Error('no fsync is in flight');
  next();
  // The real fsync runs on libuv's pool; its callback settles the appends of its batch.
  await new Promise((resolve) => setTimeout(resolve, 20));
}

afterEach(() => {
  held.calls.length = 0;
});

describe('group commit in the file journal', () => {
  it('acknowledges an append only after an fsync begun after its write; appends made meanwhile share the next fsync', async () => {
    const { journal, path } = openJournal();
    const acknowledged: string[] = [];
    const append = (sourceId: string) =>
      journal
        .append({ kind: 'customer', sourceId, targetId: `t-${sourceId}` })
        .then(() => acknowledged.push(sourceId));
    const first = append('a');
    expect(held.calls).toHaveLength(1);
    // Written at once (the file keeps the facts' order), but not acknowledged before its fsync.
    const later = [append('b'), append('c'), append('d')];
    expect(readFileSync(path, 'utf8')).toContain('"sourceId":"d"');
    expect(held.calls).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(acknowledged).toEqual([]);

    await finishFsync();
    await first;
    // b, c and d were written while a's fsync was in flight: it does not cover them.
    expect(acknowledged).toEqual(['a']);
    expect(held.calls).toHaveLength(1);

    await finishFsync();
    await Promise.all(later);
    expect(acknowledged).toEqual(['a', 'b', 'c', 'd']);
    // Four facts, two fsyncs.
    expect(held.calls).toHaveLength(0);
    journal.close();
    const reopened = new FileJournal(path);
    expect(reopened.entries().map((entry) => 'sourceId' in entry && entry.sourceId)).toEqual([
      'a',
      'b',
      'c',
      'd',
    ]);
    reopened.close();
  });

  it('close makes every written line durable and acknowledges it, an fsync still in flight or not', async () => {
    const { journal, path } = openJournal();
    const inFlight = journal.append({ kind: 'customer', sourceId: 'a', targetId: 't-a' });
    const queued = journal.append({ kind: 'customer', sourceId: 'b', targetId: 't-b' });
    journal.close();
    await queued;
    // The lock is released at once: the next run opens the journal with both facts.
    const reopened = new FileJournal(path);
    expect(reopened.entries()).toHaveLength(2);
    reopened.close();
    await finishFsync();
    await inFlight;
    expect(() => journal.append({ kind: 'customer', sourceId: 'c', targetId: 't-c' })).toThrow(
      /closed/,
    );
  });
});
