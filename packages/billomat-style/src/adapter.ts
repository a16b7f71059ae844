import 'reflect-metadata';
import { inspect } from 'node:util';
import {
  CustomerCreateInputSchema,
  CustomerListQuerySchema,
  CustomerUpdateInputSchema,
  IdSchema,
  InvoiceCreateInputSchema,
  InvoiceListQuerySchema,
  InvoiceUpdateInputSchema,
  MarkPaidInputSchema,
  NotFoundError,
  PdfOptionsSchema,
  ProviderError,
  SendInvoiceInputSchema,
  TOKENS,
  UnsupportedOperationError,
  ValidationError,
  adapterSummary,
  identityOf,
  type AdapterIdentity,
  deferIterable,
  enforceStrict,
  forwardRawRequest,
  inspectAdapter,
  parseInput,
  planPayment,
  parseProviderOptions,
  toDecimal,
  type AdapterCapabilities,
  type AdapterWarning,
  type BinaryDocument,
  type Clock,
  type Customer,
  type CustomerCreateInput,
  type CustomerListQuery,
  type CustomerUpdateInput,
  type HttpTransport,
  type Invoice,
  type InvoiceAdapterV1,
  type InvoiceCreateInput,
  type InvoiceListQuery,
  type InvoiceUpdateInput,
  type MarkPaidInput,
  type ParsedInvoiceCreateInput,
  type PdfOptions,
  type RawRequest,
  type RawResponse,
  type ReadOptions,
  type Reminder,
  type SendInvoiceInput,
  type WriteOptions,
  type WriteResult,
} from '@invoicekit/core';
import { inject, injectable } from 'tsyringe';
import { capabilitiesFor } from './capabilities';
import { CREATE_SERIALIZER, type CreateSerializer } from './create-lock';
import { MethodStyleClient, type VendorRecord } from './client/method-client';
import { InvoiceDataSchema } from './client/service-inputs';
import type { BillomatStyleConfig } from './config';
import { answerId, textOf } from './envelope/envelope';
import {
  fromCanonicalCustomer,
  fromCanonicalInvoice,
  type InvoiceData,
} from './mapping/from-canonical';
import {
  toCanonicalCustomer,
  toCanonicalInvoice,
  toCanonicalReminder,
} from './mapping/to-canonical';
import { BillomatStyleInvoiceOptionsSchema } from './provider-options';
import { BILLOMAT_STYLE } from './provider-id';
import { VENDOR_ID } from './wire/vendor-id';
import { berlinDateAt } from './wire/vendor-values';

/**
 * An invoice number as a file name: letters, digits, `.`, `-` and `_` kept, anything else
 * (`/`, `\\`, control characters) replaced, no leading dots, at most 100 characters — so a
 * vendor's `INVOICE_NUMBER` of `../../.bashrc` names no other directory.
 */
function safeFileStem(text: string): string {
  return text
    .replace(/[^\p{L}\p{N}._-]+/gu, '_')
    .replace(/^[._]+/, '')
    .slice(0, 100);
}

/** The vendor answers an unknown id as a missing field; the caller asked for a record. */
function isMissingId(error: unknown, tag: string): boolean {
  return (
    error instanceof ValidationError &&
    error.provider === BILLOMAT_STYLE &&
    error.issues.some((issue) => issue.path === tag)
  );
}

/**
 * The canonical adapter (specification v1) for the method-style API (FastBill / Monsum). Every
 * call is one POSTed envelope; reads keep the vendor record in `raw`; `vendor` reaches every
 * service of the reference with typed inputs.
 */
@injectable()
export class BillomatStyleAdapter implements InvoiceAdapterV1 {
  readonly specificationVersion = 'v1' as const;
  readonly id = BILLOMAT_STYLE;
  readonly capabilities: AdapterCapabilities;

  /** The vendor's services, typed: `vendor.invoices.sendByPost(id)`, `vendor.items.get(id)` … */
  readonly vendor: MethodStyleClient;

