import type { Invoice } from '../model/invoice';
import { UnsupportedOperationError } from '../errors/errors';

/**
 * Something a write could not carry exactly. Returned with every write result, never dropped:
 * - `unsupported_field`: the vendor has no place for this canonical field; it was not sent.
 * - `approximated`: the vendor holds a different value (rounded, truncated, mapped to a near kind).
 * - `other`: anything else the caller should know.
 */
export type AdapterWarning =
  | { readonly type: 'unsupported_field'; readonly path: string; readonly reason: string }
  | { readonly type: 'approximated'; readonly path: string; readonly reason: string }
  | { readonly type: 'other'; readonly message: string };

/** Options every write accepts. */
export interface WriteOptions {
  /** Turn every warning into an {@link UnsupportedOperationError}; nothing is sent. */
  readonly strict?: boolean;
  readonly signal?: AbortSignal;
}

/**
 * Options of a write on one existing invoice (`markPaid`, `cancel`). `current` is the invoice as
 * the caller holds it — the answer of the write it just made, or a read: an adapter that must read
 * the invoice before this write (InvoiceOcean plans a payment and keys it for dedupe from it, and
 * keeps the kind in a cancel reason) plans from it instead of reading it again. Pass it only
 * fresh, as a migration does with the record it has just written; the write is still guarded by
 * the vendor's dedupe and its answer read as always. It must be this adapter's record of `id`.
 */
export interface InvoiceWriteOptions extends WriteOptions {
  readonly current?: Invoice;
}

/** Renders one warning as a line of text. */
export function describeWarning(warning: AdapterWarning): string {
  return warning.type === 'other' ? warning.message : `${warning.path}: ${warning.reason}`;
}

/**
 * Applies strict mode: with `strict` and at least one warning, throws before anything is sent;
 * otherwise returns the warnings unchanged for the result.
 */
export function enforceStrict(
  warnings: readonly AdapterWarning[],
  context: { provider: string; operation: string; strict?: boolean | undefined },
): readonly AdapterWarning[] {
  if (context.strict && warnings.length > 0) {
    throw new UnsupportedOperationError({
      provider: context.provider,
      operation: context.operation,
      issues: warnings.map((warning) => ({
        path: warning.type === 'other' ? '' : warning.path,
        message: warning.type === 'other' ? warning.message : warning.reason,
      })),
      message: `${context.operation} in strict mode: ${context.provider} cannot carry ${warnings
        .map(describeWarning)
        .join('; ')}`,
    });
  }
  return warnings;
}
