import { createRequire } from 'node:module';
import { attachToNock } from '@invoicekit/core/emulator';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMethodStyleEmulator } from './emulator';

/**
 * Compatibility: the npm package `fastbill-api` (a third-party FastBill client, used unmodified)
 * drives the emulator. It hard-codes `https://my.fastbill.com/api/1.0/api.php`, sends the envelope
 * in lower case (`service`, `filter`, `data`, `limit: 100`, `offset: 0`) through `request`, and
 * rejects with `RESPONSE.ERRORS`; nock routes that host to the emulator.
 */

type Call = (argument?: unknown) => Promise<unknown>;
interface FastbillApi {
  bootstrap(username: string, password: string): void;
  api: Record<string, Record<string, Call>>;
}
// CommonJS without type declarations: loaded through require, typed by what the test uses.
const fastbill = createRequire(import.meta.url)('fastbill-api') as FastbillApi;

const HOST = 'https://my.fastbill.com';
const EMAIL = 'owner@acme.example';
const API_KEY = 'compat-key-4be19d07';
const NOW = new Date('2026-11-20T09:00:00Z');

const api = (entity: string): Record<string, Call> => {
  const service = fastbill.api[entity];
  if (!service) throw new Error(`fastbill-api has no ${entity} service`);
  return service;
};
const call = (entity: string, verb: string, argument?: unknown): Promise<unknown> => {
  const method = api(entity)[verb];
  if (!method) throw new Error(`fastbill-api has no ${entity}.${verb}`);
  return method(argument);
};
type Row = Record<string, unknown>;

let emulator: ReturnType<typeof createMethodStyleEmulator>;

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
beforeEach(() => {
  emulator = createMethodStyleEmulator({ email: EMAIL, apiKey: API_KEY, now: () => NOW });
  attachToNock(emulator, nock(HOST));
  fastbill.bootstrap(EMAIL, API_KEY);
});
afterEach(() => nock.cleanAll());

describe('the fastbill-api npm client against the emulator', () => {
  it('customers: create, get by id / city / term, update, refused update, delete', async () => {
    const created = (await call('customer', 'create', {
      CUSTOMER_TYPE: 'business',
      ORGANIZATION: 'Kompatibel GmbH',
      CITY: 'Hamburg',
      EMAIL: 'buch@kompatibel.example',
    })) as Row;
    expect(created.STATUS).toBe('success');
    const id = String(created.CUSTOMER_ID);
    await call('customer', 'create', {
      CUSTOMER_TYPE: 'consumer',
      LAST_NAME: 'Anders',
      CITY: 'Berlin',
    });

    // the envelope arrived in lower case, as the client sends it
    const sent = JSON.parse(emulator.requests.at(-1)?.body ?? '{}') as Row;
    expect(Object.keys(sent)).toEqual(['service', 'data']);

    const byId = (await api('customer').getById?.(id)) as Row[];
    expect(byId.map((customer) => customer.ORGANIZATION)).toEqual(['Kompatibel GmbH']);
    const byCity = (await api('customer').getByCity?.('Berlin')) as Row[];
    expect(byCity.map((customer) => customer.LAST_NAME)).toEqual(['Anders']);
    const byTerm = (await call('customer', 'get', { TERM: 'kompatibel' })) as Row[];
    expect(byTerm.map((customer) => customer.CUSTOMER_ID)).toEqual([id]);

    await call('customer', 'update', { CUSTOMER_ID: id, CITY: 'Kiel' });
    expect(((await api('customer').getById?.(id)) as Row[])[0]?.CITY).toBe('Kiel');
    await expect(call('customer', 'update', { CUSTOMER_ID: id, ORGANIZATION: '' })).rejects.toEqual(
      ['missing / invalid field: ORGANIZATION'],
    );
    await expect(call('customer', 'create', { ORGANIZATION: 'Ohne Typ' })).rejects.toEqual([
      'missing / invalid field: CUSTOMER_TYPE',
    ]);

    expect(((await call('customer', 'delete', { CUSTOMER_ID: id })) as Row).STATUS).toBe('success');
    expect(await api('customer').getById?.(id)).toEqual([]);
  });

  it('invoices: draft, items, complete, STATE filters, setpaid, cancel', async () => {
    const customer = (await call('customer', 'create', {
      CUSTOMER_TYPE: 'business',
      ORGANIZATION: 'Rechnung AG',
    })) as Row;
    const created = (await call('invoice', 'create', {
      CUSTOMER_ID: String(customer.CUSTOMER_ID),
      INVOICE_DATE: '2026-11-18',
      ITEMS: [
        { DESCRIPTION: 'Beratung', UNIT_PRICE: '100.00', VAT_PERCENT: '19', QUANTITY: 3 },
        { DESCRIPTION: 'Fahrt', COMPLETE_GROSS: '59.50', VAT_PERCENT: '19', SORT_ORDER: 0 },
      ],
    })) as Row;
    expect(created.STATUS).toBe('success');
    const id = String(created.INVOICE_ID);

    const [draft] = (await api('invoice').getById?.(id)) as Row[];
    expect(draft).toMatchObject({ TYPE: 'draft', SUB_TOTAL: 350, VAT_TOTAL: 66.5, TOTAL: 416.5 });
    expect((draft?.ITEMS as Row[]).map((item) => item.DESCRIPTION)).toEqual(['Fahrt', 'Beratung']);
    const items = (await api('item').getByInvoiceId?.(id)) as Row[];
    expect(items).toHaveLength(2);

    const completed = (await call('invoice', 'complete', { INVOICE_ID: id })) as Row;
    expect(completed).toMatchObject({ STATUS: 'success', INVOICE_NUMBER: '1' });
    await expect(call('invoice', 'complete', { INVOICE_ID: id })).rejects.toEqual([
      'Invoice Error: No draft invoice chosen.',
    ]);
    expect(
      ((await api('invoice').getByState?.('unpaid')) as Row[]).map((row) => row.INVOICE_ID),
    ).toEqual([id]);
    expect(await api('invoice').getByState?.('paid')).toEqual([]);

    await call('invoice', 'setpaid', { INVOICE_ID: id, PAID_DATE: '2026-11-19' });
    const [paid] = (await api('invoice').getByState?.('paid')) as Row[];
    expect(paid).toMatchObject({ INVOICE_ID: id, PAID_DATE: '2026-11-19 00:00:00' });

    const second = (await call('invoice', 'create', {
      CUSTOMER_ID: String(customer.CUSTOMER_ID),
      ITEMS: [{ DESCRIPTION: 'Storno', UNIT_PRICE: '10.00', VAT_PERCENT: '19' }],
    })) as Row;
    const secondId = String(second.INVOICE_ID);
    await call('invoice', 'complete', { INVOICE_ID: secondId });
    await call('invoice', 'cancel', { INVOICE_ID: secondId });
    const both = (await api('invoice').getById?.([id, secondId])) as Row[];
    expect(both.map((row) => [row.INVOICE_NUMBER, row.IS_CANCELED])).toEqual([
      ['1', '0'],
      ['2', '1'],
    ]);
    await expect(call('invoice', 'delete', { INVOICE_ID: secondId })).rejects.toEqual([
      'Invoice Error: No draft invoice chosen.',
    ]);
  });
});
