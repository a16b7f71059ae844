import {
  ProviderError,
  deferIterable,
  pageNumberStrategy,
  paginate,
  parseInput,
  type HttpTransport,
  type QueryValue,
  type ReadOptions,
  type WriteOptions,
} from '@invoicekit/core';
import { z } from 'zod';
import { INVOICEOCEAN } from '../provider-id';
import { listAnswer, recordAnswer, requireId } from '../wire/answer';
import { idSegment } from '../wire/path-segment';
import type { CallOptions, RawAnswer, WriteCallOptions } from './call-options';

/** Vendor filters of a list: scalars, or lists of them for repeated keys (`kinds[]`). */
const QuerySchema = z.record(
  z.string(),
  z.union([
    z.string(),
    z.number().finite(),
    z.boolean(),
    z.array(z.union([z.string(), z.number().finite()])),
    z.undefined(),
  ]),
);

/** The id a record schema read, as text, if any. */
function idOf(record: unknown): string | null {
  const value = (record as { id?: unknown }).id;
  return typeof value === 'string' ? value : null;
}

/** A vendor record as returned: the documented fields typed, every other key kept. */
export type VendorRecord<Shape> = Shape & Record<string, unknown>;

/** How one vendor resource is reached and checked. */
export interface VendorResourceDefinition<Record, Input> {
  /** Path without extension: `categories`, `warehouse_documents`, `banking/payments`. */
  readonly path: string;
  /** Body wrapper key: `category`, `warehouse_document`, `banking_payment`. */
  readonly wrapper: string;
  /** Lenient reader of one record. */
  readonly record: z.ZodType<Record>;
  /** Validators of create and update input (update takes any subset of the fields). */
  readonly input: {
    readonly create: z.ZodType<unknown, Input>;
    readonly update: z.ZodType<unknown, Partial<Input>>;
  };
  /** A singular path for `get` where the vendor documents one (`banking/payment`). */
  readonly getPath?: string;
}

/**
 * Typed access to one vendor resource (list, get, create, update, delete) through the adapter's
 * transport: the same auth, retries, redaction and errors as the canonical API. Input — create and
 * update alike — is checked before anything is sent (a `ValidationError` naming the field path);
 * records are read leniently with unknown keys kept, and an answer that is no record with an id
 * (or no list, for `list`) is a `ProviderError`.
 */
export class VendorResource<Record, Input> {
  constructor(
    protected readonly transport: HttpTransport,
    protected readonly definition: VendorResourceDefinition<Record, Input>,
    protected readonly extension: 'json' | 'xml',
  ) {}

  protected url(path: string): string {
    return `/${path}.${this.extension}`;
  }

  protected id(id: string | number, operation: string): string {
    return idSegment(id, operation);
  }

  /** One record of the vendor's answer: an object with an id, every documented field readable. */
  protected read(body: unknown, operation: string): Record {
    const context = { operation, what: this.definition.wrapper.replace(/_/g, ' ') };
    const record = recordAnswer(body, context);
    const parsed = this.definition.record.safeParse(record);
    if (!parsed.success) {
      // Paths only: a field's value may be an echoed credential.
      const fields = [
        ...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(record)')),
      ];
      throw new ProviderError({
        provider: INVOICEOCEAN,
        message: `${operation}: unreadable ${context.what} from the vendor (fields: ${fields.join(', ')})`,
        rawBody: body,
      });
    }
    requireId(idOf(parsed.data), body, context);
    return parsed.data;
  }

  /** Every record, page by page (100 per page), lazily; `query` passes the vendor's filters. */
  list(
    query: Readonly<globalThis.Record<string, QueryValue>> = {},
    options: ReadOptions = {},
  ): AsyncIterable<Record> {
    // Deferred, so bad filters reject the first `next()` like any other failure of a list.
    return deferIterable(() => this.pages(query, options));
  }

  private pages(
    query: Readonly<globalThis.Record<string, QueryValue>>,
    options: ReadOptions,
  ): AsyncIterable<Record> {
    const operation = `${this.definition.path}.list`;
    const filters = parseInput(QuerySchema, query, {
      provider: INVOICEOCEAN,
      operation,
      basePath: ['query'],
    });
    return paginate({
      provider: INVOICEOCEAN,
      strategy: pageNumberStrategy({ perPage: 100 }),
      idOf: (record: Record) => String((record as { id?: unknown }).id),
      signal: options.signal,
      fetchPage: async ({ page, perPage }, signal) => {
        const response = await this.transport.request({
          method: 'GET',
          path: this.url(this.definition.path),
          query: { ...filters, page, per_page: perPage },
          operation,
          signal,
        });
        return {
          items: listAnswer(response.body, { operation, what: 'list' }).map((item) =>
            this.read(item, operation),
          ),
        };
      },
    });
  }

