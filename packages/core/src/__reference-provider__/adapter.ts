import 'reflect-metadata';
import { inspect } from 'node:util';
import { inject, injectable } from 'tsyringe';
import { z } from 'zod';
import { registerTransport } from '../di/adapter-container';
import { defineProvider } from '../di/provider-descriptor';
import { TOKENS } from '../di/tokens';
import { bearerToken } from '../http/auth/strategies';
import { TRANSPORT_LIMITS_CONFIG, transportLimitsOf } from '../http/limits';
import type { HttpTransport } from '../http/transport';
import {
  CustomerCreateInputSchema,
  CustomerUpdateInputSchema,
  type Customer,
  type CustomerCreateInput,
  type CustomerUpdateInput,
} from '../model/customer';
import type { Invoice } from '../model/invoice';
import {
  InvoiceCreateInputSchema,
  InvoiceUpdateInputSchema,
  type InvoiceCreateInput,
  type InvoiceUpdateInput,
} from '../model/invoice-input';
import {
  CustomerListQuerySchema,
  InvoiceListQuerySchema,
  MarkPaidInputSchema,
  PdfOptionsSchema,
  SendInvoiceInputSchema,
  type CustomerListQuery,
  type InvoiceListQuery,
  type MarkPaidInput,
  type PdfOptions,
  type SendInvoiceInput,
} from '../model/operation-input';
import { IdSchema } from '../model/primitives';
import { ProviderError } from '../errors/errors';
import { deferIterable, pageNumberStrategy, paginate } from '../pagination/paginate';
import type { InvoiceAdapterV1, ReadOptions } from '../spec/adapter-v1';
import type { AdapterCapabilities } from '../spec/capabilities';
import type { BinaryDocument, RawRequest, RawResponse, WriteResult } from '../spec/results';
import { unsupportedOperation } from '../spec/unsupported';
import { forwardRawRequest } from '../spec/raw-request';
import { adapterSummary, identityOf, inspectAdapter } from '../spec/adapter-rendering';
import type { AdapterIdentity } from '../spec/adapter-v1';
import { enforceStrict, type WriteOptions } from '../spec/warnings';
import { parseInput } from '../validation/parse-input';
import {
  ACME,
  fromCanonicalCustomer,
  fromCanonicalInvoice,
  toCanonicalCustomer,
  toCanonicalInvoice,
} from './mapping';
import { AcmeCustomerWire, AcmeInvoiceWire, envelope } from './wire';

export const AcmeConfigSchema = z.strictObject({
  provider: z.literal(ACME),
  apiKey: z.string().min(8),
  baseUrl: z.url(),
  pageSize: z.number().int().min(1).max(50).default(25),
  ...TRANSPORT_LIMITS_CONFIG,
});
export type AcmeConfig = z.output<typeof AcmeConfigSchema>;

export const ACME_CAPABILITIES: AdapterCapabilities = {
  invoices: {
    list: true,
    get: true,
    create: true,
    update: true,
    delete: true,
    finalize: true,
    cancel: true,
    markPaid: true,
    partialPayments: true,
    send: true,
    downloadPdf: true,
    reminders: false,
  },
  customers: { list: true, get: true, create: true, update: true, delete: false },
  idempotentCreate: true,
  drafts: true,
};

const InvoiceEnvelope = envelope(AcmeInvoiceWire);
const InvoiceListEnvelope = envelope(z.array(AcmeInvoiceWire));
const CustomerEnvelope = envelope(AcmeCustomerWire);
const CustomerListEnvelope = envelope(z.array(AcmeCustomerWire));

@injectable()
export class AcmeAdapter implements InvoiceAdapterV1 {
  readonly specificationVersion = 'v1' as const;
  readonly id = ACME;
  readonly capabilities = ACME_CAPABILITIES;

  /** Only what the adapter needs of its config: the key stays with the transport's auth. */
  private readonly config: Pick<AcmeConfig, 'pageSize'>;

  /** The account this adapter speaks to (its base URL, credentials redacted). */
  get identity(): AdapterIdentity {
    return identityOf(this.id, this.transport);
  }

  constructor(
    @inject(TOKENS.Transport) private readonly transport: HttpTransport,
    @inject(TOKENS.ProviderConfig) config: AcmeConfig,
  ) {
    this.config = { pageSize: config.pageSize };
  }

