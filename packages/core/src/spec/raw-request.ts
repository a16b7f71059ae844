import type { HttpTransport } from '../http/transport';
import type { RawRequest, RawResponse } from './results';

/**
 * The raw pass-through every adapter offers as `adapter.request()`: the call goes through the
 * adapter's own transport (auth, retries, redaction, hooks). A write is repeated after an
 * ambiguous failure only when the caller vouches that it is idempotent.
 */
export async function forwardRawRequest<T>(
  transport: HttpTransport,
  request: RawRequest,
): Promise<RawResponse<T>> {
  const response = await transport.request<T>({
    method: request.method,
    path: request.path,
    query: request.query,
    body: request.body,
    headers: request.headers,
    signal: request.signal,
    operation: 'request',
    ...(request.idempotent ? { idempotency: { kind: 'vendor-dedupe' as const } } : {}),
  });
  return { status: response.status, headers: response.headers, body: response.body };
}
