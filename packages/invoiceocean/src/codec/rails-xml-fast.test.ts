import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeRailsXml, decodeRailsXmlGuarded, toRailsXml } from './rails-xml';
import { readRailsXml } from './rails-xml-fast';

/** The decoded value, or the error's class and message. */
function outcome(decode: () => unknown): unknown {
  try {
    return { value: decode() };
  } catch (error) {
    return { error: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

function agree(text: string): void {
  expect(outcome(() => decodeRailsXml(text))).toEqual(outcome(() => decodeRailsXmlGuarded(text)));
}

const key = fc.constantFrom(
  'id',
  'price_net',
  'buyer_name',
  'positions',
  'position',
  'tax',
  'kind',
  'items',
  'item',
  'a_b',
);
const scalar = fc.oneof(
  fc.constantFrom(
    '12.50',
    '2026-11-02',
    '2026-11-02T10:00:00+01:00',
    'zw',
    '',
    ' padded ',
    'Müller & Söhne <GmbH> "q" \'a\'',
  ),
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, scalar, tie('list'), tie('record')),
  list: fc.array(tie('node'), { maxLength: 3 }),
  record: fc.dictionary(key, tie('node'), { maxKeys: 4 }),
})).node;

/** Variations Rails and hand-written XML show: whitespace, attributes, declarations. */
function varied(xml: string, seed: number): string {
  let text = xml;
  if (seed & 1) text = text.replace(/></g, '>\n  <');
  if (seed & 2) text = text.replace('<?xml version="1.0" encoding="UTF-8"?>', '');
  if (seed & 4) text = text.replace(/<position>/g, '<position type="InvoicePosition">');
  if (seed & 8) text = text.replace(/ type="array"/g, '');
  if (seed & 16)
    text = text
      .replace(/nil="true"\/>/g, "nil='true'></x>")
      .replace(/<([a-z-]+) nil='true'><\/x>/g, "<$1 nil='true'></$1>");
  if (seed & 32) text = `  ${text}\n`;
  return text;
}

describe('the one-pass Rails XML reader', () => {
  it('decodes what the guarded parser decodes, for anything to_xml writes and its variations', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('invoice', 'invoices', 'hash'),
        value,
        fc.nat(63),
        (root, body, seed) => {
          const text = varied(toRailsXml(root, body), seed);
          agree(text);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('reads the common documents itself', () => {
    expect(
      readRailsXml(toRailsXml('invoice', { id: 1, positions: [{ tax: '23' }] })),
    ).toBeDefined();
  });

  it('leaves the rest to the guarded parser: its errors and its decoding stay', () => {
    const documents = [
      '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
      '<html><body>login</body></html>',
      '<a><b>1</b></a><c/>',
      '<a><b>1</a></b>',
      '<a><!-- note --><b>1</b></a>',
      '<a><![CDATA[x<y]]></a>',
      '<a>&#65;&#x42;&nbsp;</a>',
      '<a>text<b>1</b></a>',
      '<a b=1/>',
      '<a b="1" b="2"/>',
      '<__proto__><x>1</x></__proto__>',
      '<a><constructor>1</constructor></a>',
      `${'<a>'.repeat(120)}x${'</a>'.repeat(120)}`,
      '<a>1 > 0</a>',
      '<a x=" true ">1</a>',
      '<a:b>1</a:b>',
      '<a>1',
      '',
      '   ',
      'ok',
    ];
    for (const text of documents) agree(text);
    for (const text of [...documents.slice(0, 14), documents[15] ?? ''])
      expect(readRailsXml(text)).toBeUndefined();
  });

  it('leaves a repeated nil or type attribute, or a closing tag that runs on, to the guarded parser', () => {
    const documents = [
      '<a nil="true" nil="false"/>',
      '<a type="array" type="string"><b>1</b></a>',
      "<a x='1' y='2' x='3'>1</a>",
      '<a><b>1</bc></a>',
      '<a><b>1</b-></a>',
    ];
    for (const text of documents) {
      agree(text);
      expect(readRailsXml(text)).toBeUndefined();
    }
    expect(readRailsXml("<a x='1' y='2'><b-c>1</b-c><b_c>2</b_c></a>")).toEqual({
      a: { b_c: '2' },
    });
    agree("<a x='1' y='2'><b-c>1</b-c><b_c>2</b_c></a>");
  });

  it('agrees on damaged documents: whatever it reads, the guarded parser reads alike', () => {
    fc.assert(
      fc.property(
        value,
        fc.nat(),
        fc.constantFrom('', '<', '>', '/', '"', '&', ' ', 'x', '&amp;', '<b>', '</b>'),
        (body, at, insert) => {
          const xml = toRailsXml('invoice', body);
          const index = at % (xml.length + 1);
          agree(`${xml.slice(0, index)}${insert}${xml.slice(index + 1)}`);
        },
      ),
      { numRuns: 1500 },
    );
  });
});
