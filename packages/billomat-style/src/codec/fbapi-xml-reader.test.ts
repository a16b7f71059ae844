import { createXmlCodec } from '@invoicekit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readPlainFbapiXml } from './fbapi-xml-reader';
import { toFbapiXml } from './xml-codec';

/**
 * The one-pass reader against the general parser it stands in for: on every text it reads, the
 * same tree; on every text it does not, `undefined` (the general parser then decides).
 */
const general = createXmlCodec();

function generalTree(text: string): { tree?: unknown; error?: string } {
  try {
    return { tree: general.decode(text) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

const tag = fc.constantFrom(
  'SERVICE',
  'FILTER',
  'DATA',
  'ITEMS',
  'ITEM',
  'INVOICE_ID',
  'A',
  'b.c',
  '_x',
);
const text = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom('a < b & c', '  spaced  ', '', '19.00', 'x > y', '"q"', "it's", '&amp;lt;', 'ü€'),
);
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.constant(null),
    fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(tag, tie('node'), { maxKeys: 4 }),
  ),
})).node;
const envelope = fc.dictionary(tag, value, { maxKeys: 5 });

/** Edits that leave the subset or break the document: the reader must not accept them wrongly. */
const edit = fc.oneof(
  fc.constantFrom(
    '<!-- c -->',
    '<![CDATA[x]]>',
    '<!DOCTYPE x>',
    '&nbsp;',
    '&#60;',
    '&',
    '<',
    '>',
    ' a="1"',
    '</A>',
    '<A>',
    '<__proto__/>',
    '<constructor>1</constructor>',
    '<?pi x?>',
    ']]>',
    '\u00a0',
    '<html>',
    ' ',
    '\n',
  ),
  fc.string({ maxLength: 3 }),
);

describe('the one-pass <FBAPI> reader', () => {
  it('reads what the envelope writer writes as the general parser does', () => {
    fc.assert(
      fc.property(envelope, (body) => {
        const xml = toFbapiXml(body);
        const fast = readPlainFbapiXml(xml);
        const slow = generalTree(xml);
        if (fast !== undefined) expect({ tree: fast }).toEqual(slow);
      }),
      { numRuns: 1500 },
    );
  });

  it('accepts an edited document only when the general parser reads it the same way', () => {
    fc.assert(
      fc.property(envelope, edit, fc.nat(), fc.boolean(), (body, inserted, where, bare) => {
        // With and without the declaration (which may only stand first).
        const xml = bare ? toFbapiXml(body).replace(/^<\?xml[^>]*>/, '') : toFbapiXml(body);
        const at = where % (xml.length + 1);
        const edited = `${xml.slice(0, at)}${inserted}${xml.slice(at)}`;
        const fast = readPlainFbapiXml(edited);
        if (fast !== undefined) expect({ tree: fast }).toEqual(generalTree(edited));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads the vendor answer in one pass, and leaves what is not plain to the general parser', () => {
    const answer =
      '<?xml version="1.0" encoding="utf-8"?><FBAPI><RESPONSE><INVOICES><INVOICE>' +
      '<INVOICE_ID>5</INVOICE_ID><ITEMS><ITEM><QUANTITY>1.00</QUANTITY></ITEM><ITEM><QUANTITY>2</QUANTITY></ITEM></ITEMS>' +
      '<VAT_ITEMS/><NOTE> a &amp; b </NOTE></INVOICE></INVOICES></RESPONSE></FBAPI>';
    expect(readPlainFbapiXml(answer)).toEqual(generalTree(answer).tree);
    expect(readPlainFbapiXml(answer)).toBeDefined();
    for (const other of [
      '<!DOCTYPE x [<!ENTITY a "b">]><FBAPI>&a;</FBAPI>',
      '<html><body>Not Found</body></html>',
      '<FBAPI><A x="1">2</A></FBAPI>',
      '<FBAPI><A>1</B></FBAPI>',
      '<FBAPI><__proto__>1</__proto__></FBAPI>',
      '<FBAPI>text<A/></FBAPI>',
      '<FBAPI>&#60;</FBAPI>',
      '<OTHER/>',
      '',
      `<FBAPI>${'<A>'.repeat(40)}${'</A>'.repeat(40)}</FBAPI>`,
    ])
      expect(readPlainFbapiXml(other)).toBeUndefined();
  });
});
