import {
  AuthenticationError,
  ConflictError,
  ProviderError,
  RateLimitedError,
  ValidationError,
  type InvoicekitError,
  type ResponseContext,
} from '@invoicekit/core';
import { responseOf } from '../codec/envelope';

/** `ERRORS` as an array, a bare string, or an object keyed by index (PHP). */
export function errorMessages(errors: unknown): string[] {
  if (errors === undefined || errors === null || errors === '') return [];
  if (typeof errors === 'string') return [errors];
  if (Array.isArray(errors)) return errors.map(String);
  if (typeof errors === 'object')
    return Object.values(errors as Record<string, unknown>).map(String);
  return [String(errors)];
}

const FIELD_ERROR = /^missing \/ invalid field:\s*(.+)$/i;

/**
 * The vendor reports failures inside HTTP 200 as `RESPONSE.ERRORS` strings, classified here by
 * their prefix (docs/vendors/method-style.md §5): `LoginError:` → authentication, `missing /
 * invalid field: X` → validation with the field named, `Invoice Error:` → conflict with the
 * invoice's state, limits → rate limited, anything else → provider. A write whose `STATUS` is not
 * `success` failed too.
 */
export function methodStyleErrorForResponse(
  response: ResponseContext,
): InvoicekitError | undefined {
  // A real HTTP failure (401, 429 with Retry-After, 5xx) keeps the transport's own reading.
  if (response.status >= 400) return undefined;
  // Classified on the answer as decoded; an error carries the redacted `body` (copied only then).
  const answer = responseOf(response.data);
  const messages = errorMessages(answer.ERRORS);
  const details = () => ({
    provider: response.provider,
    status: response.status,
    request: response.request,
    rawBody: response.body,
  });
  if (messages.length > 0) {
    // Classified on `data`; the message quotes the vendor, so it is taken from the redacted body.
    const said = errorMessages(responseOf(response.body).ERRORS);
    const text = said.join('; ');
    const service = (response.body as { REQUEST?: { SERVICE?: unknown } } | undefined)?.REQUEST
      ?.SERVICE;
    const message = `${typeof service === 'string' ? service : 'request'}: ${text}`;
    if (messages.some((item) => item.startsWith('LoginError')))
      return new AuthenticationError({ ...details(), message });
    if (messages.every((item) => FIELD_ERROR.test(item))) {
      return new ValidationError({
        ...details(),
        message,
        issues: said.map((item) => ({
          path: (FIELD_ERROR.exec(item)?.[1] ?? '').trim(),
          message: 'missing or invalid',
        })),
      });
    }
    if (messages.some((item) => /limit|too many/i.test(item)))
      return new RateLimitedError({ ...details(), message });
    if (messages.some((item) => item.startsWith('Invoice Error')))
      return new ConflictError({ ...details(), message });
    return new ProviderError({ ...details(), message });
  }
  if (
    answer.STATUS !== undefined &&
    answer.STATUS !== 'success' &&
    response.status >= 200 &&
    response.status < 300
  ) {
    return new ProviderError({
      ...details(),
      message: `the vendor answered STATUS ${JSON.stringify(responseOf(response.body).STATUS)}`,
    });
  }
  return undefined;
}
