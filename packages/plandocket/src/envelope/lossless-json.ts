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
 * The vendor documents money as JSON floats. This codec decodes every number as its exact
 * decimal text (ids and counts too — the wire readers accept both), and encodes as plain JSON.
 */
export const losslessJsonCodec: Codec = {
  name: 'json',
  contentType: 'application/json',
  accept: 'application/json',
  encode: (body) => JSON.stringify(body),
  decode: (text) => {
    if (text.trim() === '') return undefined;
    try {
      return JSON.parse(quoteNumbers(text)) as unknown;
    } catch {
      throw new CodecError(`not JSON: ${text.slice(0, 80)}`, /^\s*</.test(text));
    }
  },
};
