import type { AdapterCapabilities } from '@invoicekit/core';

/**
 * What the method-style API can do. Invoices start as drafts and are completed (`finalize`);
 * `setpaid` marks the whole invoice paid, so there are no partial payments; creates are made
 * exactly-once by looking up `INVOICE_EXT_UID` before anything is repeated.
 */
export const BILLOMAT_STYLE_CAPABILITIES: AdapterCapabilities = {
  invoices: {
    list: true,
    get: true,
    create: true,
    update: true,
    delete: true,
    finalize: true,
    cancel: true,
    markPaid: true,
    partialPayments: false,
    send: true,
    downloadPdf: true,
    reminders: true,
  },
  customers: { list: true, get: true, create: true, update: true, delete: true },
  idempotentCreate: true,
  drafts: true,
};

/**
 * The capabilities of one endpoint. Classic FastBill has no `INVOICE_EXT_UID` (reference §1.4):
 * nothing can find a create whose answer was lost, so creates there are not exactly-once.
 */
export function capabilitiesFor(endpoint: 'monsum' | 'fastbill'): AdapterCapabilities {
  return endpoint === 'fastbill'
    ? { ...BILLOMAT_STYLE_CAPABILITIES, idempotentCreate: false }
    : BILLOMAT_STYLE_CAPABILITIES;
}
