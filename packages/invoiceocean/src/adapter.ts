import 'reflect-metadata';
import { inspect } from 'node:util';
import {
  CustomerCreateInputSchema,
  CustomerListQuerySchema,
  CustomerUpdateInputSchema,
  InvoiceCreateInputSchema,
  InvoiceListQuerySchema,
  InvoiceUpdateInputSchema,
  MarkPaidInputSchema,
  PdfOptionsSchema,
  SendInvoiceInputSchema,
  TOKENS,
  UnsupportedOperationError,
  adapterSummary,
  identityOf,
  type AdapterIdentity,
  inspectAdapter,
  ValidationError,
  ConflictError,
  ProviderError,
  lenientId,
  readVendorRecord,
  deferIterable,
  enforceStrict,
  forwardRawRequest,
  pageNumberStrategy,
  paginate,
  parseInput,
  parseProviderOptions,
  planPayment,
  unsupportedOperation,
  type AdapterWarning,
  type BinaryDocument,
  type Clock,
  type Customer,
  type CustomerCreateInput,
  type CustomerListQuery,
  type CustomerUpdateInput,
  type HttpTransport,
  type IdempotencyStrategy,
  type Invoice,
  type InvoiceAdapterV1,
  type InvoiceCreateInput,
  type InvoiceListQuery,
  type InvoiceType,
  type InvoiceUpdateInput,
  type MarkPaidInput,
  type PdfOptions,
  type QueryValue,
  type RawRequest,
  type RawResponse,
  type ReadOptions,
  type SendInvoiceInput,
  type WriteOptions,
  type WriteResult,
} from '@invoicekit/core';
import { inject, injectable } from 'tsyringe';
import { INVOICEOCEAN_CAPABILITIES } from './capabilities';
import type { CalculatingStrategy, InvoiceOceanConfig } from './config';
import { KIND_TO_TYPE } from './mapping/kind';
import { fromCanonicalCustomer } from './mapping/from-canonical-customer';
import { fromCanonicalInvoice, type CorrectedPosition } from './mapping/from-canonical-invoice';
import { toCanonicalCustomer } from './mapping/to-canonical-customer';
import { toCanonicalInvoice } from './mapping/to-canonical-invoice';
import { InvoiceOceanInvoiceOptionsSchema } from './provider-options';
import { INVOICEOCEAN } from './provider-id';
import { InvoiceOceanClient } from './client/vendor-client';
import { INVOICEOCEAN_APP_TRANSPORT } from './tokens';
import { isRecord, listAnswer, recordAnswer, requireId } from './wire/answer';
import { PaymentWire } from './wire/payment';
import { idSegment, vendorIdSegment } from './wire/path-segment';

/** A vendor id value (a number or a string) as text; `null` when absent or not an id. */
function lenientIdOf(value: unknown): string | null {
  const parsed = lenientId.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** `YYYY-MM-DD` of a clock reading in the vendor's (Warsaw) business day. */
function warsawDate(ms: number): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Warsaw',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(ms));
}

/**
 * Every vendor kind that reads as one of these types (`invoice` is vat, bill, vat_margin …), so a
 * filtered list returns what an unfiltered one labels with that type. `other` covers unknown kinds,
 * which cannot be enumerated: then nothing is sent and the type is filtered after reading.
 */
function kindsFor(types: readonly InvoiceType[] | undefined): string[] | undefined {
  if (!types || types.includes('other')) return undefined;
  return Object.entries(KIND_TO_TYPE).flatMap(([kind, type]) =>
    types.includes(type) ? [kind] : [],
  );
}

/** A list inside a record the vendor sent (`positions`): absent or empty reads as none. */
function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * The canonical adapter (specification v1) for the InvoiceOcean family. Writes map canonical
 * input onto the vendor's invoice with warnings for what it cannot hold; reads keep the vendor
 * object in `raw`; creates carrying `externalId` are exactly-once through `oid` + `oid_unique`.
 */
