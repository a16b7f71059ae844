import type { AuthStrategy, OutgoingRequest } from './auth-strategy';

/** No authentication (emulator health checks, public endpoints). */
export function noAuth(): AuthStrategy {
  return { kind: 'none', apply: (request) => request, secretValues: () => [] };
}

/** A token as a query parameter: `?api_token=…` (InvoiceOcean). */
export function queryToken(parameter: string, token: string): AuthStrategy {
  return {
    kind: 'query-token',
    apply: (request) => ({ ...request, query: { ...request.query, [parameter]: token } }),
    secretValues: () => [token],
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value)
  );
}

/**
 * A token inside the request body (`{"api_token": …, "invoice": …}`); requests without an object
 * body (GET, DELETE) carry it as a query parameter instead, as vendors that accept body tokens do.
 */
export function bodyToken(field: string, token: string): AuthStrategy {
  return {
    kind: 'body-token',
    apply: (request: OutgoingRequest) =>
      isPlainObject(request.body)
        ? { ...request, body: { [field]: token, ...request.body } }
        : { ...request, query: { ...request.query, [field]: token } },
    secretValues: () => [token],
  };
}

/** HTTP Basic (`Authorization: Basic base64(user:password)`), as the method-style API uses. */
export function basicAuth(username: string, password: string): AuthStrategy {
  const header = `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
  return {
    kind: 'basic',
    apply: (request) => ({ ...request, headers: { ...request.headers, authorization: header } }),
    // The password and the whole pair; the user name alone is often an e-mail and not secret.
    secretValues: () => [password, `${username}:${password}`],
  };
}

/** `Authorization: Bearer <token>` (Plandocket). */
export function bearerToken(token: string): AuthStrategy {
  return {
    kind: 'bearer',
    apply: (request) => ({
      ...request,
      headers: { ...request.headers, authorization: `Bearer ${token}` },
    }),
    secretValues: () => [token],
  };
}

/** A key in a custom header (`X-Api-Key: …`). */
export function apiKeyHeader(header: string, key: string): AuthStrategy {
  return {
    kind: 'api-key-header',
    apply: (request) => ({
      ...request,
      headers: { ...request.headers, [header.toLowerCase()]: key },
    }),
    secretValues: () => [key],
  };
}
