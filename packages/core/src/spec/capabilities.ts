/**
 * What an adapter can do. A `false` operation throws `UnsupportedOperationError` when called; the
 * conformance suite proves both directions.
 */
export interface AdapterCapabilities {
  readonly invoices: {
    readonly list: boolean;
    readonly get: boolean;
    readonly create: boolean;
    readonly update: boolean;
    readonly delete: boolean;
    /** Draft → issued (assigns the number). */
    readonly finalize: boolean;
    readonly cancel: boolean;
    readonly markPaid: boolean;
    /** Partial payments via `markPaid({ amount })`. */
    readonly partialPayments: boolean;
    readonly send: boolean;
    readonly downloadPdf: boolean;
    readonly reminders: boolean;
    /** `invoices.payments(id)`: the vendor's payment records of an invoice. */
    readonly payments: boolean;
  };
  readonly customers: {
    readonly list: boolean;
    readonly get: boolean;
    readonly create: boolean;
    readonly update: boolean;
    readonly delete: boolean;
  };
  /** Creating an invoice twice with the same `externalId` yields one invoice. */
  readonly idempotentCreate: boolean;
  /** Invoices can be created as drafts (and must then be finalized). */
  readonly drafts: boolean;
  /** The vendor sends webhooks that `adapter.webhooks.parse` reads. */
  readonly webhooks: boolean;
}

/** Every operation of the invoices namespace, as `invoices.<name>`. */
export const INVOICE_OPERATIONS = [
  'list',
  'get',
  'create',
  'update',
  'delete',
  'finalize',
  'cancel',
  'markPaid',
  'send',
  'downloadPdf',
  'reminders',
] as const;
/** One of {@link INVOICE_OPERATIONS}. */
export type InvoiceOperation = (typeof INVOICE_OPERATIONS)[number];

/** The customer operations of `InvoiceAdapterV1`, each a flag in `capabilities.customers`. */
export const CUSTOMER_OPERATIONS = ['list', 'get', 'create', 'update', 'delete'] as const;
/** One of {@link CUSTOMER_OPERATIONS}. */
export type CustomerOperation = (typeof CUSTOMER_OPERATIONS)[number];
