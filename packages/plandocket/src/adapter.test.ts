import { ConflictError, ValidationError } from '@invoicekit/core';
import { attachToNock } from '@invoicekit/core/emulator';
import { collect, createFakeClock } from '@invoicekit/core/testing';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPlandocketEmulator, type PlandocketEmulatorOptions } from './emulator';
import { createPlandocketAdapter, type PlandocketAdapter } from './index';

const HOST = 'https://acme.plandocket.com';
const API_KEY = 'pd-adapter-key-5d2e8f0a71';

let emulator: ReturnType<typeof createPlandocketEmulator>;
let adapter: PlandocketAdapter;

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
afterEach(async () => {
  await adapter.close();
  nock.cleanAll();
});

function setUp(options: Partial<PlandocketEmulatorOptions> = {}, pageSize = 3): void {
  const clock = createFakeClock(Date.UTC(2026, 10, 20, 9));
  emulator = createPlandocketEmulator({
    apiKey: API_KEY,
    now: () => new Date(clock.now()),
    ...options,
  });
  attachToNock(emulator, nock(HOST));
  adapter = createPlandocketAdapter({ tenant: 'acme', apiKey: API_KEY, pageSize, clock });
  emulator.seed({
    contacts: [
      {
        id: 12,
        customer_number: 'K-12',
        company_name: 'Messe GmbH',
        email: 'buchhaltung@messe.example',
      },
      { id: 13, customer_number: 'K-13', first_name: 'Erika', last_name: 'Mustermann' },
    ],
  });
  emulator.seed({
    invoices: [
      {
        contact_id: 12,
        event_key: 'fair-a',
        status: 'sent',
        items: [{ description: 'Stand', quantity: '1', unit_price: '100.00', tax_rate: '19' }],
      },
      {
        contact_id: 12,
        event_key: 'fair-b',
        status: 'paid',
        items: [{ description: 'Stand', quantity: '2', unit_price: '50.00', tax_rate: '19' }],
      },
      {
        contact_id: 13,
        event_key: 'fair-a',
        status: 'draft',
        items: [{ description: 'Ticket', quantity: '3', unit_price: '10.00', tax_rate: '7' }],
      },
      {
        contact_id: 13,
        event_key: 'fair-a',
        invoice_type: 'credit_note',
        status: 'sent',
        items: [{ description: 'Gutschrift', quantity: '1', unit_price: '10.00', tax_rate: '7' }],
      },
      {
        contact_id: 12,
        event_key: 'fair-b',
        status: 'cancelled',
        items: [{ description: 'Storno', quantity: '1', unit_price: '1.00', tax_rate: '19' }],
      },
    ],
  });
}

/** The query strings the emulator received since `from`. */
const queriesSince = (from: number) =>
  emulator.requests.slice(from).map((request) => ({ path: request.path, query: request.query }));

describe('listing through the lenient pager, in every paging mode the vendor might have', () => {
  it.each(['meta', 'page', 'none'] as const)(
    '%s: every invoice exactly once',
    async (pagination) => {
      setUp({ pagination });
      const invoices = await collect(adapter.invoices.list());
      expect(invoices.map((invoice) => invoice.number).sort()).toHaveLength(5);
      expect(new Set(invoices.map((invoice) => invoice.id)).size).toBe(5);
      // Complete without a call per invoice: lines and customer came with the list.
      expect(
        invoices.every((invoice) => invoice.lines.length === 1 && invoice.customer.id !== null),
      ).toBe(true);
      // meta: total_pages 2; page: a short second page; none: the second page repeats the first.
      expect(emulator.requestCount).toBe(2);
    },
  );

  it('bare bodies (no envelope) read the same', async () => {
    setUp({ envelope: 'bare' });
    expect(await collect(adapter.invoices.list())).toHaveLength(5);
  });

  it('canonical filters map onto the vendor’s, the rest is filtered after paging', async () => {
    setUp();
    const from = emulator.requests.length;
    const canceled = await collect(adapter.invoices.list({ status: ['canceled'] }));
    expect(canceled.map((invoice) => invoice.status.raw)).toEqual(['cancelled']);
    const credits = await collect(
      adapter.invoices.list({ type: ['credit_note'], customerId: '13' }),
    );
    expect(credits.map((invoice) => [invoice.type, invoice.customer.id])).toEqual([
      ['credit_note', '13'],
    ]);
    const queries = queriesSince(from);
    // Statuses are filtered after paging (the vendor's strings are undocumented).
    expect(queries[0]?.query).toEqual({
      include: 'items,payments,contact',
      page: '1',
      per_page: '3',
    });
    expect(queries.find((entry) => entry.path === '/api/v1/contacts/13')).toBeDefined();
    expect(queries.at(-1)?.query).toMatchObject({ type: 'credit_note', customer_number: 'K-13' });
  });
});

