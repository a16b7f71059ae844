import {
  ProviderError,
  offsetLimitStrategy,
  paginate,
  parseInput,
  type HttpTransport,
  type IdempotencyStrategy,
} from '@invoicekit/core';
import type { z } from 'zod';
import {
  answerId,
  answerOf,
  listOf,
  recordsOf,
  textOf,
  type RequestEnvelope,
} from '../codec/envelope';
import { BILLOMAT_STYLE } from '../provider-id';
import {
  CompleteDataSchema,
  CustomerCreateDataSchema,
  CustomerFilterSchema,
  CustomerUpdateDataSchema,
  EnvelopePartsSchema,
  ExtUidSchema,
  IdInputSchema,
  InvoiceCancelDataSchema,
  InvoiceCreateDataSchema,
  InvoiceFilterSchema,
  InvoiceUpdateDataSchema,
  PageSchema,
  SendByEmailDataSchema,
  ServiceNameSchema,
  SetPaidDataSchema,
  type CompleteData,
  type CustomerData,
  type CustomerFilter,
  type CustomerUpdateData,
  type InvoiceCancelData,
  type InvoiceCreateData,
  type InvoiceFilter,
  type InvoiceUpdateData,
  type PageInput,
  type SendByEmailData,
  type SetPaidData,
} from './service-inputs';
import { SERVICE_PATH } from './service-path';
import { VENDOR_ID } from '../wire/vendor-id';

/** The parts of one envelope besides `SERVICE`. */
export interface EnvelopeParts {
  readonly filter?: Readonly<Record<string, unknown>>;
  readonly data?: Readonly<Record<string, unknown>>;
  readonly limit?: number;
  readonly offset?: number;
}

/** Per-call options of {@link MethodStyleClient.call}. */
export interface CallOptions {
  /** Rows per `LIMIT`/`OFFSET` page of a `list` (at most 100); the configured page size otherwise. */
  readonly pageSize?: number;
  readonly signal?: AbortSignal;
  /** Overrides the service's default retry safety (reads are read-only, sends never repeat). */
  readonly idempotency?: IdempotencyStrategy;
  /** Names the call in hooks and errors; the service name by default. */
  readonly operation?: string;
}

/** A vendor record as decoded: tags to strings, numbers, nested records and lists. */
export type VendorRecord = Record<string, unknown>;

/** What the client needs besides its transport. */
export interface MethodStyleClientSettings {
  /** Rows per `LIMIT`/`OFFSET` page when a call names none (at most 100). */
  readonly pageSize: number;
  /** The vendor's origin (`https://app.monsum.com`): the only host a document link is followed to. */
  readonly origin: string;
}

/** A printed invoice as the vendor serves it from its `DOCUMENT_URL`. */
export interface VendorDocument {
  readonly contentType: string;
  readonly data: Buffer;
}

/** Services that change nothing, so any failure may be retried like a GET. */
const READ_SERVICES = new Set(['invoice.get', 'invoice.getreminders', 'item.get', 'customer.get']);

const success = (fields: VendorRecord = {}): VendorRecord => ({
  RESPONSE: { STATUS: 'success', ...fields },
});

/**
 * The vendor's own API, typed: one method per service of the reference (the vendor's invoice page),
 * each input validated with zod in the vendor's tag names, each write given the retry safety it can
 * have. Reads return vendor records unchanged; `adapter.invoices` maps them to the canonical model.
 */
export class MethodStyleClient {
  private readonly pageSize: number;
  private readonly origin: string;

  constructor(
    private readonly transport: HttpTransport,
    settings: MethodStyleClientSettings,
  ) {
    this.pageSize = settings.pageSize;
    this.origin = settings.origin;
  }

