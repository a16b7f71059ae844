// A second process resuming a change listing: given the emulator's base URL, the token and the
// cursor the first process stored, it prints the ids of the invoices changed since, as JSON.
import { createInvoiceOceanAdapter } from '@invoicekit/invoiceocean';

const { IO_BASE_URL, IO_TOKEN, IO_CURSOR } = process.env;
if (!IO_BASE_URL || !IO_TOKEN || !IO_CURSOR) throw new Error('IO_BASE_URL, IO_TOKEN, IO_CURSOR');
const adapter = createInvoiceOceanAdapter({ apiToken: IO_TOKEN, baseUrl: IO_BASE_URL });
const ids: string[] = [];
const listing = adapter.invoices.list({ updatedSince: IO_CURSOR });
for await (const invoice of listing) ids.push(invoice.id);
process.stdout.write(JSON.stringify({ ids, cursor: listing.cursor() }));
await adapter.close();
