import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ValidationError } from '@invoicekit/core';
import { serveEmulator, type ServedEmulator } from '@invoicekit/core/emulator';
import { createFakeClock, type FakeClock } from '@invoicekit/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInvoiceOceanEmulator } from './emulator';
import { createInvoiceOceanAdapter } from './index';

/** Changes since a cursor (docs/vendors/invoiceocean.md "Changes since"), against the emulator on loopback. */
const TOKEN = 'changes-token-2718';
const PAGE = 2;
const MINUTES = 60_000;
let clock: FakeClock;
let served: ServedEmulator;
let emulator: ReturnType<typeof createInvoiceOceanEmulator>;
let adapter: ReturnType<typeof createInvoiceOceanAdapter>;

beforeEach(async () => {
  clock = createFakeClock(Date.UTC(2026, 10, 30, 8));
  // One clock for both: the vendor's stamps and the listing's start are compared.
  emulator = createInvoiceOceanEmulator({
    apiToken: TOKEN,
    account: 'acme',
    clock: { now: () => new Date(clock.now()) },
  });
  served = await serveEmulator(emulator);
  adapter = createInvoiceOceanAdapter({
    apiToken: `${TOKEN}/acme`,
    baseUrl: served.baseUrl,
    pageSize: PAGE,
    clock,
  });
});
afterEach(async () => {
  await adapter.close();
  await served.close();
});

const line = { description: 'Work', quantity: '1', unitPrice: '100', taxRate: 23 };

async function createInvoices(count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const { data } = await adapter.invoices.create({
      currency: 'PLN',
      customer: { snapshot: { name: `Buyer ${index} Sp. z o.o.` } },
      lines: [line],
    });
    ids.push(data.id);
  }
  return ids;
}

async function listed<T extends { id: string }>(listing: AsyncIterable<T>): Promise<string[]> {
  const ids: string[] = [];
  for await (const record of listing) ids.push(record.id);
  return ids;
}

/** The list requests (`GET /invoices.json`) the emulator received after `from`. */
const invoiceListCalls = (from: number) =>
  emulator.requests
    .slice(from)
    .filter((request) => request.method === 'GET' && request.path === '/invoices.json');
const clientListCalls = (from: number) =>
  emulator.requests
    .slice(from)
    .filter((request) => request.method === 'GET' && request.path === '/clients.json');

