import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CHANGE_CURSOR_OVERLAP_MS, ValidationError } from '@invoicekit/core';
import { serveEmulator, type ServedEmulator } from '@invoicekit/core/emulator';
import { collect, createFakeClock, type FakeClock } from '@invoicekit/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPlandocketEmulator, type PlandocketEmulator } from './emulator';
import { createPlandocketAdapter, type PlandocketAdapter } from './index';

const API_KEY = 'pd-changes-key-8c1d4e2f';
/** Five invoices at two per page: a full listing is ⌈5/2⌉ = 3 calls (docs: "Changes since"). */
const PAGE_SIZE = 2;
const TEN_MINUTES = 10 * 60_000;

// tsx as the child's loader, with the workspace sources (as the migrate crash test runs its child).
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const child = fileURLToPath(new URL('./__fixtures__/changes-child.ts', import.meta.url));
const tsconfig = fileURLToPath(new URL('../../../tsconfig.json', import.meta.url));

let clock: FakeClock;
let emulator: PlandocketEmulator;
let served: ServedEmulator;
let adapter: PlandocketAdapter;

beforeEach(async () => {
  // One fake clock for the emulator's updated_at and the adapter's listing start.
  clock = createFakeClock(Date.UTC(2026, 10, 20, 9));
  emulator = createPlandocketEmulator({ apiKey: API_KEY, now: () => new Date(clock.now()) });
  emulator.seed({
    contacts: [
      { id: 12, customer_number: 'K-12', company_name: 'Messe GmbH', email: 'a@messe.example' },
      { id: 13, customer_number: 'K-13', first_name: 'Erika', last_name: 'Mustermann' },
    ],
    invoices: [1001, 1002, 1003, 1004, 1005].map((id) => ({
      id,
      contact_id: id % 2 === 0 ? 13 : 12,
      status: 'sent',
    })),
  });
  served = await serveEmulator(emulator);
  adapter = createPlandocketAdapter({
    baseUrl: served.baseUrl,
    apiKey: API_KEY,
    pageSize: PAGE_SIZE,
    clock,
  });
  // Past the overlap, so the first cursor lies after every seeded update time.
  clock.advance(TEN_MINUTES);
});

afterEach(async () => {
  await adapter.close();
  await served.close();
});

/** Lists with `updatedSince` and says what came and how many requests the emulator answered. */
async function listChanges(
  list: (query: { updatedSince?: string }) => AsyncIterable<{ id: string }> & {
    cursor(): string;
  },
  updatedSince?: string,
): Promise<{ ids: string[]; calls: number; cursor: string }> {
  const before = emulator.requestCount;
  const listing = list(updatedSince === undefined ? {} : { updatedSince });
  const ids = (await collect(listing)).map((record) => record.id).sort();
  return { ids, calls: emulator.requestCount - before, cursor: listing.cursor() };
}

/** Runs the child process on a stored cursor; resolves to what it printed. */
function resumeInChild(cursor: string): Promise<{ ids: string[]; cursor: string }> {
  return new Promise((resolve, reject) => {
    const process_ = spawn(
      process.execPath,
      ['--import', tsx, '--conditions=@invoicekit/source', child],
      {
        env: {
          ...process.env,
          TSX_TSCONFIG_PATH: tsconfig,
          PD_BASE_URL: served.baseUrl,
          PD_API_KEY: API_KEY,
          PD_CURSOR: cursor,
          PD_NOW_MS: String(clock.now()),
        },
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

describe('changes since a cursor: a full listing that core filters on updated_at', () => {
  it('lists exactly the invoices and customers changed after the cursor, in ⌈N/page⌉ calls', async () => {
    const invoicesAll = await listChanges((query) => adapter.invoices.list(query));
    expect(invoicesAll.ids).toEqual(['1001', '1002', '1003', '1004', '1005']);
    expect(invoicesAll.calls).toBe(3);
    const customersAll = await listChanges((query) => adapter.customers.list(query));
    expect(customersAll.ids).toEqual(['12', '13']);
    // The cursor is the listing's start less the overlap, per the adapter's clock.
    expect(
      Date.parse(
        JSON.parse(
          Buffer.from(invoicesAll.cursor.slice('ikc1.'.length), 'base64url').toString('utf8'),
        ).s as string,
      ),
    ).toBe(clock.now() - CHANGE_CURSOR_OVERLAP_MS);

    clock.advance(TEN_MINUTES);
    // A partial payment (its invoice is stamped too), a cancel, an edit of internal notes.
    await adapter.invoices.markPaid('1001', { amount: '10.00' });
    await adapter.invoices.cancel('1002');
    await adapter.invoices.update('1003', { internalNotes: 'Standnummer 14' });
    await adapter.customers.update('12', { email: 'buchhaltung@messe.example' });
    clock.advance(TEN_MINUTES);

    const invoicesChanged = await listChanges(
      (query) => adapter.invoices.list(query),
      invoicesAll.cursor,
    );
    expect(invoicesChanged.ids).toEqual(['1001', '1002', '1003']);
    // The vendor filters by no update time: still the whole list, ⌈5/2⌉ = 3 calls.
    expect(invoicesChanged.calls).toBe(3);
    const customersChanged = await listChanges(
      (query) => adapter.customers.list(query),
      customersAll.cursor,
    );
    expect(customersChanged.ids).toEqual(['12']);
    expect(customersChanged.calls).toBe(1);

    // Nothing changed since the last listing: nothing is listed, and the scan is the same.
    clock.advance(TEN_MINUTES);
    const nothing = await listChanges(
      (query) => adapter.invoices.list(query),
      invoicesChanged.cursor,
    );
    expect(nothing).toMatchObject({ ids: [], calls: 3 });
  });

  it('a payment deleted or recorded as pending still moves its invoice', async () => {
    const all = await listChanges((query) => adapter.invoices.list(query));
    clock.advance(TEN_MINUTES);
    const answer = await adapter.request({
      method: 'POST',
      path: '/api/v1/payments',
      body: { invoice_number: 'RE-2026-0004', amount: 5, status: 'pending' },
    });
    expect(answer.status).toBe(201);
    clock.advance(TEN_MINUTES);
    expect((await listChanges((query) => adapter.invoices.list(query), all.cursor)).ids).toEqual([
      '1004',
    ]);
  });

  it('a cursor of customers given to invoices is a ValidationError at updatedSince', async () => {
    const customers = await listChanges((query) => adapter.customers.list(query));
    const error = await collect(adapter.invoices.list({ updatedSince: customers.cursor })).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { path: 'updatedSince', message: expect.stringContaining('customers') },
    ]);
  });

  it('a cursor stored by one process is resumed by another: exactly the later changes', async () => {
    const first = await listChanges((query) => adapter.invoices.list(query));
    clock.advance(TEN_MINUTES);
    await adapter.invoices.markPaid('1004');
    await adapter.invoices.cancel('1005');
    clock.advance(TEN_MINUTES);

    const before = emulator.requestCount;
    const resumed = await resumeInChild(first.cursor);
    expect(resumed.ids.sort()).toEqual(['1004', '1005']);
    expect(emulator.requestCount - before).toBe(3);

    // And back: the child's cursor, used here, lists only what changed after the child listed.
    clock.advance(TEN_MINUTES);
    await adapter.invoices.update('1001', { internalNotes: 'nach dem Kind' });
    clock.advance(TEN_MINUTES);
    expect(
      (await listChanges((query) => adapter.invoices.list(query), resumed.cursor)).ids,
    ).toEqual(['1001']);
  }, 30_000);
});
