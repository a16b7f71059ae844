import type { EmulatorRequest } from '@invoicekit/core/emulator';

/** A request body read as a JSON object, or why it could not be. */
export type BodyResult =
  | { readonly ok: true; readonly body: Record<string, unknown> }
  | { readonly ok: false; readonly message: string };

/**
 * Reads a write request's JSON body. Empty means "no fields" (a PATCH may legitimately send none);
 * malformed JSON is the documented 400; valid JSON that is not an object cannot name fields, so it
 * is a 400 as well, with its own message.
 */
export function readObjectBody(request: EmulatorRequest): BodyResult {
  if (request.body.trim() === '') return { ok: true, body: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(request.body);
  } catch {
    return { ok: false, message: 'Invalid JSON' };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { ok: false, message: 'Request body must be a JSON object' };
  }
  return { ok: true, body: parsed as Record<string, unknown> };
}
