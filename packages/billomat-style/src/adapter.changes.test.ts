import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ValidationError } from '@invoicekit/core';
import { serveEmulator, type ServedEmulator } from '@invoicekit/core/emulator';
import { collect, createFakeClock } from '@invoicekit/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createMethodStyleEmulator, type MethodStyleSeed } from './emulator';
import { createBillomatStyleAdapter, type BillomatStyleAdapter } from './index';

/** Changes since a cursor (docs/vendors/method-style.md §20), against the emulator on loopback. */
const EMAIL = 'owner@acme.example';
const API_KEY = 'changes-key-5c81d2e7';
const MINUTE = 60_000;

// tsx as the child's loader, with the workspace sources (as the migration's crash test runs it).
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const child = fileURLToPath(new URL('./__fixtures__/changes-child.ts', import.meta.url));
const tsconfig = fileURLToPath(new URL('../../../tsconfig.json', import.meta.url));

let served: ServedEmulator | undefined;
let adapter: BillomatStyleAdapter | undefined;
let scratch: string | undefined;

afterEach(async () => {
  await adapter?.close();
  await served?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  adapter = undefined;
  served = undefined;
  scratch = undefined;
});

/** The emulator (on loopback) and an adapter, both reading one fake clock. */
async function setUp(startMs: number, seed: MethodStyleSeed) {
  const clock = createFakeClock(startMs);
  const emulator = createMethodStyleEmulator({
    email: EMAIL,
    apiKey: API_KEY,
    now: () => new Date(clock.now()),
  });
  emulator.seed(seed);
  served = await serveEmulator(emulator);
  adapter = createBillomatStyleAdapter({
    email: EMAIL,
    apiKey: API_KEY,
    baseUrl: served.baseUrl,
    clock,
  });
  return { clock, emulator, served, adapter };
}

/** The SERVICE and paging of every envelope the emulator received from `from` on. */
function pagesSince(emulator: ReturnType<typeof createMethodStyleEmulator>, from: number) {
  return emulator.requests.slice(from).map((request) => {
    const { SERVICE, LIMIT, OFFSET } = JSON.parse(request.body) as Record<string, unknown>;
    return [SERVICE, LIMIT, OFFSET];
  });
}

const ids = (records: readonly { id: string }[]) => records.map((record) => record.id).sort();

/** 230 issued invoices (three pages of 100), one of them part paid, and one draft. */
function bigSeed(): MethodStyleSeed {
  return {
    customers: [
      { CUSTOMER_ID: 42, ORGANIZATION: 'Muster GmbH' },
      { CUSTOMER_ID: 43, ORGANIZATION: 'Beispiel AG' },
    ],
    invoices: [
      ...Array.from({ length: 228 }, (_, index) => ({
        CUSTOMER_ID: index % 2 === 0 ? 42 : 43,
        INVOICE_DATE: '2026-11-15',
      })),
      // 119.00 gross; 50.00 of it received already.
      {
        CUSTOMER_ID: 42,
        INVOICE_DATE: '2026-11-16',
        PAYMENTS: [{ DATE: '2026-11-10', AMOUNT: '50.00' }],
      },
      { CUSTOMER_ID: 43, TYPE: 'draft' },
    ],
  };
}