  /**
   * Sends one envelope to any service and returns its `RESPONSE` — the escape hatch for services
   * without a typed method. The service name and the parts are checked (tag names, JSON values,
   * whole-number paging) before anything is sent. `RESPONSE.ERRORS` inside HTTP 200, and a
   * `STATUS` other than `success`, arrive as typed errors from the transport's error mapper; an
   * answer without a `RESPONSE` (or a write's without `STATUS: "success"`) is a `ProviderError`.
   */
  async call(
    service: string,
    parts: EnvelopeParts = {},
    options: CallOptions = {},
  ): Promise<VendorRecord> {
    const checkedService = parseInput(ServiceNameSchema, service, {
      provider: BILLOMAT_STYLE,
      operation: 'call',
      basePath: ['service'],
    });
    const checkedParts = this.checked(EnvelopePartsSchema, parts, checkedService);
    return this.send(checkedService, checkedParts, options);
  }

  /** One envelope out, its checked `RESPONSE` back; the typed methods validated their parts. */
  private async send(
    service: string,
    parts: EnvelopeParts,
    options: CallOptions,
  ): Promise<VendorRecord> {
    const envelope: RequestEnvelope = {
      SERVICE: service,
      ...(parts.filter !== undefined ? { FILTER: parts.filter } : {}),
      ...(parts.data !== undefined ? { DATA: parts.data } : {}),
      ...(parts.limit !== undefined ? { LIMIT: parts.limit } : {}),
      ...(parts.offset !== undefined ? { OFFSET: parts.offset } : {}),
    };
    const idempotency =
      options.idempotency ??
      (READ_SERVICES.has(service) ? { kind: 'read-only' as const } : undefined);
    const response = await this.transport.request({
      method: 'POST',
      path: SERVICE_PATH,
      body: envelope,
      operation: options.operation ?? service,
      signal: options.signal,
      ...(idempotency ? { idempotency } : {}),
    });
    // A tag named like the credential is masked by the transport with the rest of an echoing body.
    return answerOf(response.body, service, READ_SERVICES.has(service) ? 'read' : 'write');
  }

  /** Every record of a `*.get` service, `LIMIT`/`OFFSET` page by page until a short page. */
  private all(
    service: string,
    container: string,
    idTag: string,
    filter: Readonly<Record<string, unknown>>,
    options: CallOptions,
  ): AsyncIterable<VendorRecord> {
    return paginate({
      provider: BILLOMAT_STYLE,
      strategy: offsetLimitStrategy({ limit: Math.min(options.pageSize ?? this.pageSize, 100) }),
      idOf: (record: VendorRecord) => textOf(record[idTag]),
      signal: options.signal,
      fetchPage: async ({ offset, limit }, signal) => {
        const answer = await this.send(service, { filter, limit, offset }, { ...options, signal });
        return { items: listOf(answer, container, service) };
      },
    });
  }

  private checked<S extends z.ZodType>(schema: S, input: unknown, service: string): z.output<S> {
    return parseInput(schema, input, { provider: BILLOMAT_STYLE, operation: service });
  }

  private id(value: string | number, service: string, tag: string): string {
    // Digits already: what the schema would answer, without running it (every get names an id).
    if (typeof value === 'string' && VENDOR_ID.test(value)) return value;
    return parseInput(IdInputSchema, value, {
      provider: BILLOMAT_STYLE,
      operation: service,
      basePath: [tag],
    });
  }

  /**
   * The one record of `records` whose `idTag` is `id`, or `undefined` when there is none. A
   * product that ignores the FILTER answers with other records: taking the first one would read
   * (or confirm a write on) another invoice, so that answer is a `ProviderError`.
   */
  private only(
    records: VendorRecord[],
    idTag: string,
    id: string,
    service: string,
  ): VendorRecord | undefined {
    const match = records.find((record) => textOf(record[idTag]).trim() === id);
    if (match || records.length === 0) return match;
    throw new ProviderError({
      provider: BILLOMAT_STYLE,
      message: `${service}: malformed answer: asked for ${idTag} ${id}, received other records`,
    });
  }

