import type { Codec } from './codec';
import { DEFAULT_JSON_GUARDS, parseGuardedJson, type JsonGuards } from './json-guards';

/** Options of {@link createJsonCodec}. */
export interface JsonCodecOptions {
  /**
   * `native` (default): numbers as `JSON.parse` gives them; adapters turn money into decimals
   * from the number's shortest round-trip text, never through arithmetic. `text`: every number
   * literal as a string of its exact source digits (`0.30000000000000004`, 20-digit totals).
   */
  readonly numbers?: 'native' | 'text';
  /** Nesting, number length and exponent limits; {@link DEFAULT_JSON_GUARDS} by default. */
  readonly guards?: Partial<JsonGuards>;
}

/**
 * JSON with the guards every vendor answer passes (see {@link parseGuardedJson}): an empty body
 * decodes to `undefined`; deep nesting, duplicate keys, absurd numbers, HTML pages and malformed
 * text are a `CodecError` that never quotes the text.
 */
export function createJsonCodec(options: JsonCodecOptions = {}): Codec {
  const guards = { ...DEFAULT_JSON_GUARDS, ...options.guards };
  const numbers = options.numbers ?? 'native';
  return {
    name: 'json',
    contentType: 'application/json',
    accept: 'application/json',
    encode: (body) => JSON.stringify(body),
    decode: (text) => parseGuardedJson(text, { guards, numbers }),
    // Outside strings JSON has no way to spell a character; inside, only `\` escapes.
    escapes: /\\/,
  };
}

/** JSON with native numbers and the default guards. */
export const jsonCodec: Codec = createJsonCodec();
