import type { EmulatorRequest } from '@invoicekit/core/emulator';

/**
 * The key a request presents, in the vendor's three documented ways
 * (docs/vendors/plandocket.md §1): `Authorization: Bearer`, `X-API-Key`, then `?api_key=`. The
 * first form present is the one judged, so a wrong Bearer key is not rescued by a right query key.
 */
export function presentedKey(request: EmulatorRequest): string | undefined {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
    return match?.[1]?.trim() ?? '';
  }
  const header = request.headers['x-api-key'];
  if (header !== undefined) return header.trim();
  return request.query.get('api_key') ?? undefined;
}

/** Whether the request carries the tenant's key. */
export function isAuthenticated(request: EmulatorRequest, apiKey: string): boolean {
  const key = presentedKey(request);
  return key !== undefined && key !== '' && key === apiKey;
}
