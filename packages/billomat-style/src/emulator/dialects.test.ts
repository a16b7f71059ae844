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
