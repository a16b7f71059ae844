import { randomUUID } from 'node:crypto';
import { CodecError, type Codec } from '@invoicekit/core';

/**
 * Rewrites every JSON number literal outside strings as a string holding its exact source text,
 * so `0.30000000000000004`, `1e21` or a 20-digit total reach the decimal library digit for digit
 * instead of passing through a float. Strings, escapes and structure are untouched.
 */
export function quoteNumbers(text: string): string {
  let result = '';
  let index = 0;
  while (index < text.length) {
    const char = text[index] as string;
    if (char === '"') {
      // Copy the string literal whole, escapes included.
      let end = index + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      result += text.slice(index, end + 1);
      index = end + 1;
    } else if (char === '-' || (char >= '0' && char <= '9')) {
      const match = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(index));
      const literal = match?.[0] ?? char;
      result += `"${literal}"`;
      index += literal.length;
    } else {
      result += char;
      index += 1;
    }
  }
  return result;
}

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

/**
 * The vendor documents money as JSON floats. This codec decodes every number as its exact
 * decimal text (ids and counts too — the wire readers accept both), and encodes amounts given as
 * {@link JsonNumber} as bare numbers with their exact digits.
 */
export const losslessJsonCodec: Codec = {
  name: 'json',
  contentType: 'application/json',
  accept: 'application/json',
  encode: (body) => stringifyWithNumbers(body),
  decode: (text) => {
    if (text.trim() === '') return undefined;
    try {
      return JSON.parse(quoteNumbers(text)) as unknown;
    } catch {
      // Never the body text in the message: it may echo a credential (the raw body is redacted).
      throw new CodecError('the answer is not JSON', /^\s*</.test(text));
    }
  },
};