describe('changes since a cursor: a scan of every page, filtered on LASTUPDATE', () => {
  it('lists exactly the invoices and customers changed after the cursor, in ⌊N/100⌋ + 1 calls', async () => {
    const { clock, emulator, adapter } = await setUp(Date.UTC(2026, 10, 20, 9), bigSeed());
    clock.advance(10 * MINUTE);

    const everything = adapter.invoices.list();
    const all = await collect(everything);
    expect(all).toHaveLength(230);
    const invoiceCursor = everything.cursor();
    const everyone = adapter.customers.list();
    expect(ids(await collect(everyone))).toEqual(['42', '43']);
    const customerCursor = everyone.cursor();

    const partPaid = all.find((invoice) => invoice.totals.paid === '50.00');
    const draft = all.find((invoice) => invoice.status.canonical === 'draft');
    const [canceled, partlyCanceled, untouched] = all.filter(
      (invoice) => invoice.status.canonical === 'issued',
    );
    if (!partPaid || !draft || !canceled || !partlyCanceled || !untouched)
      throw new Error('the seed lacks an invoice the test changes');

    clock.advance(10 * MINUTE);
    // The rest of the part-paid invoice: setpaid books it as a second payment record.
    await adapter.invoices.markPaid(partPaid.id, { date: '2026-11-20' });
    await adapter.invoices.cancel(canceled.id);
    // A partial cancellation (Storno of 10.00) exists only as the vendor's own call.
    await adapter.vendor.invoices.cancel({
      INVOICE_ID: partlyCanceled.id,
      CANCELLATION_AMOUNT: '10.00',
      DESCRIPTION: 'Gutschrift Porto',
    });
    // Only drafts can be edited.
    await adapter.invoices.update(draft.id, { notes: 'Bitte Bestellnummer angeben' });
    await adapter.customers.update('43', { email: 'buchhaltung@beispiel.example' });
    // Read, never written: not a change.
    await adapter.invoices.get(untouched.id);
    clock.advance(10 * MINUTE);

    const from = emulator.requestCount;
    const changes = adapter.invoices.list({ updatedSince: invoiceCursor });
    const changed = await collect(changes);
    expect(ids(changed)).toEqual([partPaid.id, canceled.id, partlyCanceled.id, draft.id].sort());
    // 230 invoices at 100 a page: ⌊230/100⌋ + 1 = 3 calls, the last page short.
    expect(pagesSince(emulator, from)).toEqual([
      ['invoice.get', 100, 0],
      ['invoice.get', 100, 100],
      ['invoice.get', 100, 200],
    ]);
    expect(changed.find((invoice) => invoice.id === partPaid.id)).toMatchObject({
      status: { canonical: 'paid' },
      totals: { paid: '119.00' },
      updatedAt: '2026-11-20T09:20:00Z',
    });

    const customersFrom = emulator.requestCount;
    const changedCustomers = await collect(
      adapter.customers.list({ updatedSince: customerCursor }),
    );
    expect(ids(changedCustomers)).toEqual(['43']);
    expect(pagesSince(emulator, customersFrom)).toEqual([['customer.get', 100, 0]]);

    // The cursor after the changes lists nothing more until something changes again.
    clock.advance(10 * MINUTE);
    expect(await collect(adapter.invoices.list({ updatedSince: changes.cursor() }))).toEqual([]);
  });

  it('with N a multiple of 100, the scan ends on an empty page: ⌊200/100⌋ + 1 = 3 calls', async () => {
    const { clock, emulator, adapter } = await setUp(Date.UTC(2026, 10, 20, 9), {
      customers: [{ CUSTOMER_ID: 42, ORGANIZATION: 'Muster GmbH' }],
      invoices: Array.from({ length: 200 }, () => ({ CUSTOMER_ID: 42 })),
    });
    clock.advance(10 * MINUTE);
    const from = emulator.requestCount;
    const listed = await collect(adapter.invoices.list({ updatedSince: '2026-11-20T09:05:00Z' }));
    expect(listed).toEqual([]);
    expect(pagesSince(emulator, from)).toEqual([
      ['invoice.get', 100, 0],
      ['invoice.get', 100, 100],
      ['invoice.get', 100, 200],
    ]);
  });

  it('refuses a cursor of customers on invoices: ValidationError at updatedSince, nothing sent', async () => {
    const { clock, emulator, adapter } = await setUp(Date.UTC(2026, 10, 20, 9), bigSeed());
    clock.advance(10 * MINUTE);
    const everyone = adapter.customers.list();
    await collect(everyone);
    const from = emulator.requestCount;
    const error: unknown = await collect(
      adapter.invoices.list({ updatedSince: everyone.cursor() }),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      expect.objectContaining({ path: 'updatedSince' }),
    ]);
    expect(emulator.requestCount).toBe(from);
  });

  it('keeps a change made in the second pass of the autumn fold (LASTUPDATE read as the later instant)', async () => {
    // Seeded at 01:50 summer time, before the fold; listed at 02:40 summer time (00:40Z).
    const { clock, adapter } = await setUp(Date.UTC(2026, 9, 24, 23, 50), {
      customers: [{ CUSTOMER_ID: 42, ORGANIZATION: 'Muster GmbH' }],
      invoices: [{ CUSTOMER_ID: 42 }, { CUSTOMER_ID: 42 }, { CUSTOMER_ID: 42 }],
    });
    clock.advance(50 * MINUTE);
    const everything = adapter.invoices.list();
    const [first, second] = await collect(everything);
    if (!first || !second) throw new Error('the seed lacks invoices');
    // The cursor points at 00:35Z, 02:35 summer time.
    const cursor = everything.cursor();

    // 01:20Z is 02:20 winter time: the wall clock shows 02:20 again, 15 minutes "before" the
    // cursor. Read as the first 02:20 (00:20Z), this change would be dropped.
    clock.advance(40 * MINUTE);
    await adapter.invoices.cancel(first.id);
    clock.advance(10 * MINUTE);

    const changed = await collect(adapter.invoices.list({ updatedSince: cursor }));
    expect(changed.map((invoice) => [invoice.id, invoice.updatedAt])).toEqual([
      [first.id, '2026-10-25T01:20:00Z'],
    ]);
  });
});

