/**
 * A second process resuming a listing of changes: given the emulator's BASE_URL, a cursor stored
 * by another process (read from CURSOR_FILE) and the time NOW_MS, it lists the invoices changed
 * since the cursor and prints `{"ids": [...], "cursor": "..."}` — the cursor to store next.
 */
import { readFileSync } from 'node:fs';
import { createFakeClock } from '@invoicekit/core/testing';
import { createBillomatStyleAdapter } from '../index';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const adapter = createBillomatStyleAdapter({
  email: env('EMAIL'),
  apiKey: env('API_KEY'),
  baseUrl: env('BASE_URL'),
  // The parent's fake time: the cursor this listing hands on is measured from it.
  clock: createFakeClock(Number(env('NOW_MS'))),
});
const listing = adapter.invoices.list({ updatedSince: readFileSync(env('CURSOR_FILE'), 'utf8') });
const ids: string[] = [];
for await (const invoice of listing) ids.push(invoice.id);
process.stdout.write(JSON.stringify({ ids, cursor: listing.cursor() }));
await adapter.close();
