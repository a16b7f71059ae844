import { NotFoundError, ValidationError } from '@invoicekit/core';
import { BILLOMAT_STYLE } from '../provider-id';
import { VENDOR_ID } from '../wire/vendor-id';

/** The records a caller names by id. */
export type RecordKind = 'invoice' | 'customer';

/** `invoice 42 does not exist`, the caller's id cut short: it could be anything they passed. */
export function notFound(kind: RecordKind, id: string): NotFoundError {
  const shown = id.length > 40 ? `${id.slice(0, 40)}…` : id;
  return new NotFoundError({
    provider: BILLOMAT_STYLE,
    message: `${kind} ${shown} does not exist`,
  });
}

/**
 * A canonical id as a vendor id. The vendor's ids are integers: any other id names no record
 * there, so it is not found — and it is never put into an envelope.
 */
export function vendorIdOf(id: string, kind: RecordKind): string {
  const trimmed = id.trim();
  if (!VENDOR_ID.test(trimmed)) throw notFound(kind, trimmed);
  return trimmed;
}

/** The vendor answers an unknown id as a missing field (`missing / invalid field: INVOICE_ID`). */
export function isMissingId(error: unknown, tag: string): boolean {
  return (
    error instanceof ValidationError &&
    error.provider === BILLOMAT_STYLE &&
    error.issues.some((issue) => issue.path === tag)
  );
}

/** Runs a write on one record; the vendor's "missing / invalid field: <tag>" is not found. */
export async function onRecord<T>(
  kind: RecordKind,
  id: string,
  tag: string,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isMissingId(error, tag)) throw notFound(kind, id);
    throw error;
  }
}