  /** The invoice as `invoice.get` returns it, or `undefined`. */
  async findInvoice(
    invoiceId: string | number,
    signal?: AbortSignal,
  ): Promise<VendorRecord | undefined> {
    const id = this.id(invoiceId, 'invoice.get', 'INVOICE_ID');
    const answer = await this.send(
      'invoice.get',
      { filter: { INVOICE_ID: id }, limit: 1 },
      { signal },
    );
    return this.only(listOf(answer, 'INVOICES', 'invoice.get'), 'INVOICE_ID', id, 'invoice.get');
  }

  /** The customer as `customer.get` returns it, or `undefined`. */
  async findCustomer(
    customerId: string | number,
    signal?: AbortSignal,
    operation = 'customer.get',
  ): Promise<VendorRecord | undefined> {
    const id = this.id(customerId, 'customer.get', 'CUSTOMER_ID');
    const answer = await this.send(
      'customer.get',
      { filter: { CUSTOMER_ID: id }, limit: 1 },
      { signal, operation },
    );
    return this.only(
      listOf(answer, 'CUSTOMERS', 'customer.get'),
      'CUSTOMER_ID',
      id,
      'customer.get',
    );
  }

  /**
   * The invoice carrying this `INVOICE_EXT_UID`. The vendor has no filter for it, so the
   * customer's invoices are scanned (the customer narrows the scan to one account's book).
   */
  async findInvoiceByExtUid(
    customerId: string | number,
    extUid: string,
    signal?: AbortSignal,
  ): Promise<VendorRecord | undefined> {
    const customer = this.id(customerId, 'invoice.get', 'CUSTOMER_ID');
    const wanted = this.checked(ExtUidSchema, extUid, 'invoice.get');
    for await (const invoice of this.all(
      'invoice.get',
      'INVOICES',
      'INVOICE_ID',
      { CUSTOMER_ID: customer },
      { signal, operation: 'invoice.get.byExtUid' },
    )) {
      if (textOf(invoice.INVOICE_EXT_UID) === wanted) return invoice;
    }
    return undefined;
  }

  /**
   * The customer carrying this `CUSTOMER_EXT_UID`. The filter is sent, and the match is checked
   * here too: a product that ignores the filter would otherwise answer with its first customer.
   */
  async findCustomerByExtUid(
    extUid: string,
    signal?: AbortSignal,
  ): Promise<VendorRecord | undefined> {
    const wanted = this.checked(ExtUidSchema, extUid, 'customer.get');
    for await (const customer of this.all(
      'customer.get',
      'CUSTOMERS',
      'CUSTOMER_ID',
      { CUSTOMER_EXT_UID: wanted },
      { signal, operation: 'customer.get.byExtUid' },
    )) {
      if (textOf(customer.CUSTOMER_EXT_UID) === wanted) return customer;
    }
    return undefined;
  }

  /**
   * The printed invoice behind an `invoice.get` record's `DOCUMENT_URL`. The link is a bearer
   * link: it is fetched from the vendor's own origin only, never logged, and never quoted when it
   * is malformed or points elsewhere. A draft has no document yet.
   */
  async downloadDocument(
    invoice: VendorRecord,
    options: CallOptions = {},
  ): Promise<VendorDocument> {
    const invoiceId = textOf(invoice.INVOICE_ID);
    const link = textOf(invoice.DOCUMENT_URL);
    if (!link) {
      throw new ProviderError({
        provider: BILLOMAT_STYLE,
        message: `invoice ${invoiceId} has no document yet (drafts have none)`,
      });
    }
    let url: URL;
    try {
      url = new URL(link);
    } catch {
      throw new ProviderError({
        provider: BILLOMAT_STYLE,
        message: `invoice ${invoiceId}: the document link is not an absolute URL; not followed`,
      });
    }
    if (url.origin !== this.origin) {
      throw new ProviderError({
        provider: BILLOMAT_STYLE,
        message: `invoice ${invoiceId}: the document link points to another host (${url.host}); not followed`,
      });
    }
    const response = await this.transport.request<Buffer>({
      method: 'GET',
      path: `${url.pathname}${url.search}`,
      responseType: 'binary',
      secretPath: true,
      operation: options.operation ?? 'document',
      signal: options.signal,
    });
    return {
      contentType: response.headers['content-type'] ?? 'application/pdf',
      data: response.body,
    };
  }

