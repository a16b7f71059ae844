import {
  ProviderError,
  decimalTextOfNumber,
  describeWireValue,
  isEmptyWireValue,
  normalizeDecimalString,
} from '@invoicekit/core';

/**
 * Plain-function twins of core's lenient zod readers, for the records read on every call (an
 * invoice has ~85 keys, of which ~75 are kept). A zod `looseObject` copies every unknown key into
 * its output; these read only the fields they name, into a fresh object, and leave the vendor's
 * record untouched (it is kept as received in `raw`). Issues are the same as the zod schemas'
 * (path and message), so errors read the same; `field-reader.test.ts` proves both agree.
 */

/**
 * Reads one value. On failure it pushes `path: message` to `issues` and returns `undefined`;
 * the path is built only then (from the parent's path and the key).
 */
export type FieldReader<T> = (
  value: unknown,
  parent: string,
  key: string | number,
  issues: string[],
) => T;

/** The dotted path of a key under its parent, as zod's `issue.path.join('.')`. */
function pathOf(parent: string, key: string | number): string {
  return parent === '' ? String(key) : `${parent}.${key}`;
}

function fail(issues: string[], parent: string, key: string | number, message: string): undefined {
  issues.push(`${pathOf(parent, key)}: ${message}`);
  return undefined;
}

/** zod's name of a value's type in `expected object, received …`. */
function zodTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return typeof value;
}

const DECIMAL_WITH_COMMA = /^\s*[+-]?\d+(?:\.\d{3})*,\d+\s*$/;
const PLAIN_DECIMAL = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const LOCAL_TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})$/;
const DATE_PREFIX = /^(\d{4}-\d{2}-\d{2})/;

function isEpochSeconds(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= 8.64e12;
}

/** core `lenientDecimal`. */
export const decimalField: FieldReader<string | null> = (value, parent, key, issues) => {
  if (isEmptyWireValue(value)) return null;
  if (typeof value === 'number' && Number.isFinite(value))
    return normalizeDecimalString(decimalTextOfNumber(value));
  if (typeof value === 'string') {
    if (PLAIN_DECIMAL.test(value)) return normalizeDecimalString(value);
    if (DECIMAL_WITH_COMMA.test(value))
      return normalizeDecimalString(value.replace(/\./g, '').replace(',', '.'));
  }
  return fail(issues, parent, key, `not a decimal: ${describeWireValue(value)}`) as never;
};

/** core `lenientId`. */
export const idField: FieldReader<string | null> = (value, parent, key, issues) => {
  if (isEmptyWireValue(value)) return null;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (typeof value === 'string') return value.trim();
  return fail(issues, parent, key, `not an id: ${describeWireValue(value)}`) as never;
};

const TRUE_TEXT = new Set(['1', 'true', 'yes', 't']);
const FALSE_TEXT = new Set(['0', 'false', 'no', 'f']);

/** core `lenientBoolean`. */
export const booleanField: FieldReader<boolean | null> = (value, parent, key, issues) => {
  if (isEmptyWireValue(value)) return null;
  if (typeof value === 'boolean') return value;
  const text = String(value).trim().toLowerCase();
  if (TRUE_TEXT.has(text)) return true;
  if (FALSE_TEXT.has(text)) return false;
  return fail(issues, parent, key, `not a boolean: ${describeWireValue(value)}`) as never;
};

/** core `lenientString`. */
export const stringField: FieldReader<string | null> = (value) => {
  if (isEmptyWireValue(value)) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
};

/** core `lenientDate`. */
export const dateField: FieldReader<string | null> = (value, parent, key, issues) => {
  if (isEmptyWireValue(value)) return null;
  if (isEpochSeconds(value)) return new Date(value * 1000).toISOString().slice(0, 10);
  if (typeof value === 'string') {
    if (value.startsWith('0000-00-00')) return null;
    const match = DATE_PREFIX.exec(value.trim());
    if (match) return match[1] as string;
  }
  return fail(issues, parent, key, `not a date: ${describeWireValue(value)}`) as never;
};

