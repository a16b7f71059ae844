import { ValidationError } from '../errors/errors';

/**
 * One URL path segment from an id. Ids come from callers and from vendors' own answers, and
 * either may hold `/`, `?`, `#` or `..`: encoded, they cannot point a request (carrying the
 * adapter's credentials) at another resource. An empty id or a dot segment is refused, since no
 * encoding makes those safe.
 *
 * @param field names the id in the error (`id`, `invoice.client_id`)
 * @param provider the adapter the error is stamped with
 */
export function encodePathSegment(value: string | number, field = 'id', provider = 'core'): string {
  const text = String(value);
  if (text === '' || text === '.' || text === '..' || text.trim() !== text) {
    throw new ValidationError({
      provider,
      issues: [{ path: field, message: 'is not usable as an id in a URL path' }],
    });
  }
  return encodeURIComponent(text);
}
