import type { AdapterWarning } from './warnings';

/** The result of a write: the canonical record as the vendor now holds it, and what was not carried. */
export interface WriteResult<T> {
  readonly data: T;
  readonly warnings: readonly AdapterWarning[];
  /** The vendor's id of the (last) request, when it sends one: quote it to its support. */
  readonly requestId?: string;
  /**
   * `true` when an idempotent create found the record an earlier create had made (same
   * `externalId`) and returned it unchanged: nothing new was written.
   */
  readonly existed?: true;
}

/** A downloaded document. */
export interface BinaryDocument {
  readonly contentType: string;
  readonly fileName: string | null;
  readonly data: Buffer;
}

/** A request made through the adapter's own transport and auth (`adapter.request`). */
export interface RawRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path relative to the adapter's base URL, e.g. `/invoices/1.json`. */
  readonly path: string;
  readonly query?: Readonly<
    Record<string, string | number | boolean | readonly string[] | undefined>
  >;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** A write is retried only when the caller vouches that repeating it is harmless. */
  readonly idempotent?: boolean;
  readonly signal?: AbortSignal;
}

/** The answer to a {@link RawRequest}: decoded body plus status and headers. */
export interface RawResponse<T = unknown> {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: T;
}
