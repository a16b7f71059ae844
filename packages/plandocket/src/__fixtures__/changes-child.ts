/**
 * A second process resuming a change listing: given the stored cursor and the emulator's base URL
 * (environment), it lists the invoices changed since and prints their ids and the next cursor as
 * JSON. Its clock is fixed at `PD_NOW_MS`, the parent's fake time, so the cursor it returns is
 * the one the parent expects.
 */
import { createFakeClock } from '@invoicekit/core/testing';
import { createPlandocketAdapter } from '../index';

const { PD_BASE_URL, PD_API_KEY, PD_CURSOR, PD_NOW_MS } = process.env;
if (!PD_BASE_URL || !PD_API_KEY || !PD_CURSOR || !PD_NOW_MS)
  throw new Error('PD_BASE_URL, PD_API_KEY, PD_CURSOR and PD_NOW_MS are required');

const adapter = createPlandocketAdapter({
  baseUrl: PD_BASE_URL,
  apiKey: PD_API_KEY,
  pageSize: 2,
  clock: createFakeClock(Number(PD_NOW_MS)),
});
const listing = adapter.invoices.list({ updatedSince: PD_CURSOR });
const ids: string[] = [];
for await (const invoice of listing) ids.push(invoice.id);
process.stdout.write(JSON.stringify({ ids, cursor: listing.cursor() }));
await adapter.close();
