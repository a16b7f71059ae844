import type { Invoice, InvoiceAdapterV1 } from '@invoicekit/core';
import { collect } from '@invoicekit/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import {
  seedPlandocketBook,
  writeInvoiceOceanBook,
  writeMethodStyleBook,
} from './__fixtures__/books';
import {
  closeAll,
  startInvoiceOcean,
  startMethodStyle,
  startPlandocket,
} from './__fixtures__/loopback';
import { migrate } from './migrate';
import { reconcile } from './reconcile';
import type { MigrationReport } from './report';
import { migrationKey } from './to-create-input';

afterEach(closeAll);

interface Carried {
  readonly source: Invoice;
  readonly target: Invoice;
}

/**
 * Reads every target invoice back and checks the report against it, field by field: every
 * difference between the source and what the target holds is in the report, explained, with its
 * reason — none unreported, none a mismatch. Returns the pairs for the pair's own assertions.
 */
async function expectFaithful(
  from: InvoiceAdapterV1,
  to: InvoiceAdapterV1,
  report: MigrationReport,
): Promise<Carried[]> {
  expect(report.counts).toMatchObject({ failed: 0, mismatched: 0, unknown: 0 });
  const sources = await collect(from.invoices.list());
  const targets = await collect(to.invoices.list());
  const carried: Carried[] = [];
  for (const source of sources) {
    const entry = report.invoices.find((invoice) => invoice.sourceId === source.id);
    expect(entry, `source ${source.number ?? source.id} is in the report`).toBeDefined();
    if (entry?.outcome === 'skipped') {
      expect(entry.reason).toBeTruthy();
      continue;
    }
    const target = targets.find((invoice) => invoice.id === entry?.targetId);
    expect(target, `source ${source.number ?? source.id} has a target`).toBeDefined();
    if (!target || !entry) continue;
    expect(entry.targetNumber).toBe(target.number);
    const found = reconcile(source, target);
    for (const difference of found) {
      const reported = entry.differences.find((candidate) => candidate.field === difference.field);
      expect(
        reported,
        `${source.number ?? source.id}: ${difference.field} is reported`,
      ).toMatchObject({
        source: difference.source,
        target: difference.target,
        explained: expect.any(String),
      });
    }
    // Every explanation comes from what the run announced (a warning on this invoice) or
    // follows from such a difference — none is made up after the fact.
    const reasons = entry.warnings.flatMap((warning) =>
      'reason' in warning ? [warning.reason] : [],
    );
    for (const difference of entry.differences)
      expect(
        difference.explained !== undefined &&
          (reasons.includes(difference.explained) ||
            difference.explained.startsWith('follows from ')),
        `${source.number ?? source.id}: ${difference.field} explained by an announcement`,
      ).toBe(true);
    carried.push({ source, target });
  }
  return carried;
}

const byNumber = (carried: readonly Carried[], number: string): Carried => {
  const found = carried.find((pair) => pair.source.number === number);
  expect(found, `${number} was carried`).toBeDefined();
  return found as Carried;
};