@injectable()
export class InvoiceOceanAdapter implements InvoiceAdapterV1 {
  readonly specificationVersion = 'v1' as const;
  readonly id = INVOICEOCEAN;
  readonly capabilities = INVOICEOCEAN_CAPABILITIES;

  /** Only what the adapter needs of the config: the token stays inside the transport's auth. */
  private readonly settings: {
    readonly pageSize: number;
    readonly strategy: CalculatingStrategy;
    readonly extension: 'json' | 'xml';
  };

  /** The vendor's own API, typed, beyond the canonical operations (warehouses, price lists …). */
  readonly vendor: InvoiceOceanClient;

  /** The account this adapter speaks to (its base URL, credentials redacted). */
  get identity(): AdapterIdentity {
    return identityOf(this.id, this.transport);
  }

  constructor(
    @inject(TOKENS.Transport) private readonly transport: HttpTransport,
    @inject(INVOICEOCEAN_APP_TRANSPORT) private readonly appTransport: HttpTransport,
    @inject(TOKENS.ProviderConfig) config: InvoiceOceanConfig,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {
    this.vendor = new InvoiceOceanClient(transport, appTransport, config.format);
    this.settings = {
      pageSize: config.pageSize,
      strategy: config.calculatingStrategy,
      extension: config.format,
    };
  }

  private path(resource: string): string {
    return `/${resource}.${this.settings.extension}`;
  }

  /** A caller's id as a path segment (checked and encoded). */
  private checkedId(id: string, operation: string): string {
    return idSegment(id, operation);
  }

  private read(raw: unknown, operation: string): Invoice {
    return toCanonicalInvoice(raw, {
      strategy: this.settings.strategy,
      today: warsawDate(this.clock.now()),
      operation,
    });
  }

  /** The invoice at an (already encoded) id, read canonically. */
  private async fetchInvoice(id: string, signal?: AbortSignal): Promise<Invoice> {
    const response = await this.transport.request({
      method: 'GET',
      path: this.path(`invoices/${id}`),
      operation: 'invoices.get',
      signal,
    });
    return this.read(response.body, 'invoices.get');
  }

  /** The invoice at an (already encoded) id as the vendor sent it: a record with an id. */
  private async fetchRawInvoice(
    id: string,
    signal?: AbortSignal,
  ): Promise<Record<string, unknown>> {
    const response = await this.transport.request({
      method: 'GET',
      path: this.path(`invoices/${id}`),
      operation: 'invoices.get',
      signal,
    });
    const context = { operation: 'invoices.get', what: 'invoice' };
    const invoice = recordAnswer(response.body, context);
    requireId(lenientIdOf(invoice.id), invoice, context);
    return invoice;
  }

  /** The positions of the invoice a correction corrects: what each line was before. */
  private async correctedPositions(id: string, signal?: AbortSignal): Promise<CorrectedPosition[]> {
    const invoice = await this.fetchRawInvoice(id, signal);
    return (asList(invoice.positions) as { name?: unknown; quantity?: unknown }[]).map(
      (position) => ({
        name: typeof position.name === 'string' ? position.name : null,
        quantity: String(position.quantity ?? '0'),
      }),
    );
  }

  /** The banking payment recorded under this key, if any. */
  private async findPayment(key: string, signal?: AbortSignal): Promise<unknown> {
    for await (const payment of paginate({
      provider: INVOICEOCEAN,
      strategy: pageNumberStrategy({ perPage: 100 }),
      idOf: (item: { id?: unknown }) => String(item.id),
      signal,
      fetchPage: async ({ page, perPage }, pageSignal) => {
        const response = await this.transport.request({
          method: 'GET',
          path: this.path('banking/payments'),
          query: { page, per_page: perPage },
          operation: 'invoices.markPaid.lookup',
          signal: pageSignal,
        });
        // A malformed page is an error, never "no payment": that would let the write be repeated.
        return {
          items: listAnswer(response.body, {
            operation: 'invoices.markPaid.lookup',
            what: 'list',
          }).map((item) =>
            recordAnswer(item, { operation: 'invoices.markPaid.lookup', what: 'banking payment' }),
          ),
        };
      },
    })) {
      if (payment.description === key) return payment;
    }
    return undefined;
  }

  /** The invoice carrying this order id, if any (all periods). */
  private async findByOid(oid: string, signal?: AbortSignal): Promise<unknown> {
    const response = await this.transport.request({
      method: 'GET',
      path: this.path('invoices'),
      query: { oid, period: 'all', include_positions: 'true', per_page: 100 },
      operation: 'invoices.findByExternalId',
      signal,
    });
    return listAnswer(response.body, { operation: 'invoices.findByExternalId', what: 'list' }).find(
      (item) => isRecord(item) && item.oid === oid,
    );
  }

  private listInvoices(query: InvoiceListQuery, options: ReadOptions): AsyncIterable<Invoice> {
    const parsed = parseInput(InvoiceListQuerySchema, query, {
      provider: INVOICEOCEAN,
      operation: 'invoices.list',
    });
    const perPage = Math.min(parsed.pageSize ?? this.settings.pageSize, 100);
    // Never the vendor's default window of the last 12 months: `all`, or exactly the dates asked.
    const dated = parsed.issuedFrom !== undefined || parsed.issuedTo !== undefined;
    const filters: Record<string, QueryValue> = {
      period: dated ? 'more' : 'all',
      date_from: parsed.issuedFrom,
      date_to: parsed.issuedTo,
      client_id: parsed.customerId,
      number: parsed.number,
      oid: parsed.externalId,
      'kinds[]': kindsFor(parsed.type),
      include_positions: 'true',
    };
    const pages = paginate({
      provider: INVOICEOCEAN,
      strategy: pageNumberStrategy({ perPage }),
      idOf: (invoice: Invoice) => invoice.id,
      signal: options.signal,
      fetchPage: async ({ page }, signal) => {
        const response = await this.transport.request({
          method: 'GET',
          path: this.path('invoices'),
          query: { ...filters, page, per_page: perPage },
          operation: 'invoices.list',
          signal,
        });
        return {
          items: listAnswer(response.body, { operation: 'invoices.list', what: 'list' }).map(
            (raw) => this.read(raw, 'invoices.list'),
          ),
        };
      },
    });
    const statuses = parsed.status;
    const types = parsed.type;
    if (!statuses && !types) return pages;
    // Statuses (and the `other` type) are filtered here, after paging, so that a page thinned by
    // the filter never looks like the last one.
    return (async function* filterAfterPaging() {
      for await (const invoice of pages) {
        if (statuses && !statuses.includes(invoice.status.canonical)) continue;
        if (types && !types.includes(invoice.type)) continue;
        yield invoice;
      }
    })();
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
        provider: INVOICEOCEAN,
        operation: 'invoices.create',
      });
      const vendorOptions = parseProviderOptions(
        INVOICEOCEAN,
        InvoiceOceanInvoiceOptionsSchema,
        parsed.providerOptions,
        'invoices.create',
      );
      // A credit note's before/after records come from the invoice it corrects.
      const corrected =
        parsed.type === 'credit_note' && parsed.relatedInvoiceId !== undefined
          ? await this.correctedPositions(
              this.checkedId(parsed.relatedInvoiceId, 'invoices.create'),
              options.signal,
            )
          : undefined;
      const { invoice, warnings } = fromCanonicalInvoice(
        parsed,
        vendorOptions,
        'create',
        corrected ? { corrected } : {},
      );
      enforceStrict(warnings, {
        provider: INVOICEOCEAN,
        operation: 'invoices.create',
        strict: options.strict,
      });
      const oid = parsed.externalId;
      // With an externalId the vendor dedupes on oid; a repeat it refuses is found by oid.
      const idempotency: IdempotencyStrategy | undefined = oid
        ? { kind: 'vendor-dedupe', lookup: (signal) => this.findByOid(oid, signal) }
        : undefined;
      try {
        const response = await this.transport.request({
          method: 'POST',
          path: this.path('invoices'),
          body: { invoice },
          operation: 'invoices.create',
          signal: options.signal,
          ...(idempotency ? { idempotency } : {}),
        });
        const context = { operation: 'invoices.create', what: 'invoice' };
        const created = recordAnswer(response.body, context);
        const createdId = requireId(lenientIdOf(created.id), created, context);
        // Older accounts answer a create without positions: read the whole invoice back.
        const data = Array.isArray(created.positions)
          ? this.read(created, 'invoices.create')
          : await this.fetchInvoice(
              vendorIdSegment(createdId, 'invoices.create', 'id'),
              options.signal,
            );
        return { data, warnings };
      } catch (error) {
        if (
          !oid ||
          !(error instanceof ValidationError) ||
          !error.issues.some((issue) => issue.path === 'oid')
        )
          throw error;
        // The same externalId was created before: creating is idempotent, so that invoice is the answer.
        const existing = await this.findByOid(oid, options.signal);
        if (existing === undefined) throw error;
        const note: AdapterWarning = {
          type: 'other',
          message: `an invoice with externalId ${oid} already existed; it was returned unchanged`,
        };
        return {
          data: this.read(existing, 'invoices.findByExternalId'),
          warnings: [...warnings, note],
          existed: true,
        };
      }
    },

    update: async (
      id: string,
      input: InvoiceUpdateInput,
      options: WriteOptions = {},
    ): Promise<WriteResult<Invoice>> => {
      const checkedId = this.checkedId(id, 'invoices.update');
      const parsed = parseInput(InvoiceUpdateInputSchema, input, {
        provider: INVOICEOCEAN,
        operation: 'invoices.update',
      });
      const vendorOptions = parseProviderOptions(
        INVOICEOCEAN,
        InvoiceOceanInvoiceOptionsSchema,
        parsed.providerOptions,
        'invoices.update',
      );
      // Replacing lines needs the current positions: every one is destroyed (separators and
      // subtotals too), and a correction stays a correction whatever `type` says.
      const current =
        parsed.lines === undefined
          ? undefined
          : await this.fetchRawInvoice(checkedId, options.signal);
      const currentPositions = asList(current?.positions) as {
        id?: unknown;
        name?: unknown;
        quantity?: unknown;
      }[];
      // The corrected invoice's id comes from the vendor: encoded before it goes into a path.
      const fromInvoiceId =
        current?.kind === 'correction' ? lenientIdOf(current.from_invoice_id) : null;
      const correctedId = fromInvoiceId
        ? vendorIdSegment(fromInvoiceId, 'invoices.update', 'from_invoice_id')
        : undefined;
      const corrected = correctedId
        ? await this.correctedPositions(correctedId, options.signal)
        : undefined;
      const { invoice, warnings } = fromCanonicalInvoice(parsed, vendorOptions, 'update', {
        currentKind: typeof current?.kind === 'string' ? current.kind : null,
        ...(corrected ? { corrected } : {}),
      });
      enforceStrict(warnings, {
        provider: INVOICEOCEAN,
        operation: 'invoices.update',
        strict: options.strict,
      });
      const destroyedIds = currentPositions.flatMap((position) =>
        position.id === undefined || position.id === null ? [] : [Number(position.id)],
      );
      if (parsed.lines !== undefined) {
        invoice.positions = [
          ...destroyedIds.map((positionId) => ({ id: positionId, _destroy: 1 })),
          ...(invoice.positions as unknown[]),
        ];
      }
      const response = await this.transport.request({
        method: 'PUT',
        path: this.path(`invoices/${checkedId}`),
        body: { invoice },
        operation: 'invoices.update',
        signal: options.signal,
      });
      // The vendor's recorded update answer has no positions (reference §8.3): without them the
      // invoice is read again, so that the lines returned are the invoice's, not none.
      const answered = Array.isArray((response.body as { positions?: unknown } | null)?.positions);
      const answer = this.read(response.body, 'invoices.update');
      const data = answered ? answer : await this.fetchInvoice(checkedId, options.signal);
      // Another writer between our read and our write would leave old or doubled lines.
      if (parsed.lines !== undefined) {
        const survivors = data.lines.filter(
          (line) => line.id !== null && destroyedIds.includes(Number(line.id)),
        );
        if (survivors.length > 0 || data.lines.length !== parsed.lines.length) {
          throw new ConflictError({
            provider: INVOICEOCEAN,
            message: `invoices.update: invoice ${checkedId} changed while its lines were replaced (${data.lines.length} lines, ${parsed.lines.length} sent); read it again and retry`,
          });
        }
      }
      return { data, warnings };
    },

    delete: async (id: string, options: WriteOptions = {}): Promise<void> => {
      const checkedId = this.checkedId(id, 'invoices.delete');
      await this.transport.request({
        method: 'DELETE',
        path: this.path(`invoices/${checkedId}`),
        operation: 'invoices.delete',
        signal: options.signal,
      });
    },

    finalize: unsupportedOperation(
      INVOICEOCEAN,
      'invoices.finalize',
    ) as InvoiceAdapterV1['invoices']['finalize'],

    cancel: async (id: string, options: WriteOptions = {}): Promise<WriteResult<Invoice>> => {
      const checkedId = this.checkedId(id, 'invoices.cancel');
      const response = await this.transport.request({
        method: 'POST',
        path: this.path('invoices/cancel'),
        // The action reads plain params: a JSON body, or the query in XML mode (an XML body
        // would nest them under its root element).
        ...(this.settings.extension === 'xml'
          ? {
              query: { cancel_invoice_id: checkedId, cancel_reason: 'canceled through invoicekit' },
            }
          : {
              body: {
                cancel_invoice_id: Number(checkedId),
                cancel_reason: 'canceled through invoicekit',
              },
            }),
        operation: 'invoices.cancel',
        signal: options.signal,
        // After a lost answer, the invoice itself says whether the cancel happened.
        idempotency: {
          kind: 'lookup',
          lookup: async (signal) => {
            const invoice = await this.fetchRawInvoice(checkedId, signal);
            return invoice.kind === 'canceled' ? { code: 'success' } : undefined;
          },
        },
      });
      const context = { operation: 'invoices.cancel', what: 'cancel answer' };
      if (!response.recoveredByLookup) recordAnswer(response.body, context);
      const data = await this.fetchInvoice(checkedId, options.signal);
      // A 200 that did not cancel (a proxy's page, a changed action) must not read as success.
      if (data.status.canonical !== 'canceled') {
        throw new ProviderError({
          provider: INVOICEOCEAN,
          message: `invoices.cancel: the vendor answered the cancel, but invoice ${checkedId} is not canceled`,
          rawBody: response.body,
        });
      }
      return { data, warnings: [] };
    },

    markPaid: async (
      id: string,
      input: MarkPaidInput = {},
      options: WriteOptions = {},
    ): Promise<WriteResult<Invoice>> => {
      const checkedId = this.checkedId(id, 'invoices.markPaid');
      const parsed = parseInput(MarkPaidInputSchema, input, {
        provider: INVOICEOCEAN,
        operation: 'invoices.markPaid',
      });
      const current = await this.fetchInvoice(checkedId, options.signal);
      const plan = planPayment(current, parsed.amount, INVOICEOCEAN);
      if (plan.kind === 'nothing-due') return plan.result;
      const amount = plan.amount;
      // A banking payment carries amount, date, method (provider) and reference (name). Its
      // description is a key made of the invoice, what was paid before and the amount, so that a
      // payment whose answer was lost can be found instead of being recorded twice.
      const paymentKey = `invoicekit:${checkedId}:${current.totals.paid}:${amount}`;
      const response = await this.transport.request({
        method: 'POST',
        path: this.path('banking/payments'),
        idempotency: { kind: 'lookup', lookup: (signal) => this.findPayment(paymentKey, signal) },
        body: {
          banking_payment: {
            description: paymentKey,
            name: parsed.reference ?? `Payment for ${current.number ?? checkedId}`,
            price: amount,
            invoice_id: Number(checkedId),
            paid: true,
            kind: 'api',
            currency: current.currency,
            ...(parsed.date !== undefined ? { paid_date: parsed.date } : {}),
            ...(parsed.method !== undefined ? { provider: parsed.method } : {}),
          },
        },
        operation: 'invoices.markPaid',
        signal: options.signal,
      });
      // The answer (or the look-up's find) is the payment; anything else did not record one we know of.
      const context = { operation: 'invoices.markPaid', what: 'banking payment' };
      const payment = readVendorRecord(PaymentWire, recordAnswer(response.body, context), {
        provider: INVOICEOCEAN,
        what: 'InvoiceOcean banking payment',
      });
      requireId(payment.id, response.body, context);
      return { data: await this.fetchInvoice(checkedId, options.signal), warnings: [] };
    },

    send: async (
      id: string,
      input: SendInvoiceInput = {},
      options: WriteOptions = {},
    ): Promise<WriteResult<Invoice>> => {
      const checkedId = this.checkedId(id, 'invoices.send');
      const parsed = parseInput(SendInvoiceInputSchema, input, {
        provider: INVOICEOCEAN,
        operation: 'invoices.send',
      });
      const warnings: AdapterWarning[] = (['subject', 'message'] as const)
        .filter((field) => parsed[field] !== undefined)
        .map((field) => ({
          type: 'unsupported_field',
          path: field,
          reason: `the vendor's e-mail template sets the ${field}`,
        }));
      if ((parsed.to?.length ?? 0) > 5) {
        throw new ValidationError({
          provider: INVOICEOCEAN,
          issues: [{ path: 'to', message: 'the vendor sends to at most 5 addresses' }],
        });
      }
      enforceStrict(warnings, {
        provider: INVOICEOCEAN,
        operation: 'invoices.send',
        strict: options.strict,
      });
      await this.transport.request({
        method: 'POST',
        path: this.path(`invoices/${checkedId}/send_by_email`),
        query: {
          email_to: parsed.to?.join(','),
          email_cc: parsed.cc?.join(','),
          email_pdf: parsed.attachPdf ? 'true' : undefined,
        },
        operation: 'invoices.send',
        signal: options.signal,
      });
      return { data: await this.fetchInvoice(checkedId, options.signal), warnings };
    },

    downloadPdf: async (
      id: string,
      options: PdfOptions & ReadOptions = {},
    ): Promise<BinaryDocument> => {
      const checkedId = this.checkedId(id, 'invoices.downloadPdf');
      const { signal, ...pdfOptions } = options;
      const parsed = parseInput(PdfOptionsSchema, pdfOptions, {
        provider: INVOICEOCEAN,
        operation: 'invoices.downloadPdf',
      });
      if (parsed.language !== undefined) {
        throw new UnsupportedOperationError({
          provider: INVOICEOCEAN,
          operation: 'invoices.downloadPdf',
          message:
            'the PDF is printed in the invoice language (lang); set it on the invoice instead',
        });
      }
      const response = await this.transport.request<Buffer>({
        method: 'GET',
        path: `/invoices/${checkedId}.pdf`,
        query: { print_option: parsed.variant },
        responseType: 'binary',
        operation: 'invoices.downloadPdf',
        signal,
      });
      const fileName =
        /filename="([^"]+)"/.exec(response.headers['content-disposition'] ?? '')?.[1] ??
        `${checkedId}.pdf`;
      return {
        contentType: response.headers['content-type'] ?? 'application/pdf',
        fileName,
        data: response.body,
      };
    },

    reminders: unsupportedOperation(
      INVOICEOCEAN,
      'invoices.reminders',
    ) as InvoiceAdapterV1['invoices']['reminders'],
  };

  private listCustomers(query: CustomerListQuery, options: ReadOptions): AsyncIterable<Customer> {
    const parsed = parseInput(CustomerListQuerySchema, query, {
      provider: INVOICEOCEAN,
      operation: 'customers.list',
    });
    const perPage = Math.min(parsed.pageSize ?? this.settings.pageSize, 100);
    return paginate({
      provider: INVOICEOCEAN,
      strategy: pageNumberStrategy({ perPage }),
      idOf: (customer: Customer) => customer.id,
      signal: options.signal,
      fetchPage: async ({ page }, signal) => {
        const response = await this.transport.request({
          method: 'GET',
          path: this.path('clients'),
          query: {
            page,
            per_page: perPage,
            name: parsed.name,
            email: parsed.email,
            tax_no: parsed.taxId,
            external_id: parsed.externalId,
          },
          operation: 'customers.list',
          signal,
        });
        return {
          items: listAnswer(response.body, { operation: 'customers.list', what: 'list' }).map(
            (raw) => toCanonicalCustomer(raw, 'customers.list'),
          ),
        };
      },
    });
  }

  readonly customers = {
    list: (query: CustomerListQuery = {}, options: ReadOptions = {}): AsyncIterable<Customer> =>
      deferIterable(() => this.listCustomers(query, options)),

    get: async (id: string, options: ReadOptions = {}): Promise<Customer> => {
      const checkedId = this.checkedId(id, 'customers.get');
      const response = await this.transport.request({
        method: 'GET',
        path: this.path(`clients/${checkedId}`),
        operation: 'customers.get',
        signal: options.signal,
      });
      return toCanonicalCustomer(response.body, 'customers.get');
    },

    create: async (
      input: CustomerCreateInput,
      options: WriteOptions = {},
    ): Promise<WriteResult<Customer>> => {
      const parsed = parseInput(CustomerCreateInputSchema, input, {
        provider: INVOICEOCEAN,
        operation: 'customers.create',
      });
      const { client, warnings } = fromCanonicalCustomer(parsed);
      enforceStrict(warnings, {
        provider: INVOICEOCEAN,
        operation: 'customers.create',
        strict: options.strict,
      });
      const response = await this.transport.request({
        method: 'POST',
        path: this.path('clients'),
        body: { client },
        operation: 'customers.create',
        signal: options.signal,
      });
      return { data: toCanonicalCustomer(response.body, 'customers.create'), warnings };
    },

    update: async (
      id: string,
      input: CustomerUpdateInput,
      options: WriteOptions = {},
    ): Promise<WriteResult<Customer>> => {
      const checkedId = this.checkedId(id, 'customers.update');
      const parsed = parseInput(CustomerUpdateInputSchema, input, {
        provider: INVOICEOCEAN,
        operation: 'customers.update',
      });
      const { client, warnings } = fromCanonicalCustomer(parsed);
      enforceStrict(warnings, {
        provider: INVOICEOCEAN,
        operation: 'customers.update',
        strict: options.strict,
      });
      const response = await this.transport.request({
        method: 'PUT',
        path: this.path(`clients/${checkedId}`),
        body: { client },
        operation: 'customers.update',
        signal: options.signal,
      });
      return { data: toCanonicalCustomer(response.body, 'customers.update'), warnings };
    },

    delete: async (id: string, options: WriteOptions = {}): Promise<void> => {
      const checkedId = this.checkedId(id, 'customers.delete');
      await this.transport.request({
        method: 'DELETE',
        path: this.path(`clients/${checkedId}`),
        operation: 'customers.delete',
        signal: options.signal,
      });
    },
  };

  toJSON(): Record<string, string> {
    return adapterSummary(this);
  }

  [inspect.custom](): string {
    return inspectAdapter(this, 'InvoiceOceanAdapter');
  }

  request<T = unknown>(request: RawRequest): Promise<RawResponse<T>> {
    return forwardRawRequest<T>(this.transport, request);
  }

  async close(): Promise<void> {
    await this.transport.close();
    await this.appTransport.close();
  }
}
