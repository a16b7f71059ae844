import type { Invoice } from '@invoicekit/core';
import type { MethodStyleClient, VendorRecord } from '../client/method-client';
import { notFound } from '../errors/not-found';
import { toCanonicalInvoice } from '../mapping/to-canonical-invoice';

/** How the invoice operations read invoices: the vendor record, and the canonical invoice. */
export interface InvoiceReader {
  /** A vendor record → canonical, "overdue" measured against today in Berlin. */
  read(raw: unknown): Invoice;
  /** The `invoice.get` record of an id; `NotFoundError` when there is none. */
  record(id: string, signal: AbortSignal | undefined): Promise<VendorRecord>;
  /** The canonical invoice of an id; `NotFoundError` when there is none. */
  fetch(id: string, signal: AbortSignal | undefined): Promise<Invoice>;
}

/** The reader over a client; `today` is the adapter's business day, made once per adapter. */
export function invoiceReader(client: MethodStyleClient, today: () => string): InvoiceReader {
  const read = (raw: unknown): Invoice => toCanonicalInvoice(raw, { today: today() });
  const record = async (id: string, signal: AbortSignal | undefined): Promise<VendorRecord> => {
    const found = await client.findInvoice(id, signal);
    if (!found) throw notFound('invoice', id);
    return found;
  };
  return { read, record, fetch: async (id, signal) => read(await record(id, signal)) };
}
