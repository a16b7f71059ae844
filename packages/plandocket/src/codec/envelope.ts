import { ProviderError } from '@invoicekit/core';
import { PLANDOCKET } from '../provider-id';

/** Where an answer came from, for the error that says it was malformed. */
export interface AnswerContext {
  /** The operation that received it (`invoices.get`). */
  readonly operation?: string | undefined;
  readonly status?: number | undefined;
  readonly requestId?: string | undefined;
}

/**
 * The vendor hints at `{"data": …, "meta": {"request_id": …}}` but specifies no envelope
 * (docs/vendors/plandocket.md §3, §8): a body with `data` is unwrapped, any other body is taken as
 * the data itself.
 */
export function dataOf(body: unknown): unknown {
  if (isRecord(body) && 'data' in body) return body.data;
  return body;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a value is, in words that never quote it (an answer may echo a credential). */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'an empty body';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `text (${value.length} characters)`;
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** The id a record is known by: `id`, or `invoice_id` (the published invoice example). */
export function recordIdOf(record: Record<string, unknown>): string | undefined {
  for (const value of [record.id, record.invoice_id]) {
    if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return undefined;
}

function malformed(context: AnswerContext, what: string): ProviderError {
  return new ProviderError({
    provider: PLANDOCKET,
    message: `${context.operation ?? 'the request'}: the answer is malformed: ${what}`,
    status: context.status,
    requestId: context.requestId,
  });
}

/**
 * The one record an answer must carry (`{"data": {…}}` or the bare object), with an id. Anything
 * else — an empty body, `{}`, `null`, `"ok"`, `{"data": null}`, a list — is a `ProviderError`
 * naming what came instead, never a record read as empty.
 */
export function recordOf(body: unknown, context: AnswerContext = {}): Record<string, unknown> {
  const data = dataOf(body);
  if (!isRecord(data))
    throw malformed(
      context,
      `expected one record, received ${isRecord(body) ? `data as ${describeValue(data)}` : describeValue(body)}`,
    );
  if (recordIdOf(data) === undefined) throw malformed(context, 'the record has no id');
  return data;
}

/**
 * A list answer as records: `data` as an array (or one object, which some servers send for a
 * single hit). Each record must be an object with an id; an answer that is no list at all
 * (empty, `null`, text, `{"data": "x"}`) is a `ProviderError`, never an empty page.
 */
export function listOf(body: unknown, context: AnswerContext = {}): Record<string, unknown>[] {
  const data = dataOf(body);
  if (isRecord(data)) return [recordOf(data, context)];
  if (!Array.isArray(data))
    throw malformed(
      context,
      `expected a list, received ${isRecord(body) ? `data as ${describeValue(data)}` : describeValue(body)}`,
    );
  return data.map((item: unknown, index) => {
    if (!isRecord(item))
      throw malformed(context, `item ${index} of the list is ${describeValue(item)}`);
    if (recordIdOf(item) === undefined)
      throw malformed(context, `item ${index} of the list has no id`);
    return item;
  });
}
