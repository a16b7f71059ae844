import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Invoice, InvoiceAdapterV1 } from '@invoicekit/core';
import type { RecordedRequest } from '@invoicekit/core/emulator';
import { collect } from '@invoicekit/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { seedPlandocketBook } from './__fixtures__/books';
import {
  closeAll,
  startInvoiceOcean,
  startMethodStyle,
  startPlandocket,
} from './__fixtures__/loopback';
import type { JournalEntry } from './journal';
import { migrate } from './migrate';
import { sync } from './sync';
import type { SyncReport } from './sync-report';

afterEach(closeAll);

/** The requests that change an InvoiceOcean account (everything but reads). */
const writesOf = (requests: readonly RecordedRequest[]): RecordedRequest[] =>
  requests.filter((request) => request.method !== 'GET');

/** The journal's last word on each migrated invoice: source id → target id. */
function mappingOf(journalPath: string): Map<string, string> {
  const mapping = new Map<string, string>();
  for (const line of readFileSync(journalPath, 'utf8').split('\n').slice(1)) {
    if (line.trim() === '') continue;
    const entry = JSON.parse(line) as JournalEntry;
    if (entry.kind === 'invoice') mapping.set(entry.sourceId, entry.targetId);
  }
  return mapping;
}

/**
 * Every source invoice against what the target holds for it, read independently of any report:
 * the same lifecycle (sent held as issued), payment and due state, totals, and every payment
 * with its own amount and date.
 */
async function expectSameBook(
  from: InvoiceAdapterV1,
  to: InvoiceAdapterV1,
  journalPath: string,
  leftOut: readonly string[],
): Promise<{ source: Invoice; target: Invoice }[]> {
  const mapping = mappingOf(journalPath);
  const pairs: { source: Invoice; target: Invoice }[] = [];
  for (const source of await collect(from.invoices.list())) {
    if (leftOut.includes(source.id)) {
      expect(mapping.has(source.id), `${source.id} is left out`).toBe(false);
      continue;
    }
    const targetId = mapping.get(source.id);
    expect(targetId, `${source.number ?? source.id} is mapped`).toBeDefined();
    const target = await to.invoices.get(targetId ?? '');
    // A sent invoice is held as issued: the migration does not e-mail the buyer again (announced).
    const lifecycle = source.state.lifecycle === 'sent' ? 'issued' : source.state.lifecycle;
    expect(target.state, `${source.number ?? source.id}: state`).toEqual({
      ...source.state,
      lifecycle,
    });
    expect(target.totals, `${source.number ?? source.id}: totals`).toEqual(source.totals);
    expect(
      target.payments.map((payment) => [payment.amount, payment.date]),
      `${source.number ?? source.id}: every payment`,
    ).toEqual(source.payments.map((payment) => [payment.amount, payment.date]));
    expect(target.number).toBe(source.number);
    pairs.push({ source, target });
  }
  return pairs;
}

const outcomeOf = (report: SyncReport, sourceId: string) =>
  report.invoices.find((invoice) => invoice.sourceId === sourceId)?.outcome;

