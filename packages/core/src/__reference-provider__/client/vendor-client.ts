import type { z } from 'zod';
import { ProviderError } from '../../errors/errors';
import type { HttpTransport } from '../../http/transport';
import type { IdempotencyStrategy } from '../../http/request';
import { encodePathSegment } from '../../http/path-segment';
import { pageNumberStrategy, paginate } from '../../pagination/paginate';
import { ACME } from '../provider-id';
import { AcmeCustomerWire, AcmeInvoiceWire, envelope } from '../wire/records';

const InvoiceEnvelope = envelope(AcmeInvoiceWire);
const InvoiceListEnvelope = envelope(AcmeInvoiceWire.array());
const CustomerEnvelope = envelope(AcmeCustomerWire);
const CustomerListEnvelope = envelope(AcmeCustomerWire.array());

/** Options of one client call. */
export interface AcmeCallOptions {
  readonly signal?: AbortSignal | undefined;
  readonly operation?: string;
}

/** A written record and whether the vendor answered with one it already had (HTTP 200). */
export interface AcmeWritten<T> {
  readonly record: T;
  readonly existed: boolean;
}

/** A downloaded document as the vendor sent it. */
export interface AcmeDocument {
  readonly contentType: string;
  readonly contentDisposition: string | undefined;
  readonly data: Buffer;
}

/**
 * The typed Acme client: the only code that names Acme's paths. Every answer is checked against
 * its lenient wire schema; an unreadable one is a `ProviderError`, never an empty record.
 */
export class AcmeClient {
  constructor(
    private readonly transport: HttpTransport,
    private readonly maxPageSize: number,
  ) {}

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

  private segment(id: string, field: string): string {
    return encodePathSegment(id, field, ACME);
  }

  private async invoiceCall(
    method: 'GET' | 'POST' | 'PATCH',
    path: string,
    body: unknown,
    options: AcmeCallOptions & { idempotency?: IdempotencyStrategy },
  ): Promise<AcmeWritten<AcmeInvoiceWire>> {
    const response = await this.transport.request({
      method,
      path,
      body,
      operation: options.operation,
      signal: options.signal,
      ...(options.idempotency ? { idempotency: options.idempotency } : {}),
    });
    return {
      record: this.parse(InvoiceEnvelope, response.body, 'invoice').data,
      existed: response.status === 200 && method === 'POST',
    };
  }

  /** Every record at a list path, page by page, each page checked against its schema. */
  private listPages<T extends { id: string }>(
    path: string,
    schema: z.ZodType<{ data: T[] }>,
    what: string,
    query: Readonly<Record<string, string | undefined>>,
    pageSize: number,
    options: AcmeCallOptions,
  ): AsyncIterable<T> {
    const perPage = Math.min(pageSize, this.maxPageSize);
    return paginate({
      provider: ACME,
      strategy: pageNumberStrategy({ perPage }),
      idOf: (record: T) => record.id,
      signal: options.signal,
      fetchPage: async ({ page }, signal) => {
        const response = await this.transport.request({
          method: 'GET',
          path,
          query: { page, per_page: perPage, ...query },
          operation: options.operation,
          signal,
        });
        return { items: this.parse(schema, response.body, what).data };
      },
    });
  }

  /** `GET /v1/invoices` page by page (`external_id` is the only filter Acme has). */
  listInvoices(
    filters: { externalId?: string | undefined; pageSize: number },
    options: AcmeCallOptions = {},
  ): AsyncIterable<AcmeInvoiceWire> {
    return this.listPages(
      '/v1/invoices',
      InvoiceListEnvelope,
      'invoice list',
      { external_id: filters.externalId },
      filters.pageSize,
      options,
    );
  }

  async getInvoice(id: string, options: AcmeCallOptions = {}): Promise<AcmeInvoiceWire> {
    return (
      await this.invoiceCall('GET', `/v1/invoices/${this.segment(id, 'id')}`, undefined, options)
    ).record;
  }

