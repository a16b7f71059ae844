import { createXmlCodec, type Codec } from '@invoicekit/core';
import { readRailsXml } from './rails-xml-fast';

/**
 * The XML variant of the API is Rails `to_xml`: dasherized tags, typed attributes
 * (`type="decimal" | "integer" | "boolean" | "date" | "dateTime" | "array"`), `nil="true"` for
 * null. These functions convert between it and the JSON shape, so one set of wire schemas and one
 * emulator serve both formats. Values stay strings on the way in; money is never parsed as a number.
 */

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
const ATTRIBUTE = '@_';

/** The codec for XML bodies: no DOCTYPE, no entity tricks, every value a string. */
export const railsXmlCodec: Codec = createXmlCodec();

function underscore(tag: string): string {
  return tag.includes('-') ? tag.replaceAll('-', '_') : tag;
}

/** `total_price_gross` → `total-price-gross`; a leading underscore stays (`_destroy` is a valid name, `-destroy` is not). */
function dasherize(key: string): string {
  return key.replace(/(?!^)_/g, '-');
}

/** `positions` → `position`; `invoices` → `invoice`; others lose a trailing `s`. */
export function singular(plural: string): string {
  if (plural.endsWith('ies')) return `${plural.slice(0, -3)}y`;
  return plural.endsWith('s') ? plural.slice(0, -1) : `${plural}-item`;
}

/**
 * A node parsed by fast-xml-parser (attributes under `@_`) → the JSON the same endpoint sends.
 * A plural element whose only children are its singular (`<positions><position>…`) is a list
 * even without `type="array"`, as Rails reads hand-written XML requests.
 */
export function fromRailsXml(node: unknown, tag?: string): unknown {
  if (Array.isArray(node)) return node.map((item) => fromRailsXml(item));
  if (node === null || typeof node !== 'object') return node ?? null;
  const record = node as Record<string, unknown>;
  if (record[`${ATTRIBUTE}nil`] === 'true') return null;
  const childKeys: string[] = [];
  for (const key of Object.keys(record))
    if (!key.startsWith(ATTRIBUTE) && key !== '#text') childKeys.push(key);
  const impliedList =
    tag !== undefined &&
    childKeys.length === 1 &&
    tag !== childKeys[0] &&
    childKeys[0] === singular(tag);
  if (record[`${ATTRIBUTE}type`] === 'array' || impliedList) {
    const items = childKeys.flatMap((key) => {
      const value = record[key];
      return Array.isArray(value) ? value : [value];
    });
    return items.map((item) => fromRailsXml(item));
  }
  if (childKeys.length === 0) return typeof record['#text'] === 'string' ? record['#text'] : '';
  const result: Record<string, unknown> = {};
  for (const key of childKeys) result[underscore(key)] = fromRailsXml(record[key], key);
  return result;
}

/**
 * Decodes a Rails XML document into its JSON shape (`{ invoice: {...} }`, or a list): Rails'
 * own output in one pass, anything else through the guarded parser (its checks, its errors).
 */
export function decodeRailsXml(text: string): unknown {
  return readRailsXml(text) ?? fromRailsXml(railsXmlCodec.decode(text));
}

/** {@link decodeRailsXml} through the guarded parser only: the reference the fast path equals. */
export function decodeRailsXmlGuarded(text: string): unknown {
  return fromRailsXml(railsXmlCodec.decode(text));
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function typeOf(value: string | number | boolean): string | undefined {
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'decimal';
  if (/^-?\d+\.\d+$/.test(value)) return 'decimal';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'date';
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return 'dateTime';
  return undefined;
}

function element(key: string, value: unknown): string {
  const tag = dasherize(key);
  if (value === null || value === undefined) return `<${tag} nil="true"/>`;
  if (Array.isArray(value)) {
    return `<${tag} type="array">${value.map((item) => element(singular(tag), item)).join('')}</${tag}>`;
  }
  if (typeof value === 'object') {
    return `<${tag}>${Object.entries(value as Record<string, unknown>)
      .map(([child, inner]) => element(child, inner))
      .join('')}</${tag}>`;
  }
  const scalar = value as string | number | boolean;
  const type = typeOf(scalar);
  return `<${tag}${type ? ` type="${type}"` : ''}>${escapeXml(String(scalar))}</${tag}>`;
}

/** Renders a JSON-shaped value as Rails `to_xml` under `root` (`invoice`, `invoices` …). */
export function toRailsXml(root: string, value: unknown): string {
  return `${XML_DECLARATION}${element(root, value)}`;
}