  async get(id: string | number, options: ReadOptions = {}): Promise<Record> {
    const operation = `${this.definition.path}.get`;
    return this.read(await this.fetchRaw(id, { signal: options.signal, operation }), operation);
  }

  async create(input: Input, options: WriteOptions = {}): Promise<Record> {
    const operation = `${this.definition.path}.create`;
    const checked = parseInput(this.definition.input.create, input, {
      provider: INVOICEOCEAN,
      operation,
      basePath: [this.definition.wrapper],
    });
    const response = await this.transport.request({
      method: 'POST',
      path: this.url(this.definition.path),
      body: { [this.definition.wrapper]: checked },
      operation,
      signal: options.signal,
    });
    return this.read(response.body, operation);
  }

  async update(
    id: string | number,
    input: Partial<Input>,
    options: WriteOptions = {},
  ): Promise<Record> {
    const operation = `${this.definition.path}.update`;
    const path = this.url(`${this.definition.path}/${this.id(id, operation)}`);
    const checked = parseInput(this.definition.input.update, input, {
      provider: INVOICEOCEAN,
      operation,
      basePath: [this.definition.wrapper],
    });
    const response = await this.transport.request({
      method: 'PUT',
      path,
      body: { [this.definition.wrapper]: checked },
      operation,
      signal: options.signal,
    });
    return this.read(response.body, operation);
  }

  async delete(id: string | number, options: WriteOptions & CallOptions = {}): Promise<void> {
    const operation = options.operation ?? `${this.definition.path}.delete`;
    await this.transport.request({
      method: 'DELETE',
      path: this.url(`${this.definition.path}/${this.id(id, operation)}`),
      operation,
      signal: options.signal,
    });
  }

  // The calls below serve the canonical operations: the answer is returned as sent, because the
  // canonical readers check it themselves (and name the canonical operation when it is wrong).

  /** `GET /{path}/ID` — the answer as sent. */
  async fetchRaw(
    id: string | number,
    options: CallOptions = {},
    query?: Readonly<globalThis.Record<string, QueryValue>>,
  ): Promise<unknown> {
    const operation = options.operation ?? `${this.definition.path}.get`;
    const response = await this.transport.request({
      method: 'GET',
      path: this.url(
        `${this.definition.getPath ?? this.definition.path}/${this.id(id, operation)}`,
      ),
      ...(query ? { query } : {}),
      operation,
      signal: options.signal,
    });
    return response.body;
  }

  /** One page of `GET /{path}` with the vendor's filters: a list (anything else is an error). */
  async listRawPage(
    query: Readonly<globalThis.Record<string, QueryValue>>,
    options: CallOptions = {},
  ): Promise<unknown[]> {
    const operation = options.operation ?? `${this.definition.path}.list`;
    const response = await this.transport.request({
      method: 'GET',
      path: this.url(this.definition.path),
      query,
      operation,
      signal: options.signal,
    });
    return listAnswer(response.body, { operation, what: 'list' });
  }

  /** `POST /{path}` with `{ wrapper: body }` as given — the answer as sent. */
  async createRaw(
    body: globalThis.Record<string, unknown>,
    options: WriteCallOptions = {},
  ): Promise<RawAnswer> {
    const response = await this.transport.request({
      method: 'POST',
      path: this.url(this.definition.path),
      body: { [this.definition.wrapper]: body },
      operation: options.operation ?? `${this.definition.path}.create`,
      signal: options.signal,
      ...(options.idempotency ? { idempotency: options.idempotency } : {}),
    });
    return { body: response.body, recoveredByLookup: response.recoveredByLookup };
  }

  /** `PUT /{path}/ID` with `{ wrapper: body }` as given — the answer as sent. */
  async updateRaw(
    id: string | number,
    body: globalThis.Record<string, unknown>,
    options: CallOptions = {},
  ): Promise<unknown> {
    const operation = options.operation ?? `${this.definition.path}.update`;
    const response = await this.transport.request({
      method: 'PUT',
      path: this.url(`${this.definition.path}/${this.id(id, operation)}`),
      body: { [this.definition.wrapper]: body },
      operation,
      signal: options.signal,
    });
    return response.body;
  }
}