describe('cut-over: migrate once, then sync the source changes until the switch', () => {
  it('Plandocket → InvoiceOcean: payments, a cancellation, new invoices and a credit note follow, each once', async () => {
    const source = await startPlandocket();
    const target = await startInvoiceOcean();
    seedPlandocketBook(source.emulator);
    source.emulator.seed({
      invoices: [
        {
          id: 20,
          invoice_number: 'RE-2025-0010',
          status: 'sent',
          contact_id: 1,
          created_at: '2025-03-06T09:00:00Z',
          due_date: '2025-03-20',
          items: [{ description: 'Standmiete', quantity: '10', unit: 'm²', unit_price: '35.00' }],
        },
        {
          id: 21,
          invoice_number: 'RE-2025-0011',
          status: 'sent',
          contact_id: 1,
          created_at: '2025-03-07T09:00:00Z',
          due_date: '2025-03-21',
          items: [
            { description: 'Reinigung', quantity: '1', unit: 'Pauschale', unit_price: '240.00' },
          ],
        },
      ],
    });
    const journal = join(mkdtempSync(join(tmpdir(), 'invoicekit-cutover-')), 'journal.jsonl');
    const migrated = await migrate({ from: source.adapter, to: target.adapter, journal });
    expect(migrated.counts).toMatchObject({ failed: 0, mismatched: 0, unknown: 0 });

    // Life goes on in the source: a customer pays the rest, another pays part; one invoice is
    // canceled; two invoices are issued (one paid at once) and a credit note corrects one.
    await source.adapter.invoices.markPaid('11', { date: '2025-04-02', method: 'transfer' });
    await source.adapter.invoices.markPaid('21', {
      amount: '50.00',
      date: '2025-04-03',
      method: 'card',
    });
    await source.adapter.invoices.cancel('20');
    // Issued now: the vendor stamps a new invoice's change time when it is made.
    const issuedNow = new Date().toISOString();
    const dueLater = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    source.emulator.seed({
      invoices: [
        {
          id: 30,
          invoice_number: 'RE-2025-0020',
          status: 'sent',
          contact_id: 1,
          created_at: issuedNow,
          due_date: dueLater,
          items: [{ description: 'Standmiete', quantity: '2', unit: 'm²', unit_price: '35.00' }],
        },
        {
          id: 31,
          invoice_number: 'RE-2025-0021',
          status: 'sent',
          contact_id: 1,
          created_at: issuedNow,
          due_date: dueLater,
          items: [{ description: 'Strom', quantity: '1', unit: 'Pauschale', unit_price: '80.00' }],
        },
        {
          id: 32,
          invoice_number: 'GS-2025-0002',
          invoice_type: 'credit_note',
          related_invoice_id: 11,
          status: 'sent',
          contact_id: 1,
          created_at: issuedNow,
          items: [{ description: 'Standmiete', quantity: '1', unit: 'm²', unit_price: '35.00' }],
        },
      ],
    });
    await source.adapter.invoices.markPaid('31', { date: '2025-04-07', method: 'paypal' });

    const first = await sync({ from: source.adapter, to: target.adapter, journal });
    expect(first.scope).toBe('changes');
    expect(first.counts).toMatchObject({
      created: 3,
      updated: 3,
      failed: 0,
      unknown: 0,
      diverged: 0,
      mismatched: 0,
    });
    expect(first.agreed).toBe(true);
    const paidRest = first.invoices.find((invoice) => invoice.sourceId === '11');
    expect(paidRest?.changes).toEqual([expect.stringMatching(/^paid \d+\.\d{2} on 2025-04-02$/)]);
    expect(outcomeOf(first, '20')).toBe('updated');
    expect(first.invoices.find((invoice) => invoice.sourceId === '20')?.changes).toEqual([
      'canceled',
    ]);
    expect(outcomeOf(first, '32')).toBe('created');

    const pairs = await expectSameBook(source.adapter, target.adapter, journal, ['12']);
    expect(pairs).toHaveLength(9);
    const credit = pairs.find((pair) => pair.source.id === '32');
    expect(credit?.target.type).toBe('credit_note');
    expect(credit?.target.relatedInvoiceId).toBe(mappingOf(journal).get('11'));

    // Run again: nothing changed in the source, so nothing is written to the target — nor read:
    // each listed invoice is the one the target was last brought to (the journal's digest).
    const writesBefore = writesOf(target.emulator.requests).length;
    const targetCalls = target.emulator.requestCount;
    const again = await sync({ from: source.adapter, to: target.adapter, journal });
    expect(writesOf(target.emulator.requests)).toHaveLength(writesBefore);
    expect(target.emulator.requestCount).toBe(targetCalls);
    expect(again.counts.unchanged).toBe(again.counts.seen - again.counts.skipped);
    // Not read, so not counted as reconciled: only a full sync is the cut-over check.
    expect(again.counts).toMatchObject({ notRead: again.counts.unchanged, reconciled: 0 });
    expect(again.counts).toMatchObject({ created: 0, alreadyPresent: 0, updated: 0, failed: 0 });

    // The cut-over check: the whole book, invoice by invoice.
    const final = await sync({
      from: source.adapter,
      to: target.adapter,
      journal,
      full: true,
      detail: 'all',
    });
    expect(writesOf(target.emulator.requests)).toHaveLength(writesBefore);
    expect(final.scope).toBe('full');
    expect(final.agreed).toBe(true);
    expect(final.invoices.map((invoice) => invoice.sourceId).sort()).toEqual(
      ['10', '11', '12', '13', '14', '20', '21', '30', '31', '32'].sort(),
    );
    for (const invoice of final.invoices.filter((entry) => entry.sourceId !== '12'))
      expect(
        invoice.differences.every((difference) => difference.explained),
        invoice.sourceId,
      ).toBe(true);
  }, 60_000);

  it('an issued invoice edited in the source is reported as diverged, and a deleted one as deleted', async () => {
    const source = await startInvoiceOcean();
    const target = await startInvoiceOcean();
    const customer = (
      await source.adapter.customers.create({ name: 'Kunde AG', taxId: 'DE999999999' })
    ).data;
    const lines = [{ description: 'Beratung', quantity: '2', unitPrice: '100.00', taxRate: 19 }];
    const kept = (
      await source.adapter.invoices.create({
        number: 'A-1',
        currency: 'EUR',
        customer: { id: customer.id },
        lines,
      })
    ).data;
    const gone = (
      await source.adapter.invoices.create({
        number: 'A-2',
        currency: 'EUR',
        customer: { id: customer.id },
        lines,
      })
    ).data;
    const journal = join(mkdtempSync(join(tmpdir(), 'invoicekit-cutover-')), 'journal.jsonl');
    await migrate({ from: source.adapter, to: target.adapter, journal });
    await source.adapter.invoices.update(kept.id, {
      lines: [{ description: 'Beratung', quantity: '3', unitPrice: '100.00', taxRate: 19 }],
    });
    await source.adapter.invoices.delete(gone.id);
    const writesBefore = writesOf(target.emulator.requests).length;

    const report = await sync({ from: source.adapter, to: target.adapter, journal, full: true });
    expect(writesOf(target.emulator.requests)).toHaveLength(writesBefore);
    const diverged = report.invoices.find((invoice) => invoice.sourceId === kept.id);
    expect(diverged?.outcome).toBe('diverged');
    expect(diverged?.reason).toMatch(/edited in the source after it was issued/);
    expect(diverged?.differences).toContainEqual(
      expect.objectContaining({
        field: 'lines.0.quantity',
        source: expect.stringMatching(/^3(\.0+)?$/),
        target: expect.stringMatching(/^2(\.0+)?$/),
      }),
    );
    const deleted = report.invoices.find((invoice) => invoice.sourceId === gone.id);
    expect(deleted?.outcome).toBe('deleted');
    expect(report.counts).toMatchObject({ diverged: 1, deleted: 1 });
    expect(report.agreed).toBe(false);
    // The deletion is a fact of the journal; the target's copy stays.
    expect(readFileSync(journal, 'utf8')).toContain(`"kind":"deleted","sourceId":"${gone.id}"`);
    const targetCopy = await target.adapter.invoices.get(mappingOf(journal).get(gone.id) ?? '');
    expect(targetCopy.number).toBe('A-2');
  }, 60_000);
});

