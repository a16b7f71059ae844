import type { InvoiceProviderV1 } from '../spec/provider-v1';

/** What Acme does that is not an operation. */
export const ACME_FEATURES: InvoiceProviderV1['features'] = {
  partialPayments: true,
  idempotentCreate: true,
  drafts: true,
};

/** Acme's business day (for "overdue" and default dates) is UTC. */
export const ACME_TIME_ZONE = 'UTC';

/** Largest page Acme serves. */
export const ACME_MAX_PAGE_SIZE = 50;
