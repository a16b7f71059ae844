import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collect } from '@invoicekit/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, startInvoiceOcean, startMethodStyle, writeBook } from './__fixtures__/loopback';
import { migrate } from './migrate';
import { summarize } from './report';

afterEach(closeAll);

describe('stopping a migration with an AbortSignal', () => {
  it('takes no further invoice, finishes the ones in flight, and resumes exactly where it stopped', async () => {
    const source = await startInvoiceOcean();
    const target = await startMethodStyle();
    await writeBook(source.adapter);
    await writeBook(source.adapter);
    const journal = join(mkdtempSync(join(tmpdir(), 'invoicekit-interrupt-')), 'journal.jsonl');
    const controller = new AbortController();
    const first = await migrate({
      from: source.adapter,
      to: target.adapter,
      journal,
      concurrency: 2,
      onProgress: (progress) => {
        if (progress.seen === 3) controller.abort();
      },
      signal: controller.signal,
    });
    expect(first.interrupted).toBe(true);
    // The two in flight when the signal came finished; nothing else was taken.
    expect(first.counts.seen).toBeGreaterThanOrEqual(3);
    expect(first.counts.seen).toBeLessThan(12);
    expect(first.counts.failed).toBe(0);
    expect(summarize(first)).toContain('interrupted: stopped before every invoice was read');
    const carriedFirst = first.counts.created;
    expect(await collect(target.adapter.invoices.list())).toHaveLength(carriedFirst);

    const second = await migrate({ from: source.adapter, to: target.adapter, journal });
    expect(second.interrupted).toBe(false);
    expect(second.counts).toMatchObject({ seen: 12, resumed: carriedFirst, failed: 0 });
    expect(second.counts.created + second.counts.alreadyPresent).toBe(12 - carriedFirst);
    // Exactly once: every source invoice is in the target once.
    expect(await collect(target.adapter.invoices.list())).toHaveLength(12);
    expect(summarize(second)).not.toContain('interrupted');
  });

  it('an already aborted signal reads nothing and writes nothing', async () => {
    const source = await startInvoiceOcean();
    const target = await startMethodStyle();
    await writeBook(source.adapter);
    const before = target.emulator.requestCount;
    const report = await migrate({
      from: source.adapter,
      to: target.adapter,
      signal: AbortSignal.abort(),
    });
    expect(report).toMatchObject({ interrupted: true, counts: { seen: 0, created: 0 } });
    expect(target.emulator.requestCount).toBe(before);
  });
});
