import {
  AuthenticationError,
  ConflictError,
  PermissionError,
  type InvoicekitError,
  type ResponseContext,
} from '@invoicekit/core';

/**
 * The vendor's own ways of failing, read before the default status rules (reference §13):
 * an HTML login page instead of data (an expired token, or a plan without API access),
 * `account_not_pro`, and refusals delivered with HTTP 200 (`{"status":"error"}`, `{"code":"error"}`).
 * 401/404/422 bodies are handled by the default rules (`message` as text or a field map).
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
    return new AuthenticationError({
      ...details,
      message: `${response.request.method} ${response.request.url} → ${response.status}: the vendor answered with an HTML (login) page; check the API token and that the plan includes API access`,
      rawBody: response.text.slice(0, 500),
    });
  }
  const body =
    typeof response.body === 'object' && response.body !== null
      ? (response.body as Record<string, unknown>)
      : undefined;
  if (!body) return undefined;
  if (body.message === 'account_not_pro') {
    return new PermissionError({
      ...details,
      message: 'the account plan does not include API access (account_not_pro)',
      rawBody: body,
    });
  }
  const isSuccess = response.status >= 200 && response.status < 300;
  if (isSuccess && (body.status === 'error' || body.code === 'error')) {
    return new ConflictError({
      ...details,
      message: `${response.request.method} ${response.request.url} → ${response.status}: refused: ${typeof body.message === 'string' ? body.message : JSON.stringify(body.message)}`,
      rawBody: body,
    });
  }
  return undefined;
}
