import {
  AuthenticationError,
  ConflictError,
  PermissionError,
  RateLimitedError,
  UnavailableError,
  type InvoicekitError,
  type ResponseContext,
} from '@invoicekit/core';

/**
 * The vendor's own ways of failing, read before the default status rules
 * (docs/vendors/invoiceocean.md §13): an HTML login page instead of data (an expired token, or a
 * plan without API access) — but an HTML page with a 5xx is a maintenance or gateway page
 * (retryable), and one with a 429 a limit, `account_not_pro`, and refusals delivered with HTTP 200
 * (`{"status":"error"}`, `{"code":"error"}`). 401/404/422 bodies are handled by the default rules
 * (`message` as text or a field map).
 */
export function invoiceOceanErrorForResponse(
  response: ResponseContext,
): InvoicekitError | undefined {
  const details = {
    provider: response.provider,
    status: response.status,
    requestId: response.requestId,
    request: response.request,
  };
  if (response.decodeError?.looksLikeHtml) {
    // A proxy's or the vendor's maintenance page says nothing about the token: retry later.
    if (response.status >= 500) {
      return new UnavailableError({
        ...details,
        message: `${response.request.method} ${response.request.url} → ${response.status}: the vendor answered with an HTML error page (maintenance or a gateway failure)`,
        rawBody: response.text.slice(0, 500),
        retryAfterMs: response.retryAfterMs,
      });
    }
    if (response.status === 429) {
      return new RateLimitedError({
        ...details,
        message: `${response.request.method} ${response.request.url} → 429: the vendor answered with an HTML rate-limit page`,
        rawBody: response.text.slice(0, 500),
        retryAfterMs: response.retryAfterMs,
      });
    }
    return new AuthenticationError({
      ...details,
      message: `${response.request.method} ${response.request.url} → ${response.status}: the vendor answered with an HTML (login) page; check the API token and that the plan includes API access`,
      rawBody: response.text.slice(0, 500),
    });
  }
  // Classified on the answer as decoded; an error carries the redacted `body`.
  const body =
    typeof response.data === 'object' && response.data !== null
      ? (response.data as Record<string, unknown>)
      : undefined;
  if (!body) return undefined;
  if (body.message === 'account_not_pro') {
    return new PermissionError({
      ...details,
      message: 'the account plan does not include API access (account_not_pro)',
      rawBody: response.body,
    });
  }
  const isSuccess = response.status >= 200 && response.status < 300;
  if (isSuccess && (body.status === 'error' || body.code === 'error')) {
    // The message quotes the vendor: from the redacted body, never from `data`.
    const said = (response.body as { message?: unknown }).message;
    return new ConflictError({
      ...details,
      message: `${response.request.method} ${response.request.url} → ${response.status}: refused: ${typeof said === 'string' ? said : JSON.stringify(said)}`,
      rawBody: response.body,
    });
  }
  return undefined;
}
