import {
  deferIterable,
  encodePathSegment,
  paginate,
  parseInput,
  toDecimal,
  type HttpTransport,
  type IdempotencyStrategy,
  type QueryValue,
} from '@invoicekit/core';
import { z } from 'zod';
import { API_PREFIX } from './api-prefix';
import { listOf, recordOf } from '../codec/envelope';
import { JsonNumber } from '../codec/lossless-json';
import {
  lenientPagingStrategy,
  nextCursor,
  pageHintsOf,
  type LenientCursor,
} from '../codec/paging';
import { PLANDOCKET } from '../provider-id';
import {
  ContactQuerySchema,
  InvoiceQuerySchema,
  PaymentQuerySchema,
  type ContactQuery,
  type InvoiceQuery,
  type PaymentQuery,
} from './invoice-query';

/** A vendor record as decoded (numbers arrive as their exact text: see the lossless codec). */
export type VendorRecord = Record<string, unknown>;

/** One record and the request id the vendor sent with it. */
export interface VendorResult {
  readonly data: VendorRecord;
  readonly requestId: string | undefined;
}

/** Per-call options. */
export interface CallOptions {
  readonly signal?: AbortSignal;
  readonly operation?: string;
  readonly idempotency?: IdempotencyStrategy;
}

const IdInput = z.union([z.string().regex(/^\d+$/), z.number().int().positive().transform(String)]);

/** The documented body of `PUT/PATCH /invoices/{id}`. */
export const InvoicePatchSchema = z
  .strictObject({
    status: z.string().min(1).optional(),
    notes: z.string().nullable().optional(),
    due_date: z.iso.date().nullable().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'change at least one field' });
/** What `InvoicePatchSchema` accepts: the input, before defaults and transforms. */
export type InvoicePatch = z.input<typeof InvoicePatchSchema>;

/**
 * An amount above 0, sent as a bare JSON number with exactly these digits (the vendor expects a
 * float). A zero or negative payment is refused before anything is sent.
 */
const PaymentAmount = z
  .string()
  // Aborts here: a non-decimal must not reach the decimal library below.
  .regex(/^\d{1,15}(\.\d{1,8})?$/, { message: 'a positive decimal string', abort: true })
  .refine((amount) => toDecimal(amount).greaterThan(0), { message: 'must be more than 0' })
  .transform((amount) => new JsonNumber(amount));

/** A free-text field of a vendor body: text (or `null` to clear), never an object or a list. */
const Text = z.string().max(10_000);

/** The documented body of `POST /payments` (the invoice by its NUMBER, not its id). */
export const PaymentCreateSchema = z.strictObject({
  invoice_number: z.string().min(1).max(255),
  amount: PaymentAmount,
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/, { message: 'a 3-letter currency code' })
    .optional(),
  status: z.string().min(1).max(40).optional(),
  payment_date: z.iso.date().optional(),
  notes: Text.optional(),
  gateway_key: z.string().max(255).optional(),
  transaction_id: z.string().max(255).optional(),
});
/** What `PaymentCreateSchema` accepts: the input, before defaults and transforms. */
export type PaymentCreate = z.input<typeof PaymentCreateSchema>;

/** The body of `PATCH /payments/{id}`: any field of a payment but its invoice. */
export const PaymentPatchSchema = PaymentCreateSchema.omit({ invoice_number: true })
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'change at least one field' });
/** What `PaymentPatchSchema` accepts: the input, before defaults and transforms. */
export type PaymentPatch = z.input<typeof PaymentPatchSchema>;

/** A contact field the vendor names (`custom_field_3`): lower-case, digits and underscores. */
const FIELD_NAME = /^[a-z][a-z0-9_]{0,63}$/;
const Scalar = z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]);

/**
 * The body of `POST/PATCH /contacts`: the documented fields typed, further (undocumented)
 * fields with plain values only. An object or a list where a value belongs (`{"$gt": ""}`) is
 * refused before anything is sent.
 */
export const ContactBodySchema = z
  .strictObject({
    customer_number: Text.nullable().optional(),
    company_name: Text.nullable().optional(),
    first_name: Text.nullable().optional(),
    last_name: Text.nullable().optional(),
    address: Text.nullable().optional(),
    postal_code: Text.nullable().optional(),
    city: Text.nullable().optional(),
    country: Text.nullable().optional(),
    state: Text.nullable().optional(),
    phone: Text.nullable().optional(),
    fax: Text.nullable().optional(),
    mobile: Text.nullable().optional(),
    email: Text.nullable().optional(),
    website: Text.nullable().optional(),
    notes: Text.nullable().optional(),
    tax_id: Text.nullable().optional(),
    rating: z.number().int().nullable().optional(),
    account_access_enabled: z.boolean().optional(),
  })
  .catchall(Scalar)
  .superRefine((body, ctx) => {
    const keys = Object.keys(body);
    if (keys.length === 0) ctx.addIssue({ code: 'custom', message: 'give at least one field' });
    for (const key of keys)
      if (!FIELD_NAME.test(key))
        ctx.addIssue({ code: 'custom', path: [key], message: 'not a field name' });
  });
