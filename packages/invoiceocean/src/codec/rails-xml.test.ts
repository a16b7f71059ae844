import { describe, expect, it } from 'vitest';
import { decodeRailsXml, toRailsXml } from './rails-xml';

describe('Rails XML', () => {
  it('reads the 2026 Fakturownia export shape into the JSON shape, values as strings', () => {
    const xml = `<invoice>
      <kind>vat</kind>
      <issue-date type="date">2026-09-12</issue-date>
      <payment-to type="date" nil="true"/>
      <price-gross type="decimal">327.25</price-gross>
      <income type="boolean">false</income>
      <positions type="array">
        <position type="InvoicePosition">
          <quantity type="decimal">38.32</quantity>
          <price-net type="decimal">6.94311</price-net>
          <tax>23</tax>
        </position>
      </positions>
    </invoice>`;
    expect(decodeRailsXml(xml)).toEqual({
      invoice: {
        kind: 'vat',
        issue_date: '2026-09-12',
        payment_to: null,
        price_gross: '327.25',
        income: 'false',
        positions: [{ quantity: '38.32', price_net: '6.94311', tax: '23' }],
      },
    });
  });

  it('round-trips a JSON-shaped invoice through to_xml', () => {
    const invoice = {
      id: 7,
      number: '1/01/2018',
      price_net: '58.32',
      paid: '0.0',
      buyer_name: 'Müller & Söhne <GmbH>',
      income: true,
      oid: null,
      issue_date: '2018-01-02',
      positions: [
        { name: 'A', tax: '23', total_price_gross: '10.23' },
        { name: 'B', tax: 'zw', total_price_gross: '50.0' },
      ],
    };
    const xml = toRailsXml('invoice', invoice);
    expect(xml).toContain('<price-net type="decimal">58.32</price-net>');
    expect(xml).toContain('<id type="integer">7</id>');
    expect(xml).toContain('<oid nil="true"/>');
    expect(xml).toContain('<positions type="array"><position>');
    expect(decodeRailsXml(xml)).toEqual({
      invoice: { ...invoice, id: '7', income: 'true', positions: invoice.positions },
    });
  });

  it('renders lists as typed arrays of singular elements', () => {
    const xml = toRailsXml('invoices', [{ id: 1 }, { id: 2 }]);
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><invoices type="array"><invoice><id type="integer">1</id></invoice><invoice><id type="integer">2</id></invoice></invoices>',
    );
    expect(decodeRailsXml(xml)).toEqual({ invoices: [{ id: '1' }, { id: '2' }] });
    expect(decodeRailsXml(toRailsXml('invoices', []))).toEqual({ invoices: [] });
  });

  it('refuses a DOCTYPE', () => {
    expect(() =>
      decodeRailsXml('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'),
    ).toThrow(/DOCTYPE/);
  });
});
