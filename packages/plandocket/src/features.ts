import type { InvoiceProviderV1 } from '@invoicekit/core';

/**
 * What Plandocket does that is not an operation: payments may be partial; invoices are made in
 * Plandocket's UI (no create), so there is neither an idempotent create nor a draft to finalize.
 */
export const PLANDOCKET_FEATURES: InvoiceProviderV1['features'] = {
  partialPayments: true,
  idempotentCreate: false,
  drafts: false,
};

/**
 * Plandocket's business day (for "overdue") is UTC: the API documents no time zone and writes
 * its timestamps in UTC.
 */
export const PLANDOCKET_TIME_ZONE = 'UTC';
