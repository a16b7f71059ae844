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

/**
 * The vendor documents money as JSON floats. This codec decodes every number as its exact
 * decimal text (ids and counts too — the wire readers accept both) through core's guarded parse:
 * deep nesting, duplicate keys and absurd literals (`1e400000000`, 10 000 digits) are a
 * `CodecError` before anything is expanded, and no message quotes the body. Amounts given as
 * {@link JsonNumber} are encoded as bare numbers with their exact digits.
 */
export const losslessJsonCodec: Codec = {
  name: 'json',
  contentType: 'application/json',
  accept: 'application/json',
  encode: (body) => stringifyWithNumbers(body),
  decode: (text) => textNumbers.decode(text),
};