/** What `ContactBodySchema` accepts: the input, before defaults and transforms. */
export type ContactBody = z.input<typeof ContactBodySchema>;

/** Query values as the vendor reads them: lists comma-joined. */
function queryOf(query: Record<string, unknown>): Record<string, QueryValue> {
  return Object.fromEntries(
    Object.entries(query)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, Array.isArray(value) ? value.join(',') : (value as QueryValue)]),
  );
}

/**
 * Plandocket's own API, typed: invoices (read, update), contacts and payments (full CRUD), every
 * documented filter, sort and include validated before sending. Lists page leniently (the vendor
 * documents no paging; see `lenientPagingStrategy`). Invalid input rejects the returned promise
 * with a `ValidationError` (never a synchronous throw), and nothing is sent.
 */
export class PlandocketClient {
  constructor(
    private readonly transport: HttpTransport,
    private readonly pageSize: number,
    /** The API's origin, so that `links.next` is followed only on the same host. */
    private readonly origin: string,
  ) {}

  /** An id as one URL path segment: digits only, and encoded all the same. */
  private id(value: string | number, operation: string): string {
    return encodePathSegment(
      parseInput(IdInput, value, { provider: PLANDOCKET, operation, basePath: ['id'] }),
      'id',
      PLANDOCKET,
    );
  }

  private checked<S extends z.ZodType>(schema: S, input: unknown, operation: string): z.output<S> {
    return parseInput(schema, input, { provider: PLANDOCKET, operation });
  }

  private list(
    resource: string,
    query: Record<string, unknown>,
    options: CallOptions & { pageSize?: number },
  ): AsyncIterable<VendorRecord> {
    const perPage = options.pageSize ?? this.pageSize;
    return paginate({
      provider: PLANDOCKET,
      strategy: lenientPagingStrategy(perPage),
      // The published example keys invoices by invoice_id; a record without any id is its content.
      idOf: (record: VendorRecord) =>
        String(record.id ?? record.invoice_id ?? JSON.stringify(record)),
      onRepeatedPage: 'stop',
      signal: options.signal,
      fetchPage: async (cursor, signal) => {
        const response = await this.transport.request({
          method: 'GET',
          ...this.pageLocation(resource, query, cursor),
          operation: options.operation ?? `${resource}.list`,
          signal,
        });
        const items = listOf(response.body, {
          operation: options.operation ?? `${resource}.list`,
          status: response.status,
          requestId: response.requestId,
        });
        return { items, next: nextCursor(cursor, pageHintsOf(response.body), items.length) };
      },
    });
  }

  /**
   * Where a page is: the vendor's `links.next` when it sent one, else `page` + `per_page` with the
   * filters. The link is followed only as a path and query on this origin, on this resource's
   * own path: a link to another host (the key would go with it), with userinfo, or to another
   * resource (`/api/v1/contacts`, `/api/v1/invoices/../../admin`) is not followed, and the next
   * page is asked for by number instead.
   */
  private pageLocation(
    resource: string,
    query: Record<string, unknown>,
    cursor: LenientCursor,
  ): { path: string; query?: Record<string, QueryValue> } {
    if (cursor.link !== undefined) {
      const link = URL.canParse(cursor.link, 'http://same.origin')
        ? new URL(cursor.link, 'http://same.origin')
        : undefined;
      const resourcePath = `${API_PREFIX}/${resource}`;
      if (
        link !== undefined &&
        (link.origin === 'http://same.origin' || link.origin === this.origin) &&
        link.username === '' &&
        link.password === '' &&
        (link.pathname === resourcePath || link.pathname === `${resourcePath}/`)
      )
        return { path: `${link.pathname}${link.search}` };
    }
    return {
      path: `${API_PREFIX}/${resource}`,
      query: { ...queryOf(query), page: cursor.page, per_page: cursor.perPage },
    };
  }

  private async one(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    body: unknown,
    options: CallOptions & { query?: Record<string, unknown> },
  ): Promise<VendorResult> {
    const response = await this.transport.request({
      method,
      path: `${API_PREFIX}/${path}`,
      ...(options.query ? { query: queryOf(options.query) } : {}),
      ...(body !== undefined ? { body } : {}),
      operation: options.operation ?? path,
      signal: options.signal,
      ...(options.idempotency ? { idempotency: options.idempotency } : {}),
    });
    // A DELETE answers 204 or anything; every other call must bring back its record.
    if (method === 'DELETE') return { data: {}, requestId: response.requestId };
    return {
      data: recordOf(response.body, {
        operation: options.operation ?? path,
        status: response.status,
        requestId: response.requestId,
      }),
      requestId: response.requestId,
    };
  }

