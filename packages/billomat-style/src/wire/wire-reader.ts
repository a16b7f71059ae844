import {
  decimalTextOfNumber,
  describeWireValue,
  isEmptyWireValue,
  normalizeDecimalString,
  ProviderError,
} from '@invoicekit/core';
import { BILLOMAT_STYLE } from '../provider-id';

/**
 * Wire readers without zod: each reads one field of a vendor record leniently (the same
 * spellings and the same messages as core's `lenient*` schemas) and a record reader builds a new
 * object of the declared fields only. The ~85 tags a record carries besides those are not
 * copied — the vendor object itself is kept as received in `raw`.
 */

/** One key of a path to an unreadable field: a tag name or a list index. */
export type WirePathKey = string | number;

/** An unreadable field: where, and why (its kind and size, never its text). */
export interface WireIssue {
  readonly path: readonly WirePathKey[];
  readonly message: string;
}

/**
 * Reads one value; an unreadable one is reported to `issues` at `[...parent, key]` and read as
 * `undefined` (the record then fails as a whole). The path is built only on failure.
 */
export type WireField<T> = (
  value: unknown,
  issues: WireIssue[],
  parent: readonly WirePathKey[],
  key: WirePathKey,
) => T;

/** A record's declared fields: tag → reader. */
export type WireShape = Readonly<Record<string, WireField<unknown>>>;

/** What a record reader yields: the declared tags, read (a tag absent or unset is left out). */
export type WireOutput<S extends WireShape> = { [K in keyof S]?: ReturnType<S[K]> };

const fail = (
  issues: WireIssue[],
  parent: readonly WirePathKey[],
  key: WirePathKey,
  message: string,
): undefined => {
  issues.push({ path: [...parent, key], message });
  return undefined;
};

/** A field that may be absent: `undefined` stays `undefined`, anything else is read. */
export function optional<T>(read: WireField<T>): WireField<T | undefined> {
  return (value, issues, parent, key) =>
    value === undefined ? undefined : read(value, issues, parent, key);
}

/** A string; numbers and booleans become text, other objects JSON; empty spellings `null`. */
export const wireString: WireField<string | null> = (value) => {
  if (typeof value === 'string') return value === '' ? null : value;
  if (isEmptyWireValue(value)) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
};

const DECIMAL_WITH_COMMA = /^\s*[+-]?\d+(?:\.\d{3})*,\d+\s*$/;
const PLAIN_DECIMAL = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/;

/**
 * A JSON number's shortest round-trip digits, normalised (core's `decimalTextOfNumber`): JS
 * prints those digits itself unless it switches to exponent notation, which Decimal then spells
 * out. No arithmetic happens either way.
 */
export function decimalTextOf(value: number): string {
  const text = String(value);
  // JS prints a finite number without exponent canonically already (no sign on 0, no `+`, no
  // leading zeros): only the exponent form needs Decimal and normalising.
  return text.includes('e') ? normalizeDecimalString(decimalTextOfNumber(value)) : text;
}

/**
 * True for the canonical spelling (core's normalised form, `^(?!-0(\.0+)?$)-?(0|[1-9]\d*)(\.\d+)?$`),
 * by a scan of character codes: such a string is its own normal form.
 */
export function isCanonicalDecimal(text: string): boolean {
  const length = text.length;
  const negative = text.charCodeAt(0) === 0x2d; /* - */
  let index = negative ? 1 : 0;
  const first = text.charCodeAt(index);
  if (!(first >= 0x30 && first <= 0x39)) return false; // NaN past the end too
  // A leading zero stands alone before the point.
  if (first === 0x30 && index + 1 < length && text.charCodeAt(index + 1) !== 0x2e) return false;
  let point = -1;
  let nonZero = first !== 0x30;
  for (index += 1; index < length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 0x2e && point === -1) point = index;
    else if (code < 0x30 || code > 0x39) return false;
    else if (code !== 0x30) nonZero = true;
  }
  if (point === length - 1) return false;
  return !negative || nonZero;
}

/** A decimal from a string (`"81.3"`, `"59,00"`, `"1.234,50"`) or a JSON number. */
export const wireDecimal: WireField<string | null | undefined> = (value, issues, parent, key) => {
  if (typeof value === 'number' && Number.isFinite(value)) return decimalTextOf(value);
  if (typeof value === 'string' && value !== '') {
    if (isCanonicalDecimal(value)) return value;
    if (PLAIN_DECIMAL.test(value)) return normalizeDecimalString(value);
    if (DECIMAL_WITH_COMMA.test(value))
      return normalizeDecimalString(value.replace(/\./g, '').replace(',', '.'));
  }
  if (isEmptyWireValue(value)) return null;
  return fail(issues, parent, key, `not a decimal: ${describeWireValue(value)}`);
};

/** An identifier from a safe-integer number or a (trimmed) string; `null` when empty. */
export const wireId: WireField<string | null | undefined> = (value, issues, parent, key) => {
  if (isEmptyWireValue(value)) return null;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (typeof value === 'string') return value.trim();
  return fail(issues, parent, key, `not an id: ${describeWireValue(value)}`);
};

const TRUE_TEXT = new Set(['1', 'true', 'yes', 't']);
const FALSE_TEXT = new Set(['0', 'false', 'no', 'f']);

