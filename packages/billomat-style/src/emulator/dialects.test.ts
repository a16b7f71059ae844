import { serveEmulator, type ServedEmulator } from '@invoicekit/core/emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMethodStyleEmulator } from './emulator';

/**
 * The dialects other people's clients speak (issue 10): lower-case envelopes, nulls for absent
 * parts, and the filters and tags the vendor documents.
 */

const EMAIL = 'owner@acme.example';
const API_KEY = 'emulator-key-31c9a8f0';
const BASIC = `Basic ${Buffer.from(`${EMAIL}:${API_KEY}`).toString('base64')}`;
const NOW = new Date('2026-11-20T09:00:00Z');

interface Body {
  REQUEST?: unknown;
  RESPONSE?: Record<string, unknown>;
}

let served: ServedEmulator;
let emulator: ReturnType<typeof createMethodStyleEmulator>;

beforeEach(async () => {
  emulator = createMethodStyleEmulator({ email: EMAIL, apiKey: API_KEY, now: () => NOW });
  served = await serveEmulator(emulator);
});
afterEach(() => served.close());

async function post(envelope: Record<string, unknown>): Promise<Body> {
  const response = await fetch(`${served.baseUrl}/api/1.0/api.php`, {
    method: 'POST',
    headers: { authorization: BASIC, 'content-type': 'application/json' },
    body: JSON.stringify(envelope),
  });
  return (await response.json()) as Body;
}

const rows = (body: Body, list: string): Record<string, unknown>[] =>
  body.RESPONSE?.[list] as Record<string, unknown>[];

function seedCities(): void {
  emulator.seed({
    customers: [
      { CUSTOMER_ID: 5, ORGANIZATION: 'Hamburg GmbH', CITY: 'Hamburg' },
      { CUSTOMER_ID: 6, ORGANIZATION: 'Berlin GmbH', CITY: 'Berlin' },
      { CUSTOMER_ID: 7, ORGANIZATION: 'Köln GmbH', CITY: 'Köln' },
      { CUSTOMER_ID: 8, ORGANIZATION: 'Hafen AG', CITY: 'Hamburg' },
    ],
  });
}

describe('key case: the envelope in any case, at every level', () => {
  it('answers a lower-case customer.get, filtering by its lower-case tags', async () => {
    seedCities();
    const byId = await post({
      service: 'customer.get',
      filter: { customer_id: '5' },
      limit: 100,
      offset: 0,
    });
    expect(rows(byId, 'CUSTOMERS').map((customer) => customer.CUSTOMER_ID)).toEqual(['5']);
    expect(byId.REQUEST).toEqual({
      SERVICE: 'customer.get',
      FILTER: { CUSTOMER_ID: '5' },
      LIMIT: 100,
      OFFSET: 0,
    });
    const byCity = await post({ service: 'customer.get', filter: { city: 'Hamburg' } });
    expect(rows(byCity, 'CUSTOMERS').map((customer) => customer.ORGANIZATION)).toEqual([
      'Hamburg GmbH',
      'Hafen AG',
    ]);
  });

  it('creates from lower-case DATA and ITEMS tags, in mixed case too', async () => {
    seedCities();
    const created = await post({
      Service: 'invoice.create',
      data: {
        customer_id: 6,
        invoice_title: 'Lower case',
        items: [
          { description: 'Beratung', unit_price: '120.00', vat_percent: '19', quantity: '2' },
        ],
      },
    });
    expect(created.RESPONSE?.STATUS).toBe('success');
    expect(created.REQUEST).toMatchObject({
      SERVICE: 'invoice.create',
      DATA: { CUSTOMER_ID: 6, ITEMS: { DESCRIPTION: 'Beratung', UNIT_PRICE: '120.00' } },
    });
    const read = await post({
      service: 'invoice.get',
      filter: { invoice_id: String(created.RESPONSE?.INVOICE_ID) },
    });
    const invoice = rows(read, 'INVOICES')[0];
    expect(invoice).toMatchObject({ CUSTOMER_ID: '6', INVOICE_TITLE: 'Lower case', TOTAL: 285.6 });
    expect(invoice?.ITEMS).toMatchObject([
      { DESCRIPTION: 'Beratung', UNIT_PRICE: '120.00000000', QUANTITY: '2.00' },
    ]);
  });
});

