import type { QueryValue } from '../request';

/** A request before encoding: where credentials get attached. */
export interface OutgoingRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, QueryValue>>;
  readonly headers: Readonly<Record<string, string>>;
  /** The body before encoding (a plain object for JSON/XML), or `undefined`. */
  readonly body: unknown;
}

/**
 * How an adapter authenticates. Strategies keep their secret in a closure (nothing to print) and
 * hand the values to the redactor through `secretValues()`.
 */
export interface AuthStrategy {
  readonly kind: 'none' | 'query-token' | 'body-token' | 'basic' | 'bearer' | 'api-key-header';
  apply(request: OutgoingRequest): OutgoingRequest;
  /** Every string this strategy puts on the wire that must never be shown. */
  secretValues(): readonly string[];
}
