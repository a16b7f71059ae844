import type { z } from 'zod';
import { readWire } from './read-wire';
import { CONTACT_TEXT_FIELDS, ContactWire, InvoiceWire, ItemWire, PaymentWire } from './records';
import {
  exactDecimal,
  wholeNumber,
  wireDate,
  wireDayOrTimestamp,
  wireId,
  wireTimestamp,
} from './values';
import { lenientBoolean, lenientId, lenientString } from '@invoicekit/core';

/**
 * Readers of the vendor's records that read only the fields they keep. The zod schemas in
 * `records.ts` stay the definition: a `looseObject` copies every unknown key of an invoice (the
 * vendor sends some 85), and its per-field transforms cost more than the mapping. Here each kept
 * field is checked for the spellings the vendor actually sends (`"13.37"`, `"2026-11-21"`, an
 * integer id) and anything else is handed to that field's zod schema, so every other spelling
 * reads exactly as before. A record with any unreadable field is read again by the whole zod
 * schema, which throws the `ProviderError` naming every unreadable field, as it always did. The
 * raw record is never changed: callers keep it as received.
 */

/** A field that could not be read: the zod schema names why. */
const UNREADABLE: unique symbol = Symbol('unreadable');
type Unreadable = typeof UNREADABLE;

type FieldReader = (value: unknown) => unknown;

/** Defers to the field's zod schema for a spelling the fast check does not know. */
function viaSchema(schema: z.ZodType): FieldReader {
  return (value) => {
    const parsed = schema.safeParse(value);
    return parsed.success ? parsed.data : UNREADABLE;
  };
}

/** A decimal literal already in the shortest form `exactDecimal` writes (no exponent, sign, padding). */
const MINIMAL_DECIMAL = /^-?(?:0|[1-9]\d*)(?:\.\d*[1-9])?$/;
/** Beyond this, leave the literal to the exact path (its limits and expansion). */
const SHORT_LITERAL = 30;

const slowDecimal = viaSchema(exactDecimal);
/** `exactDecimal`: the lossless codec's literal as it came, when it is already minimal. */
export const readDecimal: FieldReader = (value) =>
  typeof value === 'string' &&
  value.length <= SHORT_LITERAL &&
  value !== '-0' &&
  MINIMAL_DECIMAL.test(value)
    ? value
    : slowDecimal(value);

const INTEGER_ID = /^\d{1,20}$/;
const slowId = viaSchema(wireId);
const readWireId: FieldReader = (value) =>
  typeof value === 'string' && INTEGER_ID.test(value) ? value : slowId(value);

const slowString = viaSchema(lenientString);
const readString: FieldReader = (value) =>
  typeof value === 'string' ? (value === '' ? null : value) : slowString(value);

const slowLenientId = viaSchema(lenientId);
const readLenientId: FieldReader = (value) =>
  typeof value === 'string' && value !== '' ? value.trim() : slowLenientId(value);

const slowBoolean = viaSchema(lenientBoolean);
const readBoolean: FieldReader = (value) =>
  typeof value === 'boolean' ? value : slowBoolean(value);

const WHOLE = /^-?\d+$/;
const slowWhole = viaSchema(wholeNumber);
const readWhole: FieldReader = (value) =>
  typeof value === 'string' && WHOLE.test(value) ? Number.parseInt(value, 10) : slowWhole(value);

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UTC_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
/** The MySQL zero date reads as no date: left to the schemas. */
const isZeroDate = (text: string): boolean => text.startsWith('0000-00-00');

const slowDate = viaSchema(wireDate);
const readDate: FieldReader = (value) =>
  typeof value === 'string' && DAY.test(value) && !isZeroDate(value) ? value : slowDate(value);

const slowTimestamp = viaSchema(wireTimestamp);
const readTimestamp: FieldReader = (value) =>
  typeof value === 'string' && UTC_SECONDS.test(value) && !isZeroDate(value)
    ? value
    : slowTimestamp(value);

const slowDayOrTimestamp = viaSchema(wireDayOrTimestamp);
const readDayOrTimestamp: FieldReader = (value) =>
  typeof value === 'string' && (DAY.test(value) || UTC_SECONDS.test(value)) && !isZeroDate(value)
    ? value
    : slowDayOrTimestamp(value);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A reader's fields as parallel lists: read by index, the hot loop allocates nothing. */
interface Fields {
  readonly keys: readonly string[];
  readonly readers: readonly FieldReader[];
  /** A list field reads `null` as `[]` (`lenientList`); any other field as `null`. */
  readonly lists: readonly boolean[];
}

function fieldsOf(entries: readonly (readonly [string, FieldReader, boolean?])[]): Fields {
  return {
    keys: entries.map(([key]) => key),
    readers: entries.map(([, reader]) => reader),
    lists: entries.map(([, , list]) => list === true),
  };
}