describe('nulls: a null LIMIT, OFFSET, FILTER or DATA is absent', () => {
  beforeEach(() => {
    emulator.seed({ customers: [{ CUSTOMER_ID: 7, ORGANIZATION: 'Many Invoices AG' }] });
    emulator.seed({ invoices: Array.from({ length: 150 }, () => ({ CUSTOMER_ID: 7 })) });
  });
  const count = async (envelope: Record<string, unknown>): Promise<number> =>
    rows(await post({ SERVICE: 'invoice.get', ...envelope }), 'INVOICES').length;

  it('pages 10 by default and caps at 100, whatever is null', async () => {
    expect(await count({ LIMIT: null, OFFSET: null, FILTER: null, DATA: null })).toBe(10);
    expect(await count({ LIMIT: null })).toBe(10);
    expect(await count({ LIMIT: 500, OFFSET: null })).toBe(100);
    expect(await count({ LIMIT: 100, OFFSET: null })).toBe(100);
    expect(await count({ FILTER: null, LIMIT: 20 })).toBe(20);
    const echoed = await post({ SERVICE: 'invoice.get', LIMIT: null, FILTER: null });
    expect(echoed.REQUEST).toEqual({ SERVICE: 'invoice.get', LIMIT: [], FILTER: [] });
  });

  it('reads a null DATA as no data', async () => {
    const answer = await post({ SERVICE: 'customer.create', DATA: null, LIMIT: null });
    expect(answer.RESPONSE?.ERRORS).toEqual(['missing / invalid field: CUSTOMER_TYPE']);
  });
});

describe('customer.update checks the required fields of the record it would leave', () => {
  beforeEach(() => {
    emulator.seed({
      customers: [
        { CUSTOMER_ID: 11, CUSTOMER_TYPE: 'business', ORGANIZATION: 'Firma GmbH' },
        { CUSTOMER_ID: 12, CUSTOMER_TYPE: 'consumer', LAST_NAME: 'Muster' },
      ],
    });
  });
  const update = (data: Record<string, unknown>) =>
    post({ SERVICE: 'customer.update', DATA: data });
  const organizationOf = async (id: number): Promise<unknown> =>
    rows(await post({ SERVICE: 'customer.get', FILTER: { CUSTOMER_ID: id } }), 'CUSTOMERS')[0]
      ?.ORGANIZATION;

  it('refuses an empty ORGANIZATION for a business, as customer.create does, and keeps the record', async () => {
    expect(
      (await update({ CUSTOMER_ID: 11, CUSTOMER_TYPE: 'business', ORGANIZATION: '' })).RESPONSE
        ?.ERRORS,
    ).toEqual(['missing / invalid field: ORGANIZATION']);
    expect((await update({ CUSTOMER_ID: 11, ORGANIZATION: null })).RESPONSE?.ERRORS).toEqual([
      'missing / invalid field: ORGANIZATION',
    ]);
    expect(await organizationOf(11)).toBe('Firma GmbH');
    // a consumer turned business needs an organization too, merged with what is stored
    expect((await update({ CUSTOMER_ID: 12, CUSTOMER_TYPE: 'business' })).RESPONSE?.ERRORS).toEqual(
      ['missing / invalid field: ORGANIZATION'],
    );
    expect((await update({ CUSTOMER_ID: 12, LAST_NAME: '' })).RESPONSE?.ERRORS).toEqual([
      'missing / invalid field: LAST_NAME',
    ]);
  });

  it('accepts an update whose merged record is complete', async () => {
    expect((await update({ CUSTOMER_ID: 11, CITY: 'Kiel' })).RESPONSE).toEqual({
      STATUS: 'success',
      CUSTOMER_ID: 11,
    });
    expect(
      (await update({ CUSTOMER_ID: 12, CUSTOMER_TYPE: 'business', ORGANIZATION: 'Muster KG' }))
        .RESPONSE?.STATUS,
    ).toBe('success');
    expect(await organizationOf(12)).toBe('Muster KG');
  });
});

