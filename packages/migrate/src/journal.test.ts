import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileJournal } from './journal';
import { forEachConcurrently } from './pool';

describe('the file journal', () => {
  it('keeps every appended fact across reopenings and ignores a line torn by a crash', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'journal-')), 'j.jsonl');
    const first = new FileJournal(path);
    first.append({ kind: 'customer', sourceId: 'c1', targetId: 't1' });
    first.append({ kind: 'invoice', sourceId: 'i1', targetId: 'x1', reconciliation: 'exact' });
    first.close();
    appendFileSync(path, '{"kind":"invoice","sourceId":"i2","tar'); // killed mid-write
    const second = new FileJournal(path);
    expect(second.entries()).toEqual([
      { kind: 'customer', sourceId: 'c1', targetId: 't1' },
      { kind: 'invoice', sourceId: 'i1', targetId: 'x1', reconciliation: 'exact' },
    ]);
    second.append({ kind: 'invoice', sourceId: 'i2', targetId: 'x2', reconciliation: 'exact' });
    second.close();
    expect(new FileJournal(path).entries()).toHaveLength(3);
    expect(readFileSync(path, 'utf8')).toContain('"sourceId":"i2","targetId":"x2"');
  });
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