/** Runs the child listing in a process of its own; resolves with what it printed. */
function runChild(env: Record<string, string>): Promise<{ ids: string[]; cursor: string }> {
  return new Promise((resolve, reject) => {
    const process_ = spawn(
      process.execPath,
      ['--import', tsx, '--conditions=@invoicekit/source', child],
      {
        env: { ...process.env, TSX_TSCONFIG_PATH: tsconfig, EMAIL, API_KEY, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    process_.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    process_.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    process_.on('error', reject);
    process_.on('exit', (code) => {
      if (code === 0) resolve(JSON.parse(stdout) as { ids: string[]; cursor: string });
      else reject(new Error(`the child listing failed (${code}): ${stderr.slice(-2000)}`));
    });
  });
}

describe('a cursor resumed across processes', () => {
  it('a second process given the stored cursor lists exactly the changes made after it was stored', async () => {
    const { clock, served, adapter } = await setUp(Date.UTC(2026, 10, 20, 9), {
      customers: [{ CUSTOMER_ID: 42, ORGANIZATION: 'Muster GmbH' }],
      invoices: Array.from({ length: 5 }, () => ({ CUSTOMER_ID: 42 })),
    });
    scratch = mkdtempSync(join(tmpdir(), 'billomat-style-changes-'));
    const cursorFile = join(scratch, 'cursor');

    // This process reads everything and stores its cursor, as a sync job would on exit.
    clock.advance(10 * MINUTE);
    const everything = adapter.invoices.list();
    const all = await collect(everything);
    writeFileSync(cursorFile, everything.cursor());
    const [a, b, c] = all;
    if (!a || !b || !c) throw new Error('the seed lacks invoices');

    clock.advance(10 * MINUTE);
    await adapter.invoices.cancel(a.id);
    await adapter.invoices.markPaid(b.id, {});
    clock.advance(10 * MINUTE);

    const resumed = await runChild({
      BASE_URL: served.baseUrl,
      CURSOR_FILE: cursorFile,
      NOW_MS: String(clock.now()),
    });
    expect(resumed.ids.sort()).toEqual([a.id, b.id].sort());

    // The child's cursor, stored and resumed by yet another process, starts after those changes.
    writeFileSync(cursorFile, resumed.cursor);
    clock.advance(10 * MINUTE);
    await adapter.invoices.cancel(c.id);
    clock.advance(10 * MINUTE);
    const again = await runChild({
      BASE_URL: served.baseUrl,
      CURSOR_FILE: cursorFile,
      NOW_MS: String(clock.now()),
    });
    expect(again.ids).toEqual([c.id]);
  }, 60_000);
});