/** A boolean from `true`/`false`, `1`/`0`, `"1"`/`"0"`, `"true"`/`"false"`, `"yes"`/`"no"`. */
export const wireBoolean: WireField<boolean | null | undefined> = (value, issues, parent, key) => {
  if (isEmptyWireValue(value)) return null;
  if (typeof value === 'boolean') return value;
  const text = String(value).trim().toLowerCase();
  if (TRUE_TEXT.has(text)) return true;
  if (FALSE_TEXT.has(text)) return false;
  return fail(issues, parent, key, `not a boolean: ${describeWireValue(value)}`);
};

/** Epoch seconds a `Date` can hold (±8.64e12 s); anything else is no date. */
function isEpochSeconds(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= 8.64e12;
}

const DATE_PREFIX = /^(\d{4}-\d{2}-\d{2})/;

/** A calendar date `YYYY-MM-DD` from a date, a date-time or epoch seconds; zero dates `null`. */
export const wireDate: WireField<string | null | undefined> = (value, issues, parent, key) => {
  if (isEmptyWireValue(value)) return null;
  if (isEpochSeconds(value)) return new Date(value * 1000).toISOString().slice(0, 10);
  if (typeof value === 'string') {
    if (value.startsWith('0000-00-00')) return null;
    const match = DATE_PREFIX.exec(value.trim());
    if (match) return match[1] as string;
  }
  return fail(issues, parent, key, `not a date: ${describeWireValue(value)}`);
};

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const LOCAL_TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})$/;

/** Core's lenient timestamp: ISO passes, `"YYYY-MM-DD hh:mm:ss"` gets a `T` and `Z`. */
export function lenientTimestampText(value: unknown): string | null | undefined {
  if (isEmptyWireValue(value)) return null;
  if (isEpochSeconds(value)) return new Date(value * 1000).toISOString();
  if (typeof value === 'string') {
    const text = value.trim();
    if (text.startsWith('0000-00-00')) return null;
    if (ISO_TIMESTAMP.test(text)) return text;
    const local = LOCAL_TIMESTAMP.exec(text);
    if (local) return `${local[1]}T${local[2]}Z`;
  }
  return undefined;
}

/**
 * A list where vendors may send `null`, `""`, `{}`, a single object for "one" (XML echoes), or an
 * object keyed by index (PHP); every entry is a record read by `read`.
 */
export function wireList<T>(
  read: (value: unknown, issues: WireIssue[], path: readonly WirePathKey[]) => T,
): WireField<T[]> {
  return (value, issues, parent, key) => {
    const entries = listEntries(value);
    const path = [...parent, key];
    const read_: T[] = new Array<T>(entries.length);
    for (let index = 0; index < entries.length; index += 1)
      read_[index] = read(entries[index], issues, [...path, index]);
    return read_;
  };
}

/** The entries of a lenient list as received (core's `lenientList` before its items). */
export function listEntries(value: unknown): readonly unknown[] {
  if (Array.isArray(value)) return value;
  if (isEmptyWireValue(value)) return [];
  return isIndexKeyed(value) ? Object.values(value as Record<string, unknown>) : [value];
}

/** An object keyed `"0"`, `"1"` …: how PHP encodes a list whose indexes are not 0..n-1. */
function isIndexKeyed(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => /^\d+$/.test(key));
}

/** How zod names a value that is not an object, in its message (kept for the same errors). */
function receivedType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && Number.isNaN(value)) return 'NaN';
  return typeof value;
}

/**
 * A reader of records of `shape`: a new object of the declared tags only, each read by its
 * reader, or — for a value that is no object — an issue at `path`. Unknown tags are not copied.
 */
export function recordReader<S extends WireShape>(shape: S) {
  const tags = Object.keys(shape);
  const readers = tags.map((tag) => shape[tag] as WireField<unknown>);
  return (value: unknown, issues: WireIssue[], path: readonly WirePathKey[]): WireOutput<S> => {
    const out: Record<string, unknown> = {};
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      issues.push({
        path,
        message: `Invalid input: expected object, received ${receivedType(value)}`,
      });
      return out as WireOutput<S>;
    }
    const record = value as Record<string, unknown>;
    for (let index = 0; index < tags.length; index += 1) {
      const tag = tags[index] as string;
      const read = (readers[index] as WireField<unknown>)(record[tag], issues, path, tag);
      if (read !== undefined) out[tag] = read;
    }
    return out as WireOutput<S>;
  };
}

/**
 * Reads a top-level vendor record: a `ProviderError` naming every unreadable field (the message
 * core's `readVendorRecord` gives) when any is; the record read otherwise.
 */
export function readRecord<T>(
  read: (value: unknown, issues: WireIssue[], path: readonly WirePathKey[]) => T,
  raw: unknown,
  what: string,
): T {
  // `null`, `"ok"` or a list is no record, however lenient the fields are.
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ProviderError({
      provider: BILLOMAT_STYLE,
      message: `unreadable ${what}: expected an object, received ${describeWireValue(raw)}`,
      rawBody: raw,
    });
  }
  const issues: WireIssue[] = [];
  const record = read(raw, issues, []);
  if (issues.length === 0) return record;
  const fields = issues
    .map((issue) => `${issue.path.join('.') || '(record)'}: ${issue.message}`)
    .join('; ');
  throw new ProviderError({
    provider: BILLOMAT_STYLE,
    message: `unreadable ${what}: ${fields}`,
    rawBody: raw,
  });
}
