import { lenientList } from '@invoicekit/core';
import { z } from 'zod';

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

/** The answer part of a decoded body, `{}` when there is none. */
export function responseOf(body: unknown): Record<string, unknown> {
  const response = (body as ResponseEnvelope | undefined)?.RESPONSE;
  return response && typeof response === 'object' && !Array.isArray(response) ? response : {};
}

const ANY_LIST = lenientList(z.unknown());

/**
 * A vendor list as records: an array, one bare object (a collapsed one-element list), an object
 * keyed by index (PHP), or nothing (`""`, `null`, `{}`, `[]`) — the core's lenient list reading.
 */
export function recordsOf(value: unknown): Record<string, unknown>[] {
  return ANY_LIST.parse(value).filter(isRecord);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A scalar the vendor sent as a string or a number, as a string (`''` when absent). */
export function textOf(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}
