import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Invoice } from '@invoicekit/core';
import { collect } from '@invoicekit/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, paymentsOf, startInvoiceOcean } from './__fixtures__/loopback';
import { runChild } from './__fixtures__/run-child';
import { migrate } from './migrate';
import { sync } from './sync';
import type { SyncReport } from './sync-report';

afterEach(closeAll);

/** What a book holds of one invoice, for comparing a source with a target. */
const shape = (invoice: Invoice) => ({
  number: invoice.number,
  type: invoice.type,
  state: invoice.state,
  totals: invoice.totals,
  payments: invoice.payments.map((payment) => [payment.amount, payment.date]),
});
const byNumber = (a: { number: string | null }, b: { number: string | null }) =>
  (a.number ?? '').localeCompare(b.number ?? '');

describe('a sync killed with SIGKILL resumes to exactly the source state', () => {
  it('kill -9 at several points of a sync, then resume: every payment once, no duplicate invoice', async () => {
    const source = await startInvoiceOcean();
    const target = await startInvoiceOcean();
    const customers = await Promise.all(
      ['Eins GmbH', 'Zwei AG', 'Drei KG'].map(
        async (name, index) =>
          (
            await source.adapter.customers.create({
              name,
              taxId: `DE00000000${index}`,
              email: `${index}@kunde.example`,
            })
          ).data.id,
      ),
    );
    const issue = async (index: number) =>
      (
        await source.adapter.invoices.create({
          number: `FV/${String(index).padStart(3, '0')}`,
          currency: 'EUR',
          issueDate: '2026-11-02',
          dueDate: '2026-12-31',
          customer: { id: customers[index % 3] ?? '' },
          lines: [
            {
              description: 'Beratung',
              quantity: String(index + 1),
              unitPrice: '99.90',
              taxRate: 19,
            },
            { description: 'Fahrt', quantity: '1', unitPrice: '12.35', taxRate: 7 },
          ],
        })
      ).data;
    const book = [];
    for (let index = 0; index < 10; index += 1) book.push(await issue(index));
    const directory = mkdtempSync(join(tmpdir(), 'invoicekit-sync-crash-'));
    const env = {
      SOURCE_URL: source.baseUrl,
      TARGET_URL: target.baseUrl,
      TARGET_KIND: 'invoiceocean',
      MODE: 'sync',
      JOURNAL: join(directory, 'journal.jsonl'),
      REPORT: join(directory, 'report.json'),
    };
    const migrated = await migrate({
      from: source.adapter,
      to: target.adapter,
      journal: env.JOURNAL,
    });
    expect(migrated.counts).toMatchObject({ created: 10, failed: 0 });

    // The source moves on: payments in parts on their own dates, cancellations, new invoices
    // (some paid at once) and a credit note.
    for (const [index, invoice] of book.entries()) {
      if (index % 3 === 0) {
        await source.adapter.invoices.markPaid(invoice.id, { amount: '50.00', date: '2026-11-10' });
        await source.adapter.invoices.markPaid(invoice.id, { amount: '25.50', date: '2026-11-12' });
      }
      if (index % 3 === 1)
        await source.adapter.invoices.markPaid(invoice.id, { date: '2026-11-11' });
      if (index === 2 || index === 5) await source.adapter.invoices.cancel(invoice.id);
    }
    for (let index = 10; index < 14; index += 1) {
      const fresh = await issue(index);
      if (index % 2 === 0) await source.adapter.invoices.markPaid(fresh.id, { date: '2026-11-20' });
    }
    await source.adapter.invoices.create({
      number: 'KOR/001',
      type: 'credit_note',
      relatedInvoiceId: book[1]?.id ?? '',
      currency: 'EUR',
      issueDate: '2026-11-21',
      customer: { id: customers[1] ?? '' },
      lines: [{ description: 'Beratung', quantity: '1', unitPrice: '-99.90', taxRate: 19 }],
    });

    // Killed after 3, 9, 17 and 26 more target requests: mid-payment, between a create and its
    // payment, in a cancellation, during read-back.
    const outcomes: string[] = [];
    for (const killAfter of [3, 9, 17, 26])
      outcomes.push(await runChild(env, target.emulator, killAfter));
    expect(outcomes).toContain('killed');
    expect(await runChild(env, target.emulator)).toBe('finished');
    const report = JSON.parse(readFileSync(env.REPORT, 'utf8')) as SyncReport;
    expect(report.counts).toMatchObject({ failed: 0, unknown: 0, mismatched: 0, diverged: 0 });
    expect(report.agreed).toBe(true);

    const sources = await collect(source.adapter.invoices.list());
    const targets = await collect(target.adapter.invoices.list());
    expect(targets).toHaveLength(15);
    expect(new Set(targets.map((invoice) => invoice.externalId)).size).toBe(15);
    expect(targets.map(shape).sort(byNumber)).toEqual(sources.map(shape).sort(byNumber));
    // Every payment exactly once: as many banking payments as the source holds.
    expect(await paymentsOf(target.adapter)).toHaveLength(
      (await paymentsOf(source.adapter)).length,
    );

    // A sync after the crashes writes nothing: the target holds the source's state.
    const writes = () =>
      target.emulator.requests.filter((request) => request.method !== 'GET').length;
    const before = writes();
    const again = await sync({
      from: source.adapter,
      to: target.adapter,
      journal: env.JOURNAL,
      full: true,
    });
    expect(writes()).toBe(before);
    expect(again.agreed).toBe(true);
  }, 180_000);
});
