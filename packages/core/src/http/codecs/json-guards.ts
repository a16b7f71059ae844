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

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function refuse(what: string, position: number): never {
  // Never the text itself: an answer may echo a credential.
  throw new CodecError(`the answer is not acceptable JSON: ${what} at position ${position}`, false);
}

/**
 * One pass over JSON text, before `JSON.parse` builds anything: nesting depth and number literals
 * too long or with an exponent too large to expand (`1e400000000` would cost gigabytes as a
 * decimal) are refused; object member names are counted, so that duplicates can be found once
 * parsed (see {@link parseGuardedJson}). With `quoteNumbers`, the text comes back with every number
 * literal turned into a string of its exact source digits. Syntax errors are left to `JSON.parse`.
 */
function scanJson(
  text: string,
  guards: JsonGuards,
  quoteNumbers: boolean,
): { readonly text: string; readonly keys: number } {
  const parts: string[] = [];
  let copiedUpTo = 0;
  // One entry per open container: true for an object, false for an array.
  const open: boolean[] = [];
  let keys = 0;
  let expectKey = false;
  const length = text.length;
  let index = 0;
  while (index < length) {
    const code = text.charCodeAt(index);
    if (code === QUOTE) {
      const start = index;
      // Jump from quote to quote (indexOf runs natively); a quote after an odd run of
      // backslashes is escaped and does not end the string.
      let end = start + 1;
      for (;;) {
        end = text.indexOf('"', end);
        if (end < 0) refuse('an unterminated string', start);
        let before = end - 1;
        while (before > start && text.charCodeAt(before) === BACKSLASH) before -= 1;
        if ((end - 1 - before) % 2 === 0) break;
        end += 1;
      }
      index = end + 1;
      if (expectKey && open[open.length - 1] === true) {
        keys += 1;
        expectKey = false;
      }
      continue;
    }
    if (code === OPEN_OBJECT || code === OPEN_ARRAY) {
      if (open.length >= guards.maxDepth) refuse(`nesting deeper than ${guards.maxDepth}`, index);
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
  if (!quoteNumbers) return { text, keys };
  parts.push(text.slice(copiedUpTo));
  return { text: parts.join(''), keys };
}

/**
 * Member names in a parsed value, counted without recursion. `JSON.parse` keeps one member per
 * name and object, so fewer names here than in the text means a duplicate.
 */
function countMembers(value: unknown): number {
  const stack: unknown[] = [value];
  let count = 0;
  while (stack.length > 0) {
    const current = stack.pop();
    if (typeof current !== 'object' || current === null) continue;
    if (Array.isArray(current)) {
      for (const item of current as unknown[]) stack.push(item);
      continue;
    }
    const names = Object.keys(current);
    count += names.length;
    for (const name of names) stack.push((current as Record<string, unknown>)[name]);
  }
  return count;
}

/** Two members of one object under one name (however spelt) — JSON.parse would keep the last. */
function refuseDuplicates(parsed: unknown, keysInText: number): void {
  if (countMembers(parsed) !== keysInText)
    throw new CodecError('the answer is not acceptable JSON: a duplicate key in an object', false);
}

/**
 * Checks JSON text against the guards: nesting depth, duplicate keys in one object (which
 * `JSON.parse` silently resolves to the last, so two readers could see two different invoices —
 * escaped spellings count as the same name), and number literals too long or with an exponent
 * too large to expand. With `quoteNumbers`, returns the text with every number literal turned
 * into a string of its exact source digits, so money reaches the decimal library without a float;
 * otherwise returns the text unchanged. Well-formed text is parsed once to find duplicates;
 * {@link parseGuardedJson} does all of it with that one parse.
 */
export function guardJson(text: string, guards: JsonGuards, quoteNumbers: boolean): string {
  const scanned = scanJson(text, guards, quoteNumbers);
  if (scanned.keys > 0) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(scanned.text);
    } catch {
      // Syntax errors are the parser's to report.
      return scanned.text;
    }
    refuseDuplicates(parsed, scanned.keys);
  }
  return scanned.text;
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
  const scanned = scanJson(text, options.guards ?? DEFAULT_JSON_GUARDS, options.numbers === 'text');
  let parsed: unknown;
  try {
    parsed = JSON.parse(scanned.text) as unknown;
  } catch {
    throw new CodecError('expected JSON, received malformed text', /^\s*</.test(text));
  }
  refuseDuplicates(parsed, scanned.keys);
  return parsed;
}