  /** `POST /v1/invoices`; with an `external_id` the vendor dedupes, so a repeat is safe. */
  createInvoice(
    invoice: Record<string, unknown>,
    options: AcmeCallOptions = {},
  ): Promise<AcmeWritten<AcmeInvoiceWire>> {
    return this.invoiceCall(
      'POST',
      '/v1/invoices',
      { invoice },
      {
        ...options,
        ...(invoice.external_id !== undefined
          ? { idempotency: { kind: 'vendor-dedupe' as const } }
          : {}),
      },
    );
  }

  async updateInvoice(
    id: string,
    invoice: Record<string, unknown>,
    options: AcmeCallOptions = {},
  ): Promise<AcmeInvoiceWire> {
    return (
      await this.invoiceCall(
        'PATCH',
        `/v1/invoices/${this.segment(id, 'id')}`,
        { invoice },
        options,
      )
    ).record;
  }

  async deleteInvoice(id: string, options: AcmeCallOptions = {}): Promise<void> {
    await this.transport.request({
      method: 'DELETE',
      path: `/v1/invoices/${this.segment(id, 'id')}`,
      operation: options.operation,
      signal: options.signal,
    });
  }

  /** `POST /v1/invoices/:id/{finalize|cancel|payments|send}`. */
  async invoiceAction(
    id: string,
    action: 'finalize' | 'cancel' | 'payments' | 'send',
    body: Record<string, unknown>,
    options: AcmeCallOptions = {},
  ): Promise<AcmeInvoiceWire> {
    return (
      await this.invoiceCall(
        'POST',
        `/v1/invoices/${this.segment(id, 'id')}/${action}`,
        body,
        options,
      )
    ).record;
  }

  async downloadInvoicePdf(id: string, options: AcmeCallOptions = {}): Promise<AcmeDocument> {
    const response = await this.transport.request<Buffer>({
      method: 'GET',
      path: `/v1/invoices/${this.segment(id, 'id')}/pdf`,
      responseType: 'binary',
      operation: options.operation,
      signal: options.signal,
    });
    return {
      contentType: response.headers['content-type'] ?? 'application/pdf',
      contentDisposition: response.headers['content-disposition'],
      data: response.body,
    };
  }

  /** `GET /v1/customers` page by page (`email` is the only filter Acme has). */
  listCustomers(
    filters: { email?: string | undefined; pageSize: number },
    options: AcmeCallOptions = {},
  ): AsyncIterable<AcmeCustomerWire> {
    return this.listPages(
      '/v1/customers',
      CustomerListEnvelope,
      'customer list',
      { email: filters.email },
      filters.pageSize,
      options,
    );
  }

  private async customerCall(
    method: 'GET' | 'POST' | 'PATCH',
    path: string,
    body: unknown,
    options: AcmeCallOptions,
  ): Promise<AcmeCustomerWire> {
    const response = await this.transport.request({
      method,
      path,
      body,
      operation: options.operation,
      signal: options.signal,
    });
    return this.parse(CustomerEnvelope, response.body, 'customer').data;
  }

  getCustomer(id: string, options: AcmeCallOptions = {}): Promise<AcmeCustomerWire> {
    return this.customerCall('GET', `/v1/customers/${this.segment(id, 'id')}`, undefined, options);
  }

  createCustomer(
    customer: Record<string, unknown>,
    options: AcmeCallOptions = {},
  ): Promise<AcmeCustomerWire> {
    return this.customerCall('POST', '/v1/customers', { customer }, options);
  }

  updateCustomer(
    id: string,
    customer: Record<string, unknown>,
    options: AcmeCallOptions = {},
  ): Promise<AcmeCustomerWire> {
    return this.customerCall(
      'PATCH',
      `/v1/customers/${this.segment(id, 'id')}`,
      { customer },
      options,
    );
  }
}
