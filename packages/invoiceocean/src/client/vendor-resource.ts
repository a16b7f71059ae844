import {
  ProviderError,
  pageNumberStrategy,
  paginate,
  parseInput,
  type HttpTransport,
  type QueryValue,
  type ReadOptions,
  type WriteOptions,
} from '@invoicekit/core';
import type { z } from 'zod';
import { INVOICEOCEAN } from '../provider-id';
import { idSegment } from '../wire/path-segment';

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
  /** Validator of create input (update takes any subset of it). */
  readonly input: z.ZodType<Input>;
  /** A singular path for `get` where the vendor documents one (`banking/payment`). */
  readonly getPath?: string;
}

/**
 * Typed access to one vendor resource (list, get, create, update, delete) through the adapter's
 * transport: the same auth, retries, redaction and errors as the canonical API. Input is checked
 * before sending; records are read leniently with unknown keys kept.
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

  protected read(body: unknown, operation: string): Record {
    const parsed = this.definition.record.safeParse(body);
    if (!parsed.success) {
      throw new ProviderError({
        provider: INVOICEOCEAN,
        message: `${operation}: unreadable ${this.definition.wrapper} from the vendor`,
      });
    }
    return parsed.data;
  }

  /** Every record, page by page (100 per page), lazily; `query` passes the vendor's filters. */
  list(
    query: Readonly<globalThis.Record<string, QueryValue>> = {},
    options: ReadOptions = {},
  ): AsyncIterable<Record> {
    const operation = `${this.definition.path}.list`;
    return paginate({
      provider: INVOICEOCEAN,
      strategy: pageNumberStrategy({ perPage: 100 }),
      idOf: (record: Record) => String((record as { id?: unknown }).id),
      signal: options.signal,
      fetchPage: async ({ page, perPage }, signal) => {
        const response = await this.transport.request({
          method: 'GET',
          path: this.url(this.definition.path),
          query: { ...query, page, per_page: perPage },
          operation,
          signal,
        });
        return {
          items: (Array.isArray(response.body) ? response.body : []).map((item) =>
            this.read(item, operation),
          ),
        };
      },
    });
  }

  async get(id: string | number, options: ReadOptions = {}): Promise<Record> {
    const operation = `${this.definition.path}.get`;
    const response = await this.transport.request({
      method: 'GET',
      path: this.url(
        `${this.definition.getPath ?? this.definition.path}/${this.id(id, operation)}`,
      ),
      operation,
      signal: options.signal,
    });
    return this.read(response.body, operation);
  }

  async create(input: Input, options: WriteOptions = {}): Promise<Record> {
    const operation = `${this.definition.path}.create`;
    const checked = parseInput(this.definition.input, input, {
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
    const response = await this.transport.request({
      method: 'PUT',
      path: this.url(`${this.definition.path}/${this.id(id, operation)}`),
      body: { [this.definition.wrapper]: input },
      operation,
      signal: options.signal,
    });
    return this.read(response.body, operation);
  }

  async delete(id: string | number, options: WriteOptions = {}): Promise<void> {
    const operation = `${this.definition.path}.delete`;
    await this.transport.request({
      method: 'DELETE',
      path: this.url(`${this.definition.path}/${this.id(id, operation)}`),
      operation,
      signal: options.signal,
    });
  }
}