describe('cut-over between two accounts with drafts', () => {
  it("method-style → method-style: a draft's edits reach the target draft, then its issue and payment", async () => {
    const source = await startMethodStyle();
    const target = await startMethodStyle();
    const customer = (
      await source.adapter.customers.create({ name: 'Entwurf GmbH', taxId: 'DE123123123' })
    ).data;
    const draft = (
      await source.adapter.invoices.create({
        currency: 'EUR',
        customer: { id: customer.id },
        issueDate: '2026-11-02',
        dueDate: '2026-12-02',
        lines: [
          {
            description: 'Beratung',
            quantity: '2',
            unit: 'Std.',
            unitPrice: '120.00',
            taxRate: 19,
          },
        ],
      })
    ).data;
    const journal = join(mkdtempSync(join(tmpdir(), 'invoicekit-cutover-')), 'journal.jsonl');
    const migrated = await migrate({ from: source.adapter, to: target.adapter, journal });
    expect(migrated.counts).toMatchObject({ created: 1, mismatched: 0 });

    await source.adapter.invoices.update(draft.id, {
      dueDate: '2026-12-16',
      lines: [
        { description: 'Beratung', quantity: '5', unit: 'Std.', unitPrice: '120.00', taxRate: 19 },
      ],
    });
    const edited = await sync({ from: source.adapter, to: target.adapter, journal });
    const entry = edited.invoices.find((invoice) => invoice.sourceId === draft.id);
    expect(entry?.outcome).toBe('updated');
    expect(entry?.changes).toEqual([expect.stringMatching(/^edited .*lines/)]);
    expect(edited.agreed).toBe(true);
    const held = await target.adapter.invoices.get(entry?.targetId ?? '');
    expect(held.state.lifecycle).toBe('draft');
    expect(held.lines.map((line) => line.quantity)).toEqual([expect.stringMatching(/^5(\.0+)?$/)]);
    expect(held.dueDate).toBe((await source.adapter.invoices.get(draft.id)).dueDate);

    await source.adapter.invoices.finalize(draft.id);
    await source.adapter.invoices.markPaid(draft.id, { date: '2026-11-20', method: 'transfer' });
    const issued = await sync({ from: source.adapter, to: target.adapter, journal });
    expect(issued.invoices.find((invoice) => invoice.sourceId === draft.id)?.changes).toEqual([
      'finalized',
      expect.stringMatching(/^paid [\d.]+ on 2026-11-20$/),
    ]);
    expect(issued.agreed).toBe(true);
    const after = await target.adapter.invoices.get(entry?.targetId ?? '');
    expect(after.state).toMatchObject({ lifecycle: 'issued', payment: 'paid' });
  }, 60_000);
});