describe('the typed client: every filter, sort and include', () => {
  it('filters by status, customer_number, event_key and type', async () => {
    setUp({}, 100);
    const numbersOf = async (
      query: Parameters<PlandocketAdapter['vendor']['invoices']['list']>[0],
    ) => (await collect(adapter.vendor.invoices.list(query))).length;
    expect(await numbersOf({ status: 'sent' })).toBe(2);
    expect(await numbersOf({ customer_number: 'K-13' })).toBe(2);
    expect(await numbersOf({ event_key: 'fair-b' })).toBe(2);
    expect(await numbersOf({ type: 'credit_note' })).toBe(1);
  });

  it.each(['invoice_number', 'total', 'status', 'due_date', 'created_at'] as const)(
    'sorts by %s in both orders',
    async (sort) => {
      setUp({}, 100);
      const from = emulator.requests.length;
      const ascending = await collect(adapter.vendor.invoices.list({ sort, order: 'ASC' }));
      const descending = await collect(adapter.vendor.invoices.list({ sort, order: 'DESC' }));
      expect(queriesSince(from).map((entry) => entry.query)).toEqual([
        { sort, order: 'ASC', page: '1', per_page: '100' },
        { sort, order: 'DESC', page: '1', per_page: '100' },
      ]);
      const keys = (rows: Record<string, unknown>[]) => rows.map((row) => String(row[sort]));
      const sorted = [...keys(ascending)].sort((a, b) =>
        sort === 'total' ? Number(a) - Number(b) : a.localeCompare(b),
      );
      expect(keys(ascending)).toEqual(sorted);
      expect(keys(descending)).toEqual([...sorted].reverse());
    },
  );

  it('includes items, payments and contact on request only', async () => {
    setUp({}, 100);
    const [bare] = await collect(adapter.vendor.invoices.list({ status: 'paid' }));
    expect(bare).not.toHaveProperty('items');
    const [full] = await collect(
      adapter.vendor.invoices.list({ status: 'paid', include: ['items', 'payments', 'contact'] }),
    );
    expect(full).toMatchObject({ contact: { customer_number: 'K-12' } });
    expect((full?.items as unknown[]).length).toBe(1);
    expect(Array.isArray(full?.payments)).toBe(true);
  });

  it('refuses an undocumented filter or sort before sending', async () => {
    setUp();
    const before = emulator.requests.length;
    await expect(
      collect(adapter.vendor.invoices.list({ sort: 'amount' } as never)),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      collect(adapter.vendor.invoices.list({ paid: true } as never)),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(emulator.requests.length).toBe(before);
  });
});

describe('writes', () => {
  it('a sent invoice is locked: its due date cannot change, its internal notes can', async () => {
    setUp();
    const [sent] = await collect(adapter.invoices.list({ status: ['sent'], type: ['invoice'] }));
    const id = sent?.id ?? '';
    await expect(adapter.invoices.update(id, { dueDate: '2027-01-31' })).rejects.toBeInstanceOf(
      ConflictError,
    );
    const { data } = await adapter.invoices.update(id, { internalNotes: 'Zahlung angekündigt' });
    expect(data.internalNotes).toBe('Zahlung angekündigt');
    expect(data.notes).toBeNull();
    const [draft] = await collect(adapter.invoices.list({ status: ['draft'] }));
    const moved = await adapter.invoices.update(draft?.id ?? '', { dueDate: '2027-01-31' });
    expect(moved.data.dueDate).toBe('2027-01-31');
    expect(moved.requestId).toMatch(/^req_/);
  });

  it('partial then full payment; a lost answer is found by its transaction id, not paid twice', async () => {
    setUp();
    const [sent] = await collect(adapter.invoices.list({ status: ['sent'], type: ['invoice'] }));
    const id = sent?.id ?? '';
    const part = await adapter.invoices.markPaid(id, { amount: '19.00' });
    expect(part.data).toMatchObject({
      status: { canonical: 'partially_paid' },
      totals: { paid: '19.00', due: '100.00' },
    });
    emulator.faults.inject({
      kind: 'response_lost',
      match: { method: 'POST', path: '/api/v1/payments' },
    });
    const rest = await adapter.invoices.markPaid(id);
    expect(rest.data).toMatchObject({
      status: { canonical: 'paid', raw: 'paid' },
      totals: { due: '0.00' },
    });
    const payments = await collect(
      adapter.vendor.payments.list({
        invoice_number: sent?.number ?? '',
        sort: 'created_at',
        order: 'ASC',
      }),
    );
    expect(payments.map((payment) => payment.amount)).toEqual(['19', '100']);
    await expect(adapter.invoices.markPaid(id, { amount: '1.00' })).resolves.toMatchObject({
      warnings: [{ type: 'other' }],
    });
  });

  it('a canceled invoice takes no payment, and nothing is sent', async () => {
    setUp();
    const [canceled] = await collect(adapter.invoices.list({ status: ['canceled'] }));
    const before = emulator.requests.length;
    await expect(adapter.invoices.markPaid(canceled?.id ?? '')).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect(emulator.requests.slice(before).map((request) => request.method)).toEqual(['GET']);
  });

  it('cancel sets the vendor status; contacts are full CRUD', async () => {
    setUp();
    const [sent] = await collect(adapter.invoices.list({ status: ['sent'], type: ['invoice'] }));
    const { data } = await adapter.invoices.cancel(sent?.id ?? '');
    expect(data.status).toEqual({ canonical: 'canceled', raw: 'cancelled' });

    const created = await adapter.customers.create({
      name: 'Neu AG',
      email: 'info@neu.example',
      address: { street: 'Ring 1', city: 'Bonn', postalCode: '53111', country: 'DE' },
      customerNumber: 'K-99',
    });
    expect(created.data).toMatchObject({
      name: 'Neu AG',
      customerNumber: 'K-99',
      address: { city: 'Bonn' },
    });
    const updated = await adapter.customers.update(created.data.id, { phone: '+49 228 1' });
    expect(updated.data.phone).toBe('+49 228 1');
    expect(
      (await collect(adapter.customers.list({ name: 'neu' }))).map((customer) => customer.id),
    ).toEqual([created.data.id]);
    await adapter.customers.delete(created.data.id);
    await expect(adapter.customers.get(created.data.id)).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});
