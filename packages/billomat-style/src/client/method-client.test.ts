import { ConflictError, OutcomeUnknownError, ValidationError } from '@invoicekit/core';
import { attachToNock } from '@invoicekit/core/emulator';
import { createFakeClock } from '@invoicekit/core/testing';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMethodStyleEmulator } from '../emulator';
import { fromFbapiXml } from '../codec/xml-codec';
import { createBillomatStyleAdapter, type BillomatStyleAdapter } from '../index';
import type { MethodStyleClient } from './method-client';

const HOST = 'https://app.monsum.com';
const EMAIL = 'owner@acme.example';
const API_KEY = 'client-key-77e1a2c9';

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());

for (const format of ['json', 'xml'] as const) {
  describe(`every service of the vendor's invoice page through the typed client (${format})`, () => {
    let emulator: ReturnType<typeof createMethodStyleEmulator>;
    let adapter: BillomatStyleAdapter;
    let client: MethodStyleClient;

    beforeEach(() => {
      const clock = createFakeClock(Date.UTC(2026, 10, 20, 9));
      emulator = createMethodStyleEmulator({
        email: EMAIL,
        apiKey: API_KEY,
        now: () => new Date(clock.now()),
      });
      attachToNock(emulator, nock(HOST));
      adapter = createBillomatStyleAdapter({
        email: EMAIL,
        apiKey: API_KEY,
        format,
        pageSize: 3,
        clock,
      });
      client = adapter.vendor;
    });
    afterEach(async () => {
      await adapter.close();
      nock.cleanAll();
    });

    /** The envelope the emulator received last, decoded from the wire format. */
    const lastEnvelope = (): Record<string, unknown> => {
      const body = emulator.requests.at(-1)?.body ?? '';
      return (format === 'xml' ? fromFbapiXml(body) : JSON.parse(body)) as Record<string, unknown>;
    };
    /** In XML every scalar travels as text. */
    const wire = (value: number | string): number | string =>
      format === 'xml' ? String(value) : value;

    async function customerAndDraft(): Promise<{ customerId: string; invoiceId: string }> {
      const { customerId } = await client.customers.create({
        CUSTOMER_TYPE: 'business',
        ORGANIZATION: 'Muster GmbH',
        EMAIL: 'rechnung@muster.example',
      });
      const { invoiceId } = await client.invoices.create({
        CUSTOMER_ID: customerId,
        INVOICE_DATE: '2026-11-18',
        ITEMS: [
          { DESCRIPTION: 'Beratung', QUANTITY: '2', UNIT_PRICE: '100.00', VAT_PERCENT: '19' },
          { DESCRIPTION: 'Buch', QUANTITY: '1', UNIT_PRICE: '20.00', VAT_PERCENT: '7' },
        ],
      });
      return { customerId, invoiceId };
    }

    it('customer.create / get / update / delete', async () => {
      const { customerId } = await client.customers.create({
        CUSTOMER_TYPE: 'consumer',
        FIRST_NAME: 'Erika',
        LAST_NAME: 'Mustermann',
        CUSTOMER_EXT_UID: 'crm-17',
      });
      expect(lastEnvelope()).toEqual({
        SERVICE: 'customer.create',
        DATA: {
          CUSTOMER_TYPE: 'consumer',
          FIRST_NAME: 'Erika',
          LAST_NAME: 'Mustermann',
          CUSTOMER_EXT_UID: 'crm-17',
        },
      });
      expect(customerId).toMatch(/^\d+$/);
      const [found] = await client.customers.get({ CUSTOMER_EXT_UID: 'crm-17' }, { limit: 5 });
      expect(lastEnvelope()).toEqual({
        SERVICE: 'customer.get',
        FILTER: { CUSTOMER_EXT_UID: 'crm-17' },
        LIMIT: wire(5),
      });
      expect(found).toMatchObject({
        CUSTOMER_ID: customerId,
        CUSTOMER_TYPE: 'consumer',
        LAST_NAME: 'Mustermann',
      });
      expect(found).toHaveProperty('CUSTOMER_NUMBER');
      await client.customers.update({ CUSTOMER_ID: customerId, CITY: 'Köln' });
      expect(lastEnvelope()).toEqual({
        SERVICE: 'customer.update',
        DATA: { CUSTOMER_ID: customerId, CITY: 'Köln' },
      });
      expect((await client.customers.get({ CITY: 'Köln' }))[0]?.CUSTOMER_ID).toBe(customerId);
      // TERM searches names, address, zip code and e-mail — not the city.
      expect((await client.customers.get({ TERM: 'mustermann' }))[0]?.CUSTOMER_ID).toBe(customerId);
      expect(await client.customers.get({ TERM: 'köln' })).toEqual([]);
      await client.customers.delete(customerId);
      expect(lastEnvelope()).toEqual({
        SERVICE: 'customer.delete',
        DATA: { CUSTOMER_ID: customerId },
      });
      expect(await client.customers.get({ CUSTOMER_ID: customerId })).toEqual([]);
    });

    it('invoice.create (a draft) and invoice.get with its documented tags', async () => {
      const { customerId, invoiceId } = await customerAndDraft();
      expect(emulator.requests.at(-1)?.headers['content-type']).toContain(format);
      expect(lastEnvelope()).toEqual({
        SERVICE: 'invoice.create',
        DATA: {
          CUSTOMER_ID: customerId,
          INVOICE_DATE: '2026-11-18',
          ITEMS: [
            { DESCRIPTION: 'Beratung', QUANTITY: '2', UNIT_PRICE: '100.00', VAT_PERCENT: '19' },
            { DESCRIPTION: 'Buch', QUANTITY: '1', UNIT_PRICE: '20.00', VAT_PERCENT: '7' },
          ],
        },
      });
      const [invoice] = await client.invoices.get({ INVOICE_ID: invoiceId, TYPE: 'draft' });
      expect(lastEnvelope()).toEqual({
        SERVICE: 'invoice.get',
        FILTER: { INVOICE_ID: invoiceId, TYPE: 'draft' },
      });
      for (const tag of [
        'INVOICE_ID',
        'INVOICE_EXT_UID',
        'STATUS',
        'TYPE',
        'CUSTOMER_ID',
        'PAYMENT_TYPE',
        'CURRENCY_CODE',
        'INVOICE_NUMBER',
        'PAID_DATE',
        'IS_CANCELED',
        'INVOICE_DATE',
        'DUE_DATE',
        'SUB_TOTAL',
        'VAT_TOTAL',
        'VAT_ITEMS',
        'ITEMS',
        'TOTAL',
        'DOCUMENT_URL',
        'OUTSTANDING_AMOUNT',
      ])
        expect(invoice, tag).toHaveProperty(tag);
      expect(invoice).toMatchObject({ TYPE: 'draft', CUSTOMER_ID: customerId });
      expect(String(invoice?.TOTAL)).toBe('259.4');
    });

    it('invoice.get pages with LIMIT/OFFSET and list() reads every page', async () => {
      emulator.seed({ customers: [{ CUSTOMER_ID: 3, ORGANIZATION: 'Paging KG' }] });
      emulator.seed({ invoices: Array.from({ length: 7 }, () => ({ CUSTOMER_ID: 3 })) });
      expect(await client.invoices.get({}, { limit: 2, offset: 6 })).toHaveLength(1);
      expect(lastEnvelope()).toEqual({
        SERVICE: 'invoice.get',
        FILTER: format === 'xml' ? '' : {},
        LIMIT: wire(2),
        OFFSET: wire(6),
      });
      const before = emulator.requestCount;
      const all = [];
      for await (const invoice of client.invoices.list({ CUSTOMER_ID: 3 })) all.push(invoice);
      expect(all).toHaveLength(7);
      // 3 + 3 + 1: the short page ends the list.
      expect(emulator.requestCount - before).toBe(3);
      expect(lastEnvelope()).toMatchObject({ LIMIT: wire(3), OFFSET: wire(6) });
    });

    it('invoice.update with and without DELETE_EXISTING_ITEMS; item.get; item.delete', async () => {
      const { invoiceId } = await customerAndDraft();
      await client.invoices.update({
        INVOICE_ID: invoiceId,
        INTROTEXT: 'Danke!',
        ITEMS: [{ DESCRIPTION: 'Extra', UNIT_PRICE: '5.00', VAT_PERCENT: '19' }],
      });
      expect(lastEnvelope()).toEqual({
        SERVICE: 'invoice.update',
        DATA: {
          INVOICE_ID: invoiceId,
          INTROTEXT: 'Danke!',
          ITEMS: [{ DESCRIPTION: 'Extra', UNIT_PRICE: '5.00', VAT_PERCENT: '19' }],
        },
      });
      const items = await client.items.get(invoiceId);
      expect(lastEnvelope()).toEqual({ SERVICE: 'item.get', FILTER: { INVOICE_ID: invoiceId } });
      expect(items).toHaveLength(3);
      for (const tag of [
        'INVOICE_ITEM_ID',
        'INVOICE_ID',
        'CUSTOMER_ID',
        'ARTICLE_NUMBER',
        'DESCRIPTION',
        'QUANTITY',
        'UNIT_PRICE',
        'VAT_PERCENT',
        'VAT_VALUE',
        'COMPLETE_NET',
        'COMPLETE_GROSS',
        'CURRENCY_CODE',
        'SORT_ORDER',
      ])
        expect(items[0], tag).toHaveProperty(tag);
      await client.items.delete(String(items[0]?.INVOICE_ITEM_ID));
      expect(lastEnvelope()).toEqual({
        SERVICE: 'item.delete',
        DATA: { INVOICE_ITEM_ID: String(items[0]?.INVOICE_ITEM_ID) },
      });
      expect(await client.items.get(invoiceId)).toHaveLength(2);
      await client.invoices.update({
        INVOICE_ID: invoiceId,
        DELETE_EXISTING_ITEMS: true,
        ITEMS: [{ DESCRIPTION: 'Only', UNIT_PRICE: '1.00', VAT_PERCENT: '0' }],
      });
      expect(lastEnvelope()).toMatchObject({ DATA: { DELETE_EXISTING_ITEMS: wire(1) } });
      expect(await client.items.get(invoiceId)).toHaveLength(1);
    });

    it('invoice.delete removes a draft', async () => {
      const { invoiceId } = await customerAndDraft();
      await client.invoices.delete(invoiceId);
      expect(lastEnvelope()).toEqual({
        SERVICE: 'invoice.delete',
        DATA: { INVOICE_ID: invoiceId },
      });
      expect(await client.findInvoice(invoiceId)).toBeUndefined();
    });

    it('invoice.complete → INVOICE_NUMBER; sendbyemail; sendbypost → REMAINING_CREDITS; setpaid → INVOICE_NUMBER', async () => {
      const { invoiceId } = await customerAndDraft();
      const completed = await client.invoices.complete({ INVOICE_ID: invoiceId });
      expect(lastEnvelope()).toEqual({
        SERVICE: 'invoice.complete',
        DATA: { INVOICE_ID: invoiceId },
      });
      expect(completed).toEqual({ invoiceNumber: '1', invoiceId });

      await client.invoices.sendByEmail({
        INVOICE_ID: invoiceId,
        RECIPIENT: { TO: ['a@muster.example', 'b@muster.example'], CC: 'c@muster.example' },
        SUBJECT: 'Ihre Rechnung',
        MESSAGE: 'Anbei.',
        RECEIPT_CONFIRMATION: true,
      });
      expect(lastEnvelope()).toEqual({
        SERVICE: 'invoice.sendbyemail',
        DATA: {
          INVOICE_ID: invoiceId,
          RECIPIENT: { TO: 'a@muster.example,b@muster.example', CC: 'c@muster.example' },
          SUBJECT: 'Ihre Rechnung',
          MESSAGE: 'Anbei.',
          RECEIPT_CONFIRMATION: wire(1),
        },
      });

      expect(await client.invoices.sendByPost(invoiceId)).toEqual({ remainingCredits: '9' });
      expect(lastEnvelope()).toEqual({
        SERVICE: 'invoice.sendbypost',
        DATA: { INVOICE_ID: invoiceId },
      });

      expect(
        await client.invoices.setPaid({ INVOICE_ID: invoiceId, PAID_DATE: '2026-11-19' }),
      ).toEqual({
        invoiceNumber: '1',
        comment: '',
      });
      expect(lastEnvelope()).toEqual({
        SERVICE: 'invoice.setpaid',
        DATA: { INVOICE_ID: invoiceId, PAID_DATE: '2026-11-19' },
      });
      expect(await client.findInvoice(invoiceId)).toMatchObject({
        PAID_DATE: '2026-11-19 00:00:00',
        OUTSTANDING_AMOUNT: '0,00',
      });
    });

    it('invoice.capture collects the payment of a completed invoice', async () => {
      const { invoiceId } = await customerAndDraft();
      await client.invoices.complete({ INVOICE_ID: invoiceId });
      await client.invoices.capture(invoiceId);
      expect(lastEnvelope()).toEqual({
        SERVICE: 'invoice.capture',
        DATA: { INVOICE_ID: invoiceId },
      });
      expect((await client.findInvoice(invoiceId))?.STATUS).toBe('paid');
      await expect(client.invoices.capture(invoiceId)).rejects.toBeInstanceOf(ConflictError);
    });

    it('invoice.cancel: whole, and partial with DESCRIPTION + CANCELLATION_AMOUNT', async () => {
      const { invoiceId } = await customerAndDraft();
      await client.invoices.complete({ INVOICE_ID: invoiceId });
      const partial = await client.invoices.cancel({
        INVOICE_ID: invoiceId,
        CANCELLATION_AMOUNT: '59.40',
        DESCRIPTION: 'Gutschrift Buch + Beratung anteilig',
      });
      expect(lastEnvelope()).toEqual({
        SERVICE: 'invoice.cancel',
        DATA: {
          INVOICE_ID: invoiceId,
          CANCELLATION_AMOUNT: '59.40',
          DESCRIPTION: 'Gutschrift Buch + Beratung anteilig',
        },
      });
      expect(partial).toEqual({ invoiceId });
      expect((await client.findInvoice(invoiceId))?.OUTSTANDING_AMOUNT).toBe('200,00');
      await client.invoices.cancel({ INVOICE_ID: invoiceId });
      expect(await client.findInvoice(invoiceId)).toMatchObject({
        IS_CANCELED: '1',
        STATUS: 'canceled',
      });
      // A partial cancellation without its description is refused before anything is sent.
      const before = emulator.requestCount;
      await expect(
        client.invoices.cancel({ INVOICE_ID: invoiceId, CANCELLATION_AMOUNT: '1.00' }),
      ).rejects.toMatchObject({ issues: [{ path: 'DESCRIPTION' }] });
      expect(emulator.requestCount).toBe(before);
    });

    it('invoice.getreminders: dunning level, fee, date … (INVOICE_ID in FILTER)', async () => {
      const { invoiceId } = await customerAndDraft();
      await client.invoices.complete({ INVOICE_ID: invoiceId });
      emulator.seed({
        reminders: [
          {
            invoiceId: Number(invoiceId),
            level: 1,
            fee: '0.00',
            date: '2026-12-10',
            daysForPayment: 7,
          },
          {
            invoiceId: Number(invoiceId),
            level: 2,
            fee: '5.00',
            date: '2026-12-20',
            daysForPayment: 7,
          },
        ],
      });
      const reminders = await client.invoices.getReminders(invoiceId);
      expect(lastEnvelope()).toEqual({
        SERVICE: 'invoice.getreminders',
        FILTER: { INVOICE_ID: invoiceId },
      });
      expect(reminders).toHaveLength(2);
      for (const tag of [
        'REMINDER_ID',
        'INVOICE_ID',
        'DUNNING_LEVEL',
        'DUNNING_FEE',
        'DUNNING_DATE',
        'INTROTEXT',
        'TEMPLATE_ID',
        'CREATED',
        'DAYS_FOR_PAYMENT',
        'DOCUMENT_URL',
        'DOWNLOAD_LINK',
      ])
        expect(reminders[1], tag).toHaveProperty(tag);
      expect(reminders[1]).toMatchObject({
        DUNNING_LEVEL: '2',
        DUNNING_FEE: '5.00',
        DUNNING_DATE: '2026-12-20',
      });
    });

    it('invoice.correctvat2020 → INVOICE_ID_OLD / INVOICE_ID_CORRECTED', async () => {
      emulator.seed({ customers: [{ CUSTOMER_ID: 20, ORGANIZATION: 'Senkung GmbH' }] });
      emulator.seed({
        invoices: [
          {
            CUSTOMER_ID: 20,
            INVOICE_DATE: '2020-08-03',
            ITEMS: [
              { DESCRIPTION: 'Ware', UNIT_PRICE: '100.00', VAT_PERCENT: '19', QUANTITY: '1' },
            ],
          },
        ],
      });
      const [old] = await client.invoices.get({ CUSTOMER_ID: 20 });
      const oldId = String(old?.INVOICE_ID);
      const result = await client.invoices.correctVat2020(oldId);
      expect(lastEnvelope()).toEqual({
        SERVICE: 'invoice.correctvat2020',
        DATA: { INVOICE_ID: oldId },
      });
      expect(result.oldInvoiceId).toBe(oldId);
      expect(result.correctedInvoiceId).not.toBe(oldId);
      expect(result.corrected).toMatchObject({
        INVOICE_ID: result.correctedInvoiceId,
        VAT_TOTAL: wire(16),
      });
      expect(await client.findInvoice(oldId)).toMatchObject({ IS_CANCELED: '1' });
    });

    it('invoice.sign → REMAINING_CREDITS (classic and Monsum)', async () => {
      const { invoiceId } = await customerAndDraft();
      await client.invoices.complete({ INVOICE_ID: invoiceId });
      expect(await client.invoices.sign(invoiceId)).toEqual({ remainingCredits: '10' });
      expect(lastEnvelope()).toEqual({ SERVICE: 'invoice.sign', DATA: { INVOICE_ID: invoiceId } });
    });
  });
}

