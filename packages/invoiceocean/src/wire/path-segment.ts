import { IdSchema, ProviderError, ValidationError, parseInput } from '@invoicekit/core';
import { INVOICEOCEAN } from '../provider-id';

/**
 * Ids put into URL paths. An id — the caller's, or one taken from a vendor's answer — may hold
 * `/`, `?`, `#` or be a dot segment; encoded, it cannot point a request that carries the token at
 * another resource. `''`, `.` and `..` cannot be made safe by encoding and are refused.
 */

// TODO(core): core's encodePathSegment once it is released; the same rule, kept local until then.
function isUnsafeSegment(text: string): boolean {
  return text === '' || text === '.' || text === '..' || text.trim() !== text;
}

/** A caller's id as one path segment; an unusable id is a {@link ValidationError}, nothing sent. */
export function idSegment(id: string | number, operation: string, field = 'id'): string {
  const text = parseInput(IdSchema, typeof id === 'number' ? String(id) : id, {
    provider: INVOICEOCEAN,
    operation,
    basePath: [field],
  });
  if (isUnsafeSegment(text)) {
    throw new ValidationError({
      provider: INVOICEOCEAN,
      issues: [{ path: field, message: 'is not usable as an id in a URL path' }],
    });
  }
  return encodeURIComponent(text);
}

/**
 * An id from a vendor's answer (`from_invoice_id`, a created record's id) as one path segment.
 * An id no encoding makes safe is the vendor's fault: a {@link ProviderError}.
 */
export function vendorIdSegment(id: string, operation: string, field: string): string {
  if (isUnsafeSegment(id)) {
    throw new ProviderError({
      provider: INVOICEOCEAN,
      message: `${operation}: the vendor's ${field} is not usable as an id`,
    });
  }
  return encodeURIComponent(id);
}
