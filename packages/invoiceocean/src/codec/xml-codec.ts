import { CodecError, jsonCodec, looksLikeHtml, type Codec } from '@invoicekit/core';
import { decodeRailsXml, toRailsXml } from './rails-xml';

/**
 * The transport codec for the XML variant: requests are written as Rails XML under their single
 * root (`{ invoice: {...} }` → `<invoice>…</invoice>`); answers are decoded to the JSON shape and
 * unwrapped from their root, so the adapter reads XML and JSON with the same code.
 */
export const invoiceOceanXmlCodec: Codec = {
  name: 'xml',
  contentType: 'application/xml; charset=utf-8',
  accept: 'application/xml',
  encode: (body) => {
    if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
      const entries = Object.entries(body);
      if (entries.length === 1) return toRailsXml(entries[0]?.[0] ?? 'hash', entries[0]?.[1]);
    }
    return toRailsXml('hash', body);
  },
  decode: (text) => {
    const trimmed = text.trim();
    if (trimmed === '') return undefined;
    if (looksLikeHtml(trimmed)) throw new CodecError('expected XML, received an HTML page', true);
    // DELETE answers with the bare word "ok", in either format.
    if (trimmed === 'ok' || trimmed === '"ok"') return 'ok';
    // Some endpoints answer JSON whatever the extension: read with core's guarded JSON, whose
    // errors are CodecErrors that never quote the text (a raw SyntaxError quotes its start).
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) return jsonCodec.decode(trimmed);
    const decoded = decodeRailsXml(trimmed);
    if (typeof decoded === 'object' && decoded !== null && !Array.isArray(decoded)) {
      const values = Object.values(decoded);
      if (values.length === 1) return values[0];
    }
    return decoded;
  },
};
