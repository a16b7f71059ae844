import { CodecError, createXmlCodec, jsonCodec, type Codec } from '@invoicekit/core';
import { LIST_CONTAINERS } from './envelope';
import { readPlainFbapiXml } from './fbapi-xml-reader';

const xml = createXmlCodec();

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function element(tag: string, value: unknown): string {
  if (value === null || value === undefined) return `<${tag}/>`;
  if (Array.isArray(value)) {
    const singular = LIST_CONTAINERS[tag];
    // A container wraps its elements; a plain repeated value (an ID array in a FILTER) repeats the tag.
    if (singular)
      return `<${tag}>${value.map((item) => element(singular, item)).join('')}</${tag}>`;
    return value.map((item) => element(tag, item)).join('');
  }
  if (typeof value === 'object') {
    return `<${tag}>${Object.entries(value as Record<string, unknown>)
      .map(([key, inner]) => element(key, inner))
      .join('')}</${tag}>`;
  }
  return `<${tag}>${escapeXml(String(value))}</${tag}>`;
}

/** An envelope as the vendor's XML: `<?xml …?><FBAPI><SERVICE>…</SERVICE>…</FBAPI>`. */
export function toFbapiXml(envelope: Record<string, unknown>): string {
  return `<?xml version="1.0" encoding="utf-8"?>${element('FBAPI', envelope)}`;
}

/** `<ITEMS><ITEM>…</ITEM></ITEMS>` → arrays; every other element keeps its (string) value. */
export function normaliseXmlTree(node: unknown, tag?: string): unknown {
  if (node === '' || node === null || node === undefined)
    return tag && LIST_CONTAINERS[tag] ? [] : '';
  if (Array.isArray(node)) return node.map((item) => normaliseXmlTree(item));
  if (typeof node !== 'object') return node;
  const record = node as Record<string, unknown>;
  const singular = tag ? LIST_CONTAINERS[tag] : undefined;
  if (singular) {
    const children = record[singular];
    if (children === undefined) return [];
    return (Array.isArray(children) ? children : [children]).map((child) =>
      normaliseXmlTree(child, singular),
    );
  }
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    if (key.startsWith('@_')) continue;
    const value = normaliseXmlTree(record[key], key);
    // defineProperty for `__proto__`: a tag is data, never the prototype setter. Any other key
    // of a fresh object is assigned alike, and faster.
    if (key === '__proto__')
      Object.defineProperty(result, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else result[key] = value;
  }
  return result;
}

/** Decodes `<FBAPI>…</FBAPI>` into the JSON shape of the same envelope. */
export function fromFbapiXml(text: string): unknown {
  // The vendor's plain XML is read in one pass; anything else by the general, guarded parser.
  const decoded = (readPlainFbapiXml(text) ?? xml.decode(text)) as { FBAPI?: unknown } | undefined;
  return normaliseXmlTree(decoded?.FBAPI ?? decoded ?? {});
}

/**
 * Decodes an answer on the XML path. The vendor may answer JSON whatever was sent (it labels
 * both `text/plain`): a body that starts like JSON is read by the core's guarded JSON codec, so
 * it is the same tree as on the JSON path. Every failure is a `CodecError` whose message quotes
 * neither the body nor its tag names (a vendor may echo the credential into either).
 */
function decodeAnswer(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return jsonCodec.decode(trimmed);
  try {
    return fromFbapiXml(text);
  } catch (error) {
    if (error instanceof CodecError) throw error;
    // The parser's own messages (nesting limits, reserved names) quote tag names.
    throw new CodecError(
      'expected an <FBAPI> XML envelope, received XML the reader refuses',
      false,
    );
  }
}

/** The transport codec for XML envelopes. */
export const fbapiXmlCodec: Codec = {
  name: 'xml',
  contentType: 'application/xml',
  accept: 'application/xml',
  encode: (body) => toFbapiXml(body as Record<string, unknown>),
  decode: decodeAnswer,
};