  /**
   * The `CUSTOMER_ID` of the customer carrying this `CUSTOMER_EXT_UID`, or `undefined`. An id
   * that is no vendor id is a `ProviderError`, so it is never put into an invoice.
   */
  async findCustomerIdByExtUid(extUid: string, signal?: AbortSignal): Promise<string | undefined> {
    const found = await this.findCustomerByExtUid(extUid, signal);
    return found ? answerId(found, 'CUSTOMER_ID', 'customer.get') : undefined;
  }

  /** Re-reads an invoice to learn whether a write whose answer was lost took effect. */
  private lookupInvoice(
    invoiceId: string,
    committed: (invoice: VendorRecord) => VendorRecord | undefined,
  ): IdempotencyStrategy {
    return {
      kind: 'lookup',
      lookup: async (signal) => {
        const invoice = await this.findInvoice(invoiceId, signal);
        return invoice ? committed(invoice) : undefined;
      },
    };
  }

  /** `invoice.*` and `item.*`. */
  readonly invoices = {
    /** One page of `invoice.get` (vendor default 10 rows, at most 100). */
    get: async (
      filter: InvoiceFilter = {},
      page: PageInput = {},
      options: CallOptions = {},
    ): Promise<VendorRecord[]> => {
      const parsedFilter = this.checked(InvoiceFilterSchema, filter, 'invoice.get');
      const parsedPage = this.checked(PageSchema, page, 'invoice.get');
      const answer = await this.send(
        'invoice.get',
        { filter: parsedFilter, limit: parsedPage.limit, offset: parsedPage.offset },
        options,
      );
      return listOf(answer, 'INVOICES', 'invoice.get');
    },

    /** Every invoice matching `filter`, fetched lazily page by page. */
    list: (filter: InvoiceFilter = {}, options: CallOptions = {}): AsyncIterable<VendorRecord> => {
      const parsedFilter = this.checked(InvoiceFilterSchema, filter, 'invoice.get');
      return this.all('invoice.get', 'INVOICES', 'INVOICE_ID', parsedFilter, options);
    },

    /**
     * `invoice.create`: always a draft. With `INVOICE_EXT_UID` a create whose answer was lost is
     * looked up before anything is sent again.
     */
    create: async (
      data: InvoiceCreateData,
      options: CallOptions = {},
    ): Promise<{ invoiceId: string }> => {
      const parsed = this.checked(InvoiceCreateDataSchema, data, 'invoice.create');
      const extUid = parsed.INVOICE_EXT_UID;
      const idempotency: IdempotencyStrategy | undefined =
        options.idempotency ??
        (extUid
          ? {
              kind: 'lookup',
              lookup: async (signal) => {
                const found = await this.findInvoiceByExtUid(parsed.CUSTOMER_ID, extUid, signal);
                return found ? success({ INVOICE_ID: textOf(found.INVOICE_ID) }) : undefined;
              },
            }
          : undefined);
      const answer = await this.send(
        'invoice.create',
        { data: parsed },
        {
          ...options,
          ...(idempotency ? { idempotency } : {}),
        },
      );
      return { invoiceId: answerId(answer, 'INVOICE_ID', 'invoice.create') };
    },

    /**
     * `invoice.update` (drafts). Repeating it is harmless when it replaces the lines or sends
     * none; one that appends lines is never repeated.
     */
    update: async (data: InvoiceUpdateData, options: CallOptions = {}): Promise<void> => {
      const parsed = this.checked(InvoiceUpdateDataSchema, data, 'invoice.update');
      const repeatable = parsed.ITEMS === undefined || parsed.DELETE_EXISTING_ITEMS === 1;
      await this.send(
        'invoice.update',
        { data: parsed },
        {
          ...(repeatable ? { idempotency: { kind: 'vendor-dedupe' as const } } : {}),
          ...options,
        },
      );
    },

    /** `invoice.delete` (drafts). */
    delete: async (invoiceId: string | number, options: CallOptions = {}): Promise<void> => {
      const id = this.id(invoiceId, 'invoice.delete', 'INVOICE_ID');
      await this.send(
        'invoice.delete',
        { data: { INVOICE_ID: id } },
        {
          idempotency: {
            kind: 'lookup',
            lookup: async (signal) =>
              (await this.findInvoice(id, signal)) === undefined ? success() : undefined,
          },
          ...options,
        },
      );
    },

    /** `invoice.complete`: the draft becomes a final invoice and gets its number. */
    complete: async (
      data: CompleteData,
      options: CallOptions = {},
    ): Promise<{ invoiceNumber: string; invoiceId: string }> => {
      const parsed = this.checked(CompleteDataSchema, data, 'invoice.complete');
      const answer = await this.send(
        'invoice.complete',
        { data: parsed },
        {
          idempotency: this.lookupInvoice(parsed.INVOICE_ID, (invoice) =>
            textOf(invoice.TYPE) === 'outgoing' && textOf(invoice.INVOICE_NUMBER) !== ''
              ? success({
                  INVOICE_NUMBER: textOf(invoice.INVOICE_NUMBER),
                  INVOICE_ID: parsed.INVOICE_ID,
                })
              : undefined,
          ),
          ...options,
        },
      );
      return {
        invoiceNumber: textOf(answer.INVOICE_NUMBER),
        invoiceId:
          answer.INVOICE_ID === undefined
            ? parsed.INVOICE_ID
            : answerId(answer, 'INVOICE_ID', 'invoice.complete'),
      };
    },

    /**
     * `invoice.cancel`: the whole invoice, or — with `CANCELLATION_AMOUNT` and `DESCRIPTION` — a
     * partial cancellation, which is never repeated (nothing tells whether it happened).
     */
    cancel: async (
      data: InvoiceCancelData,
      options: CallOptions = {},
    ): Promise<{ invoiceId: string }> => {
      const parsed = this.checked(InvoiceCancelDataSchema, data, 'invoice.cancel');
      const whole = parsed.CANCELLATION_AMOUNT === undefined;
      const answer = await this.send(
        'invoice.cancel',
        { data: parsed },
        {
          ...(whole
            ? {
                idempotency: this.lookupInvoice(parsed.INVOICE_ID, (invoice) =>
                  textOf(invoice.IS_CANCELED) === '1'
                    ? success({ INVOICE_ID: parsed.INVOICE_ID })
                    : undefined,
                ),
              }
            : {}),
          ...options,
        },
      );
      return {
        invoiceId:
          answer.INVOICE_ID === undefined
            ? parsed.INVOICE_ID
            : answerId(answer, 'INVOICE_ID', 'invoice.cancel'),
      };
    },

    /** `invoice.sign`: a qualified e-signature, paid in credits; never repeated. */
    sign: async (
      invoiceId: string | number,
      options: CallOptions = {},
    ): Promise<{ remainingCredits: string }> => {
      const id = this.id(invoiceId, 'invoice.sign', 'INVOICE_ID');
      const answer = await this.send('invoice.sign', { data: { INVOICE_ID: id } }, options);
      return { remainingCredits: textOf(answer.REMAINING_CREDITS) };
    },

    /** `invoice.sendbyemail`: never repeated (a second e-mail would reach the customer). */
    sendByEmail: async (data: SendByEmailData, options: CallOptions = {}): Promise<void> => {
      const parsed = this.checked(SendByEmailDataSchema, data, 'invoice.sendbyemail');
      const recipient = Object.fromEntries(
        Object.entries(parsed.RECIPIENT).map(([tag, emails]) => [
          tag,
          Array.isArray(emails) ? emails.join(',') : emails,
        ]),
      );
      await this.send(
        'invoice.sendbyemail',
        { data: { ...parsed, RECIPIENT: recipient } },
        options,
      );
    },

    /** `invoice.sendbypost`: a paid letter; never repeated. */
    sendByPost: async (
      invoiceId: string | number,
      options: CallOptions = {},
    ): Promise<{ remainingCredits: string }> => {
      const id = this.id(invoiceId, 'invoice.sendbypost', 'INVOICE_ID');
      const answer = await this.send('invoice.sendbypost', { data: { INVOICE_ID: id } }, options);
      return { remainingCredits: textOf(answer.REMAINING_CREDITS) };
    },

    /**
     * `invoice.capture`: collects the payment through the connected payment provider. Never
     * repeated: a committed capture (a direct debit) may settle long after, so a re-read cannot
     * tell whether the first attempt charged the customer.
     */
    capture: async (invoiceId: string | number, options: CallOptions = {}): Promise<void> => {
      const id = this.id(invoiceId, 'invoice.capture', 'INVOICE_ID');
      await this.send('invoice.capture', { data: { INVOICE_ID: id } }, options);
    },

    /** `invoice.setpaid`: marks the whole invoice paid (the vendor records no partial payment). */
    setPaid: async (
      data: SetPaidData,
      options: CallOptions = {},
    ): Promise<{ invoiceNumber: string; comment: string }> => {
      const parsed = this.checked(SetPaidDataSchema, data, 'invoice.setpaid');
      const answer = await this.send(
        'invoice.setpaid',
        { data: parsed },
        {
          idempotency: this.lookupInvoice(parsed.INVOICE_ID, (invoice) =>
            isPaid(invoice)
              ? success({ INVOICE_NUMBER: textOf(invoice.INVOICE_NUMBER) })
              : undefined,
          ),
          ...options,
        },
      );
      return { invoiceNumber: textOf(answer.INVOICE_NUMBER), comment: textOf(answer.COMMENT) };
    },

    /** `invoice.getreminders`: the invoice's payment reminders (dunning level, fee, date …). */
    getReminders: async (
      invoiceId: string | number,
      options: CallOptions = {},
    ): Promise<VendorRecord[]> => {
      const id = this.id(invoiceId, 'invoice.getreminders', 'INVOICE_ID');
      const answer = await this.send(
        'invoice.getreminders',
        { filter: { INVOICE_ID: id } },
        options,
      );
      // The container's name is undocumented (docs/vendors/method-style.md §9.12): REMINDERS, else
      // the one list there is.
      const container =
        answer.REMINDERS ??
        Object.values(answer).find((value) => typeof value === 'object' && value !== null);
      return recordsOf(container, 'invoice.getreminders REMINDERS');
    },

    /**
     * `invoice.correctvat2020`: cancels an invoice made wrong by the 2020 German VAT cut and
     * issues a corrected one; never repeated.
     */
    correctVat2020: async (
      invoiceId: string | number,
      options: CallOptions = {},
    ): Promise<{ oldInvoiceId: string; correctedInvoiceId: string; corrected: VendorRecord }> => {
      const id = this.id(invoiceId, 'invoice.correctvat2020', 'INVOICE_ID');
      const answer = await this.send(
        'invoice.correctvat2020',
        { data: { INVOICE_ID: id } },
        options,
      );
      const {
        STATUS: _status,
        INVOICE_ID_OLD: _old,
        INVOICE_ID_CORRECTED: _corrected,
        ...fields
      } = answer;
      const correctedInvoiceId = answerId(answer, 'INVOICE_ID_CORRECTED', 'invoice.correctvat2020');
      return {
        oldInvoiceId: answerId(answer, 'INVOICE_ID_OLD', 'invoice.correctvat2020'),
        correctedInvoiceId,
        corrected: { INVOICE_ID: correctedInvoiceId, ...fields },
      };
    },
  };

