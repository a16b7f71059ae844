import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collect } from '@invoicekit/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import {
  closeAll,
  paymentsOf,
  startInvoiceOcean,
  startMethodStyle,
  writeBook,
} from './__fixtures__/loopback';
import { migrate } from './migrate';
import { summarize } from './report';

afterEach(closeAll);

/** A short deadline and one quick look-up: a vendor that commits late is not seen in time. */
const impatient: NonNullable<Parameters<typeof startInvoiceOcean>[0]> = {
  timeoutMs: 300,
  retry: { baseDelayMs: 10, maxDelayMs: 20, lookupAttempts: 1, lookupDelayMs: 20 },
};

/** Polls `check` until it holds, within a generous limit (the emulator still holds the request). */
async function eventually(check: () => Promise<boolean>, limitMs = 10_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('the vendor never committed');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function journalFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'invoicekit-unknown-')), 'journal.jsonl');
}

describe('a write whose outcome is unknown becomes a resumable state, never a second write', () => {
  it('a payment the vendor commits after the deadline: reported unknown; the re-run finishes it; paid once', async () => {
    const source = await startMethodStyle();
    const target = await startInvoiceOcean(impatient);
    await writeBook(source.adapter);
    // The vendor records the payment 1.5 s after it was sent: after the client's 300 ms deadline
    // and after its look-up.
    target.emulator.faults.inject({
      kind: 'latency',
      ms: 1_500,
      match: { method: 'POST', path: /banking\/payments/ },
    });
    const journal = journalFile();
    const first = await migrate({ from: source.adapter, to: target.adapter, journal });
    expect(first.counts).toMatchObject({ seen: 6, created: 5, unknown: 1, failed: 0 });
    const unknown = first.invoices.find((entry) => entry.outcome === 'unknown');
    expect(unknown).toMatchObject({
      targetId: null,
      error: { code: 'outcome_unknown' },
      check: expect.stringContaining('invoices.markPaid'),
    });
    const summary = summarize(first);
    expect(summary).toContain('failed 0, unknown 1');
    expect(summary).toMatch(
      /1 unknown: .*run the same migration again \(with the same journal\) to resume/,
    );
    expect(summary).toMatch(
      /unknown \S+: .*\(check whether invoiceocean recorded invoices\.markPaid/,
    );

    await eventually(async () => (await paymentsOf(target.adapter)).length === 1);
    const second = await migrate({ from: source.adapter, to: target.adapter, journal });
    expect(second.counts).toMatchObject({
      seen: 6,
      resumed: 5,
      alreadyPresent: 1,
      unknown: 0,
      failed: 0,
      mismatched: 0,
    });
    // One payment, as the source has; one invoice per source invoice.
    expect(await paymentsOf(target.adapter)).toHaveLength(1);
    const invoices = await collect(target.adapter.invoices.list());
    expect(invoices).toHaveLength(6);
    expect(new Set(invoices.map((invoice) => invoice.externalId)).size).toBe(6);
    expect(invoices.filter((invoice) => invoice.status.canonical === 'paid')).toHaveLength(1);
  }, 30_000);

  it('a create the vendor commits after the deadline: unknown, then found by its external id — one invoice', async () => {
    const source = await startInvoiceOcean();
    const target = await startMethodStyle(impatient);
    await writeBook(source.adapter);
    target.emulator.faults.inject({
      kind: 'latency',
      ms: 1_500,
      match: { body: /invoice\.create/ },
    });
    const journal = journalFile();
    const first = await migrate({
      from: source.adapter,
      to: target.adapter,
      journal,
      concurrency: 1,
    });
    expect(first.counts).toMatchObject({ seen: 6, created: 5, unknown: 1, failed: 0 });
    expect(first.invoices.find((entry) => entry.outcome === 'unknown')).toMatchObject({
      error: { code: 'outcome_unknown' },
      check: expect.stringMatching(/invoice/),
    });
    await eventually(async () => (await collect(target.adapter.invoices.list())).length === 6);
    const second = await migrate({ from: source.adapter, to: target.adapter, journal });
    expect(second.counts).toMatchObject({ resumed: 5, alreadyPresent: 1, unknown: 0, failed: 0 });
    const invoices = await collect(target.adapter.invoices.list());
    expect(invoices).toHaveLength(6);
    expect(new Set(invoices.map((invoice) => invoice.externalId)).size).toBe(6);
    expect(await collect(target.adapter.customers.list())).toHaveLength(2);
  }, 30_000);

  it('a customer create the vendor commits late: its invoices wait for the re-run — one customer, not two', async () => {
    const source = await startInvoiceOcean();
    const target = await startMethodStyle(impatient);
    await writeBook(source.adapter);
    target.emulator.faults.inject({
      kind: 'latency',
      ms: 1_500,
      match: { body: /customer\.create/ },
    });
    const journal = journalFile();
    const first = await migrate({
      from: source.adapter,
      to: target.adapter,
      journal,
      concurrency: 1,
    });
    // The first customer's three invoices are unknown: a second create for them could duplicate it.
    expect(first.counts).toMatchObject({ seen: 6, created: 3, unknown: 3, failed: 0 });
    await eventually(async () => (await collect(target.adapter.customers.list())).length === 2);
    const second = await migrate({ from: source.adapter, to: target.adapter, journal });
    expect(second.counts).toMatchObject({ resumed: 3, created: 3, unknown: 0, failed: 0 });
    expect(await collect(target.adapter.customers.list())).toHaveLength(2);
    expect(await collect(target.adapter.invoices.list())).toHaveLength(6);
  }, 30_000);
});