/**
 * The kept fields of `raw`; a field absent (or `undefined`) stays absent, as zod leaves it, and
 * `null` is `null` (or `[]` for a list), as every field schema reads it.
 */
function readFields(
  raw: Record<string, unknown>,
  fields: Fields,
): Record<string, unknown> | Unreadable {
  const read: Record<string, unknown> = {};
  const { keys, readers, lists } = fields;
  for (let index = 0; index < keys.length; index += 1) {
    const key = keys[index] as string;
    const value = raw[key];
    if (value === undefined) continue;
    if (value === null) {
      read[key] = lists[index] === true ? [] : null;
      continue;
    }
    const result = (readers[index] as FieldReader)(value);
    if (result === UNREADABLE) return UNREADABLE;
    read[key] = result;
  }
  return read;
}

/** A list of records: only a real array of objects is read here; other spellings go to zod. */
function readList(value: unknown, fields: Fields): unknown[] | Unreadable {
  if (!Array.isArray(value)) return UNREADABLE;
  const read: unknown[] = [];
  for (const item of value) {
    if (!isRecord(item)) return UNREADABLE;
    const fieldsRead = readFields(item, fields);
    if (fieldsRead === UNREADABLE) return UNREADABLE;
    read.push(fieldsRead);
  }
  return read;
}

const CONTACT_FIELDS = fieldsOf([
  ['id', readWireId],
  ...CONTACT_TEXT_FIELDS.map((key) => [key, readString] as const),
  ['created_at', readTimestamp],
  ['updated_at', readTimestamp],
]);

const PAYMENT_FIELDS = fieldsOf([
  ['id', readWireId],
  ['invoice_id', readWireId],
  ['amount', readDecimal],
  ['currency', readString],
  ['gateway_id', readLenientId],
  ['gateway_key', readString],
  ['gateway_name', readString],
  ['transaction_id', readString],
  ['status', readString],
  ['payment_date', readDayOrTimestamp],
  ['notes', readString],
  ['created_at', readTimestamp],
]);

const ITEM_FIELDS = fieldsOf([
  ['id', readLenientId],
  ['description', readString],
  ['name', readString],
  ['product_id', readLenientId],
  ['quantity', readDecimal],
  ['unit', readString],
  ['unit_price', readDecimal],
  ['price', readDecimal],
  ['tax_rate', readDecimal],
  ['vat_rate', readDecimal],
  ['net', readDecimal],
  ['tax', readDecimal],
  ['total', readDecimal],
]);

const readItems: FieldReader = (value) => readList(value, ITEM_FIELDS);
const readPayments: FieldReader = (value) => readList(value, PAYMENT_FIELDS);
const readContact: FieldReader = (value) =>
  value === null ? null : isRecord(value) ? readFields(value, CONTACT_FIELDS) : UNREADABLE;

const INVOICE_FIELDS = fieldsOf([
  ['id', readWireId],
  ['invoice_id', readWireId],
  ['invoice_number', readString],
  ['invoice_type', readString],
  ['related_invoice_id', readWireId],
  ['status', readString],
  ['event_participant_id', readLenientId],
  ['total', readDecimal],
  ['currency', readString],
  ['paid_amount', readDecimal],
  ['open_amount', readDecimal],
  ['service_date', readDate],
  ['due_date', readDate],
  ['is_reverse_charge', readBoolean],
  ['is_locked', readBoolean],
  ['locked_at', readTimestamp],
  ['reminder_sent_at', readTimestamp],
  ['reminder_count', readWhole],
  ['notes', readString],
  ['created_at', readTimestamp],
  ['updated_at', readTimestamp],
  ['items', readItems, true],
  ['payments', readPayments, true],
  ['contact', readContact],
]);

/** Reads the kept fields, or the whole schema (which names every unreadable field) if one fails. */
function reader<S extends z.ZodType>(schema: S, fields: Fields, what: string) {
  return (raw: unknown): z.output<S> => {
    const read = isRecord(raw) ? readFields(raw, fields) : UNREADABLE;
    return read === UNREADABLE ? readWire(schema, raw, what) : (read as z.output<S>);
  };
}

/** An invoice's kept fields (with its items, payments and contact). */
export const readInvoiceWire = reader(InvoiceWire, INVOICE_FIELDS, 'invoice');
/** A payment's kept fields. */
export const readPaymentWire = reader(PaymentWire, PAYMENT_FIELDS, 'payment');
/** A contact's kept fields. */
export const readContactWire = reader(ContactWire, CONTACT_FIELDS, 'contact');
/** An invoice line's kept fields. */
export const readItemWire = reader(ItemWire, ITEM_FIELDS, 'item');