describe('an invoice that waits for another', () => {
  it('a credit note skipped for its draft invoice is carried by the sync that carries the invoice, though it did not change', async () => {
    const source = await startPlandocket();
    const target = await startInvoiceOcean();
    source.emulator.seed({
      contacts: [{ id: 1, company_name: 'Messe Partner GmbH', email: 'b@messe.example' }],
      invoices: [
        {
          // Numbered in advance: the emulator's status change does not number a draft.
          id: 40,
          invoice_number: 'RE-2025-0040',
          status: 'draft',
          contact_id: 1,
          created_at: '2025-05-01T09:00:00Z',
          items: [{ description: 'Standmiete', quantity: '4', unit: 'm²', unit_price: '35.00' }],
        },
        {
          id: 41,
          invoice_number: 'GS-2025-0040',
          invoice_type: 'credit_note',
          related_invoice_id: 40,
          status: 'sent',
          contact_id: 1,
          created_at: '2025-05-02T09:00:00Z',
          items: [{ description: 'Standmiete', quantity: '1', unit: 'm²', unit_price: '35.00' }],
        },
      ],
    });
    const journal = join(mkdtempSync(join(tmpdir(), 'invoicekit-cutover-')), 'journal.jsonl');
    const migrated = await migrate({ from: source.adapter, to: target.adapter, journal });
    expect(migrated.counts.skipped).toBe(2);
    expect(readFileSync(journal, 'utf8')).toContain('"kind":"pending","sourceId":"41"');

    // The draft is issued in the source; the credit note itself does not change.
    const since = new Date(Date.now() - 1000).toISOString();
    await source.adapter.request({
      method: 'PATCH',
      path: '/api/v1/invoices/40',
      body: { status: 'sent' },
    });
    const report = await sync({ from: source.adapter, to: target.adapter, journal, since });
    expect(report.invoices.find((invoice) => invoice.sourceId === '40')?.outcome).toBe('created');
    expect(report.invoices.find((invoice) => invoice.sourceId === '41')?.outcome).toBe('created');
    const credit = await target.adapter.invoices.get(mappingOf(journal).get('41') ?? '');
    expect(credit.type).toBe('credit_note');
    expect(credit.relatedInvoiceId).toBe(mappingOf(journal).get('40'));
    expect(report.agreed).toBe(true);
  }, 60_000);
});

