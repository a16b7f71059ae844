import { createErrorForCode, errorCodeForStatus } from '../errors/errors';
import type { FieldIssue, InvoicekitError } from '../errors/invoicekit-error';

/**
 * What a vendor error mapper sees of a response. `body` and `text` are redacted (computed on
 * first read: a successful answer nobody puts into an error is never copied); `data` is the
 * decoded answer as the caller receives it, for classifying — put `body`, never `data`, into an
 * error. `body` and `text` are accessors: read them by name (a spread `{ ...context }` leaves them
 * out).
 */
export interface ResponseContext {
  readonly provider: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Decoded body, redacted, or `undefined` when it could not be decoded. */
  readonly body: unknown;
  /**
   * The decoded body as returned to the caller: known secrets masked, credential-named fields
   * kept. For reading only; errors carry `body`.
   */
  readonly data: unknown;
  /** The raw text, redacted, for HTML detection and messages. */
  readonly text: string;
  /** Set when the codec could not decode the text. */
  readonly decodeError: { readonly message: string; readonly looksLikeHtml: boolean } | undefined;
  readonly request: { readonly method: string; readonly url: string };
  readonly requestId: string | undefined;
  readonly retryAfterMs: number | undefined;
}

/**
 * A vendor's own error detection: returns an error for responses that are failures in the vendor's
 * language (including errors delivered with HTTP 200), or `undefined` to let the default rules
 * decide. Providers compose it with {@link defaultErrorForResponse}.
 */
export type ResponseErrorMapper = (response: ResponseContext) => InvoicekitError | undefined;

function firstString(...values: unknown[]): string | undefined {
  return values.find((value): value is string => typeof value === 'string' && value.trim() !== '');
}

/** Field issues from the common `{field: ["msg", …]}` shape. */
export function issuesFromFieldMap(map: unknown): FieldIssue[] {
  if (typeof map !== 'object' || map === null || Array.isArray(map)) return [];
  return Object.entries(map).flatMap(([path, messages]) =>
    (Array.isArray(messages) ? messages : [messages]).map((message) => ({
      path,
      message: String(message),
    })),
  );
}

/**
 * The default reading of an HTTP response: 2xx with a decodable body is success; otherwise the
 * status picks the error code and the message comes from the common body fields (`message`,
 * `error`, `errors`).
 */
export function defaultErrorForResponse(response: ResponseContext): InvoicekitError | undefined {
  const { status, decodeError } = response;
  const ok = status >= 200 && status < 300;
  if (ok && !decodeError) return undefined;
  const body = response.body;

  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const issues = [...issuesFromFieldMap(record.errors), ...issuesFromFieldMap(record.message)];
  const message =
    firstString(record.message, record.error, record.error_description) ??
    (issues.length > 0
      ? issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')
      : undefined) ??
    (decodeError ? decodeError.message : `HTTP ${status}`);

  const code = ok ? 'provider' : errorCodeForStatus(status);
  return createErrorForCode(code, {
    provider: response.provider,
    message: `${response.request.method} ${response.request.url} → ${status}: ${message}`,
    status,
    requestId: response.requestId,
    rawBody: body ?? (response.text === '' ? undefined : response.text.slice(0, 2000)),
    issues,
    retryAfterMs: response.retryAfterMs,
    request: response.request,
  });
}

/** Header names under which vendors return a request id. */
export const REQUEST_ID_HEADERS = [
  'x-request-id',
  'request-id',
  'x-correlation-id',
  'x-amzn-requestid',
] as const;
