/**
 * A one-pass reader for the plain XML the vendor writes: one `<FBAPI>` root, elements without
 * attributes, text with the five predefined entities. It checks well-formedness while it builds
 * the same tree the general parser builds (text trimmed, repeated tags as lists, empty elements
 * as `""`), so an answer is read once instead of validated, parsed and walked.
 *
 * Anything outside that subset — attributes, comments, CDATA, a DOCTYPE, other entities or
 * character references, mixed content, deep nesting, reserved names, any malformation — is not
 * judged here: {@link readPlainFbapiXml} returns `undefined` and the caller hands the text to
 * the general, guarded parser, whose answer (or typed error) it then is.
 */

const NAME = /[A-Za-z_][A-Za-z0-9_.-]*/y;
const DECLARATION =
  /<\?xml\s+version=(?:"1\.0"|'1\.0')(?:\s+encoding=(?:"[A-Za-z0-9._-]+"|'[A-Za-z0-9._-]+'))?\s*\?>/y;
const ENTITY = /&(lt|gt|amp|quot|apos);/g;
const ENTITY_TEXT: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};
/** Deeper than any envelope: left to the general parser and its own limit. */
const MAX_DEPTH = 32;
/** Names a tree must not be given as keys; the general parser refuses or guards them. */
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

/** Thrown inside the reader for "not this subset"; never leaves it. */
class NotPlain {}
const NOT_PLAIN = new NotPlain();

const isXmlSpace = (code: number): boolean =>
  code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;

class Reader {
  private at = 0;
  constructor(private readonly text: string) {}

  skipSpace(): void {
    while (this.at < this.text.length && isXmlSpace(this.text.charCodeAt(this.at))) this.at += 1;
  }

  done(): boolean {
    return this.at >= this.text.length;
  }

  declaration(): void {
    if (!this.text.startsWith('<?', this.at)) return;
    DECLARATION.lastIndex = this.at;
    if (!DECLARATION.test(this.text)) throw NOT_PLAIN;
    this.at = DECLARATION.lastIndex;
  }

  private name(): string {
    NAME.lastIndex = this.at;
    const match = NAME.exec(this.text);
    if (!match) throw NOT_PLAIN;
    const name = match[0];
    if (RESERVED.has(name)) throw NOT_PLAIN;
    this.at = NAME.lastIndex;
    return name;
  }

  /** `<NAME …>` at the cursor: its name and value (text or the children's record). */
  element(depth: number): [string, unknown] {
    if (depth > MAX_DEPTH || this.text.charCodeAt(this.at) !== 0x3c /* < */) throw NOT_PLAIN;
    this.at += 1;
    const name = this.name();
    this.skipSpace();
    if (this.text.startsWith('/>', this.at)) {
      this.at += 2;
      return [name, ''];
    }
    if (this.text.charCodeAt(this.at) !== 0x3e /* > */) throw NOT_PLAIN; // attributes
    this.at += 1;
    let children: Record<string, unknown> | undefined;
    let text = '';
    for (;;) {
      const open = this.text.indexOf('<', this.at);
      if (open === -1) throw NOT_PLAIN;
      const between = this.text.slice(this.at, open);
      this.at = open;
      if (this.text.startsWith('</', open)) {
        text += between;
        this.at += 2;
        if (this.name() !== name) throw NOT_PLAIN;
        this.skipSpace();
        if (this.text.charCodeAt(this.at) !== 0x3e) throw NOT_PLAIN;
        this.at += 1;
        if (children) {
          if (text.trim() !== '') throw NOT_PLAIN; // mixed content
          return [name, children];
        }
        return [name, decodeText(text)];
      }
      const next = this.text.charCodeAt(open + 1);
      if (next === 0x21 /* ! */ || next === 0x3f /* ? */) throw NOT_PLAIN; // comment, CDATA, PI
      text += between;
      const [childName, childValue] = this.element(depth + 1);
      children ??= {};
      const existing = children[childName];
      if (existing === undefined) children[childName] = childValue;
      // A value is text or a record, never a list, unless the tag repeated.
      else if (Array.isArray(existing)) existing.push(childValue);
      else children[childName] = [existing, childValue];
    }
  }
}

function decodeText(raw: string): string {
  const text = raw.trim();
  if (!text.includes('&')) {
    if (text.includes('>')) checkTextChars(text);
    return text;
  }
  const decoded = text.replace(ENTITY, (_, entity: string) => ENTITY_TEXT[entity] ?? '');
  // Any other `&` (a character reference, an HTML entity, a bare ampersand): the general parser.
  if (text.replace(ENTITY, '').includes('&')) throw NOT_PLAIN;
  return decoded;
}

/** `]]>` may not stand in text; the general parser says what it makes of it. */
function checkTextChars(text: string): void {
  if (text.includes(']]>')) throw NOT_PLAIN;
}

/**
 * The tree of a plain `<FBAPI>` document — `{ FBAPI: … }`, as the general parser builds it — or
 * `undefined` when the text is anything else (then the general parser reads it).
 */
export function readPlainFbapiXml(text: string): { FBAPI: unknown } | undefined {
  const reader = new Reader(text);
  try {
    // A declaration stands first or not at all; anything before it is the general parser's.
    reader.declaration();
    reader.skipSpace();
    const [root, value] = reader.element(0);
    reader.skipSpace();
    if (root !== 'FBAPI' || !reader.done()) return undefined;
    return { FBAPI: value };
  } catch (error) {
    if (error instanceof NotPlain) return undefined;
    throw error;
  }
}
