import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { CodecError, looksLikeHtml, type Codec } from './codec';

/** Options of {@link createXmlCodec}. */
export interface XmlCodecOptions {
  /** Element names that are always lists, even with one child (`position`, `ITEM`). */
  readonly arrayTags?: readonly string[];
  /** Root element for encoded request bodies that are not already wrapped in one. */
  readonly rootElement?: string;
}

/**
 * XML with the safe settings invoicing needs: every value stays a string (`"0012.50"` is not
 * `12.5`), attributes are kept under `@_`, numeric character references are decoded, and any
 * `<!DOCTYPE` is refused before parsing, which closes external-entity and entity-expansion attacks.
 */
export function createXmlCodec(options: XmlCodecOptions = {}): Codec {
  const arrayTags = new Set(options.arrayTags ?? []);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
    htmlEntities: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    isArray: (name) => arrayTags.has(name),
  });
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    format: false,
    suppressEmptyNode: false,
  });

  return {
    name: 'xml',
    contentType: 'application/xml; charset=utf-8',
    accept: 'application/xml',
    encode: (body) => {
      const wrapped =
        options.rootElement && !isSingleRooted(body) ? { [options.rootElement]: body } : body;
      return `<?xml version="1.0" encoding="UTF-8"?>${builder.build(wrapped) as string}`;
    },
    decode: (text) => {
      if (text.trim() === '') return undefined;
      if (looksLikeHtml(text)) throw new CodecError('expected XML, received an HTML page', true);
      if (/<!DOCTYPE/i.test(text))
        throw new CodecError('refusing XML with a DOCTYPE (entity expansion risk)', false);
      // Parser messages quote tag names and text, which may echo a credential: only the
      // position is kept.
      let valid: ReturnType<typeof XMLValidator.validate>;
      try {
        valid = XMLValidator.validate(text);
      } catch {
        throw new CodecError('malformed XML', false);
      }
      if (valid !== true)
        throw new CodecError(
          `malformed XML at line ${valid.err.line}, column ${valid.err.col}`,
          false,
        );
      try {
        return parser.parse(text) as unknown;
      } catch {
        // fast-xml-parser refuses nesting past its limit and names such as `__proto__`.
        throw new CodecError(
          'XML the reader refuses (nesting too deep, or a reserved name such as __proto__)',
          false,
        );
      }
    },
    // No `escapes`: besides entities, the parser joins a text split by CDATA, comments,
    // processing instructions or child elements, so a decoded string need not appear in the
    // text — every XML answer is walked for echoed secrets.
  };
}

function isSingleRooted(body: unknown): boolean {
  return (
    typeof body === 'object' &&
    body !== null &&
    !Array.isArray(body) &&
    Object.keys(body).length === 1
  );
}

/** XML with no array tags and no root wrapping. */
export const xmlCodec: Codec = createXmlCodec();