describe('a migration stopped and resumed', () => {
  it('stores no cursor: an invoice the stopped run carried may have changed before the resumed one listed', async () => {
    const source = await startPlandocket();
    const target = await startInvoiceOcean();
    seedPlandocketBook(source.emulator);
    const journal = join(mkdtempSync(join(tmpdir(), 'invoicekit-cutover-')), 'journal.jsonl');
    const stop = new AbortController();
    const stopped = await migrate({
      from: source.adapter,
      to: target.adapter,
      journal,
      concurrency: 1,
      signal: stop.signal,
      onProgress: (progress) => {
        if (progress.created >= 1) stop.abort();
      },
    });
    expect(stopped.interrupted).toBe(true);
    const carried = [...mappingOf(journal).keys()];
    expect(carried.length).toBeGreaterThan(0);
    // Paid in the source while the migration was stopped.
    await source.adapter.invoices.markPaid('11', { date: '2025-04-02' });
    const resumed = await migrate({ from: source.adapter, to: target.adapter, journal });
    expect(resumed.counts.resumed).toBeGreaterThan(0);
    expect(readFileSync(journal, 'utf8')).not.toContain('"kind":"cursor"');
    const report = await sync({ from: source.adapter, to: target.adapter, journal });
    expect(report.scope).toBe('full');
    expect(report.agreed).toBe(true);
    const paid = await target.adapter.invoices.get(mappingOf(journal).get('11') ?? '');
    expect(paid.state.payment).toBe('paid');
    // This full sync read the whole book: it stores the cursor the next one starts from.
    expect(readFileSync(journal, 'utf8')).toContain('"kind":"cursor"');
  }, 60_000);
});

