import { describe, expect, it } from 'vitest';
import { fromFbapiXml, toFbapiXml } from './xml-codec';

describe('the <FBAPI> XML envelope', () => {
  it('writes lists as <ITEMS><ITEM>… and repeated filter values as repeated tags', () => {
    const xml = toFbapiXml({
      SERVICE: 'invoice.create',
      FILTER: { INVOICE_ID: ['1', '2'] },
      DATA: { CUSTOMER_ID: '7', INTROTEXT: 'a < b & c', ITEMS: [{ DESCRIPTION: 'x' }] },
    });
    expect(xml).toBe(
      '<?xml version="1.0" encoding="utf-8"?><FBAPI><SERVICE>invoice.create</SERVICE>' +
        '<FILTER><INVOICE_ID>1</INVOICE_ID><INVOICE_ID>2</INVOICE_ID></FILTER>' +
        '<DATA><CUSTOMER_ID>7</CUSTOMER_ID><INTROTEXT>a &lt; b &amp; c</INTROTEXT>' +
        '<ITEMS><ITEM><DESCRIPTION>x</DESCRIPTION></ITEM></ITEMS></DATA></FBAPI>',
    );
  });

  it('reads one element, many, and none as lists, and keeps every scalar as text', () => {
    const one = fromFbapiXml(
      '<FBAPI><RESPONSE><INVOICES><INVOICE><INVOICE_ID>5</INVOICE_ID><ITEMS><ITEM><QUANTITY>1.00</QUANTITY></ITEM></ITEMS><VAT_ITEMS/></INVOICE></INVOICES></RESPONSE></FBAPI>',
    );
    expect(one).toEqual({
      RESPONSE: {
        INVOICES: [{ INVOICE_ID: '5', ITEMS: [{ QUANTITY: '1.00' }], VAT_ITEMS: [] }],
      },
    });
    const many = fromFbapiXml(
      '<FBAPI><RESPONSE><ERRORS><ERROR>a</ERROR><ERROR>b</ERROR></ERRORS></RESPONSE></FBAPI>',
    );
    expect(many).toEqual({ RESPONSE: { ERRORS: ['a', 'b'] } });
  });

  it('round-trips an envelope', () => {
    const envelope = {
      SERVICE: 'invoice.sendbyemail',
      DATA: { INVOICE_ID: '9', RECIPIENT: { TO: 'a@b.example', CC: 'c@d.example' } },
    };
    expect(fromFbapiXml(toFbapiXml(envelope))).toEqual(envelope);
  });
});
