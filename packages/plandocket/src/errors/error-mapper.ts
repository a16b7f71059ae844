import { defaultErrorForResponse, type ResponseErrorMapper } from '@invoicekit/core';

/**
 * How Plandocket says what went wrong (docs/vendors/plandocket.md §5): `{"error": "Resource not
 * found"}` with the HTTP status, and on a 422 `{"error": "Validation failed", "errors":
 * {"due_date": ["…"]}}`; the request id comes as `meta.request_id` or `X-Request-Id` (the transport
 * reads both). These are exactly the shapes core's default reading knows, so the vendor's mapper is
 * that reading, named here so that a vendor-specific case has one place to go. No 200 carries an
 * error, and a 429 sends no Retry-After (the transport's own backoff applies). The message is the
 * vendor's `error` text, already redacted by the transport.
 */
export const plandocketErrorMapper: ResponseErrorMapper = (response) =>
  defaultErrorForResponse(response);