  private parse<S extends z.ZodType>(schema: S, body: unknown, what: string): z.output<S> {
    const result = schema.safeParse(body);
    if (!result.success) {
      throw new ProviderError({
        provider: ACME,
        message: `acme sent an unreadable ${what}`,
        rawBody: this.transport.redactor.redactValue(body),
      });
    }
    return result.data;
  }

  private id_(value: string, operation: string): string {
    return parseInput(IdSchema, value, { provider: ACME, operation, basePath: ['id'] });
  }

  private async invoiceCall(
    method: 'POST' | 'PATCH' | 'GET',
    path: string,
    operation: string,
    body?: unknown,
    options?: { signal?: AbortSignal | undefined; idempotency?: 'vendor-dedupe' },
  ): Promise<Invoice> {
    const response = await this.transport.request({
      method,
      path,
      body,
      operation,
      signal: options?.signal,
      ...(options?.idempotency ? { idempotency: { kind: options.idempotency } } : {}),
    });
    return toCanonicalInvoice(this.parse(InvoiceEnvelope, response.body, 'invoice').data);
  }

  readonly invoices = {
    list: (query: InvoiceListQuery = {}, options: ReadOptions = {}): AsyncIterable<Invoice> =>
      deferIterable(() => {
        const parsed = parseInput(InvoiceListQuerySchema, query, {
          provider: ACME,
          operation: 'invoices.list',
        });
        const perPage = Math.min(parsed.pageSize ?? this.config.pageSize, 50);
        return paginate({
          provider: ACME,
          strategy: pageNumberStrategy({ perPage }),
          idOf: (invoice: Invoice) => invoice.id,
          signal: options.signal,
          fetchPage: async ({ page }, signal) => {
            const response = await this.transport.request({
              method: 'GET',
              path: '/v1/invoices',
              query: { page, per_page: perPage, external_id: parsed.externalId },
              operation: 'invoices.list',
              signal,
            });
            const items = this.parse(InvoiceListEnvelope, response.body, 'invoice list').data.map(
              toCanonicalInvoice,
            );
            return {
              items: items.filter(
                (invoice) => !parsed.status || parsed.status.includes(invoice.status.canonical),
              ),
            };
          },
        });
      }),

    get: async (id: string, options: ReadOptions = {}): Promise<Invoice> =>
      this.invoiceCall(
        'GET',
        `/v1/invoices/${encodeURIComponent(this.id_(id, 'invoices.get'))}`,
        'invoices.get',
        undefined,
        options,
      ),

    create: async (
      input: InvoiceCreateInput,
      options: WriteOptions = {},
    ): Promise<WriteResult<Invoice>> => {
      const parsed = parseInput(InvoiceCreateInputSchema, input, {
        provider: ACME,
        operation: 'invoices.create',
      });
      const { body, warnings } = fromCanonicalInvoice(parsed);
      enforceStrict(warnings, {
        provider: ACME,
        operation: 'invoices.create',
        strict: options.strict,
      });
      // Acme dedupes on external_id, so a create carrying one can be repeated safely; a repeat
      // is answered 200 with the first invoice (a new one 201).
      const response = await this.transport.request({
        method: 'POST',
        path: '/v1/invoices',
        body: { invoice: body },
        operation: 'invoices.create',
        signal: options.signal,
        ...(parsed.externalId ? { idempotency: { kind: 'vendor-dedupe' as const } } : {}),
      });
      const data = toCanonicalInvoice(this.parse(InvoiceEnvelope, response.body, 'invoice').data);
      return { data, warnings, ...(response.status === 200 ? { existed: true as const } : {}) };
    },

    update: async (
      id: string,
      input: InvoiceUpdateInput,
      options: WriteOptions = {},
    ): Promise<WriteResult<Invoice>> => {
      const checkedId = this.id_(id, 'invoices.update');
      const parsed = parseInput(InvoiceUpdateInputSchema, input, {
        provider: ACME,
        operation: 'invoices.update',
      });
      const { body, warnings } = fromCanonicalInvoice(parsed);
      enforceStrict(warnings, {
        provider: ACME,
        operation: 'invoices.update',
        strict: options.strict,
      });
      const data = await this.invoiceCall(
        'PATCH',
        `/v1/invoices/${encodeURIComponent(checkedId)}`,
        'invoices.update',
        { invoice: body },
        options,
      );
      return { data, warnings };
    },

    delete: async (id: string, options: WriteOptions = {}): Promise<void> => {
      const checkedId = this.id_(id, 'invoices.delete');
      await this.transport.request({
        method: 'DELETE',
        path: `/v1/invoices/${encodeURIComponent(checkedId)}`,
        operation: 'invoices.delete',
        signal: options.signal,
      });
    },

    finalize: async (id: string, options: WriteOptions = {}): Promise<WriteResult<Invoice>> => ({
      data: await this.invoiceCall(
        'POST',
        `/v1/invoices/${encodeURIComponent(this.id_(id, 'invoices.finalize'))}/finalize`,
        'invoices.finalize',
        {},
        options,
      ),
      warnings: [],
    }),

    cancel: async (id: string, options: WriteOptions = {}): Promise<WriteResult<Invoice>> => ({
      data: await this.invoiceCall(
        'POST',
        `/v1/invoices/${encodeURIComponent(this.id_(id, 'invoices.cancel'))}/cancel`,
        'invoices.cancel',
        {},
        options,
      ),
      warnings: [],
    }),

    markPaid: async (
      id: string,
      input: MarkPaidInput = {},
      options: WriteOptions = {},
    ): Promise<WriteResult<Invoice>> => {
      const checkedId = this.id_(id, 'invoices.markPaid');
      const parsed = parseInput(MarkPaidInputSchema, input, {
        provider: ACME,
        operation: 'invoices.markPaid',
      });
      const warnings = [
        ...(parsed.method !== undefined
          ? [
              {
                type: 'unsupported_field' as const,
                path: 'method',
                reason: 'acme records no payment method',
              },
            ]
          : []),
        ...(parsed.reference !== undefined
          ? [
              {
                type: 'unsupported_field' as const,
                path: 'reference',
                reason: 'acme records no payment reference',
              },
            ]
          : []),
      ];
      enforceStrict(warnings, {
        provider: ACME,
        operation: 'invoices.markPaid',
        strict: options.strict,
      });
      const data = await this.invoiceCall(
        'POST',
        `/v1/invoices/${encodeURIComponent(checkedId)}/payments`,
        'invoices.markPaid',
        { amount: parsed.amount, date: parsed.date },
        options,
      );
      return { data, warnings };
    },

    send: async (
      id: string,
      input: SendInvoiceInput = {},
      options: WriteOptions = {},
    ): Promise<WriteResult<Invoice>> => {
      const checkedId = this.id_(id, 'invoices.send');
      const parsed = parseInput(SendInvoiceInputSchema, input, {
        provider: ACME,
        operation: 'invoices.send',
      });
      const warnings = (['cc', 'subject', 'message'] as const)
        .filter((field) => parsed[field] !== undefined)
        .map((field) => ({
          type: 'unsupported_field' as const,
          path: field,
          reason: `acme e-mails have no ${field}`,
        }));
      enforceStrict(warnings, {
        provider: ACME,
        operation: 'invoices.send',
        strict: options.strict,
      });
      const data = await this.invoiceCall(
        'POST',
        `/v1/invoices/${encodeURIComponent(checkedId)}/send`,
        'invoices.send',
        { to: parsed.to },
        options,
      );
      return { data, warnings };
    },

    downloadPdf: async (
      id: string,
      options: PdfOptions & ReadOptions = {},
    ): Promise<BinaryDocument> => {
      const checkedId = this.id_(id, 'invoices.downloadPdf');
      const { signal, ...pdfOptions } = options;
      parseInput(PdfOptionsSchema, pdfOptions, {
        provider: ACME,
        operation: 'invoices.downloadPdf',
      });
      const response = await this.transport.request<Buffer>({
        method: 'GET',
        path: `/v1/invoices/${encodeURIComponent(checkedId)}/pdf`,
        responseType: 'binary',
        operation: 'invoices.downloadPdf',
        signal,
      });
      const fileName =
        /filename="([^"]+)"/.exec(response.headers['content-disposition'] ?? '')?.[1] ?? null;
      return {
        contentType: response.headers['content-type'] ?? 'application/pdf',
        fileName,
        data: response.body,
      };
    },

    reminders: unsupportedOperation(
      ACME,
      'invoices.reminders',
    ) as InvoiceAdapterV1['invoices']['reminders'],
  };

  readonly customers = {
    list: (query: CustomerListQuery = {}, options: ReadOptions = {}): AsyncIterable<Customer> =>
      deferIterable(() => {
        const parsed = parseInput(CustomerListQuerySchema, query, {
          provider: ACME,
          operation: 'customers.list',
        });
        const perPage = Math.min(parsed.pageSize ?? this.config.pageSize, 50);
        return paginate({
          provider: ACME,
          strategy: pageNumberStrategy({ perPage }),
          idOf: (customer: Customer) => customer.id,
          signal: options.signal,
          fetchPage: async ({ page }, signal) => {
            const response = await this.transport.request({
              method: 'GET',
              path: '/v1/customers',
              query: { page, per_page: perPage, email: parsed.email },
              operation: 'customers.list',
              signal,
            });
            return {
              items: this.parse(CustomerListEnvelope, response.body, 'customer list').data.map(
                toCanonicalCustomer,
              ),
            };
          },
        });
      }),

    get: async (id: string, options: ReadOptions = {}): Promise<Customer> => {
      const checkedId = this.id_(id, 'customers.get');
      const response = await this.transport.request({
        method: 'GET',
        path: `/v1/customers/${encodeURIComponent(checkedId)}`,
        operation: 'customers.get',
        signal: options.signal,
      });
      return toCanonicalCustomer(this.parse(CustomerEnvelope, response.body, 'customer').data);
    },

    create: async (
      input: CustomerCreateInput,
      options: WriteOptions = {},
    ): Promise<WriteResult<Customer>> => {
      const parsed = parseInput(CustomerCreateInputSchema, input, {
        provider: ACME,
        operation: 'customers.create',
      });
      const { body, warnings } = fromCanonicalCustomer(parsed);
      enforceStrict(warnings, {
        provider: ACME,
        operation: 'customers.create',
        strict: options.strict,
      });
      const response = await this.transport.request({
        method: 'POST',
        path: '/v1/customers',
        body: { customer: body },
        operation: 'customers.create',
        signal: options.signal,
      });
      return {
        data: toCanonicalCustomer(this.parse(CustomerEnvelope, response.body, 'customer').data),
        warnings,
      };
    },

    update: async (
      id: string,
      input: CustomerUpdateInput,
      options: WriteOptions = {},
    ): Promise<WriteResult<Customer>> => {
      const checkedId = this.id_(id, 'customers.update');
      const parsed = parseInput(CustomerUpdateInputSchema, input, {
        provider: ACME,
        operation: 'customers.update',
      });
      const { body, warnings } = fromCanonicalCustomer(parsed);
      enforceStrict(warnings, {
        provider: ACME,
        operation: 'customers.update',
        strict: options.strict,
      });
      const response = await this.transport.request({
        method: 'PATCH',
        path: `/v1/customers/${encodeURIComponent(checkedId)}`,
        body: { customer: body },
        operation: 'customers.update',
        signal: options.signal,
      });
      return {
        data: toCanonicalCustomer(this.parse(CustomerEnvelope, response.body, 'customer').data),
        warnings,
      };
    },

    delete: unsupportedOperation(
      ACME,
      'customers.delete',
    ) as InvoiceAdapterV1['customers']['delete'],
  };

  toJSON(): Record<string, string> {
    return adapterSummary(this);
  }

  [inspect.custom](): string {
    return inspectAdapter(this, 'AcmeAdapter');
  }

  request<T = unknown>(request: RawRequest): Promise<RawResponse<T>> {
    return forwardRawRequest<T>(this.transport, request);
  }

  close(): Promise<void> {
    return this.transport.close();
  }
}

/** The reference provider's descriptor, as a real provider package exports one. */
export const acmeProvider = defineProvider<AcmeConfig>({
  id: ACME,
  displayName: 'Acme (reference provider for core tests)',
  configSchema: AcmeConfigSchema as z.ZodType<AcmeConfig>,
  createAdapter: (container, config) => {
    registerTransport(container, {
      provider: ACME,
      baseUrl: config.baseUrl,
      auth: bearerToken(config.apiKey),
      ...transportLimitsOf(config),
    });
    return container.resolve(AcmeAdapter);
  },
});