describe('retry safety of the typed calls', () => {
  let emulator: ReturnType<typeof createMethodStyleEmulator>;
  let adapter: BillomatStyleAdapter;

  beforeEach(() => {
    const clock = createFakeClock(Date.UTC(2026, 10, 20, 9));
    emulator = createMethodStyleEmulator({
      email: EMAIL,
      apiKey: API_KEY,
      now: () => new Date(clock.now()),
    });
    attachToNock(emulator, nock(HOST));
    adapter = createBillomatStyleAdapter({ email: EMAIL, apiKey: API_KEY, clock });
    emulator.seed({ customers: [{ CUSTOMER_ID: 1, ORGANIZATION: 'Retry GmbH' }] });
    emulator.seed({ invoices: [{ CUSTOMER_ID: 1, TYPE: 'draft' }] });
  });
  afterEach(async () => {
    await adapter.close();
    nock.cleanAll();
  });

  const services = (): string[] =>
    emulator.requests.map((request) => (JSON.parse(request.body) as { SERVICE: string }).SERVICE);

  it('complete: a lost answer is looked up, never completed twice', async () => {
    const [draft] = await adapter.vendor.invoices.get({ TYPE: 'draft' });
    const id = String(draft?.INVOICE_ID);
    emulator.faults.inject({ kind: 'response_lost', match: { method: 'POST' } });
    const before = emulator.requests.length;
    const result = await adapter.vendor.invoices.complete({ INVOICE_ID: id });
    expect(result.invoiceNumber).toBe('1');
    expect(services().slice(before)).toEqual(['invoice.complete', 'invoice.get']);
  });

  it('setpaid: a lost answer is looked up, not repeated', async () => {
    const [draft] = await adapter.vendor.invoices.get({ TYPE: 'draft' });
    const id = String(draft?.INVOICE_ID);
    await adapter.vendor.invoices.complete({ INVOICE_ID: id });
    emulator.faults.inject({ kind: 'response_lost', match: { method: 'POST' } });
    const before = emulator.requests.length;
    await adapter.vendor.invoices.setPaid({ INVOICE_ID: id });
    expect(services().slice(before)).toEqual(['invoice.setpaid', 'invoice.get']);
  });

  it('sendbyemail is never repeated after a 503: one e-mail at most, and the outcome is unknown', async () => {
    const [draft] = await adapter.vendor.invoices.get({ TYPE: 'draft' });
    const id = String(draft?.INVOICE_ID);
    await adapter.vendor.invoices.complete({ INVOICE_ID: id });
    emulator.faults.inject({ kind: 'server_error', status: 503 });
    const before = emulator.requests.length;
    await expect(
      adapter.vendor.invoices.sendByEmail({
        INVOICE_ID: id,
        RECIPIENT: { TO: 'x@retry.example' },
        SUBJECT: 's',
        MESSAGE: 'm',
      }),
    ).rejects.toSatisfy(
      (error) => error instanceof OutcomeUnknownError && error.causeCode === 'unavailable',
    );
    expect(services().slice(before)).toEqual(['invoice.sendbyemail']);
  });

  it('reads are retried after a 503, and bad input is refused before sending', async () => {
    emulator.faults.inject({ kind: 'server_error', status: 503 });
    const before = emulator.requests.length;
    expect(await adapter.vendor.invoices.get({ CUSTOMER_ID: 1 })).toHaveLength(1);
    expect(services().slice(before)).toEqual(['invoice.get', 'invoice.get']);
    await expect(adapter.vendor.invoices.get({ TYPE: 'paid' } as never)).rejects.toMatchObject({
      issues: [{ path: 'TYPE' }],
    });
    await expect(adapter.vendor.invoices.get({}, { limit: 101 })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(emulator.requests.length).toBe(before + 2);
  });
});

describe('answers in shapes the emulator does not produce', () => {
  afterEach(() => nock.cleanAll());

  it('reads reminders under another container name, and an index-keyed list', async () => {
    nock(HOST)
      .post('/api/1.0/api.php')
      .reply(200, {
        RESPONSE: {
          DUNNINGS: { 0: { REMINDER_ID: '1', DUNNING_LEVEL: '1' }, 1: { REMINDER_ID: '2' } },
        },
      });
    const adapter = createBillomatStyleAdapter({ email: EMAIL, apiKey: API_KEY });
    expect(await adapter.vendor.invoices.getReminders('5')).toEqual([
      { REMINDER_ID: '1', DUNNING_LEVEL: '1' },
      { REMINDER_ID: '2' },
    ]);
    await adapter.close();
  });
});

describe('every typed service refuses bad input before sending anything', () => {
  let emulator: ReturnType<typeof createMethodStyleEmulator>;
  let adapter: BillomatStyleAdapter;

  beforeEach(() => {
    emulator = createMethodStyleEmulator({ email: EMAIL, apiKey: API_KEY });
    attachToNock(emulator, nock(HOST));
    adapter = createBillomatStyleAdapter({ email: EMAIL, apiKey: API_KEY });
  });
  afterEach(async () => {
    await adapter.close();
    nock.cleanAll();
  });

  const injection = { $gt: '' };
  const item = { DESCRIPTION: 'x', UNIT_PRICE: '1.00', VAT_PERCENT: '19' };

  const cases: [string, (client: MethodStyleClient) => Promise<unknown>, string][] = [
    // An object where a scalar belongs (the issue's `price_net: {"$gt": ""}`), on every write.
    [
      'customer.update: an object as a field value',
      (c) => c.customers.update({ CUSTOMER_ID: '1', ORGANIZATION: injection } as never),
      'ORGANIZATION',
    ],
    [
      'customer.update: an object as CUSTOMER_ID',
      (c) => c.customers.update({ CUSTOMER_ID: injection, CITY: 'Köln' } as never),
      'CUSTOMER_ID',
    ],
    [
      'customer.update: a list as EMAIL',
      (c) => c.customers.update({ CUSTOMER_ID: '1', EMAIL: ['a@b.example'] } as never),
      'EMAIL',
    ],
    [
      'customer.create: an object as a field value',
      (c) =>
        c.customers.create({
          CUSTOMER_TYPE: 'business',
          ORGANIZATION: 'A',
          TAGS: injection,
        } as never),
      'TAGS',
    ],
    [
      'customer.create: a CUSTOMER_TYPE the vendor has not',
      (c) => c.customers.create({ CUSTOMER_TYPE: 'vip', ORGANIZATION: 'A' } as never),
      'CUSTOMER_TYPE',
    ],
    [
      'customer.create: a CUSTOMER_ID (a new customer has none)',
      (c) => c.customers.create({ CUSTOMER_ID: '5', CUSTOMER_TYPE: 'business', ORGANIZATION: 'A' }),
      'CUSTOMER_ID',
    ],
    [
      'invoice.update: an object as a unit price',
      (c) =>
        c.invoices.update({
          INVOICE_ID: '1',
          ITEMS: [{ ...item, UNIT_PRICE: injection }],
        } as never),
      'ITEMS.0.UNIT_PRICE',
    ],
    [
      'invoice.update: an object as INTROTEXT',
      (c) => c.invoices.update({ INVOICE_ID: '1', INTROTEXT: injection } as never),
      'INTROTEXT',
    ],
    [
      'invoice.update: an INVOICE_ID that is no vendor id',
      (c) => c.invoices.update({ INVOICE_ID: '1 OR 1=1' }),
      'INVOICE_ID',
    ],
    [
      'invoice.create: 1000 % VAT',
      (c) => c.invoices.create({ CUSTOMER_ID: '1', ITEMS: [{ ...item, VAT_PERCENT: '1000' }] }),
      'ITEMS.0.VAT_PERCENT',
    ],
    [
      'invoice.create: -19 % VAT',
      (c) => c.invoices.create({ CUSTOMER_ID: '1', ITEMS: [{ ...item, VAT_PERCENT: -19 }] }),
      'ITEMS.0.VAT_PERCENT',
    ],
    [
      'invoice.create: 0.00001 % VAT (more than 4 decimals)',
      (c) => c.invoices.create({ CUSTOMER_ID: '1', ITEMS: [{ ...item, VAT_PERCENT: '0.00001' }] }),
      'ITEMS.0.VAT_PERCENT',
    ],
    [
      'invoice.create: exponent notation as VAT',
      (c) => c.invoices.create({ CUSTOMER_ID: '1', ITEMS: [{ ...item, VAT_PERCENT: '1e-7' }] }),
      'ITEMS.0.VAT_PERCENT',
    ],
    [
      'invoice.create: a number that String() writes in exponent notation',
      (c) => c.invoices.create({ CUSTOMER_ID: '1', ITEMS: [{ ...item, QUANTITY: 1e21 }] }),
      'ITEMS.0.QUANTITY',
    ],
    [
      'invoice.create: a CUSTOMER_ID that is no vendor id',
      (c) => c.invoices.create({ CUSTOMER_ID: '../1', ITEMS: [item] }),
      'CUSTOMER_ID',
    ],
    [
      'invoice.complete: an object as PAYMENT_TOKEN',
      (c) => c.invoices.complete({ INVOICE_ID: '1', PAYMENT_TOKEN: injection } as never),
      'PAYMENT_TOKEN',
    ],
    [
      'invoice.setpaid: an object as PAID_DATE',
      (c) => c.invoices.setPaid({ INVOICE_ID: '1', PAID_DATE: injection } as never),
      'PAID_DATE',
    ],
    [
      'invoice.cancel: an object as CANCELLATION_AMOUNT',
      (c) =>
        c.invoices.cancel({
          INVOICE_ID: '1',
          CANCELLATION_AMOUNT: injection,
          DESCRIPTION: 'd',
        } as never),
      'CANCELLATION_AMOUNT',
    ],
    [
      'invoice.sendbyemail: an object as the recipient',
      (c) =>
        c.invoices.sendByEmail({
          INVOICE_ID: '1',
          RECIPIENT: { TO: injection },
          SUBJECT: 's',
          MESSAGE: 'm',
        } as never),
      'RECIPIENT.TO',
    ],
    ['invoice.delete: a path as the id', (c) => c.invoices.delete('../1'), 'INVOICE_ID'],
    ['invoice.sign: an empty id', (c) => c.invoices.sign(''), 'INVOICE_ID'],
    [
      'invoice.capture: an object as the id',
      (c) => c.invoices.capture(injection as never),
      'INVOICE_ID',
    ],
    ['invoice.sendbypost: a negative id', (c) => c.invoices.sendByPost(-1), 'INVOICE_ID'],
    [
      'invoice.correctvat2020: a fraction as the id',
      (c) => c.invoices.correctVat2020(1.5),
      'INVOICE_ID',
    ],
    ['item.delete: letters as the id', (c) => c.items.delete('x'), 'INVOICE_ITEM_ID'],
    [
      'the INVOICE_EXT_UID scan: an object as the customer',
      (c) => c.findInvoiceByExtUid(injection as never, 'erp-1'),
      'CUSTOMER_ID',
    ],
    [
      'the CUSTOMER_EXT_UID look-up: an object as the external id',
      (c) => c.findCustomerByExtUid(injection as never),
      '',
    ],
    ['call(): a service name with other text', (c) => c.call('invoice.get; x', {}), 'service'],
    [
      'call(): a tag name that would break the XML',
      (c) => c.call('invoice.get', { filter: { 'A><B': '1' } }),
      'filter.A><B',
    ],
  ];

  it.each(cases)('%s', async (_name, call, path) => {
    const before = emulator.requestCount;
    const error = await call(adapter.vendor).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toContain(path);
    expect(emulator.requestCount).toBe(before);
  });
});
