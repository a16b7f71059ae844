import type { IdempotencyStrategy } from '@invoicekit/core';

/**
 * Options of one client call made for a canonical operation: its signal, and the canonical
 * operation's name (`invoices.get`), which the transport and the answer checks put in their
 * messages.
 */
export interface CallOptions {
  readonly signal?: AbortSignal | undefined;
  readonly operation?: string | undefined;
}

/** A write's options: a call's, and how it may be repeated after a lost answer. */
export interface WriteCallOptions extends CallOptions {
  readonly idempotency?: IdempotencyStrategy | undefined;
}

/** An answer as the vendor sent it, for the canonical readers (which check it themselves). */
export interface RawAnswer {
  readonly body: unknown;
  /** The transport found the write's effect by its look-up after a lost answer. */
  readonly recoveredByLookup: boolean;
}
