import { createBillomatStyleAdapter } from '@invoicekit/billomat-style';
import { createMethodStyleEmulator } from '@invoicekit/billomat-style/emulator';
import { collect } from '@invoicekit/core/testing';
import { serveEmulator, type ServedEmulator } from '@invoicekit/core/emulator';
import { createInvoiceOceanAdapter } from '@invoicekit/invoiceocean';
import { createInvoiceOceanEmulator } from '@invoicekit/invoiceocean/emulator';
import { createPlandocketAdapter } from '@invoicekit/plandocket';
import { createPlandocketEmulator } from '@invoicekit/plandocket/emulator';
import type { Invoice, InvoiceAdapterV1 } from '@invoicekit/core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from './migrate';
import type { MigrationReport } from './report';
import { migrationKey } from './to-create-input';

const served: ServedEmulator[] = [];
const adapters: InvoiceAdapterV1[] = [];
afterEach(async () => {
  await Promise.all(adapters.splice(0).map((adapter) => adapter.close()));
  await Promise.all(served.splice(0).map((server) => server.close()));
});

async function invoiceOcean() {
  const emulator = createInvoiceOceanEmulator({ apiToken: 'io-token-123456', account: 'acme' });
  const server = await serveEmulator(emulator);
  served.push(server);
  const adapter = createInvoiceOceanAdapter({
    apiToken: 'io-token-123456/acme',
    baseUrl: server.baseUrl,
  });
  adapters.push(adapter);
  return { emulator, adapter };
}

async function methodStyle() {
  const emulator = createMethodStyleEmulator({
    email: 'owner@acme.example',
    apiKey: 'ms-key-12345678',
  });
  const server = await serveEmulator(emulator);
  served.push(server);
  const adapter = createBillomatStyleAdapter({
    email: 'owner@acme.example',
    apiKey: 'ms-key-12345678',
    baseUrl: server.baseUrl,
  });
  adapters.push(adapter);
  return { emulator, adapter };
}

async function plandocket() {
  const emulator = createPlandocketEmulator({ apiKey: 'pd-key-12345678' });
  const server = await serveEmulator(emulator);
  served.push(server);
  const adapter = createPlandocketAdapter({ baseUrl: server.baseUrl, apiKey: 'pd-key-12345678' });
  adapters.push(adapter);
  return { emulator, adapter };
}

/**
 * Reads every target invoice back and compares it with its source, found by the migration key:
 * net, tax, gross and paid to the cent, the lines' gross amounts, and the status — except where
 * the report announced that the target cannot hold the source's state.
 */
async function expectEveryInvoiceCarried(
  from: InvoiceAdapterV1,
  to: InvoiceAdapterV1,
  report: MigrationReport,
): Promise<void> {
  const sources = await collect(from.invoices.list());
  const migrated = await collect(to.invoices.list());
  const carried = report.counts.created + report.counts.alreadyPresent + report.counts.resumed;
  expect(migrated).toHaveLength(carried);
  for (const invoice of migrated) {
    const original = sources.find(
      (candidate) => migrationKey(from.id, candidate.id) === invoice.externalId,
    );
    expect(original, `${invoice.externalId ?? invoice.id} has a source`).toBeDefined();
    const explained =
      report.invoices.find((entry) => entry.targetId === invoice.id)?.differences ?? [];
    const pick = ({ net, tax, gross, paid }: Invoice['totals']) => ({ net, tax, gross, paid });
    const expected = { ...pick(original?.totals ?? invoice.totals) };
    for (const difference of explained)
      if (difference.field === 'totals.paid') expected.paid = difference.target;
    expect(pick(invoice.totals)).toEqual(expected);
    expect(invoice.lines.map((line) => line.totals.gross)).toEqual(
      original?.lines.map((line) => line.totals.gross),
    );
  }
}

