/**
 * A one-pass reader for the XML Rails `to_xml` writes — elements, `name="value"` attributes,
 * text with the five named entities, an XML declaration, whitespace between elements — that
 * builds the JSON shape while it reads, as `fromRailsXml` makes it of the guarded parser's tree. Anything else (comments,
 * CDATA, processing instructions, DOCTYPE, character references, other entities, mixed content,
 * reserved names, deep nesting, anything malformed) is not read here: the caller then uses the
 * guarded parser, whose checks and typed errors stay the only ones.
 */

import { looksLikeHtml } from '@invoicekit/core';
import { singular } from './rails-xml';

/**
 * An element read into the JSON shape, both ways `fromRailsXml` may read it: with its tag (a
 * plural element of its singulars is then a list) and without (inside a list, or repeated).
 */
interface Converted {
  readonly name: string;
  readonly withTag: unknown;
  readonly withoutTag: unknown;
}

function underscored(tag: string): string {
  return tag.includes('-') ? tag.replaceAll('-', '_') : tag;
}

/** Deeper than this is the guarded parser's to refuse (its limit is 100). */
const MAX_DEPTH = 64;
const NAME = /[A-Za-z_][A-Za-z0-9_.-]*/y;
const ATTRIBUTE_VALUE_DOUBLE = /"([^"<&]*)"/y;
const ATTRIBUTE_VALUE_SINGLE = /'([^'<&]*)'/y;
const DECLARATION =
  /^<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(["'])1\.[0-9]\1(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(["'])[A-Za-z][A-Za-z0-9._-]*\2)?[ \t\r\n]*\?>/;
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);
const ENTITY = /&(amp|lt|gt|quot|apos);/g;
const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}

/** The first index from `from` (before `to`) that is not XML whitespace. */
function skipSpace(text: string, from: number, to: number): number {
  let index = from;
  while (index < to && isSpace(text.charCodeAt(index))) index += 1;
  return index;
}

/** Thrown inside the reader for anything it leaves to the guarded parser. */
class NotRailsXml extends Error {}

const NOT_READ = new NotRailsXml();

function give(): never {
  throw NOT_READ;
}

/** Text as the guarded parser leaves it: trimmed, the five named entities decoded. */
function textOf(raw: string): string {
  const trimmed = raw.trim();
  if (trimmed.indexOf('&') < 0) return trimmed;
  // Only `&name;` of the five: a character reference or any other entity is not read here.
  if (/&(?!(?:amp|lt|gt|quot|apos);)/.test(trimmed)) give();
  return trimmed.replace(ENTITY, (_, name: string) => ENTITIES[name] as string);
}

class Reader {
  position = 0;

  constructor(private readonly text: string) {}

  name(): string {
    NAME.lastIndex = this.position;
    const match = NAME.exec(this.text);
    if (!match) give();
    const name = match[0];
    if (RESERVED.has(name)) give();
    this.position = NAME.lastIndex;
    return name;
  }

  skipWhitespace(): void {
    this.position = skipSpace(this.text, this.position, this.text.length);
  }

