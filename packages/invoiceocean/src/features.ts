import type { InvoiceProviderV1 } from '@invoicekit/core';

/**
 * What the InvoiceOcean family does that is not an operation. It has no drafts (an invoice is
 * issued when created); a create carrying `externalId` is exactly-once through `oid` +
 * `oid_unique`; a banking payment may be any part of what is due.
 */
export const INVOICEOCEAN_FEATURES: InvoiceProviderV1['features'] = {
  partialPayments: true,
  idempotentCreate: true,
  drafts: false,
};

/** The vendor's business day (due dates, "overdue") is Polish: Europe/Warsaw. */
export const INVOICEOCEAN_TIME_ZONE = 'Europe/Warsaw';

/** Largest page the vendor serves (`per_page`). */
export const INVOICEOCEAN_MAX_PAGE_SIZE = 100;