  readonly invoices = {
    /** `GET /invoices` with any documented filter, sort and include; every page, lazily. */
    list: (
      query: InvoiceQuery = {},
      options: CallOptions & { pageSize?: number } = {},
    ): AsyncIterable<VendorRecord> =>
      deferIterable(() =>
        this.list('invoices', this.checked(InvoiceQuerySchema, query, 'invoices.list'), options),
      ),

    get: async (
      id: string | number,
      include: InvoiceQuery['include'] = [],
      options: CallOptions = {},
    ): Promise<VendorResult> =>
      this.one('GET', `invoices/${this.id(id, 'invoices.get')}`, undefined, {
        ...options,
        query: include.length > 0 ? { include } : {},
      }),

    /**
     * `PATCH /invoices/{id}`: sets fields, so repeating it is harmless. `include` asks for the
     * answer to carry those parts too, as a GET would (a server may ignore it).
     */
    update: async (
      id: string | number,
      patch: InvoicePatch,
      options: CallOptions & { include?: InvoiceQuery['include'] } = {},
    ): Promise<VendorResult> => {
      const { include = [], ...rest } = options;
      return this.one(
        'PATCH',
        `invoices/${this.id(id, 'invoices.update')}`,
        this.checked(InvoicePatchSchema, patch, 'invoices.update'),
        {
          idempotency: { kind: 'vendor-dedupe' },
          ...rest,
          ...(include.length > 0 ? { query: { include } } : {}),
        },
      );
    },
  };

  readonly contacts = {
    list: (
      query: ContactQuery = {},
      options: CallOptions & { pageSize?: number } = {},
    ): AsyncIterable<VendorRecord> =>
      deferIterable(() =>
        this.list('contacts', this.checked(ContactQuerySchema, query, 'contacts.list'), options),
      ),
    get: async (id: string | number, options: CallOptions = {}): Promise<VendorResult> =>
      this.one('GET', `contacts/${this.id(id, 'contacts.get')}`, undefined, options),
    /** `POST /contacts`: never repeated (nothing documented finds a contact made by a lost call). */
    create: async (
      body: Record<string, unknown>,
      options: CallOptions = {},
    ): Promise<VendorResult> =>
      this.one(
        'POST',
        'contacts',
        this.checked(ContactBodySchema, body, 'contacts.create'),
        options,
      ),
    update: async (
      id: string | number,
      body: Record<string, unknown>,
      options: CallOptions = {},
    ): Promise<VendorResult> =>
      this.one(
        'PATCH',
        `contacts/${this.id(id, 'contacts.update')}`,
        this.checked(ContactBodySchema, body, 'contacts.update'),
        { idempotency: { kind: 'vendor-dedupe' }, ...options },
      ),
    delete: async (id: string | number, options: CallOptions = {}): Promise<void> => {
      await this.one('DELETE', `contacts/${this.id(id, 'contacts.delete')}`, undefined, options);
    },
  };

  readonly payments = {
    list: (
      query: PaymentQuery = {},
      options: CallOptions & { pageSize?: number } = {},
    ): AsyncIterable<VendorRecord> =>
      deferIterable(() =>
        this.list('payments', this.checked(PaymentQuerySchema, query, 'payments.list'), options),
      ),
    get: async (id: string | number, options: CallOptions = {}): Promise<VendorResult> =>
      this.one('GET', `payments/${this.id(id, 'payments.get')}`, undefined, options),
    /** `POST /payments`. Give `transaction_id` and `idempotency` to make it safe to repeat. */
    create: async (body: PaymentCreate, options: CallOptions = {}): Promise<VendorResult> =>
      this.one(
        'POST',
        'payments',
        this.checked(PaymentCreateSchema, body, 'payments.create'),
        options,
      ),
    update: async (
      id: string | number,
      body: PaymentPatch,
      options: CallOptions = {},
    ): Promise<VendorResult> =>
      this.one(
        'PATCH',
        `payments/${this.id(id, 'payments.update')}`,
        this.checked(PaymentPatchSchema, body, 'payments.update'),
        {
          idempotency: { kind: 'vendor-dedupe' },
          ...options,
        },
      ),
    delete: async (id: string | number, options: CallOptions = {}): Promise<void> => {
      await this.one('DELETE', `payments/${this.id(id, 'payments.delete')}`, undefined, options);
    },
  };
}
