import { randomUUID } from 'node:crypto';
import { createJsonCodec, type Codec } from '@invoicekit/core';

/**
 * A number to be written into a request body as a bare JSON number with exactly these digits —
 * the vendor expects floats (`"amount": 40.50`), and a float must never be computed to get there.
 */
export class JsonNumber {
  constructor(readonly text: string) {
    if (!/^-?\d+(\.\d+)?$/.test(text)) throw new RangeError(`not a decimal: ${text}`);
  }
}

/** JSON text in which every {@link JsonNumber} stands as its literal digits. */
export function stringifyWithNumbers(body: unknown): string {
  // A marker no string in the body contains, replaced after stringifying.
  const marker = `\u0000n${randomUUID()}:`;
  const text = JSON.stringify(body, (_key, value: unknown) =>
    value instanceof JsonNumber ? `${marker}${value.text}` : value,
  );
  const escaped = JSON.stringify(marker)
    .slice(1, -1)
    .replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
  return text.replace(new RegExp(`"${escaped}(-?\\d+(?:\\.\\d+)?)"`, 'g'), '$1');
}

/** Core's guarded JSON with every number literal kept as its exact source text. */
const textNumbers = createJsonCodec({ numbers: 'text' });

/** Core's guard limits (its defaults), checked again by the fast path below. */
const MAX_DEPTH = 64;
const MAX_NUMBER_LENGTH = 400;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const MINUS = 0x2d;

/** The fast path declined: core's guarded decode gives the answer (or its precise error). */
const DECLINED: unique symbol = Symbol('declined');

const isDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;

/**
 * The number literals of JSON text in document order, with the count of object member names —
 * or {@link DECLINED} for anything the fast path does not vouch for: a guard broken (depth, a
 * literal too long, any exponent), a member name that is (or may be, escaped) an array index (the
 * engine would order it first, out of document order), an unterminated string.
 */
function scanLiterals(text: string): { literals: string[]; keys: number } | typeof DECLINED {
  const literals: string[] = [];
  // One entry per open container: true for an object.
  const open: boolean[] = [];
  let keys = 0;
  let expectKey = false;
  const { length } = text;
  let index = 0;
  while (index < length) {
    const code = text.charCodeAt(index);
    if (code === QUOTE) {
      const start = index;
      let end = start + 1;
      for (;;) {
        end = text.indexOf('"', end);
        if (end < 0) return DECLINED;
        let before = end - 1;
        while (before > start && text.charCodeAt(before) === BACKSLASH) before -= 1;
        if ((end - 1 - before) % 2 === 0) break;
        end += 1;
      }
      if (expectKey && open[open.length - 1] === true) {
        const first = text.charCodeAt(start + 1);
        if (isDigit(first) || first === BACKSLASH) return DECLINED;
        // `__proto__` is a member like any other to JSON.parse; not worth a special case here.
        if (first === 0x5f && text.startsWith('__proto__"', start + 1)) return DECLINED;
        keys += 1;
        expectKey = false;
      }
      index = end + 1;
      continue;
    }
    if (code === OPEN_OBJECT || code === OPEN_ARRAY) {
      if (open.length >= MAX_DEPTH) return DECLINED;
      open.push(code === OPEN_OBJECT);
      expectKey = code === OPEN_OBJECT;
      index += 1;
      continue;
    }
    if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) {
      open.pop();
      expectKey = false;
      index += 1;
      continue;
    }
    if (code === COMMA) {
      expectKey = open[open.length - 1] === true;
      index += 1;
      continue;
    }
    if (code === COLON) {
      expectKey = false;
      index += 1;
      continue;
    }
    if (code === MINUS || isDigit(code)) {
      const start = index;
      let exponent = false;
      index += 1;
      while (index < length) {
        const inner = text.charCodeAt(index);
        if (inner === 0x65 || inner === 0x45) exponent = true;
        else if (!(isDigit(inner) || inner === 0x2e || inner === 0x2b || inner === MINUS)) break;
        index += 1;
      }
      // Exponents are rare: left to core's checks of their size.
      if (exponent || index - start > MAX_NUMBER_LENGTH) return DECLINED;
      literals.push(text.slice(start, index));
      continue;
    }
    index += 1;
  }
  return { literals, keys };
}

/**
 * Puts each literal in place of the number `JSON.parse` made of it, in document order, counting
 * member names; {@link DECLINED} when the count or the literals do not line up (a duplicate name).
 */
function substitute(
  value: unknown,
  literals: readonly string[],
  cursor: { next: number; members: number },
): unknown {
  if (typeof value === 'number') return literals[cursor.next++];
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1)
      value[index] = substitute(value[index], literals, cursor);
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    cursor.members += 1;
    record[key] = substitute(record[key], literals, cursor);
  }
  return record;
}

/**
 * The fast path of {@link losslessJsonCodec}'s decode: the engine's own `JSON.parse`, then each
 * number replaced by its literal text, for objects and arrays that pass the same guards. It
 * declines everything else, and core's guarded decode (the reference, and the one that names
 * what is wrong) takes over.
 */
function decodeFast(text: string): unknown {
  let first = 0;
  while (first < text.length && /\s/.test(text.charAt(first))) first += 1;
  const opener = text.charCodeAt(first);
  if (opener !== OPEN_OBJECT && opener !== OPEN_ARRAY) return DECLINED;
  const scanned = scanLiterals(text);
  if (scanned === DECLINED) return DECLINED;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return DECLINED;
  }
  const cursor = { next: 0, members: 0 };
  const result = substitute(parsed, scanned.literals, cursor);
  if (cursor.members !== scanned.keys || cursor.next !== scanned.literals.length) return DECLINED;
  return result;
}

/** Decodes losslessly: the fast path when it vouches for the text, else core's guarded decode. */
function decodeLossless(text: string): unknown {
  const fast = decodeFast(text);
  return fast === DECLINED ? textNumbers.decode(text) : fast;
}

/**
 * The vendor documents money as JSON floats. This codec decodes every number as its exact
 * decimal text (ids and counts too — the wire readers accept both) under core's guards: deep
 * nesting, duplicate keys and absurd literals (`1e400000000`, 10 000 digits) are a `CodecError`
 * before anything is expanded, and no message quotes the body. Plain objects and arrays take a
 * fast path (the engine's parse, literals put back); anything else goes to core's guarded parse,
 * which decides. Amounts given as
 * {@link JsonNumber} are encoded as bare numbers with their exact digits.
 */
export const losslessJsonCodec: Codec = {
  name: 'json',
  contentType: 'application/json',
  accept: 'application/json',
  encode: (body) => stringifyWithNumbers(body),
  decode: decodeLossless,
  // As in core's JSON codec: without a `\`, every decoded string (and number literal) is a piece
  // of the text verbatim, so the transport can look for an echoed secret in the text alone.
  escapes: /\\/,
};
