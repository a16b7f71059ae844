import { serveEmulator, type ServedEmulator } from '@invoicekit/core/emulator';
import type { Invoice, InvoiceAdapterV1 } from '@invoicekit/core';
import { createInvoiceOceanAdapter } from '@invoicekit/invoiceocean';
import { createInvoiceOceanEmulator } from '@invoicekit/invoiceocean/emulator';
import { createPlandocketAdapter } from '@invoicekit/plandocket';
import { createPlandocketEmulator } from '@invoicekit/plandocket/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { bookSeed } from './__fixtures__/bench-book';
import { countingRequests, requestKind } from './__fixtures__/request-kinds';
import { migrate } from './migrate';
import type { VerifyPolicy } from './run-options';
import { sync } from './sync';
import { MemoryJournal } from './journal';

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((thing) => thing.close()));
});

/** The bench's book of 8 invoices — 2 paid, 2 canceled, 8 customers — in Plandocket, an empty InvoiceOcean. */
async function start() {
  const source = countingRequests(createPlandocketEmulator({ apiKey: 'pd-key-12345678' }));
  const target = countingRequests(
    createInvoiceOceanEmulator({ apiToken: 'io-token-123456', account: 'acme' }),
  );
  source.emulator.seed(bookSeed(8));
  const [sourceServer, targetServer]: ServedEmulator[] = await Promise.all([
    serveEmulator(source.emulator),
    serveEmulator(target.emulator),
  ]);
  if (!sourceServer || !targetServer) throw new Error('both emulators are served');
  const from: InvoiceAdapterV1 = createPlandocketAdapter({
    baseUrl: sourceServer.baseUrl,
    apiKey: 'pd-key-12345678',
  });
  const to: InvoiceAdapterV1 = createInvoiceOceanAdapter({
    apiToken: 'io-token-123456/acme',
    baseUrl: targetServer.baseUrl,
  });
  opened.push(from, to, sourceServer, targetServer);
  return { source, target, from, to };
}

const counted = (counts: Map<string, number>) => Object.fromEntries([...counts].sort());

describe('the calls a migration makes per invoice, counted by the emulators', () => {
  it('names ids in a request kind', () => {
    expect(requestKind('GET', '/invoices/123.json')).toBe('GET /invoices/:id.json');
    expect(requestKind('GET', '/api/v1/contacts/7')).toBe('GET /api/v1/contacts/:id');
    expect(requestKind('POST', '/invoices.json')).toBe('POST /invoices.json');
  });

  it.each<[VerifyPolicy | undefined, number]>([
    // InvoiceOcean's markPaid and cancel answer with no invoice, so each reads it after its write
    // (2 paid + 2 canceled); they plan from the record the engine passes them (`current`), so
    // none reads it before.
    ['write-answer', 4],
    // The default.
    [undefined, 4],
    // One verification read more per invoice.
    ['read-back', 12],
  ])(
    'verify %s: one create per invoice, one payment per paid and one cancel per canceled one, %d invoice reads, each customer read and created once',
    async (verify, invoiceReads) => {
      const { source, target, from, to } = await start();
      const report = await migrate({
        from,
        to,
        concurrency: 4,
        ...(verify !== undefined ? { verify } : {}),
      });
      expect(report.counts).toMatchObject({ created: 8, failed: 0, mismatched: 0 });
      expect(counted(source.counts)).toEqual({
        // One page of invoices, one (empty) of credit notes.
        'GET /api/v1/invoices': 2,
        // The contact record of each customer, once (its number and notes are not on the invoice).
        'GET /api/v1/contacts/:id': 8,
      });
      expect(counted(target.counts)).toEqual({
        // Each customer looked up by e-mail and by the migration's external id, then created.
        'GET /clients.json': 16,
        'POST /clients.json': 8,
        'POST /invoices.json': 8,
        'POST /banking/payments.json': 2,
        'POST /invoices/cancel.json': 2,
        'GET /invoices/:id.json': invoiceReads,
      });
    },
  );

  it('a sync right after lists the changes and reads nothing else', async () => {
    const { source, target, from, to } = await start();
    const journal = new MemoryJournal();
    await migrate({ from, to, journal, verify: 'write-answer' });
    source.counts.clear();
    target.counts.clear();
    const report = await sync({ from, to, journal });
    expect(report.counts).toMatchObject({ unchanged: 8, failed: 0 });
    expect(counted(target.counts)).toEqual({});
    // Only the listing of the source's changes (as many pages as the migration's own listing):
    // every listed invoice has the digest it was carried with, so neither side is read.
    expect(counted(source.counts)).toEqual({ 'GET /api/v1/invoices': 2 });
  });

  it('verify write-answer reconciles field by field against the write answer: what it says differently is a difference', async () => {
    const { from, to } = await start();
    // The target's answers to a create and a payment describe the first line otherwise than it was sent.
    const tampered = (invoice: Invoice): Invoice => ({
      ...invoice,
      lines: invoice.lines.map((line, index) =>
        index === 0 ? { ...line, description: 'not what was sent' } : line,
      ),
    });
    const invoices = Object.create(to.invoices) as InvoiceAdapterV1['invoices'];
    Object.assign(invoices, {
      create: async (...args: Parameters<InvoiceAdapterV1['invoices']['create']>) => {
        const answer = await to.invoices.create(...args);
        return { ...answer, data: tampered(answer.data) };
      },
      markPaid: async (...args: Parameters<InvoiceAdapterV1['invoices']['markPaid']>) => {
        const answer = await to.invoices.markPaid(...args);
        return { ...answer, data: tampered(answer.data) };
      },
    });
    const target = Object.create(to) as InvoiceAdapterV1;
    Object.defineProperty(target, 'invoices', { value: invoices });

    const answered = await migrate({ from, to: target, verify: 'write-answer' });
    // Canceled invoices are reconciled against the cancel's answer, which is untouched.
    expect(answered.counts).toMatchObject({ created: 8, mismatched: 6 });
    expect(
      answered.invoices.flatMap((entry) =>
        entry.differences.filter((d) => !d.explained).map((d) => d.field),
      ),
    ).toEqual(Array.from({ length: 6 }, () => 'lines.0.description'));
  });
});