/** A small book written through the canonical API: issued, paid, partially paid, canceled. */
async function writeBook(adapter: InvoiceAdapterV1, currency: string): Promise<void> {
  const customer = (
    await adapter.customers.create({
      name: 'Kunde Eins GmbH',
      taxId: 'DE111111111',
      email: 'eins@kunde.example',
    })
  ).data;
  const other = (
    await adapter.customers.create({ name: 'Kunde Zwei AG', email: 'zwei@kunde.example' })
  ).data;
  const lines = [
    { description: 'Beratung', quantity: '3', unitPrice: '120.00', taxRate: 19 },
    { description: 'Buch', quantity: '1', unitPrice: '20.00', taxRate: 7 },
  ];
  for (let index = 0; index < 6; index += 1) {
    const { data } = await adapter.invoices.create({
      currency,
      customer: { id: index % 2 === 0 ? customer.id : other.id },
      lines,
    });
    if (adapter.capabilities.invoices.finalize) await adapter.invoices.finalize(data.id);
    if (index === 1) await adapter.invoices.markPaid(data.id);
    if (index === 2 && adapter.capabilities.invoices.partialPayments)
      await adapter.invoices.markPaid(data.id, { amount: '100.00' });
    if (index === 3) await adapter.invoices.cancel(data.id);
  }
}