  /** Only what the adapter needs of the config: the key stays inside the transport's auth. */
  private readonly settings: {
    readonly pageSize: number;
    readonly origin: string;
    readonly endpoint: 'monsum' | 'fastbill';
    /** The account (login e-mail, not a secret): creates are serialised per account. */
    readonly account: string;
  };

  /** The account this adapter speaks to (its base URL, credentials redacted). */
  get identity(): AdapterIdentity {
    return identityOf(this.id, this.transport, this.settings.account);
  }

  constructor(
    @inject(TOKENS.Transport) private readonly transport: HttpTransport,
    @inject(TOKENS.ProviderConfig) config: BillomatStyleConfig,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(CREATE_SERIALIZER) private readonly creates: CreateSerializer,
  ) {
    this.vendor = new MethodStyleClient(transport, config.pageSize);
    this.settings = {
      pageSize: config.pageSize,
      origin: new URL(config.baseUrl).origin,
      endpoint: config.endpoint,
      account: config.email.toLowerCase(),
    };
    this.capabilities = capabilitiesFor(config.endpoint);
  }

  /**
   * A canonical id checked before use. The vendor's ids are integers: any other id names no
   * record there, so it is not found — and it is never put into an envelope.
   */
  private checkedId(
    id: string,
    operation: string,
    kind: 'invoice' | 'customer' = 'invoice',
  ): string {
    const checked = parseInput(IdSchema, id, {
      provider: BILLOMAT_STYLE,
      operation,
      basePath: ['id'],
    }).trim();
    if (!VENDOR_ID.test(checked)) throw this.notFound(kind, checked);
    return checked;
  }

  private read(raw: unknown): Invoice {
    return toCanonicalInvoice(raw, { today: berlinDateAt(this.clock.now()) });
  }

  private notFound(kind: 'invoice' | 'customer', id: string): NotFoundError {
    // A caller's id, shown cut short: it could be anything the caller passed.
    const shown = id.length > 40 ? `${id.slice(0, 40)}…` : id;
    return new NotFoundError({
      provider: BILLOMAT_STYLE,
      message: `${kind} ${shown} does not exist`,
    });
  }

  private async rawInvoice(id: string, signal?: AbortSignal): Promise<VendorRecord> {
    const found = await this.vendor.findInvoice(id, signal);
    if (!found) throw this.notFound('invoice', id);
    return found;
  }

  private async fetchInvoice(id: string, signal?: AbortSignal): Promise<Invoice> {
    return this.read(await this.rawInvoice(id, signal));
  }