describe('filters: invoice.get STATE and customer.get id arrays', () => {
  it('filters invoices by STATE: paid, unpaid (overdue included) and overdue', async () => {
    emulator.seed({ customers: [{ CUSTOMER_ID: 21, ORGANIZATION: 'State AG' }] });
    emulator.seed({
      invoices: [
        { CUSTOMER_ID: 21, INVOICE_DATE: '2026-10-01', INVOICE_EXT_UID: 'overdue' },
        { CUSTOMER_ID: 21, INVOICE_DATE: '2026-11-18', INVOICE_EXT_UID: 'open' },
        { CUSTOMER_ID: 21, INVOICE_DATE: '2026-11-02', INVOICE_EXT_UID: 'paid' },
        { CUSTOMER_ID: 21, INVOICE_DATE: '2026-10-02', INVOICE_EXT_UID: 'canceled' },
        { CUSTOMER_ID: 21, INVOICE_DATE: '2026-10-03', INVOICE_EXT_UID: 'draft', TYPE: 'draft' },
      ],
    });
    const all = rows(await post({ SERVICE: 'invoice.get', LIMIT: 100 }), 'INVOICES');
    const idOf = (uid: string) =>
      all.find((invoice) => invoice.INVOICE_EXT_UID === uid)?.INVOICE_ID;
    await post({ SERVICE: 'invoice.setpaid', DATA: { INVOICE_ID: idOf('paid') } });
    await post({ SERVICE: 'invoice.cancel', DATA: { INVOICE_ID: idOf('canceled') } });
    const uidsIn = async (state: string) =>
      rows(await post({ SERVICE: 'invoice.get', FILTER: { STATE: state } }), 'INVOICES').map(
        (invoice) => invoice.INVOICE_EXT_UID,
      );
    expect(await uidsIn('paid')).toEqual(['paid']);
    expect(await uidsIn('unpaid')).toEqual(['overdue', 'open']);
    expect(await uidsIn('overdue')).toEqual(['overdue']);
    expect(
      rows(await post({ service: 'invoice.get', filter: { state: 'overdue' } }), 'INVOICES'),
    ).toHaveLength(1);
  });

  it('answers customer.get for an array of CUSTOMER_IDs, as invoice.get does for INVOICE_IDs', async () => {
    seedCities();
    const listed = await post({ SERVICE: 'customer.get', FILTER: { CUSTOMER_ID: ['5', 7, '8'] } });
    expect(rows(listed, 'CUSTOMERS').map((customer) => customer.CUSTOMER_ID)).toEqual([
      '5',
      '7',
      '8',
    ]);
    const one = await post({ SERVICE: 'customer.get', FILTER: { CUSTOMER_ID: ['6'] } });
    expect(rows(one, 'CUSTOMERS').map((customer) => customer.CUSTOMER_ID)).toEqual(['6']);
  });
});

