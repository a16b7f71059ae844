import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collect, findLeakedSecrets } from '@invoicekit/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import {
  IO_TOKEN,
  MS_KEY,
  closeAll,
  paymentsOf,
  startInvoiceOcean,
  startMethodStyle,
  writeBook,
} from './__fixtures__/loopback';
import { MemoryJournal } from './journal';
import { JournalLockedError, JournalMismatchError } from './journal-errors';
import { migrate } from './migrate';

afterEach(closeAll);

function journalFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'invoicekit-journal-')), 'journal.jsonl');
}

describe('a journal belongs to one migration', () => {
  it('a journal of another pair is refused before anything is read or written, naming both', async () => {
    const source = await startInvoiceOcean();
    const target = await startMethodStyle();
    const other = await startInvoiceOcean();
    await writeBook(source.adapter);
    const journal = journalFile();
    const first = await migrate({ from: source.adapter, to: target.adapter, journal });
    expect(first.counts).toMatchObject({ created: 6, failed: 0 });
    // Each adapter says which account it speaks to: its base URL (and login), no credential.
    expect(first.identity).toEqual({
      source: { provider: 'invoiceocean', account: source.baseUrl },
      target: { provider: 'billomat-style', account: `${target.baseUrl} (owner@acme.example)` },
    });
    const before = [source, target, other].map((side) => side.emulator.requestCount);
    // The same providers on another account, told apart by the adapters' identities alone.
    const otherTarget = await startMethodStyle();
    await expect(
      migrate({ from: source.adapter, to: otherTarget.adapter, journal }),
    ).rejects.toThrow(
      `not invoiceocean (${source.baseUrl}) → billomat-style (${otherTarget.baseUrl} (owner@acme.example))`,
    );
    expect(await collect(otherTarget.adapter.invoices.list())).toHaveLength(0);
    // Another target: today the run "resumed 6" and left the new target empty.
    await expect(migrate({ from: source.adapter, to: other.adapter, journal })).rejects.toThrow(
      JournalMismatchError,
    );
    await expect(migrate({ from: source.adapter, to: other.adapter, journal })).rejects.toThrow(
      `belongs to the migration invoiceocean (${source.baseUrl}) → billomat-style (${target.baseUrl} (owner@acme.example)), not invoiceocean (${source.baseUrl}) → invoiceocean (${other.baseUrl})`,
    );
    // The same pair, another account (as the caller names it): refused too.
    const accounts = journalFile();
    await migrate({
      from: source.adapter,
      to: target.adapter,
      journal: accounts,
      accounts: { from: source.baseUrl, to: `${target.baseUrl} (owner@acme.example)` },
    });
    await expect(
      migrate({
        from: source.adapter,
        to: target.adapter,
        journal: accounts,
        accounts: { from: source.baseUrl, to: 'https://app.monsum.com (someone@else.example)' },
      }),
    ).rejects.toThrow(
      `not invoiceocean (${source.baseUrl}) → billomat-style (https://app.monsum.com (someone@else.example))`,
    );
    expect(other.emulator.requestCount).toBe(before[2]);
    expect(await collect(other.adapter.invoices.list())).toHaveLength(0);
    // The journal's first line names the migration, and holds no credential.
    const text = readFileSync(accounts, 'utf8');
    expect(JSON.parse(text.split('\n')[0] ?? '')).toMatchObject({
      kind: 'journal',
      format: 2,
      source: { provider: 'invoiceocean', account: source.baseUrl },
      target: { provider: 'billomat-style', account: `${target.baseUrl} (owner@acme.example)` },
    });
    expect(findLeakedSecrets(text, [IO_TOKEN, MS_KEY])).toEqual([]);
  });

  it('an account given as a URL is recorded without its user info, query or fragment', async () => {
    const source = await startInvoiceOcean();
    const target = await startMethodStyle();
    const journal = journalFile();
    const report = await migrate({
      from: source.adapter,
      to: target.adapter,
      journal,
      accounts: {
        from: 'https://owner:hunter2-secret@acme.invoiceocean.com/?api_token=tok-secret#frag',
      },
    });
    expect(report.identity.source.account).toBe('https://acme.invoiceocean.com');
    expect(readFileSync(journal, 'utf8')).not.toMatch(/hunter2|tok-secret|owner:/);
  });
});

describe('two migrations on one journal', () => {
  it('two migrate() calls in one process: the second is refused, nothing is duplicated', async () => {
    const source = await startMethodStyle();
    const target = await startInvoiceOcean();
    await writeBook(source.adapter);
    const journal = journalFile();
    const runs = await Promise.allSettled([
      migrate({ from: source.adapter, to: target.adapter, journal, concurrency: 2 }),
      migrate({ from: source.adapter, to: target.adapter, journal, concurrency: 2 }),
    ]);
    const [first, second] = runs;
    expect(first?.status).toBe('fulfilled');
    expect(second?.status).toBe('rejected');
    const refusal = second?.status === 'rejected' ? (second.reason as unknown) : undefined;
    expect(refusal).toBeInstanceOf(JournalLockedError);
    expect(refusal).toMatchObject({ code: 'conflict', holder: { pid: process.pid } });
    expect(first?.status === 'fulfilled' && first.value.counts).toMatchObject({
      seen: 6,
      created: 6,
      failed: 0,
    });
    // One journal object shared by two runs is refused the same way.
    const shared = new MemoryJournal();
    const both = await Promise.allSettled([
      migrate({ from: source.adapter, to: target.adapter, journal: shared }),
      migrate({ from: source.adapter, to: target.adapter, journal: shared }),
    ]);
    expect(both.map((run) => run.status)).toEqual(['fulfilled', 'rejected']);
    expect(both[1]?.status === 'rejected' && both[1].reason).toBeInstanceOf(JournalLockedError);
    // Nothing twice on the target: one invoice per source, one customer each, one payment per
    // payment the source recorded (a full and a part payment).
    const invoices = await collect(target.adapter.invoices.list());
    expect(invoices).toHaveLength(6);
    expect(new Set(invoices.map((invoice) => invoice.externalId)).size).toBe(6);
    expect(await collect(target.adapter.customers.list())).toHaveLength(2);
    expect(await paymentsOf(target.adapter)).toHaveLength(1);
  });
});
