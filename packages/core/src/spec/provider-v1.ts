import type { z } from 'zod';
import type { HttpTransport } from '../http/transport';
import type {
  Customer,
  ParsedCustomerCreateInput,
  ParsedCustomerUpdateInput,
} from '../model/customer';
import type { Invoice } from '../model/invoice';
import type { ParsedInvoiceCreateInput, ParsedInvoiceUpdateInput } from '../model/invoice-input';
import type {
  ParsedCustomerListQuery,
  ParsedInvoiceListQuery,
  ParsedMarkPaidInput,
  ParsedPdfOptions,
  ParsedSendInvoiceInput,
} from '../model/operation-input';
import type { Payment } from '../model/payment';
import type { DescribableRules } from './field-writer';
import type { Reminder } from '../model/reminder';
import type { BinaryDocument } from './results';
import type { Clock } from '../http/clock';
import type { WebhookProviderV1 } from '../webhooks/webhook-provider';
import type { AdapterWarning } from './warnings';

/** A canonical invoice create as a provider receives it: validated, `providerOptions` taken out. */
export type InvoiceCreateFields = Omit<ParsedInvoiceCreateInput, 'providerOptions'>;
/** A canonical invoice update as a provider receives it (only the fields to change). */
export type InvoiceUpdateFields = Omit<ParsedInvoiceUpdateInput, 'providerOptions'>;
/** A canonical customer create as a provider receives it. */
export type CustomerCreateFields = Omit<ParsedCustomerCreateInput, 'providerOptions'>;
/** A canonical customer update as a provider receives it. */
export type CustomerUpdateFields = Omit<ParsedCustomerUpdateInput, 'providerOptions'>;

/** What every provider operation is given besides its input. */
export interface ProviderCallContext {
  /** `invoices.create`, `customers.get` …: the transport's `operation` and error messages. */
  readonly operation: string;
  readonly signal: AbortSignal | undefined;
  /**
   * `markPaid` and `cancel` only: the invoice as the caller holds it (checked to be this
   * provider's record of the id), to plan from instead of reading it first. See
   * `InvoiceWriteOptions.current`.
   */
  readonly current?: Invoice | undefined;
}

/**
 * What a write is given besides its input: the caller's `providerOptions[<provider id>]`,
 * validated by the provider's schema (`undefined` when the caller gave none).
 */
export interface ProviderWriteContext<Options> extends ProviderCallContext {
  readonly options: Options | undefined;
}

/** What a provider's write returns: the canonical record, and anything learnt while writing. */
export interface ProviderWriteResult<T> {
  readonly data: T;
  /** Warnings learnt while sending, added after the plan's (a record that already existed …). */
  readonly warnings?: readonly AdapterWarning[];
  readonly requestId?: string | undefined;
  /** An idempotent create found the record an earlier create had made. */
  readonly existed?: true;
}

/**
 * A write prepared but not yet sent: the warnings of what cannot be carried, known before
 * anything is written, and the write itself. Core applies strict mode between the two, so a
 * strict call with warnings never reaches `send`. Preparing may read from the vendor; it never
 * writes.
 */
export interface WritePlan<T> {
  readonly warnings: readonly AdapterWarning[];
  send(): Promise<ProviderWriteResult<T>>;
}

type MaybePromise<T> = T | Promise<T>;

/**
 * Invoice operations of a provider. Each one is optional: an operation left out is `false` in
 * the adapter's capabilities and rejects with `UnsupportedOperationError` before any request.
 * Ids are validated canonical ids; inputs are parsed canonical inputs.
 */
export interface InvoiceProviderOperationsV1<InvoiceOptions> {
  /**
   * Every invoice matching the query, paged lazily. The vendor filters what it can; core checks
   * every canonical filter again on what comes back, so a provider may return more, never fewer.
   * `query.updatedSince` arrives as an ISO 8601 UTC instant: list at least every invoice updated
   * at or after it, by the vendor's own filter or the cheapest correct strategy it allows.
   */
  list?(query: ParsedInvoiceListQuery, context: ProviderCallContext): AsyncIterable<Invoice>;
  get?(id: string, context: ProviderCallContext): Promise<Invoice>;
  create?(
    input: InvoiceCreateFields,
    context: ProviderWriteContext<InvoiceOptions>,
  ): MaybePromise<WritePlan<Invoice>>;
  update?(
    id: string,
    input: InvoiceUpdateFields,
    context: ProviderWriteContext<InvoiceOptions>,
  ): MaybePromise<WritePlan<Invoice>>;
  delete?(id: string, context: ProviderCallContext): Promise<void>;
  finalize?(id: string, context: ProviderCallContext): Promise<ProviderWriteResult<Invoice>>;
  cancel?(id: string, context: ProviderCallContext): Promise<ProviderWriteResult<Invoice>>;
  markPaid?(
    id: string,
    input: ParsedMarkPaidInput,
    context: ProviderCallContext,
  ): MaybePromise<WritePlan<Invoice>>;
  send?(
    id: string,
    input: ParsedSendInvoiceInput,
    context: ProviderCallContext,
  ): MaybePromise<WritePlan<Invoice>>;
  downloadPdf?(
    id: string,
    options: ParsedPdfOptions,
    context: ProviderCallContext,
  ): Promise<BinaryDocument>;
  reminders?(id: string, context: ProviderCallContext): Promise<readonly Reminder[]>;
  /**
   * The invoice's payment records, where the vendor lists them apart from the invoice; absent,
   * core reads them from `get(id).payments`.
   */
  payments?(id: string, context: ProviderCallContext): Promise<readonly Payment[]>;
}

