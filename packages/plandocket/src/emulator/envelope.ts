import { jsonResponse, type EmulatorResponse } from '@invoicekit/core/emulator';
import type { RouteContext } from './context';
import type { Page } from './query';

/**
 * Response bodies. Successes are wrapped as `{"data": …, "meta": {"request_id": …}}` — the only
 * example the vendor shows (docs/vendors/plandocket.md §3) — or sent bare, as configured. Errors
 * are never wrapped: the documented shapes are `{"error": …}` and, for 422, `{"error", "errors"}`
 * (docs/vendors/plandocket.md §5).
 */

type Identified = Pick<RouteContext, 'options' | 'requestId'>;

function requestIdHeader(context: Pick<RouteContext, 'requestId'>): Record<string, string> {
  return { 'x-request-id': context.requestId };
}

/** A single record (or any data) with the configured envelope. */
export function ok(context: Identified, data: unknown, status = 200): EmulatorResponse {
  const body =
    context.options.envelope === 'bare' ? data : { data, meta: { request_id: context.requestId } };
  return jsonResponse(status, body, requestIdHeader(context));
}

/**
 * A list page. With `meta` paging the envelope also carries `meta.pagination` and a top-level
 * `links.next`; a bare body is only the array, so there the paging metadata has nowhere to go.
 */
export function okList(context: Identified, page: Page<unknown>): EmulatorResponse {
  if (context.options.envelope === 'bare' || !page.pagination) return ok(context, page.rows);
  return jsonResponse(
    200,
    {
      data: page.rows,
      meta: { request_id: context.requestId, pagination: page.pagination },
      links: { next: page.next },
    },
    requestIdHeader(context),
  );
}

/** 204 with an empty body (DELETE). */
export function noContent(context: Pick<RouteContext, 'requestId'>): EmulatorResponse {
  return { status: 204, headers: requestIdHeader(context) };
}

/** `{"error": message}` with any status. */
export function failure(
  context: Pick<RouteContext, 'requestId'>,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): EmulatorResponse {
  return jsonResponse(status, { error: message }, { ...requestIdHeader(context), ...headers });
}

/** Field errors collected by a validation: field → messages. */
export type FieldErrors = Record<string, string[]>;

/** 422 `{"error": "Validation failed", "errors": {field: [messages]}}`. */
export function validationFailed(
  context: Pick<RouteContext, 'requestId'>,
  errors: FieldErrors,
): EmulatorResponse {
  return jsonResponse(422, { error: 'Validation failed', errors }, requestIdHeader(context));
}

/** 404 `{"error": "Resource not found"}`: unknown routes and unknown ids alike. */
export function notFound(context: Pick<RouteContext, 'requestId'>): EmulatorResponse {
  return failure(context, 404, 'Resource not found');
}