/** core `lenientTimestamp`. */
export const timestampField: FieldReader<string | null> = (value, parent, key, issues) => {
  if (isEmptyWireValue(value)) return null;
  if (isEpochSeconds(value)) return new Date(value * 1000).toISOString();
  if (typeof value === 'string') {
    const text = value.trim();
    if (text.startsWith('0000-00-00')) return null;
    if (TIMESTAMP.test(text)) return text;
    const local = LOCAL_TIMESTAMP.exec(text);
    if (local) return `${local[1]}T${local[2]}Z`;
  }
  return fail(issues, parent, key, `not a timestamp: ${describeWireValue(value)}`) as never;
};

/** An object keyed `"0"`, `"1"` …: how PHP encodes a list whose indexes are not 0..n-1. */
function isIndexKeyed(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => /^\d+$/.test(key));
}

/** core `lenientList(item)`: empty spellings are `[]`, one object is a list of one. */
export function listField<T>(item: FieldReader<T>): FieldReader<T[]> {
  return (value, parent, key, issues) => {
    const items: readonly unknown[] = isEmptyWireValue(value)
      ? []
      : Array.isArray(value)
        ? value
        : isIndexKeyed(value)
          ? Object.values(value)
          : [value];
    const path = pathOf(parent, key);
    const result = new Array<T>(items.length);
    for (let index = 0; index < items.length; index += 1)
      result[index] = item(items[index], path, index, issues);
    return result;
  };
}

/** A field of a record: its reader, and whether it may be absent (zod `.optional()`). */
export interface FieldSpec {
  readonly read: FieldReader<unknown>;
  readonly optional: boolean;
}

/** An optional field (absent or `undefined`: left out, as zod's `.optional()`). */
export function optional(read: FieldReader<unknown>): FieldSpec {
  return { read, optional: true };
}

/** A field that must be present (a present `undefined` is read, as zod does). */
export function required(read: FieldReader<unknown>): FieldSpec {
  return { read, optional: false };
}

/** A record's fields, compiled once: its reader as a field, and as a whole answer. */
export interface WireRecord<T> {
  readonly entries: readonly (readonly [string, FieldSpec])[];
  /** The record as a field of another (zod `looseObject`, minus the copy of unknown keys). */
  readonly field: FieldReader<T>;
}

/** A record of named fields; a value that is no object is zod's `expected object` issue. */
export function wireRecord<T>(fields: Readonly<Record<string, FieldSpec>>): WireRecord<T> {
  const entries = Object.entries(fields);
  return {
    entries,
    field: (value, parent, key, issues) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        return fail(
          issues,
          parent,
          key,
          `Invalid input: expected object, received ${zodTypeName(value)}`,
        ) as never;
      return readFields<T>(entries, value as Record<string, unknown>, pathOf(parent, key), issues);
    },
  };
}

function readFields<T>(
  entries: readonly (readonly [string, FieldSpec])[],
  record: Record<string, unknown>,
  path: string,
  issues: string[],
): T {
  const result: Record<string, unknown> = {};
  for (const [name, spec] of entries) {
    const value = record[name];
    if (value === undefined) {
      if (spec.optional) continue;
      if (!(name in record)) {
        fail(issues, path, name, 'Invalid input: expected nonoptional, received undefined');
        continue;
      }
    }
    result[name] = spec.read(value, path, name, issues);
  }
  return result as T;
}

/**
 * Reads a vendor record as core's `readVendorRecord` does with the equivalent zod schema: the
 * same `ProviderError` (message and `rawBody`) when it is no object or a field is unreadable.
 */
export function readWireRecord<T>(
  record: WireRecord<T>,
  raw: unknown,
  context: { provider: string; what: string },
): T {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ProviderError({
      provider: context.provider,
      message: `unreadable ${context.what}: expected an object, received ${describeWireValue(raw)}`,
      rawBody: raw,
    });
  }
  const issues: string[] = [];
  const result = readFields<T>(record.entries, raw as Record<string, unknown>, '', issues);
  if (issues.length === 0) return result;
  throw new ProviderError({
    provider: context.provider,
    message: `unreadable ${context.what}: ${issues.join('; ')}`,
    rawBody: raw,
  });
}
