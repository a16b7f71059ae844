import { IdSchema, ProviderError, encodePathSegment, parseInput } from '@invoicekit/core';
import { INVOICEOCEAN } from '../provider-id';

/**
 * Ids put into URL paths. An id — the caller's, or one taken from a vendor's answer — may hold
 * `/`, `?`, `#` or be a dot segment; encoded by core's `encodePathSegment`, it cannot point a
 * request that carries the token at another resource. `''`, `.` and `..` are refused.
 */

/** A caller's id as one path segment; an unusable id is a `ValidationError`, nothing sent. */
export function idSegment(id: string | number, operation: string, field = 'id'): string {
  const text = parseInput(IdSchema, typeof id === 'number' ? String(id) : id, {
    provider: INVOICEOCEAN,
    operation,
    basePath: [field],
  });
  return encodePathSegment(text, field, INVOICEOCEAN);
}

/**
 * An id from a vendor's answer (`from_invoice_id`, a created record's id) as one path segment.
 * An id no encoding makes safe is the vendor's fault: a {@link ProviderError}.
 */
export function vendorIdSegment(id: string, operation: string, field: string): string {
  try {
    return encodePathSegment(id, field);
  } catch {
    throw new ProviderError({
      provider: INVOICEOCEAN,
      message: `${operation}: the vendor's ${field} is not usable as an id`,
    });
  }
}

/**
 * An id from a vendor's answer, checked to be usable as one path segment (a
 * {@link ProviderError} otherwise) and returned as it is, for a client call that encodes it.
 */
export function checkedVendorId(id: string, operation: string, field: string): string {
  vendorIdSegment(id, operation, field);
  return id;
}
