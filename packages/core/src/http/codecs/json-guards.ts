import { CodecError, looksLikeHtml } from './codec';

/** Limits a JSON answer must keep before it is turned into values. */
export interface JsonGuards {
  /** Deepest nesting of objects and arrays; 64 by default (invoices need under 10). */
  readonly maxDepth: number;
  /** Longest number literal, in characters; 400 by default. */
  readonly maxNumberLength: number;
  /** Largest exponent magnitude of a number literal (`1e400`); 400 by default. */
  readonly maxExponent: number;
}

/** The default {@link JsonGuards}. */
export const DEFAULT_JSON_GUARDS: JsonGuards = Object.freeze({
  maxDepth: 64,
  maxNumberLength: 400,
  maxExponent: 400,
});

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const MINUS = 0x2d;

/** The grammar of a JSON number (RFC 8259, section 6). */
const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/** A key with escapes, as it reads; a bad escape is malformed JSON, said as a codec error. */
function unescapedKey(raw: string, position: number): string {
  try {
    return String(JSON.parse(raw));
  } catch {
    return refuse('a malformed key', position);
  }
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function refuse(what: string, position: number): never {
  // Never the text itself: an answer may echo a credential.
  throw new CodecError(`the answer is not acceptable JSON: ${what} at position ${position}`, false);
}

/**
 * Checks JSON text against the guards in one pass, before `JSON.parse` builds anything: nesting
 * depth, duplicate keys in one object (which `JSON.parse` silently resolves to the last, so two
 * readers could see two different invoices), and number literals too long or with an exponent
 * too large to expand (`1e400000000` would cost gigabytes as a decimal). With `quoteNumbers`,
 * returns the text with every number literal turned into a string of its exact source digits,
 * so money reaches the decimal library without a float; otherwise returns the text unchanged.
 * Syntax errors are left to `JSON.parse`.
 */
export function guardJson(text: string, guards: JsonGuards, quoteNumbers: boolean): string {
  const parts: string[] = [];
  let copiedUpTo = 0;
  // One entry per open container: the keys seen so far (objects) or null (arrays).
  const keys: (Set<string> | null)[] = [];
  let expectKey = false;
  const length = text.length;
  let index = 0;
  while (index < length) {
    const code = text.charCodeAt(index);
    if (code === QUOTE) {
      const start = index;
      index += 1;
      let escaped = false;
      while (index < length) {
        const inner = text.charCodeAt(index);
        if (inner === BACKSLASH) {
          escaped = true;
          index += 2;
          continue;
        }
        if (inner === QUOTE) break;
        index += 1;
      }
      if (index >= length) refuse('an unterminated string', start);
      index += 1;
      const container = keys[keys.length - 1];
      if (expectKey && container) {
        const raw = text.slice(start, index);
        // Escapes spell one key in many ways ("a" and "\u0061"): compare what they mean.
        const key = escaped ? unescapedKey(raw, start) : raw.slice(1, -1);
        if (container.has(key)) refuse('a duplicate key', start);
        container.add(key);
        expectKey = false;
      }
      continue;
    }
    if (code === OPEN_OBJECT || code === OPEN_ARRAY) {
      if (keys.length >= guards.maxDepth) refuse(`nesting deeper than ${guards.maxDepth}`, index);
      keys.push(code === OPEN_OBJECT ? new Set() : null);
      expectKey = code === OPEN_OBJECT;
      index += 1;
      continue;
    }
    if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) {
      keys.pop();
      expectKey = false;
      index += 1;
      continue;
    }
    if (code === COMMA) {
      expectKey = keys[keys.length - 1] instanceof Set;
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
      let exponentStart = -1;
      index += 1;
      while (index < length) {
        const inner = text.charCodeAt(index);
        if (inner === 0x65 || inner === 0x45) exponentStart = index + 1;
        else if (!(isDigit(inner) || inner === 0x2e || inner === 0x2b || inner === MINUS)) break;
        index += 1;
      }
      if (index - start > guards.maxNumberLength)
        refuse(`a number literal longer than ${guards.maxNumberLength} characters`, start);
      if (exponentStart > 0) {
        const exponent = text.slice(exponentStart, index).replace(/^[+-]/, '').replace(/^0+/, '');
        if (exponent.length > 6 || Number(exponent) > guards.maxExponent)
          refuse(`a number exponent beyond ±${guards.maxExponent}`, start);
      }
      if (quoteNumbers) {
        // Quoted, a malformed literal (`007`, `1.`, `--1`) would pass as text: check it first.
        const literal = text.slice(start, index);
        if (!JSON_NUMBER.test(literal)) refuse('a malformed number literal', start);
        parts.push(text.slice(copiedUpTo, start), '"', literal, '"');
        copiedUpTo = index;
      }
      continue;
    }
    index += 1;
  }
  if (!quoteNumbers) return text;
  parts.push(text.slice(copiedUpTo));
  return parts.join('');
}

/**
 * Parses JSON after {@link guardJson}: a {@link CodecError} for malformed text, an HTML page or
 * a guard broken; `undefined` for an empty body.
 */
export function parseGuardedJson(
  text: string,
  options: { readonly guards?: JsonGuards; readonly numbers?: 'native' | 'text' } = {},
): unknown {
  if (text.trim() === '') return undefined;
  if (looksLikeHtml(text)) throw new CodecError('expected JSON, received an HTML page', true);
  const guarded = guardJson(
    text,
    options.guards ?? DEFAULT_JSON_GUARDS,
    options.numbers === 'text',
  );
  try {
    return JSON.parse(guarded) as unknown;
  } catch {
    throw new CodecError('expected JSON, received malformed text', /^\s*</.test(text));
  }
}
