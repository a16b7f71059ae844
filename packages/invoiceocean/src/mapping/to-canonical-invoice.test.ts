import { readFileSync } from 'node:fs';
import { InvoiceSchema, ProviderError } from '@invoicekit/core';
import { describe, expect, it } from 'vitest';
import { toCanonicalCustomer } from './to-canonical-customer';
import { toCanonicalInvoice } from './to-canonical-invoice';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../__fixtures__/${name}`, import.meta.url), 'utf8'));
const TODAY = '2026-11-21';

describe('real captures → canonical invoice', () => {
  it('reads wooyek_invoice_get.json exactly', () => {
    const raw = fixture('wooyek_invoice_get.json');
    const invoice = toCanonicalInvoice(raw, { today: TODAY });
    expect(InvoiceSchema.parse(invoice)).toEqual(invoice);
    expect(invoice).toMatchObject({
      id: '21367364',
      provider: 'invoiceocean',
      number: '55/01/2018',
      type: 'invoice',
      // issued, unpaid, due 2018-01-28: overdue by the amounts; the vendor's word stays in raw
      status: { canonical: 'overdue', raw: 'issued' },
      currency: 'EUR',
      issueDate: '2018-01-21',
      serviceDate: '2018-01-31',
      dueDate: '2018-01-28',
      paidDate: null,
      totals: { net: '339.99', tax: '0.00', gross: '339.99', paid: '0.00', due: '339.99' },
      taxBreakdown: [
        { rate: { kind: 'percent', value: '0' }, net: '339.99', tax: '0.00', gross: '339.99' },
      ],
      customer: {
        id: '9860314',
        snapshot: {
          kind: 'company',
          name: 'Williams, Smith and Fuller',
          firstName: 'Amanda',
          lastName: 'Church',
          taxId: '2970961586',
          email: 'dummy@niepodam.pl',
          phone: null,
          address: {
            street: 'Michael Harbor',
            city: 'Codyland',
            postalCode: '42177',
            region: null,
            country: 'CZ',
          },
        },
      },
      seller: {
        name: 'Weaver-Wallace',
        taxId: '1411270150',
        address: {
          street: 'Ronald Coves',
          city: 'East Dannyfurt',
          postalCode: '01118',
          region: null,
          country: 'CA',
        },
      },
      externalId: null,
      language: 'pl/en',
      createdAt: '2018-01-04T19:59:15.000+01:00',
      updatedAt: '2018-01-04T19:59:21.000+01:00',
    });
    expect(invoice.lines).toHaveLength(3);
    expect(invoice.lines[0]).toEqual({
      id: '47315217',
      description: 'exploit efficient communities',
      sku: null,
      productId: '11914102',
      quantity: '13.0',
      unit: null,
      unitPrice: '8.72',
      unitPriceKind: 'net',
      taxRate: { kind: 'percent', value: '0' },
      discount: null,
      // the vendor keeps total_price_gross as sent: 13 × 8.72 would be 113.36
      totals: { net: '113.33', tax: '0.00', gross: '113.33', discount: '0.00' },
    });
    expect(invoice.raw).toBe(raw);
  });

  it('reads wooyek_invoice_created.json (the 2018 create response without positions)', () => {
    const invoice = toCanonicalInvoice(fixture('wooyek_invoice_created.json'), { today: TODAY });
    expect(invoice).toMatchObject({
      id: '21293421',
      number: '1/01/2018',
      type: 'invoice',
      status: { canonical: 'overdue', raw: 'issued' },
      currency: 'PLN',
      issueDate: '2018-01-02',
      dueDate: '2018-01-09',
      totals: { net: '58.32', tax: '1.91', gross: '60.23', paid: '0.00', due: '60.23' },
      customer: { id: '9813789', snapshot: { name: 'Client1 SA', taxId: '5252445767' } },
      seller: { name: 'Seller SA', taxId: '5252445767' },
      lines: [],
    });
  });

  it('reads a paid, canceled and a discounted invoice', () => {
    const base = fixture('wooyek_invoice_get.json') as Record<string, unknown>;
    const paid = toCanonicalInvoice(
      { ...base, status: 'paid', paid: '339.99', paid_date: '2018-01-30' },
      { today: TODAY },
    );
    expect(paid.status).toEqual({ canonical: 'paid', raw: 'paid' });
    expect(paid.totals).toMatchObject({ paid: '339.99', due: '0.00' });
    expect(paid.paidDate).toBe('2018-01-30');
    expect(
      toCanonicalInvoice({ ...base, kind: 'canceled' }, { today: TODAY }).status.canonical,
    ).toBe('canceled');

    // The 2026 XML export's position: 330.32 gross before a 3.07 discount, invoice gross 327.25.
    const discounted = toCanonicalInvoice(
      {
        id: 1,
        kind: 'vat',
        status: 'paid',
        currency: 'PLN',
        price_net: '266.06',
        price_tax: '61.19',
        price_gross: '327.25',
        paid: '327.25',
        positions: [
          {
            name: 'ON',
            quantity: '38.32',
            discount: '3.07',
            price_net: '6.94311',
            price_gross: '8.62',
            tax: '23',
            total_price_net: '268.55',
            total_price_tax: '61.77',
            total_price_gross: '330.32',
          },
        ],
      },
      { today: TODAY },
    );
    expect(discounted.lines[0]).toMatchObject({
      unitPrice: '6.94311',
      // the vendor's 3.07 came off the gross; the line is net-priced, so it reads as 2.50 net
      discount: { kind: 'amount', value: '2.5' },
      totals: { gross: '327.25', net: '266.06', tax: '61.19', discount: '2.50' },
    });
    expect(discounted.totals).toMatchObject({ net: '266.06', tax: '61.19', gross: '327.25' });
  });

  it('refuses a client without an id instead of reading it with id ""', () => {
    expect(() => toCanonicalCustomer(fixture('wooyek_client_get.json'))).toThrow(/no id/);
  });

  it('says what is wrong with an invoice it cannot read', () => {
    expect(() => toCanonicalInvoice({ kind: 'vat' }, { today: TODAY })).toThrow(ProviderError);
    expect(() => toCanonicalInvoice({ id: 1, price_gross: 'lots' }, { today: TODAY })).toThrow(
      /price_gross/,
    );
  });
});

describe('real captures → canonical customer', () => {
  it('reads wooyek_client_get.json exactly', () => {
    // The capture was made without its id; a client the vendor sends always has one.
    const customer = toCanonicalCustomer({
      ...(fixture('wooyek_client_get.json') as object),
      id: 9860314,
    });
    expect(customer).toMatchObject({
      id: '9860314',
      provider: 'invoiceocean',
      kind: 'company',
      name: 'Taylor and Sons',
      firstName: 'Jamie',
      lastName: 'Simmons',
      taxId: '4591588032',
      email: 'tyler81@example.com',
      phone: null,
      address: {
        street: 'Lambert Drives',
        city: 'Erinview',
        postalCode: '27545',
        region: null,
        country: 'TM',
      },
      bank: null,
      externalId: null,
      createdAt: '2018-01-04T15:47:38.000+01:00',
    });
  });
});

describe('documentation fragments merged into a real invoice', () => {
  const base = (): Record<string, unknown> =>
    fixture('wooyek_invoice_get.json') as Record<string, unknown>;
  /** The `.jsonc` documentation samples carry a `"...": "..."` placeholder line. */
  const jsonc = (name: string): Record<string, unknown> =>
    JSON.parse(
      readFileSync(new URL(`../__fixtures__/${name}`, import.meta.url), 'utf8').replace(
        /^\s*"\.\.\.":\s*"\.\.\.",?\s*$/m,
        '',
      ),
    ) as Record<string, unknown>;

  it('descriptions[] become the notes, every remark in order', () => {
    const invoice = toCanonicalInvoice(
      { ...base(), ...(fixture('docs_fakturownia_invoice_descriptions_fragment.json') as object) },
      { today: TODAY },
    );
    expect(invoice.id).toBe('123');
    expect(invoice.notes).toBe('Treść pierwszej uwagi\n\nTreść drugiej uwagi');
  });

  it('settlement positions, KSeF fields and gov error messages are kept in raw without disturbing the totals', () => {
    for (const name of [
      'docs_fakturownia_invoice_settlement_positions_fragment.json',
      'docs_fakturownia_invoice_ksef_fields_fragment.json',
      'docs_fakturownia_invoice_gov_error_messages_fragment.json',
    ]) {
      const fragment = fixture(name) as Record<string, unknown>;
      const invoice = toCanonicalInvoice({ ...base(), ...fragment }, { today: TODAY });
      expect(invoice.totals, name).toEqual({
        net: '339.99',
        tax: '0.00',
        gross: '339.99',
        paid: '0.00',
        due: '339.99',
      });
      for (const [key, value] of Object.entries(fragment))
        expect((invoice.raw as Record<string, unknown>)[key], `${name} ${key}`).toEqual(value);
    }
  });

  it('an invoice with bank_accounts (the .jsonc sample) reads', () => {
    const sample = jsonc('docs_fakturownia_invoice_with_bank_accounts_fragment.jsonc');
    const invoice = toCanonicalInvoice(sample, { today: TODAY });
    expect(invoice).toMatchObject({
      id: '462474440',
      number: '15/02/2026',
      type: 'invoice',
      currency: 'PLN',
      totals: { gross: '2.46' },
      seller: { name: 'Szymon Lach' },
      customer: { snapshot: { name: 'Dalajlama' } },
    });
    expect((invoice.raw as { bank_accounts: unknown[] }).bank_accounts).toHaveLength(1);
  });
});

describe('discounts as the vendor applies them (review regressions)', () => {
  const invoice = (overrides: Record<string, unknown>, position: Record<string, unknown>) => ({
    id: 9,
    kind: 'vat',
    status: 'issued',
    currency: 'PLN',
    price_net: '100.0',
    price_tax: '23.0',
    price_gross: '123.0',
    ...overrides,
    positions: [
      {
        name: 'A',
        quantity: '1.0',
        price_net: '100.0',
        tax: '23',
        total_price_net: '100.0',
        total_price_tax: '23.0',
        total_price_gross: '123.0',
        ...position,
      },
    ],
  });

  it('ignores discounts the invoice switched off, and zero discounts', () => {
    expect(
      toCanonicalInvoice(invoice({ show_discount: false }, { discount_percent: '10.0' }), {
        today: TODAY,
      }).lines[0],
    ).toMatchObject({
      discount: null,
      totals: { gross: '123.00' },
    });
    expect(
      toCanonicalInvoice(invoice({}, { discount_percent: '0.0', discount: '0.0' }), {
        today: TODAY,
      }).lines[0]?.discount,
    ).toBeNull();
  });

  it('follows discount_kind: a percentage invoice reads the percentage, an amount invoice the amount', () => {
    // "Field: discount_kind" (docs/vendor-dialects.md §1); on a percentage invoice `discount` is only the computed amount.
    const percent = toCanonicalInvoice(
      invoice(
        { show_discount: true, discount_kind: 'percent_total', price_gross: '110.7' },
        { discount_percent: '10.0', discount: '20.0' },
      ),
      { today: TODAY },
    ).lines[0];
    expect(percent).toMatchObject({
      discount: { kind: 'percent', value: '10' },
      totals: { gross: '110.70', net: '90.00' },
    });
    const amount = toCanonicalInvoice(
      invoice(
        { show_discount: true, discount_kind: 'amount', price_gross: '110.7' },
        { discount_percent: '50.0', discount: '12.3' },
      ),
      { today: TODAY },
    ).lines[0];
    expect(amount).toMatchObject({
      discount: { kind: 'amount', value: '10' },
      totals: { gross: '110.70', net: '90.00', discount: '10.00' },
    });
  });

  it('reads an amount discount on a net-priced line back as net', () => {
    // the vendor took 12.30 off the gross; in net terms that is 10.00
    const line = toCanonicalInvoice(
      invoice({ show_discount: true, price_gross: '110.7' }, { discount: '12.3' }),
      { today: TODAY },
    ).lines[0];
    expect(line).toMatchObject({
      unitPriceKind: 'net',
      discount: { kind: 'amount', value: '10' },
      totals: { gross: '110.70', net: '90.00', discount: '10.00' },
    });
  });

  it('splits each rate again after discounts, so the breakdown agrees with the vendor totals', () => {
    const two = {
      id: 10,
      kind: 'vat',
      currency: 'PLN',
      show_discount: true,
      price_net: '154.47',
      price_tax: '35.53',
      price_gross: '190.0',
      positions: [1, 2].map((id) => ({
        id,
        name: `L${id}`,
        tax: '23',
        total_price_net: '81.3',
        total_price_tax: '18.7',
        total_price_gross: '100.0',
        discount: '5.0',
      })),
    };
    const result = toCanonicalInvoice(two, { today: TODAY });
    expect(result.totals).toMatchObject({ net: '154.47', tax: '35.53', gross: '190.00' });
    expect(result.taxBreakdown).toEqual([
      { rate: { kind: 'percent', value: '23' }, net: '154.47', tax: '35.53', gross: '190.00' },
    ]);
  });

  it("keeps the vendor's two decimals for currencies with fewer (JPY)", () => {
    const yen = toCanonicalInvoice(
      {
        id: 11,
        kind: 'vat',
        currency: 'JPY',
        price_net: '1626.02',
        price_tax: '373.98',
        price_gross: '2000.0',
      },
      { today: TODAY },
    );
    expect(yen.totals).toMatchObject({ net: '1626.02', tax: '373.98', gross: '2000' });
  });

  it('reads oid as both the order id and the external id', () => {
    expect(toCanonicalInvoice(invoice({ oid: 'PO-1' }, {}), { today: TODAY })).toMatchObject({
      orderId: 'PO-1',
      externalId: 'PO-1',
    });
  });
});
