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

function underscored(tag: string): string {
  return tag.includes('-') ? tag.replaceAll('-', '_') : tag;
}

/** Deeper than this is the guarded parser's to refuse (its limit is 100). */
const MAX_DEPTH = 64;
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

/** `[A-Za-z_]`: what a name may start with here. */
function isNameStart(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95;
}

/** `[A-Za-z0-9_.-]`: what a name may go on with here. */
function isNameChar(code: number): boolean {
  return isNameStart(code) || (code >= 48 && code <= 57) || code === 46 || code === 45;
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

/**
 * The children of one element as read, in document order. `fromRailsXml` reads the guarded
 * parser's tree, which groups repeated names under the first one's place: {@link grouped} gives
 * that order, the document's own when no name repeats.
 */
class Children {
  readonly names: string[] = [];
  /** Each child as read with its tag, and without it (inside a list, or repeated). */
  readonly withTag: unknown[] = [];
  readonly withoutTag: unknown[] = [];

  /** True when some name appears twice. */
  repeats(): boolean {
    const names = this.names;
    if (names.length < 2) return false;
    const seen = new Set<string>();
    for (const name of names) {
      if (seen.has(name)) return true;
      seen.add(name);
    }
    return false;
  }

  /** True when every child has the first one's name. */
  allNamed(name: string): boolean {
    for (const candidate of this.names) if (candidate !== name) return false;
    return true;
  }

  /** Indices of the children grouped by name, groups in order of their first member. */
  grouped(): Map<string, number[]> {
    const groups = new Map<string, number[]>();
    this.names.forEach((name, index) => {
      const group = groups.get(name);
      if (group) group.push(index);
      else groups.set(name, [index]);
    });
    return groups;
  }
}

/**
 * Reads one element at a time; what an element read into the JSON shape is left in `name`,
 * `withTag` (read with its tag: a plural element of its singulars is then a list) and
 * `withoutTag` (inside a list, or repeated), both ways `fromRailsXml` may read it — fields
 * rather than an object per element, since a document holds hundreds of them.
 */
class Reader {
  position = 0;
  name = '';
  withTag: unknown = undefined;
  withoutTag: unknown = undefined;

  /** Tags as keys (`-` → `_`): a list's items repeat the same few dozen tags. */
  private readonly keys = new Map<string, string>();

  constructor(private readonly text: string) {}

  key(tag: string): string {
    let key = this.keys.get(tag);
    if (key === undefined) {
      key = underscored(tag);
      this.keys.set(tag, key);
    }
    return key;
  }

  /**
   * Fills `record` with the children in document order, each read with its tag; false (and
   * `record` to be dropped) as soon as a key comes twice.
   */
  private inDocumentOrder(record: Record<string, unknown>, children: Children): boolean {
    const { names, withTag } = children;
    for (let index = 0; index < names.length; index += 1) {
      const key = this.key(names[index] as string);
      if (Object.hasOwn(record, key)) return false;
      record[key] = withTag[index];
    }
    return true;
  }

  readName(): string {
    const text = this.text;
    const start = this.position;
    if (!isNameStart(text.charCodeAt(start))) give();
    let end = start + 1;
    while (end < text.length && isNameChar(text.charCodeAt(end))) end += 1;
    const name = text.slice(start, end);
    if (RESERVED.has(name)) give();
    this.position = end;
    return name;
  }

  skipWhitespace(): void {
    this.position = skipSpace(this.text, this.position, this.text.length);
  }

  private leaf(name: string, value: unknown): void {
    this.name = name;
    this.withTag = value;
    this.withoutTag = value;
  }

  /** One element from its `<`; `depth` counts its ancestors. */
  element(depth: number): void {
    if (depth > MAX_DEPTH) give();
    const text = this.text;
    this.position += 1; // '<'
    const name = this.readName();
    // Only `nil` and `type` change what an element reads as; any other attribute is read and
    // checked (a repeated name is the guarded parser's to judge) but not kept.
    let nilValue: string | undefined;
    let typeValue: string | undefined;
    let others: string[] | undefined;
    for (;;) {
      const before = this.position;
      this.skipWhitespace();
      const next = text.charCodeAt(this.position);
      if (next === 62 /* > */ || next === 47 /* / */) break;
      // An attribute needs whitespace before it.
      if (this.position === before) give();
      const attribute = this.readName();
      this.skipWhitespace();
      if (text.charCodeAt(this.position) !== 61 /* = */) give();
      this.position += 1;
      this.skipWhitespace();
      const quote = text.charCodeAt(this.position);
      if (quote !== 34 && quote !== 39) give();
      const close = text.indexOf(quote === 34 ? '"' : "'", this.position + 1);
      if (close < 0) give();
      const value = text.slice(this.position + 1, close);
      if (value.indexOf('<') >= 0 || value.indexOf('&') >= 0) give();
      this.position = close + 1;
      if (attribute === 'nil') {
        if (nilValue !== undefined) give();
        nilValue = value;
      } else if (attribute === 'type') {
        if (typeValue !== undefined) give();
        typeValue = value;
      } else {
        others ??= [];
        if (others.includes(attribute)) give();
        others.push(attribute);
      }
    }
    const nil = nilValue === 'true';
    const isArray = typeValue === 'array';
    if (text.charCodeAt(this.position) === 47) {
      // `<name …/>`
      if (text.charCodeAt(this.position + 1) !== 62) give();
      this.position += 2;
      this.leaf(name, nil ? null : isArray ? [] : '');
      return;
    }
    this.position += 1; // '>'
    let children: Children | undefined;
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
        // `</name` and then no more of a name: compared where it stands, not copied.
        const end = open + 2 + name.length;
        if (!text.startsWith(name, open + 2) || isNameChar(text.charCodeAt(end))) give();
        this.position = end;
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
      children ??= new Children();
      this.position = open;
      this.element(depth + 1);
      children.names.push(this.name);
      children.withTag.push(this.withTag);
      children.withoutTag.push(this.withoutTag);
    }
    if (nil) return this.leaf(name, null);
    if (!children) return this.leaf(name, isArray ? [] : leafText);
    const first = children.names[0] as string;
    const oneName = children.allNamed(first);
    // As `fromRailsXml`: a list's items, and a repeated element's, are read without their tag.
    const items = (): unknown[] =>
      oneName || !children.repeats()
        ? children.withoutTag
        : [...children.grouped().values()].flatMap((group) =>
            group.map((index) => children.withoutTag[index]),
          );
    if (isArray) return this.leaf(name, items());
    let record: Record<string, unknown> = {};
    if (oneName && children.names.length > 1) {
      record[this.key(first)] = children.withoutTag;
    } else if (!this.inDocumentOrder(record, children)) {
      // A name repeats (or two names read as one key): grouped as the guarded parser does.
      record = {};
      for (const [child, group] of children.grouped())
        record[this.key(child)] =
          group.length === 1
            ? children.withTag[group[0] as number]
            : group.map((index) => children.withoutTag[index]);
    }
    // A plural element whose only children are its singular is a list when read with its tag.
    const implied = oneName && first !== name && first === singular(name);
    this.name = name;
    this.withTag = implied ? items() : record;
    this.withoutTag = record;
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
    reader.element(0);
    const root = { name: reader.name, withTag: reader.withTag };
    reader.skipWhitespace();
    if (reader.position !== text.length) return undefined;
    return { [underscored(root.name)]: root.withTag };
  } catch (error) {
    if (error instanceof NotRailsXml) return undefined;
    throw error;
  }
}