/** Customer operations of a provider; optional like the invoice operations. */
export interface CustomerProviderOperationsV1<CustomerOptions> {
  /** Every customer matching the query; core checks every filter again on what comes back. */
  list?(query: ParsedCustomerListQuery, context: ProviderCallContext): AsyncIterable<Customer>;
  get?(id: string, context: ProviderCallContext): Promise<Customer>;
  create?(
    input: CustomerCreateFields,
    context: ProviderWriteContext<CustomerOptions>,
  ): MaybePromise<WritePlan<Customer>>;
  update?(
    id: string,
    input: CustomerUpdateFields,
    context: ProviderWriteContext<CustomerOptions>,
  ): MaybePromise<WritePlan<Customer>>;
  delete?(id: string, context: ProviderCallContext): Promise<void>;
}

/**
 * Version 1 of the provider contract: what a provider package writes, and all it writes, for
 * core's {@link defineAdapter} to implement `InvoiceAdapterV1` over it. Vendor work only — the
 * operations the vendor has, on canonical input that core has already validated; the typed vendor
 * client they call; the transport that carries the adapter's auth.
 */
export interface InvoiceProviderV1<
  Vendor = undefined,
  InvoiceOptions = undefined,
  CustomerOptions = undefined,
> {
  readonly specificationVersion: 'v1';
  /** Provider id, e.g. `invoiceocean`. */
  readonly id: string;
  /** Name shown when the adapter is printed (`InvoiceOceanAdapter { … }`). */
  readonly adapterName: string;
  /** The transport of the canonical operations: `adapter.request()` and the identity use it. */
  readonly transport: HttpTransport;
  /** The vendor's login name, when it has one besides its base URL (never a secret). */
  readonly login?: string;
  /** The typed vendor client, exposed as `adapter.vendor`. */
  readonly vendor: Vendor;
  /** Schemas of `providerOptions[<id>]` for invoice and customer writes; absent: none taken. */
  readonly providerOptions?: {
    readonly invoice?: z.ZodType<InvoiceOptions>;
    readonly customer?: z.ZodType<CustomerOptions>;
  };
  /** Facts about the vendor that are not operations. */
  readonly features: {
    /** `markPaid({ amount })` below the amount due is accepted. */
    readonly partialPayments: boolean;
    /** Creating twice with one `externalId` yields one invoice. */
    readonly idempotentCreate: boolean;
    /** Invoices are created as drafts and must be finalized. */
    readonly drafts: boolean;
  };
  /**
   * The vendor's own check of an id, after core's: throw to refuse it (a `ValidationError`, or a
   * `NotFoundError` for an id that can name no record there). Runs before the input is read, so
   * a bad id is the first thing reported, and nothing is sent.
   */
  checkId?(
    id: string,
    context: { readonly operation: string; readonly record: 'invoice' | 'customer' },
  ): void;
  readonly invoices: InvoiceProviderOperationsV1<InvoiceOptions>;
  readonly customers: CustomerProviderOperationsV1<CustomerOptions>;
  /** The vendor's webhooks; absent where it sends none (`capabilities.webhooks` is `false`). */
  readonly webhooks?: WebhookProviderV1;
  /** The adapter's clock: when a listing starts, for its change cursor. The system's by default. */
  readonly clock?: Pick<Clock, 'now'>;
  /**
   * The writers' field rules (`FieldRules` tables) of invoice and customer creates: data from
   * which the field capability table is generated (`describeFields`). Absent: not described.
   */
  readonly fieldRules?: {
    readonly invoice?: DescribableRules;
    readonly customer?: DescribableRules;
  };
  /** Releases what the provider holds beyond its transport (core closes the transport). */
  close?(): Promise<void>;
}
