/** HTTP methods the transport sends. */
export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A query value: repeated keys as arrays (`kinds[]=vat&kinds[]=proforma`). */
export type QueryValue = string | number | boolean | readonly (string | number)[] | undefined;

/**
 * How a write may be repeated after an ambiguous failure (timeout, reset, 5xx) without creating a
 * duplicate:
 * - `vendor-dedupe`: the vendor rejects or merges a repeat by itself (InvoiceOcean `oid` +
 *   `oid_unique`, method-style `INVOICE_EXT_UID`), so the same request is sent again; when the
 *   repeat is refused, `lookup` (if given) finds the first attempt's record;
 * - `lookup`: before repeating, ask the vendor whether the first attempt was committed; a record
 *   found is returned as the response (decoded body shape) and nothing is sent again.
 */
export type IdempotencyStrategy =
  | {
      readonly kind: 'vendor-dedupe';
      /**
       * Finds the record of a first attempt when the vendor refuses the repeat as a duplicate
       * (InvoiceOcean answers a second `oid_unique` create with a validation error).
       */
      readonly lookup?: IdempotencyLookup;
      /** What to check at the vendor if the outcome stays unknown (see `OutcomeUnknownError`). */
      readonly check?: string;
    }
  | {
      readonly kind: 'lookup';
      readonly lookup: IdempotencyLookup;
      /**
       * What to check at the vendor if the outcome stays unknown, in words naming the record
       * (`a payment with transaction id tx-1 on invoice RE-7`); a generic text otherwise.
       */
      readonly check?: string;
    }
  /** The call changes nothing (a read sent as POST, as RPC-style APIs do): retried like a GET. */
  | { readonly kind: 'read-only' };

/** Returns the committed record in the decoded response shape, or `undefined` when there is none. */
export type IdempotencyLookup = (signal?: AbortSignal) => Promise<unknown>;

/** One call through the transport. */
export interface TransportRequest {
  readonly method: HttpMethod;
  /** Path relative to the base URL; may contain a query already. */
  readonly path: string;
  readonly query?: Readonly<Record<string, QueryValue>>;
  /** Encoded by the transport's codec unless it is a Buffer or string. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** `decoded` (default): through the codec; `binary`: a Buffer (PDFs); `text`: a string. */
  readonly responseType?: 'decoded' | 'binary' | 'text';
  /** Writes are retried after ambiguous failures only with a strategy. */
  readonly idempotency?: IdempotencyStrategy;
  /**
   * The path and query are themselves a credential (a vendor's bearer document link): hooks,
   * logs and errors show the origin only.
   */
  readonly secretPath?: boolean;
  /** Names the operation in hooks and errors, e.g. `invoices.create`. */
  readonly operation?: string;
  readonly signal?: AbortSignal;
}

/** The answer: status, lower-case headers and the decoded body. */
export interface TransportResponse<T = unknown> {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: T;
  readonly requestId: string | undefined;
  /** How many attempts it took (1 without retries). */
  readonly attempts: number;
  /** True when the body came from an idempotency lookup rather than the request itself. */
  readonly recoveredByLookup: boolean;
}

/** Methods that never change state and can always be repeated. */
export function isSafeMethod(method: HttpMethod): boolean {
  return method === 'GET' || method === 'HEAD';
}