describe('migrations between the emulators over loopback HTTP', () => {
  it('InvoiceOcean → method-style: every invoice once, lifecycle replayed, read back', async () => {
    const source = await invoiceOcean();
    const target = await methodStyle();
    await writeBook(source.adapter, 'EUR');
    const report = await migrate({ from: source.adapter, to: target.adapter });
    await expectEveryInvoiceCarried(source.adapter, target.adapter, report);
    const migrated = await collect(target.adapter.invoices.list());
    expect(report.counts).toMatchObject({ seen: 6, created: 6, failed: 0, skipped: 0 });
    expect(migrated).toHaveLength(6);
    // Each target invoice is in its source's state — but for the part payment the target cannot
    // record (method-style pays whole invoices), which the report names.
    const sources = await collect(source.adapter.invoices.list());
    for (const invoice of migrated) {
      const original = sources.find(
        (candidate) => migrationKey('invoiceocean', candidate.id) === invoice.externalId,
      );
      expect(original, invoice.externalId ?? '').toBeDefined();
      expect(invoice.totals.gross).toBe(original?.totals.gross);
      const expected =
        original?.status.canonical === 'partially_paid' ? 'issued' : original?.status.canonical;
      expect(invoice.status.canonical).toBe(expected);
    }
    // Field by field: the numbers differ (method-style numbers on completion), announced.
    expect(report.counts.mismatched).toBe(0);
    expect(report.counts.reconciled + report.counts.explained).toBe(6);
    // Without the journal, a second run finds every invoice through the target's dedupe.
    const again = await migrate({ from: source.adapter, to: target.adapter });
    expect(again.counts).toMatchObject({ created: 0, alreadyPresent: 6, skipped: 0, failed: 0 });
    expect(again.invoices.flatMap((entry) => entry.warnings)).not.toContainEqual(
      expect.objectContaining({ message: expect.stringContaining('already existed') }),
    );
    expect(await collect(target.adapter.invoices.list())).toHaveLength(6);
    const partial = report.invoices.find((entry) =>
      entry.differences.some((difference) => difference.field === 'totals.paid'),
    );
    expect(partial?.differences).toContainEqual({
      field: 'totals.paid',
      source: '100.00',
      target: '0.00',
      explained: 'the target records whole payments only; 100.00 paid is not carried',
    });
    expect(partial?.warnings).toContainEqual({
      type: 'approximated',
      path: 'totals.paid',
      reason: 'the target records whole payments only; 100.00 paid is not carried',
    });
  });

  it('method-style → InvoiceOcean: drafts stay drafts? no — InvoiceOcean has none; partial payments carried', async () => {
    const source = await methodStyle();
    const target = await invoiceOcean();
    await writeBook(source.adapter, 'EUR');
    const report = await migrate({ from: source.adapter, to: target.adapter, concurrency: 3 });
    await expectEveryInvoiceCarried(source.adapter, target.adapter, report);
    expect(report.counts).toMatchObject({
      seen: 6,
      created: 6,
      failed: 0,
      mismatched: 0,
      reconciled: 6,
    });
    const migrated = await collect(target.adapter.invoices.list());
    expect(migrated.map((invoice) => invoice.status.canonical).sort()).toEqual(
      (await collect(source.adapter.invoices.list()))
        .map((invoice) => invoice.status.canonical)
        .sort(),
    );
    // Customers were mapped once each, matched by tax id or e-mail on the way.
    expect(await collect(target.adapter.customers.list())).toHaveLength(2);
  });

  it('Plandocket → InvoiceOcean: seeded invoices, payments and a credit note after its invoice', async () => {
    const source = await plandocket();
    const target = await invoiceOcean();
    source.emulator.seed({
      contacts: [
        { id: 1, company_name: 'Messe GmbH', email: 'messe@kunde.example', tax_id: 'DE222222222' },
      ],
    });
    source.emulator.seed({
      invoices: [
        {
          id: 10,
          contact_id: 1,
          items: [{ description: 'Stand', quantity: '2', unit_price: '150.00', tax_rate: '19' }],
        },
        {
          id: 11,
          contact_id: 1,
          items: [{ description: 'Strom', quantity: '1', unit_price: '80.00', tax_rate: '19' }],
        },
        {
          id: 12,
          contact_id: 1,
          invoice_type: 'credit_note',
          related_invoice_id: 10,
          items: [
            { description: 'Gutschrift', quantity: '1', unit_price: '50.00', tax_rate: '19' },
          ],
        },
      ],
    });
    await source.adapter.invoices.markPaid('11', { amount: '40.00' });
    const report = await migrate({ from: source.adapter, to: target.adapter, detail: 'all' });
    await expectEveryInvoiceCarried(source.adapter, target.adapter, report);
    expect(report.counts).toMatchObject({ seen: 3, failed: 0 });
    const credit = report.invoices.find((entry) => entry.sourceId === '12');
    const original = report.invoices.find((entry) => entry.sourceId === '10');
    expect(credit?.outcome).toBe('created');
    const written = await target.adapter.invoices.get(credit?.targetId ?? '');
    expect(written).toMatchObject({ type: 'credit_note', relatedInvoiceId: original?.targetId });
    const paid = await target.adapter.invoices.get(
      report.invoices.find((entry) => entry.sourceId === '11')?.targetId ?? '',
    );
    expect(paid.totals).toMatchObject({ paid: '40.00', gross: '95.20' });
  });

  it('Plandocket → method-style: every target invoice read back against its source', async () => {
    const source = await plandocket();
    const target = await methodStyle();
    source.emulator.seed({
      contacts: [
        { id: 1, company_name: 'Messe GmbH', email: 'messe@kunde.example' },
        { id: 2, first_name: 'Erika', last_name: 'Mustermann', email: 'erika@kunde.example' },
      ],
    });
    source.emulator.seed({
      invoices: Array.from({ length: 8 }, (_, index) => ({
        id: 20 + index,
        contact_id: 1 + (index % 2),
        status: ['sent', 'draft', 'cancelled', 'sent'][index % 4],
        items: [
          {
            description: 'Stand',
            quantity: String(1 + index),
            unit_price: '80.00',
            tax_rate: index % 2 ? '7' : '19',
          },
        ],
      })),
    });
    await source.adapter.invoices.markPaid('23');
    const report = await migrate({ from: source.adapter, to: target.adapter });
    expect(report.counts).toMatchObject({ seen: 8, created: 8, failed: 0, mismatched: 0 });
    expect(report.counts.reconciled + report.counts.explained).toBe(8);
    const sources = await collect(source.adapter.invoices.list());
    const migrated = await collect(target.adapter.invoices.list());
    expect(migrated).toHaveLength(8);
    for (const invoice of migrated) {
      const original = sources.find(
        (candidate) => migrationKey('plandocket', candidate.id) === invoice.externalId,
      );
      expect(invoice.totals).toEqual(original?.totals);
      expect(invoice.lines.map((line) => line.totals.gross)).toEqual(
        original?.lines.map((line) => line.totals.gross),
      );
    }
    // The source's draft is a draft in the target too; its canceled invoice is canceled.
    const statusOf = (sourceId: string) =>
      migrated.find((invoice) => invoice.externalId === migrationKey('plandocket', sourceId))
        ?.status.canonical;
    expect([statusOf('21'), statusOf('22'), statusOf('23')]).toEqual(['draft', 'canceled', 'paid']);
  });

  it('refuses a target that cannot create invoices, before reading anything', async () => {
    const source = await invoiceOcean();
    const target = await plandocket();
    const before = source.emulator.requestCount + target.emulator.requestCount;
    await expect(migrate({ from: source.adapter, to: target.adapter })).rejects.toThrow(
      /plandocket cannot be a migration target/,
    );
    expect(source.emulator.requestCount + target.emulator.requestCount).toBe(before);
  });

  it('a dry run plans every invoice and touches nothing in the target', async () => {
    const source = await invoiceOcean();
    const target = await methodStyle();
    await writeBook(source.adapter, 'EUR');
    const before = target.emulator.requestCount;
    const report = await migrate({ from: source.adapter, to: target.adapter, dryRun: true });
    expect(report.counts).toMatchObject({ seen: 6, planned: 6, created: 0 });
    expect(target.emulator.requestCount).toBe(before);
  });

  it('resumes from its journal file: a second run writes nothing and reports the first', async () => {
    const source = await invoiceOcean();
    const target = await methodStyle();
    await writeBook(source.adapter, 'EUR');
    const journal = join(mkdtempSync(join(tmpdir(), 'invoicekit-')), 'journal.jsonl');
    // The first run stops after three invoices (as if killed); the journal keeps what was done.
    let seen = 0;
    await migrate({
      from: source.adapter,
      to: target.adapter,
      journal,
      concurrency: 1,
      where: () => {
        seen += 1;
        return seen <= 3;
      },
    });
    const second = await migrate({
      from: source.adapter,
      to: target.adapter,
      journal,
      concurrency: 2,
    });
    expect(second.counts).toMatchObject({ seen: 6, resumed: 3, created: 3, failed: 0 });
    const third = await migrate({ from: source.adapter, to: target.adapter, journal });
    expect(third.counts).toMatchObject({ seen: 6, resumed: 6, created: 0 });
    expect(await collect(target.adapter.invoices.list())).toHaveLength(6);
  });

  it('under 5xx, 429, resets and lost answers: no duplicate, nothing missing', async () => {
    const source = await invoiceOcean();
    const target = await methodStyle();
    await writeBook(source.adapter, 'EUR');
    for (const fault of [
      { kind: 'server_error', status: 503 },
      { kind: 'rate_limit', retryAfter: 0 },
      { kind: 'connection_reset' },
      { kind: 'response_lost', match: { body: /invoice\.create/ } },
      { kind: 'response_lost', match: { body: /invoice\.complete/ } },
      { kind: 'response_lost', match: { body: /invoice\.setpaid/ } },
      { kind: 'response_lost', match: { body: /customer\.create/ } },
    ] as const)
      target.emulator.faults.inject(fault);
    // The source fails too: reads are retried.
    source.emulator.faults.inject({ kind: 'server_error', status: 502 });
    source.emulator.faults.inject({ kind: 'connection_reset' });
    const report = await migrate({ from: source.adapter, to: target.adapter, concurrency: 2 });
    const migrated = await collect(target.adapter.invoices.list());
    expect(migrated).toHaveLength(6);
    expect(new Set(migrated.map((invoice) => invoice.externalId)).size).toBe(6);
    expect(await collect(target.adapter.customers.list())).toHaveLength(2);
    expect(report.counts).toMatchObject({ failed: 0, created: 6, mismatched: 0 });
    expect(report.counts.reconciled + report.counts.explained).toBe(6);
    expect(target.emulator.faults.pending).toBe(0);
  });
});