describe('invoices.list({ updatedSince }) and customers.list({ updatedSince })', () => {
  it('lists exactly the invoices paid partly, canceled and edited after the cursor, newest first, in ⌊changed/per_page⌋ + 1 calls', async () => {
    const ids = await createInvoices(6);
    clock.advance(10 * MINUTES);
    const everything = adapter.invoices.list();
    expect(await listed(everything)).toHaveLength(6);
    const cursor = everything.cursor();
    const customers = adapter.customers.list();
    expect(await listed(customers)).toHaveLength(6);
    const customerCursor = customers.cursor();

    clock.advance(10 * MINUTES);
    const [first, second, , fourth] = ids as [string, string, string, string];
    await adapter.invoices.markPaid(second, { amount: '50.00' });
    clock.advance(1000);
    await adapter.invoices.cancel(fourth);
    clock.advance(1000);
    await adapter.invoices.update(first, { notes: 'changed' });
    const customerIds = await listed(adapter.customers.list());
    const changedCustomer = customerIds[2] as string;
    await adapter.customers.update(changedCustomer, { email: 'new@buyer.example' });
    clock.advance(10 * MINUTES);

    const from = emulator.requests.length;
    const changes = adapter.invoices.list({ updatedSince: cursor });
    // Newest first: the vendor's order=updated_at.desc.
    expect(await listed(changes)).toEqual([first, fourth, second]);
    const calls = invoiceListCalls(from);
    // 3 changed, 2 per page: page 1 (2 changed), page 2 (1 changed, then an older one: stop).
    expect(calls).toHaveLength(Math.floor(3 / PAGE) + 1);
    expect(calls[0]?.query.order).toBe('updated_at.desc');
    expect(calls[0]?.query.period).toBe('all');

    const customerFrom = emulator.requests.length;
    expect(await listed(adapter.customers.list({ updatedSince: customerCursor }))).toEqual([
      changedCustomer,
    ]);
    // A full scan of 6 clients, 2 per page: 3 full pages and the empty one that ends the list.
    expect(clientListCalls(customerFrom)).toHaveLength(Math.floor(6 / PAGE) + 1);
  });

  it('asks for no page past the first older invoice, however many there are', async () => {
    await createInvoices(7);
    clock.advance(10 * MINUTES);
    const everything = adapter.invoices.list();
    await listed(everything);
    clock.advance(10 * MINUTES);
    const from = emulator.requests.length;
    // Nothing changed: one page, whose first invoice is already older.
    expect(await listed(adapter.invoices.list({ updatedSince: everything.cursor() }))).toEqual([]);
    expect(invoiceListCalls(from)).toHaveLength(1);
  });

  it('a cursor of customers passed to invoices is a ValidationError at updatedSince', async () => {
    const customers = adapter.customers.list();
    await listed(customers);
    const error = await listed(adapter.invoices.list({ updatedSince: customers.cursor() })).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual(['updatedSince']);
  });

  it('the emulator stamps every change from its clock, in the vendor format', async () => {
    const [id] = (await createInvoices(1)) as [string];
    clock.advance(7 * MINUTES);
    await adapter.invoices.markPaid(id, { amount: '10.00' });
    const invoice = await adapter.invoices.get(id);
    // 08:07 UTC on 30 November is 09:07 in Warsaw (+01:00), with milliseconds.
    expect(invoice.updatedAt).toBe('2026-11-30T09:07:00.000+01:00');
  });

  it.each([
    ['change_status', (id: string) => [`/invoices/${id}/change_status.json?status=accepted`, {}]],
    [
      'send_by_email',
      (id: string) => [`/invoices/${id}/send_by_email.json`, { email_to: 'a@b.example' }],
    ],
    ['cancel', (id: string) => ['/invoices/cancel.json', { cancel_invoice_id: id }]],
  ] as const)('the emulator stamps %s from its clock', async (_action, request) => {
    const [id] = (await createInvoices(1)) as [string];
    clock.advance(11 * MINUTES);
    const [path, body] = request(id);
    const response = await fetch(`${served.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ api_token: TOKEN, ...body }),
    });
    expect(response.status).toBe(200);
    expect((await adapter.invoices.get(id)).updatedAt).toBe('2026-11-30T09:11:00.000+01:00');
  });

  it('the emulator stamps a customer update from its clock', async () => {
    await createInvoices(1);
    const [customerId] = (await listed(adapter.customers.list())) as [string];
    clock.advance(13 * MINUTES);
    const { data } = await adapter.customers.update(customerId, { email: 'x@y.example' });
    expect(data.updatedAt).toBe('2026-11-30T09:13:00.000+01:00');
  });
});

// tsx as the child's loader, as the migrate crash test starts its child.
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const child = fileURLToPath(new URL('./__fixtures__/changes-child.ts', import.meta.url));
const tsconfig = fileURLToPath(new URL('../../../tsconfig.json', import.meta.url));

function runChild(env: Record<string, string>): Promise<{ ids: string[]; cursor: string }> {
  return new Promise((resolve, reject) => {
    const process_ = spawn(
      process.execPath,
      ['--import', tsx, '--conditions=@invoicekit/source', child],
      {
        env: { ...process.env, TSX_TSCONFIG_PATH: tsconfig, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    process_.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    process_.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    process_.on('exit', (code) => {
      if (code === 0) resolve(JSON.parse(stdout) as { ids: string[]; cursor: string });
      else reject(new Error(`the child failed (${code}): ${stderr.slice(-2000)}`));
    });
  });
}

describe('a cursor resumed in another process', () => {
  it('lists exactly the changes made after the first process stored its cursor', async () => {
    const [first, second, third] = (await createInvoices(3)) as [string, string, string];
    clock.advance(10 * MINUTES);
    const everything = adapter.invoices.list();
    await listed(everything);
    clock.advance(10 * MINUTES);
    await adapter.invoices.update(first, { notes: 'before the cursor was stored' });
    clock.advance(10 * MINUTES);
    const changes = adapter.invoices.list({ updatedSince: everything.cursor() });
    expect(await listed(changes)).toEqual([first]);
    const stored = changes.cursor();

    clock.advance(10 * MINUTES);
    await adapter.invoices.markPaid(third, { amount: '20.00' });
    clock.advance(10 * MINUTES);

    const resumed = await runChild({
      IO_BASE_URL: served.baseUrl,
      IO_TOKEN: `${TOKEN}/acme`,
      IO_CURSOR: stored,
    });
    expect(resumed.ids).toEqual([third]);
    expect(resumed.ids).not.toContain(second);
    expect(resumed.cursor).toMatch(/^ikc1\./);
  }, 30_000);
});