  /** `item.*`: the lines of one invoice. */
  readonly items = {
    get: async (invoiceId: string | number, options: CallOptions = {}): Promise<VendorRecord[]> => {
      const id = this.id(invoiceId, 'item.get', 'INVOICE_ID');
      const answer = await this.send('item.get', { filter: { INVOICE_ID: id } }, options);
      return listOf(answer, 'ITEMS', 'item.get');
    },

    /** `item.delete` (lines of drafts only). */
    delete: async (invoiceItemId: string | number, options: CallOptions = {}): Promise<void> => {
      const id = this.id(invoiceItemId, 'item.delete', 'INVOICE_ITEM_ID');
      await this.send('item.delete', { data: { INVOICE_ITEM_ID: id } }, options);
    },
  };

  /** `customer.*`. */
  readonly customers = {
    get: async (
      filter: CustomerFilter = {},
      page: PageInput = {},
      options: CallOptions = {},
    ): Promise<VendorRecord[]> => {
      const parsedFilter = this.checked(CustomerFilterSchema, filter, 'customer.get');
      const parsedPage = this.checked(PageSchema, page, 'customer.get');
      const answer = await this.send(
        'customer.get',
        { filter: parsedFilter, limit: parsedPage.limit, offset: parsedPage.offset },
        options,
      );
      return listOf(answer, 'CUSTOMERS', 'customer.get');
    },

    list: (filter: CustomerFilter = {}, options: CallOptions = {}): AsyncIterable<VendorRecord> => {
      const parsedFilter = this.checked(CustomerFilterSchema, filter, 'customer.get');
      return this.all('customer.get', 'CUSTOMERS', 'CUSTOMER_ID', parsedFilter, options);
    },

    /** `customer.create`; with `CUSTOMER_EXT_UID` a lost answer is looked up before repeating. */
    create: async (
      data: CustomerData,
      options: CallOptions = {},
    ): Promise<{ customerId: string }> => {
      const parsed = this.checked(CustomerCreateDataSchema, data, 'customer.create');
      const extUid = textOf(parsed.CUSTOMER_EXT_UID);
      const answer = await this.send(
        'customer.create',
        { data: parsed },
        {
          ...(extUid
            ? {
                idempotency: {
                  kind: 'lookup' as const,
                  lookup: async (signal?: AbortSignal) => {
                    const found = await this.findCustomerByExtUid(extUid, signal);
                    return found ? success({ CUSTOMER_ID: textOf(found.CUSTOMER_ID) }) : undefined;
                  },
                },
              }
            : {}),
          ...options,
        },
      );
      return { customerId: answerId(answer, 'CUSTOMER_ID', 'customer.create') };
    },

    /** `customer.update`: sets fields, so repeating it is harmless. */
    update: async (data: CustomerUpdateData, options: CallOptions = {}): Promise<void> => {
      const parsed = this.checked(CustomerUpdateDataSchema, data, 'customer.update');
      await this.send(
        'customer.update',
        { data: parsed },
        {
          idempotency: { kind: 'vendor-dedupe' },
          ...options,
        },
      );
    },

    delete: async (customerId: string | number, options: CallOptions = {}): Promise<void> => {
      const id = this.id(customerId, 'customer.delete', 'CUSTOMER_ID');
      await this.send(
        'customer.delete',
        { data: { CUSTOMER_ID: id } },
        {
          idempotency: {
            kind: 'lookup',
            lookup: async (signal) => {
              const found = await this.findCustomer(id, signal);
              return found === undefined ? success() : undefined;
            },
          },
          ...options,
        },
      );
    },
  };
}

/** A real paid date (the vendor writes `0000-00-00 00:00:00` for none). */
function isPaid(invoice: VendorRecord): boolean {
  const paidDate = textOf(invoice.PAID_DATE);
  return paidDate !== '' && !paidDate.startsWith('0000');
}
