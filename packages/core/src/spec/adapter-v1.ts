import type { Customer } from '../model/customer';
import type { CustomerCreateInput, CustomerUpdateInput } from '../model/customer';
import type { Invoice } from '../model/invoice';
import type { InvoiceCreateInput, InvoiceUpdateInput } from '../model/invoice-input';
import type {
  CustomerListQuery,
  InvoiceListQuery,
  MarkPaidInput,
  PdfOptions,
  SendInvoiceInput,
} from '../model/operation-input';
import type { Payment } from '../model/payment';
import type { Reminder } from '../model/reminder';
import type { RecordListing } from '../changes/record-listing';
import type { WebhookOperationsV1 } from '../webhooks/webhook-operations';
import type { AdapterCapabilities } from './capabilities';
import type { BinaryDocument, RawRequest, RawResponse, WriteResult } from './results';
import type { InvoiceWriteOptions, WriteOptions } from './warnings';

/** Options every read accepts. */
export interface ReadOptions {
  readonly signal?: AbortSignal;
}

/** Invoice operations. Reads return canonical invoices with the vendor object in `raw`. */
export interface InvoiceOperationsV1 {
  /**
   * Every invoice matching the query, paged lazily: one vendor page in memory at a time. Without a
   * query, every invoice the account holds (no vendor default window applies). With
   * `updatedSince`, the invoices changed since; the listing's `cursor()`, stored once it has been
   * read to its end, lists the changes after it next time.
   */
  list(query?: InvoiceListQuery, options?: ReadOptions): RecordListing<Invoice>;
  get(id: string, options?: ReadOptions): Promise<Invoice>;
  create(input: InvoiceCreateInput, options?: WriteOptions): Promise<WriteResult<Invoice>>;
  update(
    id: string,
    input: InvoiceUpdateInput,
    options?: WriteOptions,
  ): Promise<WriteResult<Invoice>>;
  delete(id: string, options?: WriteOptions): Promise<void>;
  /** Draft → issued; the vendor assigns the number. */
  finalize(id: string, options?: WriteOptions): Promise<WriteResult<Invoice>>;
  /** Issued → canceled. `options.current` may spare the adapter a read (see {@link InvoiceWriteOptions}). */
  cancel(id: string, options?: InvoiceWriteOptions): Promise<WriteResult<Invoice>>;
  /** Records a payment. `options.current` may spare the adapter a read (see {@link InvoiceWriteOptions}). */
  markPaid(
    id: string,
    input?: MarkPaidInput,
    options?: InvoiceWriteOptions,
  ): Promise<WriteResult<Invoice>>;
  send(id: string, input?: SendInvoiceInput, options?: WriteOptions): Promise<WriteResult<Invoice>>;
  downloadPdf(id: string, options?: PdfOptions & ReadOptions): Promise<BinaryDocument>;
  reminders(id: string, options?: ReadOptions): Promise<readonly Reminder[]>;
  /** Every payment the vendor holds against the invoice, oldest first, each its own record. */
  payments(id: string, options?: ReadOptions): Promise<readonly Payment[]>;
}

/** Customer operations. */
export interface CustomerOperationsV1 {
  /** Every customer matching the query, paged lazily; `updatedSince` and `cursor()` as for invoices. */
  list(query?: CustomerListQuery, options?: ReadOptions): RecordListing<Customer>;
  get(id: string, options?: ReadOptions): Promise<Customer>;
  create(input: CustomerCreateInput, options?: WriteOptions): Promise<WriteResult<Customer>>;
  update(
    id: string,
    input: CustomerUpdateInput,
    options?: WriteOptions,
  ): Promise<WriteResult<Customer>>;
  delete(id: string, options?: WriteOptions): Promise<void>;
}

/**
 * Which vendor account an adapter speaks to, safe to record and print: the provider id and the
 * account as the base URL without credentials (plus the login name where the vendor has one).
 * A migration journal is bound to its source's and target's identities.
 */
export interface AdapterIdentity {
  readonly provider: string;
  /** E.g. `https://acme.invoiceocean.com`, `https://app.monsum.com (owner@acme.example)`. */
  readonly account: string;
}

/**
 * Version 1 of the adapter specification: what every provider package implements. A change to
 * this interface is a breaking change and gets a new version beside it (`v2`), never an edit.
 */
export interface InvoiceAdapterV1 {
  readonly specificationVersion: 'v1';
  /** Provider id, e.g. `invoiceocean`. */
  readonly id: string;
  /**
   * The account this adapter speaks to; never a credential. Optional so that adapters written
   * against v1 before it existed still conform (every adapter in this repository has one).
   */
  readonly identity?: AdapterIdentity;
  readonly capabilities: AdapterCapabilities;
  readonly invoices: InvoiceOperationsV1;
  readonly customers: CustomerOperationsV1;
  /**
   * The vendor's webhook deliveries read into canonical events; rejects with
   * `UnsupportedOperationError` where `capabilities.webhooks` is `false`. Optional so that
   * adapters written against v1 before it existed still conform (every adapter here has it).
   */
  readonly webhooks?: WebhookOperationsV1;
  /** A vendor call that the canonical API does not cover, with the adapter's auth and retries. */
  request<T = unknown>(request: RawRequest): Promise<RawResponse<T>>;
  /** Releases sockets and timers. */
  close(): Promise<void>;
}