  /** Runs a write on one invoice; the vendor's "missing / invalid field: INVOICE_ID" is not found. */
  private async onInvoice<T>(id: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isMissingId(error, 'INVOICE_ID')) throw this.notFound('invoice', id);
      throw error;
    }
  }

  private listInvoices(query: InvoiceListQuery, options: ReadOptions): AsyncIterable<Invoice> {
    const parsed = parseInput(InvoiceListQuerySchema, query, {
      provider: BILLOMAT_STYLE,
      operation: 'invoices.list',
    });
    // The vendor filters by customer, number and (for credit notes alone) type; dates, statuses
    // and external ids are filtered here, after paging, so a thinned page never ends the list.
    const onlyCreditNotes = parsed.type?.length === 1 && parsed.type[0] === 'credit_note';
    const records = this.vendor.invoices.list(
      {
        ...(parsed.customerId !== undefined ? { CUSTOMER_ID: parsed.customerId } : {}),
        ...(parsed.number !== undefined ? { INVOICE_NUMBER: parsed.number } : {}),
        ...(onlyCreditNotes ? { TYPE: 'credit' as const } : {}),
      },
      {
        signal: options.signal,
        operation: 'invoices.list',
        pageSize: Math.min(parsed.pageSize ?? this.settings.pageSize, 100),
      },
    );
    const read = (raw: unknown): Invoice => this.read(raw);
    return (async function* filterAfterPaging() {
      for await (const record of records) {
        const invoice = read(record);
        if (parsed.status && !parsed.status.includes(invoice.status.canonical)) continue;
        if (parsed.type && !parsed.type.includes(invoice.type)) continue;
        if (parsed.externalId !== undefined && invoice.externalId !== parsed.externalId) continue;
        if (parsed.issuedFrom && (invoice.issueDate ?? '') < parsed.issuedFrom) continue;
        if (parsed.issuedTo && (invoice.issueDate ?? '9999') > parsed.issuedTo) continue;
        yield invoice;
      }
    })();
  }

  /**
   * The customer an invoice is written for: its id, or — for a buyer snapshot alone — a customer
   * made from the snapshot (found again by its external id when the create is repeated).
   */
  private async customerFor(
    input: { customer: { id?: string | undefined; snapshot?: unknown } },
    externalId: string | undefined,
    warnings: AdapterWarning[],
    signal?: AbortSignal,
  ): Promise<string> {
    if (input.customer.id !== undefined) return input.customer.id;
    const snapshot = input.customer.snapshot as Parameters<typeof fromCanonicalCustomer>[0];
    const customerExtUid = externalId === undefined ? undefined : `invoicekit:${externalId}`;
    if (customerExtUid) {
      const existing = await this.vendor.findCustomerByExtUid(customerExtUid, signal);
      if (existing) return answerId(existing, 'CUSTOMER_ID', 'customer.get');
    }
    const { data, warnings: customerWarnings } = fromCanonicalCustomer(snapshot);
    for (const warning of customerWarnings)
      warnings.push(
        warning.type === 'other'
          ? warning
          : { ...warning, path: `customer.snapshot.${warning.path}` },
      );
    const { customerId } = await this.vendor.customers.create(
      { ...data, ...(customerExtUid ? { CUSTOMER_EXT_UID: customerExtUid } : {}) },
      { signal },
    );
    warnings.push({
      type: 'other',
      message: `the vendor invoices customers, not buyer snapshots: customer ${customerId} was created from the snapshot`,
    });
    return customerId;
  }

  /**
   * The vendor side of `invoices.create`: the customer (made from a snapshot when needed), the
   * look-up of an invoice already made with this external id, then the create — whose own lost
   * answer the transport settles by the same look-up, never by sending it again.
   */
  private async createOnce(
    parsed: ParsedInvoiceCreateInput,
    data: InvoiceData,
    externalId: string | undefined,
    warnings: AdapterWarning[],
    signal: AbortSignal | undefined,
  ): Promise<WriteResult<Invoice>> {
    const customerId = await this.customerFor(parsed, externalId, warnings, signal);
    if (externalId !== undefined) {
      // Exactly once: an invoice already made with this external id is the answer.
      const existing = await this.vendor.findInvoiceByExtUid(customerId, externalId, signal);
      if (existing) {
        return {
          data: this.read(existing),
          warnings: [
            ...warnings,
            {
              type: 'other',
              message: `an invoice with externalId ${externalId} already existed; it was returned unchanged`,
            },
          ],
          existed: true,
        };
      }
    }
    try {
      const { invoiceId } = await this.vendor.invoices.create(
        { ...data, CUSTOMER_ID: customerId },
        { signal, operation: 'invoices.create' },
      );
      return { data: await this.fetchInvoice(invoiceId, signal), warnings };
    } catch (error) {
      if (isMissingId(error, 'CUSTOMER_ID')) {
        throw new ValidationError({
          provider: BILLOMAT_STYLE,
          issues: [{ path: 'customer.id', message: `customer ${customerId} does not exist` }],
        });
      }
      throw error;
    }
  }

  readonly invoices = {
    list: (query: InvoiceListQuery = {}, options: ReadOptions = {}): AsyncIterable<Invoice> =>
      deferIterable(() => this.listInvoices(query, options)),

    get: async (id: string, options: ReadOptions = {}): Promise<Invoice> =>
      this.fetchInvoice(this.checkedId(id, 'invoices.get'), options.signal),

    create: async (
      input: InvoiceCreateInput,
      options: WriteOptions = {},
    ): Promise<WriteResult<Invoice>> => {
      const parsed = parseInput(InvoiceCreateInputSchema, input, {
        provider: BILLOMAT_STYLE,
        operation: 'invoices.create',
      });
      const vendorOptions = parseProviderOptions(
        BILLOMAT_STYLE,
        BillomatStyleInvoiceOptionsSchema,
        parsed.providerOptions,
        'invoices.create',
      );
      const { data, warnings } = fromCanonicalInvoice(parsed, vendorOptions, 'create');
      // Classic FastBill has no INVOICE_EXT_UID: nothing could find the invoice again.
      const externalId = this.settings.endpoint === 'monsum' ? parsed.externalId : undefined;
      if (parsed.externalId !== undefined && externalId === undefined) {
        delete data.INVOICE_EXT_UID;
        warnings.push({
          type: 'unsupported_field',
          path: 'externalId',
          reason:
            'classic FastBill invoices have no INVOICE_EXT_UID; the create is not exactly-once',
        });
      }
      // Checked before a customer is made from a snapshot, so bad data leaves nothing behind.
      parseInput(InvoiceDataSchema, data, {
        provider: BILLOMAT_STYLE,
        operation: 'invoices.create',
      });
      enforceStrict(
        parsed.customer.id === undefined
          ? [...warnings, { type: 'other', message: 'a customer is created from the snapshot' }]
          : warnings,
        { provider: BILLOMAT_STYLE, operation: 'invoices.create', strict: options.strict },
      );
      const write = () => this.createOnce(parsed, data, externalId, warnings, options.signal);
      // Concurrent creates with one external id in this process: one look-up-then-create at a time.
      return externalId === undefined
        ? write()
        : this.creates.run(
            JSON.stringify([this.settings.origin, this.settings.account, externalId]),
            write,
          );
    },

    update: async (
      id: string,
      input: InvoiceUpdateInput,
      options: WriteOptions = {},
    ): Promise<WriteResult<Invoice>> => {
      const checkedId = this.checkedId(id, 'invoices.update');
      const parsed = parseInput(InvoiceUpdateInputSchema, input, {
        provider: BILLOMAT_STYLE,
        operation: 'invoices.update',
      });
      const vendorOptions = parseProviderOptions(
        BILLOMAT_STYLE,
        BillomatStyleInvoiceOptionsSchema,
        parsed.providerOptions,
        'invoices.update',
      );
      const { data, warnings } = fromCanonicalInvoice(parsed, vendorOptions, 'update');
      enforceStrict(warnings, {
        provider: BILLOMAT_STYLE,
        operation: 'invoices.update',
        strict: options.strict,
      });
      await this.onInvoice(checkedId, () =>
        this.vendor.invoices.update(
          { ...data, INVOICE_ID: checkedId },
          { signal: options.signal, operation: 'invoices.update' },
        ),
      );
      // The vendor answers an update with STATUS only.
      return { data: await this.fetchInvoice(checkedId, options.signal), warnings };
    },

    delete: async (id: string, options: WriteOptions = {}): Promise<void> => {
      const checkedId = this.checkedId(id, 'invoices.delete');
      await this.onInvoice(checkedId, () =>
        this.vendor.invoices.delete(checkedId, {
          signal: options.signal,
          operation: 'invoices.delete',
        }),
      );
    },

    finalize: async (id: string, options: WriteOptions = {}): Promise<WriteResult<Invoice>> => {
      const checkedId = this.checkedId(id, 'invoices.finalize');
      await this.onInvoice(checkedId, () =>
        this.vendor.invoices.complete(
          { INVOICE_ID: checkedId },
          { signal: options.signal, operation: 'invoices.finalize' },
        ),
      );
      return { data: await this.fetchInvoice(checkedId, options.signal), warnings: [] };
    },

    cancel: async (id: string, options: WriteOptions = {}): Promise<WriteResult<Invoice>> => {
      const checkedId = this.checkedId(id, 'invoices.cancel');
      await this.onInvoice(checkedId, () =>
        this.vendor.invoices.cancel(
          { INVOICE_ID: checkedId },
          { signal: options.signal, operation: 'invoices.cancel' },
        ),
      );
      return { data: await this.fetchInvoice(checkedId, options.signal), warnings: [] };
    },

    markPaid: async (
      id: string,
      input: MarkPaidInput = {},
      options: WriteOptions = {},
    ): Promise<WriteResult<Invoice>> => {
      const checkedId = this.checkedId(id, 'invoices.markPaid');
      const parsed = parseInput(MarkPaidInputSchema, input, {
        provider: BILLOMAT_STYLE,
        operation: 'invoices.markPaid',
      });
      const current = await this.fetchInvoice(checkedId, options.signal);
      // Whole invoices only: the amount asked for is checked below, against the whole amount due.
      const plan = planPayment(current, undefined, BILLOMAT_STYLE);
      if (plan.kind === 'nothing-due') return plan.result;
      const due = toDecimal(current.totals.due);
      if (parsed.amount !== undefined && !toDecimal(parsed.amount).equals(due)) {
        throw new UnsupportedOperationError({
          provider: BILLOMAT_STYLE,
          operation: 'invoices.markPaid',
          issues: [
            {
              path: 'amount',
              message: `the vendor marks a whole invoice paid; ${current.totals.due} ${current.currency} is due`,
            },
          ],
          message: `invoices.markPaid: partial payments are not supported (${current.totals.due} ${current.currency} is due)`,
        });
      }
      const warnings: AdapterWarning[] = [];
      // Classic FastBill records a free-text PAYMENT_METHOD; Monsum's setpaid has none.
      const sendsMethod = parsed.method !== undefined && this.settings.endpoint === 'fastbill';
      if (parsed.method !== undefined && !sendsMethod)
        warnings.push({
          type: 'unsupported_field',
          path: 'method',
          reason: "Monsum's setpaid records no payment method",
        });
      if (parsed.reference !== undefined)
        warnings.push({
          type: 'unsupported_field',
          path: 'reference',
          reason: 'setpaid records no payment reference',
        });
      enforceStrict(warnings, {
        provider: BILLOMAT_STYLE,
        operation: 'invoices.markPaid',
        strict: options.strict,
      });
      await this.vendor.invoices.setPaid(
        {
          INVOICE_ID: checkedId,
          ...(parsed.date !== undefined ? { PAID_DATE: parsed.date } : {}),
          ...(sendsMethod ? { PAYMENT_METHOD: parsed.method } : {}),
        },
        { signal: options.signal, operation: 'invoices.markPaid' },
      );
      return { data: await this.fetchInvoice(checkedId, options.signal), warnings };
    },

    send: async (
      id: string,
      input: SendInvoiceInput = {},
      options: WriteOptions = {},
    ): Promise<WriteResult<Invoice>> => {
      const checkedId = this.checkedId(id, 'invoices.send');
      const parsed = parseInput(SendInvoiceInputSchema, input, {
        provider: BILLOMAT_STYLE,
        operation: 'invoices.send',
      });
      const warnings: AdapterWarning[] = [];
      if (!parsed.attachPdf)
        warnings.push({
          type: 'unsupported_field',
          path: 'attachPdf',
          reason: 'the vendor always attaches the PDF',
        });
      enforceStrict(warnings, {
        provider: BILLOMAT_STYLE,
        operation: 'invoices.send',
        strict: options.strict,
      });
      const current = await this.fetchInvoice(checkedId, options.signal);
      // The vendor requires a recipient: the customer's address when none is given.
      let to = parsed.to;
      if (!to && current.customer.id) {
        const customer = await this.vendor.findCustomer(current.customer.id, options.signal);
        const email = textOf(customer?.EMAIL);
        if (email) to = [email];
      }
      if (!to) {
        throw new ValidationError({
          provider: BILLOMAT_STYLE,
          issues: [{ path: 'to', message: 'the customer has no e-mail address; give one' }],
        });
      }
      const label = current.number ?? checkedId;
      // seed 002 makes SUBJECT and MESSAGE mandatory.
      await this.vendor.invoices.sendByEmail(
        {
          INVOICE_ID: checkedId,
          RECIPIENT: { TO: to, ...(parsed.cc?.length ? { CC: parsed.cc } : {}) },
          SUBJECT: parsed.subject ?? `Invoice ${label}`,
          MESSAGE: parsed.message ?? `Please find attached invoice ${label}.`,
        },
        { signal: options.signal, operation: 'invoices.send' },
      );
      return { data: await this.fetchInvoice(checkedId, options.signal), warnings };
    },

    downloadPdf: async (
      id: string,
      options: PdfOptions & ReadOptions = {},
    ): Promise<BinaryDocument> => {
      const checkedId = this.checkedId(id, 'invoices.downloadPdf');
      const { signal, ...pdfOptions } = options;
      const parsed = parseInput(PdfOptionsSchema, pdfOptions, {
        provider: BILLOMAT_STYLE,
        operation: 'invoices.downloadPdf',
      });
      if (parsed.language !== undefined || parsed.variant !== undefined) {
        throw new UnsupportedOperationError({
          provider: BILLOMAT_STYLE,
          operation: 'invoices.downloadPdf',
          message:
            'the PDF is printed from the invoice template (TEMPLATE_ID); language and variant are set there',
        });
      }
      const invoice = await this.rawInvoice(checkedId, signal);
      const link = textOf(invoice.DOCUMENT_URL);
      if (!link) {
        throw new ProviderError({
          provider: BILLOMAT_STYLE,
          message: `invoice ${checkedId} has no document yet (drafts have none)`,
        });
      }
      // DOCUMENT_URL is a bearer link: it is fetched from the vendor's own host only, never logged
      // (nor quoted when it is malformed).
      let url: URL;
      try {
        url = new URL(link);
      } catch {
        throw new ProviderError({
          provider: BILLOMAT_STYLE,
          message: `invoice ${checkedId}: the document link is not an absolute URL; not followed`,
        });
      }
      if (url.origin !== this.settings.origin) {
        throw new ProviderError({
          provider: BILLOMAT_STYLE,
          message: `invoice ${checkedId}: the document link points to another host (${url.host}); not followed`,
        });
      }
      const response = await this.transport.request<Buffer>({
        method: 'GET',
        path: `${url.pathname}${url.search}`,
        responseType: 'binary',
        secretPath: true,
        operation: 'invoices.downloadPdf',
        signal,
      });
      return {
        contentType: response.headers['content-type'] ?? 'application/pdf',
        // The number is the vendor's text: a caller may save the file under this name.
        fileName: `${safeFileStem(textOf(invoice.INVOICE_NUMBER)) || checkedId}.pdf`,
        data: response.body,
      };
    },

    reminders: async (id: string, options: ReadOptions = {}): Promise<readonly Reminder[]> => {
      const checkedId = this.checkedId(id, 'invoices.reminders');
      const invoice = await this.fetchInvoice(checkedId, options.signal);
      const reminders = await this.vendor.invoices.getReminders(checkedId, {
        signal: options.signal,
        operation: 'invoices.reminders',
      });
      return reminders.map((raw) => toCanonicalReminder(raw, invoice.currency));
    },
  };

  private listCustomers(query: CustomerListQuery, options: ReadOptions): AsyncIterable<Customer> {
    const parsed = parseInput(CustomerListQuerySchema, query, {
      provider: BILLOMAT_STYLE,
      operation: 'customers.list',
    });
    // TERM searches names, addresses and e-mail; the exact match is checked here.
    const term = parsed.name ?? parsed.email;
    const records = this.vendor.customers.list(
      {
        ...(term !== undefined ? { TERM: term } : {}),
        ...(parsed.externalId !== undefined ? { CUSTOMER_EXT_UID: parsed.externalId } : {}),
      },
      {
        signal: options.signal,
        operation: 'customers.list',
        pageSize: Math.min(parsed.pageSize ?? this.settings.pageSize, 100),
      },
    );
    return (async function* filterAfterPaging() {
      for await (const record of records) {
        const customer = toCanonicalCustomer(record);
        if (
          parsed.name !== undefined &&
          !customer.name.toLowerCase().includes(parsed.name.toLowerCase())
        )
          continue;
        if (
          parsed.email !== undefined &&
          customer.email?.toLowerCase() !== parsed.email.toLowerCase()
        )
          continue;
        if (parsed.taxId !== undefined && customer.taxId !== parsed.taxId) continue;
        if (parsed.externalId !== undefined && customer.externalId !== parsed.externalId) continue;
        yield customer;
      }
    })();
  }

  private async fetchCustomer(id: string, signal?: AbortSignal): Promise<Customer> {
    const found = await this.vendor.findCustomer(id, signal, 'customers.get');
    if (!found) throw this.notFound('customer', id);
    return toCanonicalCustomer(found);
  }

  readonly customers = {
    list: (query: CustomerListQuery = {}, options: ReadOptions = {}): AsyncIterable<Customer> =>
      deferIterable(() => this.listCustomers(query, options)),

    get: async (id: string, options: ReadOptions = {}): Promise<Customer> =>
      this.fetchCustomer(this.checkedId(id, 'customers.get', 'customer'), options.signal),

    create: async (
      input: CustomerCreateInput,
      options: WriteOptions = {},
    ): Promise<WriteResult<Customer>> => {
      const parsed = parseInput(CustomerCreateInputSchema, input, {
        provider: BILLOMAT_STYLE,
        operation: 'customers.create',
      });
      const { data, warnings } = fromCanonicalCustomer(parsed);
      enforceStrict(warnings, {
        provider: BILLOMAT_STYLE,
        operation: 'customers.create',
        strict: options.strict,
      });
      const { customerId } = await this.vendor.customers.create(data, {
        signal: options.signal,
        operation: 'customers.create',
      });
      return { data: await this.fetchCustomer(customerId, options.signal), warnings };
    },

    update: async (
      id: string,
      input: CustomerUpdateInput,
      options: WriteOptions = {},
    ): Promise<WriteResult<Customer>> => {
      const checkedId = this.checkedId(id, 'customers.update', 'customer');
      const parsed = parseInput(CustomerUpdateInputSchema, input, {
        provider: BILLOMAT_STYLE,
        operation: 'customers.update',
      });
      // Where a new name goes depends on whether the customer is a business or a consumer.
      const currentKind =
        parsed.name !== undefined && parsed.kind === undefined
          ? (await this.fetchCustomer(checkedId, options.signal)).kind
          : undefined;
      const { data, warnings } = fromCanonicalCustomer(parsed, currentKind);
      enforceStrict(warnings, {
        provider: BILLOMAT_STYLE,
        operation: 'customers.update',
        strict: options.strict,
      });
      try {
        await this.vendor.customers.update(
          { ...data, CUSTOMER_ID: checkedId },
          { signal: options.signal, operation: 'customers.update' },
        );
      } catch (error) {
        if (isMissingId(error, 'CUSTOMER_ID')) throw this.notFound('customer', checkedId);
        throw error;
      }
      return { data: await this.fetchCustomer(checkedId, options.signal), warnings };
    },

    delete: async (id: string, options: WriteOptions = {}): Promise<void> => {
      const checkedId = this.checkedId(id, 'customers.delete', 'customer');
      try {
        await this.vendor.customers.delete(checkedId, {
          signal: options.signal,
          operation: 'customers.delete',
        });
      } catch (error) {
        if (isMissingId(error, 'CUSTOMER_ID')) throw this.notFound('customer', checkedId);
        throw error;
      }
    },
  };

  toJSON(): Record<string, string> {
    return adapterSummary(this);
  }

  [inspect.custom](): string {
    return inspectAdapter(this, 'BillomatStyleAdapter');
  }

  request<T = unknown>(request: RawRequest): Promise<RawResponse<T>> {
    return forwardRawRequest<T>(this.transport, request);
  }

  async close(): Promise<void> {
    await this.transport.close();
  }
}