  /** One element from its `<`; `depth` counts its ancestors. */
  element(depth: number): Converted {
    if (depth > MAX_DEPTH) give();
    const text = this.text;
    this.position += 1; // '<'
    const name = this.name();
    let attributes: Record<string, unknown> | undefined;
    for (;;) {
      const before = this.position;
      this.skipWhitespace();
      const next = text.charCodeAt(this.position);
      if (next === 62 /* > */ || next === 47 /* / */) break;
      // An attribute needs whitespace before it.
      if (this.position === before) give();
      const attribute = `@_${this.name()}`;
      this.skipWhitespace();
      if (text.charCodeAt(this.position) !== 61 /* = */) give();
      this.position += 1;
      this.skipWhitespace();
      const pattern =
        text.charCodeAt(this.position) === 34 ? ATTRIBUTE_VALUE_DOUBLE : ATTRIBUTE_VALUE_SINGLE;
      pattern.lastIndex = this.position;
      const value = pattern.exec(text);
      if (!value) give();
      this.position = pattern.lastIndex;
      attributes ??= {};
      if (attribute in attributes) give();
      attributes[attribute] = value[1];
    }
    const nil = attributes?.['@_nil'] === 'true';
    const isArray = attributes?.['@_type'] === 'array';
    if (text.charCodeAt(this.position) === 47) {
      // `<name …/>`
      if (text.charCodeAt(this.position + 1) !== 62) give();
      this.position += 2;
      const value = nil ? null : isArray ? [] : '';
      return { name, withTag: value, withoutTag: value };
    }
    this.position += 1; // '>'
    let children: Map<string, Converted[]> | undefined;
    const textStart = this.position;
    let leafText = '';
    for (;;) {
      const open = text.indexOf('<', this.position);
      if (open < 0) give();
      // Only whitespace may stand between child elements: checked without copying it.
      const blank = skipSpace(text, this.position, open) === open;
      // A raw `>` in text is left to the guarded parser.
      if (!blank && text.slice(this.position, open).indexOf('>') >= 0) give();
      const after = text.charCodeAt(open + 1);
      if (after === 47 /* / */) {
        this.position = open + 2;
        if (this.name() !== name) give();
        this.skipWhitespace();
        if (text.charCodeAt(this.position) !== 62) give();
        this.position += 1;
        if (children) {
          if (!blank) give();
        } else if (!blank) leafText = textOf(text.slice(textStart, open));
        break;
      }
      // A comment, CDATA, a processing instruction: not Rails' output.
      if (after === 33 /* ! */ || after === 63 /* ? */) give();
      // Text before or between children is mixed content unless it is whitespace.
      if (!blank) give();
      children ??= new Map();
      this.position = open;
      const child = this.element(depth + 1);
      const group = children.get(child.name);
      if (group) group.push(child);
      else children.set(child.name, [child]);
    }
    if (nil) return { name, withTag: null, withoutTag: null };
    if (!children) {
      const value = isArray ? [] : leafText;
      return { name, withTag: value, withoutTag: value };
    }
    // As `fromRailsXml`: a list's items, and a repeated element's, are read without their tag.
    const items = (): unknown[] => {
      const list: unknown[] = [];
      for (const group of (children as Map<string, Converted[]>).values())
        for (const item of group) list.push(item.withoutTag);
      return list;
    };
    if (isArray) {
      const list = items();
      return { name, withTag: list, withoutTag: list };
    }
    const record: Record<string, unknown> = {};
    for (const [child, group] of children)
      record[underscored(child)] =
        group.length === 1 ? (group[0] as Converted).withTag : group.map((item) => item.withoutTag);
    // A plural element whose only children are its singular is a list when read with its tag.
    const [only] = children.keys();
    const implied = children.size === 1 && only !== name && only === singular(name);
    return { name, withTag: implied ? items() : record, withoutTag: record };
  }
}

/**
 * A Rails XML document in its JSON shape (`{ invoice: {...} }`), as `fromRailsXml` reads the
 * guarded parser's tree, or `undefined` when the text is anything this reader leaves to it.
 */
export function readRailsXml(text: string): Record<string, unknown> | undefined {
  // An HTML page may be well-formed: the guarded parser names it as such.
  if (looksLikeHtml(text)) return undefined;
  try {
    const declaration = DECLARATION.exec(text);
    const reader = new Reader(text);
    reader.position = declaration ? declaration[0].length : 0;
    reader.skipWhitespace();
    if (text.charCodeAt(reader.position) !== 60 /* < */) return undefined;
    const root = reader.element(0);
    reader.skipWhitespace();
    if (reader.position !== text.length) return undefined;
    return { [underscored(root.name)]: root.withTag };
  } catch (error) {
    if (error instanceof NotRailsXml) return undefined;
    throw error;
  }
}
