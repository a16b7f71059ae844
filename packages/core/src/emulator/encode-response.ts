import type { EmulatorResponse } from './types';

/** The bytes and headers of a response, whichever way it is delivered. */
export function encodeResponse(response: EmulatorResponse): {
  body: Buffer;
  headers: Record<string, string>;
} {
  const headers: Record<string, string> = { ...response.headers };
  const hasContentType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
  const { body } = response;
  if (body === undefined || body === null) return { body: Buffer.alloc(0), headers };
  if (Buffer.isBuffer(body)) return { body, headers };
  if (typeof body === 'string') return { body: Buffer.from(body, 'utf8'), headers };
  if (!hasContentType) headers['content-type'] = 'application/json; charset=utf-8';
  return { body: Buffer.from(JSON.stringify(body), 'utf8'), headers };
}