describe('pending credit notes, driven by webhooks', () => {
  it("a webhook's sync also takes up what waited for its invoice; a pending one deleted in the source is dropped, not read again", async () => {
    const source = await startInvoiceOcean();
    const target = await startInvoiceOcean();
    const customer = (
      await source.adapter.customers.create({ name: 'Kunde AG', taxId: 'DE999999999' })
    ).data;
    const lines = [{ description: 'Beratung', quantity: '2', unitPrice: '100.00', taxRate: 19 }];
    const issue = async (number: string, related?: string) =>
      (
        await source.adapter.invoices.create({
          number,
          currency: 'EUR',
          issueDate: '2026-11-02',
          customer: { id: customer.id },
          ...(related !== undefined
            ? {
                type: 'credit_note' as const,
                relatedInvoiceId: related,
                lines: [
                  { description: 'Beratung', quantity: '1', unitPrice: '-100.00', taxRate: 19 },
                ],
              }
            : { lines }),
        })
      ).data;
    const a = await issue('A-1');
    const b = await issue('B-1');
    const k = await issue('K-1', a.id);
    const l = await issue('L-1', b.id);
    // The target refuses both invoices once: their credit notes wait for them.
    for (const number of ['A-1', 'B-1'])
      target.emulator.faults.inject({
        kind: 'server_error',
        status: 422,
        body: { code: 'error', message: { number: ['temporarily refused'] } },
        match: { method: 'POST', body: new RegExp(`"number":"${number}"`) },
        times: 1,
      });
    const journal = join(mkdtempSync(join(tmpdir(), 'invoicekit-cutover-')), 'journal.jsonl');
    const migrated = await migrate({ from: source.adapter, to: target.adapter, journal });
    expect(migrated.counts).toMatchObject({ failed: 2, skipped: 2 });
    const text = () => readFileSync(journal, 'utf8');
    expect(text()).toContain(`"kind":"pending","sourceId":"${k.id}"`);
    expect(text()).toContain(`"kind":"pending","sourceId":"${l.id}"`);

    await source.adapter.invoices.delete(k.id);
    const forB = await sync({
      from: source.adapter,
      to: target.adapter,
      journal,
      invoiceIds: [b.id],
    });
    const outcome = (report: SyncReport, id: string) =>
      report.invoices.find((invoice) => invoice.sourceId === id)?.outcome;
    expect(outcome(forB, b.id)).toBe('created');
    expect(outcome(forB, l.id)).toBe('created');
    expect(text()).toContain(`"kind":"dropped","sourceId":"${k.id}"`);

    const readsOfK = () =>
      source.emulator.requests.filter((request) => request.path === `/invoices/${k.id}.json`)
        .length;
    const before = readsOfK();
    const forA = await sync({
      from: source.adapter,
      to: target.adapter,
      journal,
      invoiceIds: [a.id],
    });
    expect(outcome(forA, a.id)).toBe('created');
    expect(readsOfK()).toBe(before);
  }, 60_000);
});

describe('a sync that fails half-way', () => {
  it('leaves no digest behind that would call the target up to date', async () => {
    const source = await startInvoiceOcean();
    const target = await startInvoiceOcean();
    const customer = (
      await source.adapter.customers.create({ name: 'Kunde AG', taxId: 'DE999999999' })
    ).data;
    const invoice = (
      await source.adapter.invoices.create({
        number: 'H-1',
        currency: 'EUR',
        issueDate: '2026-11-02',
        dueDate: '2026-12-31',
        customer: { id: customer.id },
        lines: [{ description: 'Beratung', quantity: '2', unitPrice: '100.00', taxRate: 19 }],
      })
    ).data;
    const journal = join(mkdtempSync(join(tmpdir(), 'invoicekit-cutover-')), 'journal.jsonl');
    await migrate({ from: source.adapter, to: target.adapter, journal });
    const lastFact = () =>
      readFileSync(journal, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as JournalEntry & { sourceDigest?: string })
        .filter((entry) => entry.kind === 'invoice' && entry.sourceId === invoice.id)
        .at(-1);
    expect(lastFact()?.sourceDigest).toEqual(expect.any(String));

    await source.adapter.invoices.markPaid(invoice.id, { amount: '50.00', date: '2026-11-20' });
    // The target's payment endpoint fails: the payment is not made.
    target.emulator.faults.inject({
      kind: 'server_error',
      status: 422,
      body: { code: 'error', message: 'refused' },
      match: { method: 'POST', path: /banking\/payments/ },
      times: 1,
    });
    const failed = await sync({ from: source.adapter, to: target.adapter, journal });
    expect(failed.counts.failed).toBe(1);
    expect(lastFact()).toBeDefined();
    expect(lastFact()?.sourceDigest).toBeUndefined();
    const retried = await sync({ from: source.adapter, to: target.adapter, journal });
    expect(retried.invoices.find((entry) => entry.sourceId === invoice.id)?.outcome).toBe(
      'updated',
    );
    expect(lastFact()?.sourceDigest).toEqual(expect.any(String));
  }, 60_000);
});