describe('invoice.create: the item tags and EU_DELIVERY of the service reference', () => {
  beforeEach(() => {
    emulator.seed({ customers: [{ CUSTOMER_ID: 31, ORGANIZATION: 'Lieferung SARL' }] });
  });
  const create = (data: Record<string, unknown>) =>
    post({ SERVICE: 'invoice.create', DATA: { CUSTOMER_ID: 31, ...data } });
  const read = async (id: unknown) =>
    rows(await post({ SERVICE: 'invoice.get', FILTER: { INVOICE_ID: id } }), 'INVOICES')[0] ?? {};

  it('takes a line by its COMPLETE_GROSS when it has no UNIT_PRICE, keeping the gross exact', async () => {
    const created = await create({
      ITEMS: [{ DESCRIPTION: 'Pauschale', COMPLETE_GROSS: '119.00', VAT_PERCENT: '19' }],
    });
    expect(created.RESPONSE?.STATUS).toBe('success');
    const invoice = await read(created.RESPONSE?.INVOICE_ID);
    expect(invoice.ITEMS).toMatchObject([
      {
        UNIT_PRICE: '100.00000000',
        COMPLETE_NET: 100,
        VAT_VALUE: 19,
        COMPLETE_GROSS: 119,
      },
    ]);
    expect(invoice).toMatchObject({ SUB_TOTAL: 100, VAT_TOTAL: 19, TOTAL: 119 });
    const odd = await create({
      ITEMS: [{ DESCRIPTION: 'Krumm', COMPLETE_GROSS: '100.00', VAT_PERCENT: '19', QUANTITY: '3' }],
    });
    expect((await read(odd.RESPONSE?.INVOICE_ID)).TOTAL).toBe(100);
    expect(
      (await create({ ITEMS: [{ DESCRIPTION: 'X', COMPLETE_GROSS: 'viel', VAT_PERCENT: '19' }] }))
        .RESPONSE?.ERRORS,
    ).toEqual(['missing / invalid field: UNIT_PRICE']);
  });

  it('orders the lines by SORT_ORDER and gives them its own INVOICE_ITEM_IDs', async () => {
    const created = await create({
      ITEMS: [
        {
          INVOICE_ITEM_ID: 77,
          DESCRIPTION: 'second',
          UNIT_PRICE: '1',
          VAT_PERCENT: '19',
          SORT_ORDER: 2,
        },
        { DESCRIPTION: 'first', UNIT_PRICE: '1', VAT_PERCENT: '19', SORT_ORDER: 1 },
      ],
    });
    const items = (await read(created.RESPONSE?.INVOICE_ID)).ITEMS as Record<string, unknown>[];
    expect(items.map((item) => [item.DESCRIPTION, item.SORT_ORDER])).toEqual([
      ['first', 1],
      ['second', 2],
    ]);
    expect(items.map((item) => item.INVOICE_ITEM_ID)).not.toContain('77');
  });

  it('replaces the line an invoice.update item names by INVOICE_ITEM_ID', async () => {
    const created = await create({
      ITEMS: [
        { DESCRIPTION: 'keep', UNIT_PRICE: '10', VAT_PERCENT: '19' },
        { DESCRIPTION: 'change', UNIT_PRICE: '20', VAT_PERCENT: '19' },
      ],
    });
    const id = created.RESPONSE?.INVOICE_ID;
    const before = (await read(id)).ITEMS as Record<string, unknown>[];
    const changed = before[1]?.INVOICE_ITEM_ID;
    const updated = await post({
      SERVICE: 'invoice.update',
      DATA: {
        INVOICE_ID: id,
        ITEMS: [
          { INVOICE_ITEM_ID: changed, DESCRIPTION: 'changed', UNIT_PRICE: '25', VAT_PERCENT: '7' },
        ],
      },
    });
    expect(updated.RESPONSE?.STATUS).toBe('success');
    const after = (await read(id)).ITEMS as Record<string, unknown>[];
    expect(after.map((item) => [item.INVOICE_ITEM_ID, item.DESCRIPTION, item.UNIT_PRICE])).toEqual([
      [before[0]?.INVOICE_ITEM_ID, 'keep', '10.00000000'],
      [changed, 'changed', '25.00000000'],
    ]);
    expect(
      (
        await post({
          SERVICE: 'invoice.update',
          DATA: {
            INVOICE_ID: id,
            ITEMS: [{ INVOICE_ITEM_ID: 1, DESCRIPTION: 'x', UNIT_PRICE: '1', VAT_PERCENT: '0' }],
          },
        })
      ).RESPONSE?.ERRORS,
    ).toEqual(['missing / invalid field: INVOICE_ITEM_ID']);
  });

  it('keeps EU_DELIVERY (0/1) and shows the intra-community delivery on the document', async () => {
    const item = { DESCRIPTION: 'Ware', UNIT_PRICE: '50', VAT_PERCENT: '0' };
    const eu = await create({ EU_DELIVERY: 1, ITEMS: [item] });
    const plain = await create({ EU_DELIVERY: '0', ITEMS: [item] });
    expect(eu.REQUEST).toMatchObject({ DATA: { EU_DELIVERY: 1 } });
    const documentOf = async (id: unknown) =>
      Buffer.from(
        await (await fetch(String((await read(id)).DOCUMENT_URL))).arrayBuffer(),
      ).toString('latin1');
    expect(await documentOf(eu.RESPONSE?.INVOICE_ID)).toContain('Innergemeinschaftliche Lieferung');
    expect(await documentOf(plain.RESPONSE?.INVOICE_ID)).not.toContain('Innergemeinschaftliche');
    expect((await create({ EU_DELIVERY: 'ja', ITEMS: [item] })).RESPONSE?.ERRORS).toEqual([
      'missing / invalid field: EU_DELIVERY',
    ]);
  });
});
