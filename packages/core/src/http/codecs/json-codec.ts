import { CodecError, looksLikeHtml, type Codec } from './codec';

/**
 * JSON. An empty body decodes to `undefined`. Numbers are decoded by `JSON.parse`; adapters turn
 * money into decimals from the number's shortest round-trip text, never through arithmetic.
 */
export const jsonCodec: Codec = {
  name: 'json',
  contentType: 'application/json',
  accept: 'application/json',
  encode: (body) => JSON.stringify(body),
  decode: (text) => {
    if (text.trim() === '') return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      const html = looksLikeHtml(text);
      throw new CodecError(
        html ? 'expected JSON, received an HTML page' : 'expected JSON, received malformed text',
        html,
      );
    }
  },
};
