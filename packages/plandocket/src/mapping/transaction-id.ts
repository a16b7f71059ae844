import { randomUUID } from 'node:crypto';

const PREFIX = 'invoicekit:';

/**
 * The transaction id `markPaid` writes when the caller gives no reference: unique to the call, so
 * a payment whose answer was lost is found again by it and never sent twice.
 */
export function adapterTransactionId(invoiceId: string): string {
  return `${PREFIX}${invoiceId}:${randomUUID()}`;
}

/** The adapter's own transaction id is no reference of the caller's: it is not read as one. */
export function isAdapterTransactionId(transactionId: string): boolean {
  return transactionId.startsWith(PREFIX);
}