describe('a whole book between every pair of vendors, read back field by field', () => {
  it('InvoiceOcean → method-style: numbers mapped and reported, one whole payment explained', async () => {
    const source = await startInvoiceOcean();
    const target = await startMethodStyle();
    await writeInvoiceOceanBook(source.adapter);
    const report = await migrate({ from: source.adapter, to: target.adapter, detail: 'all' });
    const carried = await expectFaithful(source.adapter, target.adapter, report);
    const paid = byNumber(carried, 'FV/2025/0042');
    // The target numbers on completion: the report maps the number and says why.
    const entry = report.invoices.find((invoice) => invoice.sourceNumber === 'FV/2025/0042');
    expect(entry?.targetNumber).toBe(paid.target.number);
    expect(entry?.differences).toContainEqual(
      expect.objectContaining({
        field: 'number',
        source: 'FV/2025/0042',
        explained: expect.any(String),
      }),
    );
    // Two payments on a target of whole payments: one, on the last date, explained.
    expect(paid.target.payments).toHaveLength(1);
    expect(paid.target.payments[0]?.date).toBe('2025-03-10');
    expect(paid.target.totals.paid).toBe(paid.source.totals.paid);
    expect(paid.target.lines.map((line) => line.unit)).toEqual(['h', 'szt.']);
    expect(paid.target.issueDate).toBe('2025-03-01');
    const foreign = byNumber(carried, 'FV/2025/0043');
    expect(foreign.target.currency).toBe('EUR');
  });

  it('method-style → InvoiceOcean: the draft skipped with its reason, numbers and payments kept', async () => {
    const source = await startMethodStyle();
    const target = await startInvoiceOcean();
    await writeMethodStyleBook(source.adapter);
    const report = await migrate({ from: source.adapter, to: target.adapter, detail: 'all' });
    const carried = await expectFaithful(source.adapter, target.adapter, report);
    const skipped = report.invoices.filter((invoice) => invoice.outcome === 'skipped');
    expect(skipped).toHaveLength(1);
    expect(skipped[0]?.reason).toMatch(/draft.*invoiceocean has no drafts/);
    expect(report.counts.skipped).toBe(1);
    for (const { source: original, target: copy } of carried) {
      // InvoiceOcean lets the caller set the number: it is kept, exactly.
      expect(copy.number).toBe(original.number);
      expect(copy.lines.map((line) => line.unit)).toEqual(['Std.', 'Stk.']);
    }
    const paid = carried.find((pair) => pair.source.state.payment === 'paid') as Carried;
    expect(
      paid.target.payments.map((payment) => [payment.amount, payment.date, payment.method]),
    ).toEqual(
      paid.source.payments.map((payment) => [payment.amount, payment.date, payment.method]),
    );
    const canceled = carried.find((pair) => pair.source.state.lifecycle === 'canceled') as Carried;
    expect(canceled.target.type).toBe('invoice');
    expect(canceled.target.state).toMatchObject({ lifecycle: 'canceled', due: 'none' });
  });

  it('method-style → InvoiceOcean with drafts: issue — the draft issued and announced', async () => {
    const source = await startMethodStyle();
    const target = await startInvoiceOcean();
    await writeMethodStyleBook(source.adapter);
    const report = await migrate({
      from: source.adapter,
      to: target.adapter,
      drafts: 'issue',
      detail: 'all',
    });
    await expectFaithful(source.adapter, target.adapter, report);
    expect(report.counts.skipped).toBe(0);
    const draft = report.invoices.find((invoice) =>
      invoice.differences.some((difference) => difference.field === 'state.lifecycle'),
    );
    expect(draft?.differences).toContainEqual(
      expect.objectContaining({
        field: 'state.lifecycle',
        source: 'draft',
        explained: expect.stringContaining("drafts policy 'issue'"),
      }),
    );
  });

  it('Plandocket → InvoiceOcean: every payment its own, internal notes, units, credit note', async () => {
    const source = await startPlandocket();
    const target = await startInvoiceOcean();
    seedPlandocketBook(source.emulator);
    const report = await migrate({ from: source.adapter, to: target.adapter, detail: 'all' });
    const carried = await expectFaithful(source.adapter, target.adapter, report);
    const paid = byNumber(carried, 'RE-2025-0001');
    expect(paid.target.number).toBe('RE-2025-0001');
    expect(
      paid.target.payments.map((payment) => [payment.amount, payment.date, payment.method]),
    ).toEqual([
      ['300.00', '2025-03-05', 'card'],
      ['295.00', '2025-03-10', 'transfer'],
    ]);
    expect(paid.target.lines.map((line) => line.unit)).toEqual(['m²', 'Pauschale']);
    const partly = byNumber(carried, 'RE-2025-0002');
    expect(partly.target.state).toMatchObject({ payment: 'partially_paid', due: 'overdue' });
    expect(
      (await collect(target.adapter.invoices.list({ status: ['partially_paid'] }))).map(
        (invoice) => invoice.id,
      ),
    ).toContain(partly.target.id);
    const credit = byNumber(carried, 'GS-2025-0001');
    expect(credit.target.type).toBe('credit_note');
    expect(credit.target.relatedInvoiceId).toBe(paid.target.id);
    // The draft: InvoiceOcean has none, so it is skipped with the reason, and the CLI would exit 1.
    expect(report.invoices.find((invoice) => invoice.sourceId === '12')?.outcome).toBe('skipped');
  });

  it('Plandocket → method-style: the draft kept as a draft, numbers mapped', async () => {
    const source = await startPlandocket();
    const target = await startMethodStyle();
    seedPlandocketBook(source.emulator);
    const report = await migrate({ from: source.adapter, to: target.adapter, detail: 'all' });
    const carried = await expectFaithful(source.adapter, target.adapter, report);
    const draft = carried.find((pair) => pair.source.state.lifecycle === 'draft') as Carried;
    expect(draft.target.state.lifecycle).toBe('draft');
    expect(draft.target.number).toBeNull();
    expect(migrationKey('plandocket', draft.source.id)).toBe(draft.target.externalId);
  });
});
