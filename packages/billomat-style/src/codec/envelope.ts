import { ProviderError, integerIdText } from '@invoicekit/core';
import { BILLOMAT_STYLE } from '../provider-id';
import { kindOf } from '../wire/kind-of';
import { listEntries } from '../wire/wire-reader';

/** A request envelope: `SERVICE` plus `FILTER` for reads or `DATA` for writes. */
export interface RequestEnvelope {
  readonly SERVICE: string;
  readonly FILTER?: Readonly<Record<string, unknown>>;
  readonly DATA?: Readonly<Record<string, unknown>>;
  readonly LIMIT?: number;
  readonly OFFSET?: number;
}

/** A response envelope: the request echoed, and the answer. */
export interface ResponseEnvelope {
  readonly REQUEST?: unknown;
  readonly RESPONSE?: Record<string, unknown>;
}

/**
 * List containers and their element tags (`<ITEMS><ITEM>…`). In JSON they are arrays; in XML
 * (and in PHP-style JSON) one element may come as a bare object and none as `""`, `[]` or `{}`.
 */
export const LIST_CONTAINERS: Readonly<Record<string, string>> = {
  ITEMS: 'ITEM',
  VAT_ITEMS: 'VAT_ITEM',
  INVOICES: 'INVOICE',
  CUSTOMERS: 'CUSTOMER',
  ERRORS: 'ERROR',
  REMINDERS: 'REMINDER',
  PAYMENTS: 'PAYMENT',
  SHIPMENTS: 'SHIPMENT',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function malformed(service: string, problem: string): ProviderError {
  return new ProviderError({
    provider: BILLOMAT_STYLE,
    message: `${service}: malformed answer: ${problem}`,
  });
}

/**
 * The answer part of a decoded body, `{}` when there is none. Lenient on purpose: the error
 * mapper reads `ERRORS` from whatever arrived; a successful call reads `answerOf`.
 */
export function responseOf(body: unknown): Record<string, unknown> {
  const response = (body as ResponseEnvelope | undefined)?.RESPONSE;
  return isRecord(response) ? response : {};
}

/**
 * The `RESPONSE` of a call that succeeded, or a `ProviderError` naming what is wrong with it: an
 * empty body, `null`, `"ok"`, `{}` (no `RESPONSE`), a `RESPONSE` that is no object, and — for a
 * write — a `RESPONSE` without `STATUS: "success"` (docs/vendors/method-style.md §4: every write answer has one).
 * PHP encodes an empty `RESPONSE` as `[]`; it reads as `{}`.
 */
export function answerOf(
  body: unknown,
  service: string,
  kind: 'read' | 'write',
): Record<string, unknown> {
  if (!isRecord(body))
    throw malformed(service, `expected an envelope object, received ${kindOf(body)}`);
  const response = body.RESPONSE;
  if (response === undefined) throw malformed(service, 'the envelope has no RESPONSE');
  const answer = Array.isArray(response) && response.length === 0 ? {} : response;
  if (!isRecord(answer)) throw malformed(service, `RESPONSE is ${kindOf(response)}, not an object`);
  if (kind === 'write' && answer.STATUS !== 'success')
    throw malformed(
      service,
      `a write answer needs STATUS "success", received ${kindOf(answer.STATUS)}`,
    );
  return answer;
}

/**
 * A vendor list as records: an array, one bare object (a collapsed one-element list), an object
 * keyed by index (PHP), or nothing (`""`, `null`, `{}`, `[]`) — the core's lenient list reading.
 * Anything else (`"ok"`, `5`, a list holding a string) is a `ProviderError` naming `what`.
 */
export function recordsOf(value: unknown, what = 'the list'): Record<string, unknown>[] {
  // Core's lenient list reading (`lenientList`), without a schema run per answer.
  const items = [...listEntries(value)];
  if (items.length === 1 && items[0] === value && !isRecord(value))
    throw malformed(what, `expected a list of records, received ${kindOf(value)}`);
  items.forEach((item, index) => {
    if (!isRecord(item)) throw malformed(what, `element ${index} is ${kindOf(item)}, not a record`);
  });
  return items as Record<string, unknown>[];
}

/**
 * The records of a list container (`INVOICES`, `CUSTOMERS` …) in a read's answer. A missing
 * container is an empty list only when the whole `RESPONSE` is empty (how PHP encodes "none");
 * a `RESPONSE` that has other tags but not this one is a malformed answer.
 */
export function listOf(
  answer: Record<string, unknown>,
  container: string,
  service: string,
): Record<string, unknown>[] {
  const value = answer[container];
  if (value === undefined) {
    if (Object.keys(answer).length === 0) return [];
    throw malformed(service, `RESPONSE has no ${container}`);
  }
  return recordsOf(value, `${service} ${container}`);
}

/**
 * A vendor id in an answer (`INVOICE_ID`, `CUSTOMER_ID` …), as a string of digits: the vendor's
 * ids are integers (sent as numbers or strings). Anything else is a `ProviderError`, so an id a
 * vendor made up is never put into a later FILTER or DATA.
 */
export function answerId(answer: Record<string, unknown>, tag: string, service: string): string {
  const value = answer[tag];
  const text = integerIdText(value);
  if (text === undefined)
    throw malformed(service, `${tag} is ${kindOf(value)}, not a vendor id (digits)`);
  return text;
}

/** A scalar the vendor sent as a string or a number, as a string (`''` when absent). */
export function textOf(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}
