import type { AdapterCapabilities } from '@invoicekit/core';

/**
 * What Plandocket's API can do: read and list invoices, update notes / due date / status (so
 * cancel), record payments (partial ones too), and manage contacts. Invoices are made inside
 * Plandocket — the API has no create, delete, finalize, send, PDF or reminder call — so those are
 * `false` and reject with `UnsupportedOperationError` before any request.
 */
export const PLANDOCKET_CAPABILITIES: AdapterCapabilities = {
  invoices: {
    list: true,
    get: true,
    create: false,
    update: true,
    delete: false,
    finalize: false,
    cancel: true,
    markPaid: true,
    partialPayments: true,
    send: false,
    downloadPdf: false,
    reminders: false,
  },
  customers: { list: true, get: true, create: true, update: true, delete: true },
  idempotentCreate: false,
  drafts: false,
};
