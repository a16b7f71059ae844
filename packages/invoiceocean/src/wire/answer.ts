import { ProviderError, lenientId } from '@invoicekit/core';
import { INVOICEOCEAN } from '../provider-id';

/**
 * Checks of a decoded vendor answer's shape before anything reads it: a broken vendor (or a
 * proxy in front of it) answers 200 with an empty body, `{}`, `null`, `"ok"` or a list where a
 * record belongs, and each of these is a typed error naming what arrived — never a canonical
 * object with an empty id. Messages describe the answer by its type only: a value may be the
 * caller's credential echoed back.
 */

/** The shape of a decoded answer in words: `an empty body`, `null`, `a string`, `a list` … */
export function describeAnswer(body: unknown): string {
  if (body === undefined) return 'an empty body';
  if (body === null) return 'null';
  if (Array.isArray(body)) return `a list of ${body.length}`;
  if (typeof body === 'object') return 'a record';
  return `a ${typeof body}`;
}

/** Where an answer came from, for messages: the operation and what it should hold. */
export interface AnswerContext {
  /** `invoices.get`, `banking/payments.create` … */
  readonly operation: string;
  /** `invoice`, `client`, `banking payment` … */
  readonly what: string;
}

function malformed(context: AnswerContext, detail: string, body: unknown): ProviderError {
  return new ProviderError({
    provider: INVOICEOCEAN,
    message: `${context.operation}: the vendor's answer is not ${context.what === 'list' ? 'a list' : `an InvoiceOcean ${context.what}`}: ${detail}`,
    rawBody: body,
  });
}

/** True for an object that is neither `null` nor a list. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The answer as one record (a JSON object); anything else is a {@link ProviderError}. */
export function recordAnswer(body: unknown, context: AnswerContext): Record<string, unknown> {
  if (!isRecord(body)) throw malformed(context, `received ${describeAnswer(body)}`, body);
  return body;
}

/** The answer as a list; anything else (a record, `{}`, an empty body) is a {@link ProviderError}. */
export function listAnswer(body: unknown, context: AnswerContext): unknown[] {
  if (!Array.isArray(body))
    throw malformed({ ...context, what: 'list' }, `received ${describeAnswer(body)}`, body);
  return body;
}

/**
 * The id of a record the vendor sent: present and not empty. A record without one is not a
 * record of the vendor's (a stub, an error in disguise), and must not become one with id `""`.
 */
export function requireId(
  id: string | null | undefined,
  body: unknown,
  context: AnswerContext,
): string {
  if (id === null || id === undefined || id.trim() === '')
    throw malformed(context, 'the record has no id', body);
  return id;
}

/** A vendor id value (a number or a string) as text; `null` when absent or not an id. */
export function vendorIdOf(value: unknown): string | null {
  const parsed = lenientId.safeParse(value);
  return parsed.success ? parsed.data : null;
}
