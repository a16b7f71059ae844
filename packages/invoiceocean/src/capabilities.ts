import type { AdapterCapabilities } from '@invoicekit/core';

/**
 * What the InvoiceOcean family can do through its API. It has no drafts (an invoice is issued when
 * created), so `finalize` is unsupported; reminders are only a VosFactures report, not per invoice.
 */
export const INVOICEOCEAN_CAPABILITIES: AdapterCapabilities = {
  invoices: {
    list: true,
    get: true,
    create: true,
    update: true,
    delete: true,
    finalize: false,
    cancel: true,
    markPaid: true,
    partialPayments: true,
    send: true,
    downloadPdf: true,
    reminders: false,
  },
  customers: { list: true, get: true, create: true, update: true, delete: true },
  idempotentCreate: true,
  drafts: false,
};
