import type { InvoiceProviderV1 } from '@invoicekit/core';

/** The two products that speak the method-style envelope. */
export type MethodStyleEndpoint = 'monsum' | 'fastbill';

/**
 * What the method-style API does that is not an operation. Invoices start as drafts and are
 * completed (`finalize`); `setpaid` marks the whole invoice paid, so the API makes no partial
 * payments (those the vendor holds, in `PAYMENTS[]`, are still read as records); Monsum's creates are exactly-once by looking up `INVOICE_EXT_UID` before anything is
 * repeated. Classic FastBill has no `INVOICE_EXT_UID` (docs/vendors/method-style.md §1.4): nothing
 * can find a create whose answer was lost, so creates there are not exactly-once.
 */
export function billomatStyleFeatures(
  endpoint: MethodStyleEndpoint,
): InvoiceProviderV1['features'] {
  return { partialPayments: false, idempotentCreate: endpoint === 'monsum', drafts: true };
}

/** The vendors are German: "today" (for overdue) is the calendar day in Berlin. */
export const BILLOMAT_STYLE_TIME_ZONE = 'Europe/Berlin';

/** Largest `LIMIT` the vendor serves per `*.get` page. */
export const BILLOMAT_STYLE_MAX_PAGE_SIZE = 100;
