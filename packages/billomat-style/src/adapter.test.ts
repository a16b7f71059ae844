import {
  NotFoundError,
  UnsupportedOperationError,
  ValidationError,
  type InvoiceCreateInput,
} from '@invoicekit/core';
import { attachToNock } from '@invoicekit/core/emulator';
import { collect, createFakeClock, findLeakedSecrets } from '@invoicekit/core/testing';
import { inspect } from 'node:util';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMethodStyleEmulator } from './emulator';
import { fromFbapiXml } from './codec/xml-codec';
import { createBillomatStyleAdapter, type BillomatStyleAdapter } from './index';

const HOST = 'https://app.monsum.com';
const EMAIL = 'owner@acme.example';
const API_KEY = 'adapter-key-4f6b1d92';

let emulator: ReturnType<typeof createMethodStyleEmulator>;
let adapter: BillomatStyleAdapter;

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());

function setUp(format: 'json' | 'xml' = 'json'): void {
  const clock = createFakeClock(Date.UTC(2026, 10, 20, 9));
  emulator = createMethodStyleEmulator({
    email: EMAIL,
    apiKey: API_KEY,
    now: () => new Date(clock.now()),
  });
  attachToNock(emulator, nock(HOST));
  adapter = createBillomatStyleAdapter({ email: EMAIL, apiKey: API_KEY, format, clock });
  emulator.seed({
    customers: [{ CUSTOMER_ID: 42, ORGANIZATION: 'Muster GmbH', EMAIL: 'rechnung@muster.example' }],
  });
}

beforeEach(() => setUp());
afterEach(async () => {
  await adapter.close();
  nock.cleanAll();
});

/** The envelopes the emulator received since `from`, decoded, as `[SERVICE, FILTER|DATA]`. */
function sentSince(from: number, format: 'json' | 'xml' = 'json'): [string, unknown][] {
  return emulator.requests.slice(from).map((request) => {
    const envelope = (format === 'xml' ? fromFbapiXml(request.body) : JSON.parse(request.body)) as {
      SERVICE: string;
      FILTER?: unknown;
      DATA?: unknown;
    };
    return [envelope.SERVICE, envelope.DATA ?? envelope.FILTER];
  });
}

const input: InvoiceCreateInput = {
  currency: 'EUR',
  issueDate: '2026-11-18',
  serviceDate: '2026-11-15',
  customer: { id: '42' },
  notes: 'Danke für Ihren Auftrag',
  lines: [
    { description: 'Beratung', quantity: '2', unitPrice: '100.00', taxRate: 19, unit: 'h' },
    { description: 'Buch', unitPrice: '20.00', taxRate: '7' },
  ],
};

describe('canonical writes send exactly these envelopes', () => {
  it('create: invoice.create with the mapped DATA, then reads the draft back', async () => {
    const from = emulator.requests.length;
    const { data, warnings } = await adapter.invoices.create(input);
    expect(sentSince(from)).toEqual([
      [
        'invoice.create',
        {
          CURRENCY_CODE: 'EUR',
          INVOICE_DATE: '2026-11-18',
          DELIVERY_DATE: '15.11.2026',
          INTROTEXT: 'Danke für Ihren Auftrag',
          IS_GROSS: 0,
          ITEMS: [
            {
              DESCRIPTION: 'Beratung',
              QUANTITY: '2',
              UNIT: 'h',
              UNIT_PRICE: '100',
              VAT_PERCENT: '19',
              SORT_ORDER: 1,
            },
            {
              DESCRIPTION: 'Buch',
              QUANTITY: '1',
              UNIT_PRICE: '20',
              VAT_PERCENT: '7',
              SORT_ORDER: 2,
            },
          ],
          CUSTOMER_ID: '42',
        },
      ],
      ['invoice.get', { INVOICE_ID: data.id }],
    ]);
    expect(warnings).toEqual([]);
    expect(data).toMatchObject({
      status: { canonical: 'draft', raw: 'draft' },
      number: null,
      serviceDate: '2026-11-15',
      notes: 'Danke für Ihren Auftrag',
      totals: { net: '220.00', tax: '39.40', gross: '259.40', paid: '0.00', due: '259.40' },
    });
    expect(data.taxBreakdown.map((row) => [row.rate, row.net, row.tax])).toEqual([
      [{ kind: 'percent', value: '19' }, '200.00', '38.00'],
      [{ kind: 'percent', value: '7' }, '20.00', '1.40'],
    ]);
  });

  it('create in XML mode sends an <FBAPI> body with <ITEMS><ITEM> and reads the XML answer', async () => {
    await adapter.close();
    nock.cleanAll();
    setUp('xml');
    const from = emulator.requests.length;
    const { data } = await adapter.invoices.create(input);
    const body = emulator.requests[from]?.body ?? '';
    expect(body).toMatch(
      /^<\?xml version="1.0" encoding="utf-8"\?><FBAPI><SERVICE>invoice\.create<\/SERVICE><DATA>/,
    );
    expect(body).toContain('<ITEMS><ITEM><DESCRIPTION>Beratung</DESCRIPTION>');
    expect(emulator.requests[from]?.headers['content-type']).toBe('application/xml');
    expect(sentSince(from, 'xml')[1]).toEqual(['invoice.get', { INVOICE_ID: data.id }]);
    expect(data.totals.gross).toBe('259.40');
    expect(data.lines.map((line) => line.totals.gross)).toEqual(['238.00', '21.40']);
  });

  it('update replaces the lines with DELETE_EXISTING_ITEMS; finalize → complete; send → sendbyemail; markPaid → setpaid', async () => {
    const { data: draft } = await adapter.invoices.create(input);
    let from = emulator.requests.length;
    await adapter.invoices.update(draft.id, {
      lines: [{ description: 'Pauschale', unitPrice: '500', taxRate: 19 }],
    });
    expect(sentSince(from)).toEqual([
      [
        'invoice.update',
        {
          IS_GROSS: 0,
          ITEMS: [
            {
              DESCRIPTION: 'Pauschale',
              QUANTITY: '1',
              UNIT_PRICE: '500',
              VAT_PERCENT: '19',
              SORT_ORDER: 1,
            },
          ],
          DELETE_EXISTING_ITEMS: 1,
          INVOICE_ID: draft.id,
        },
      ],
      ['invoice.get', { INVOICE_ID: draft.id }],
    ]);

    from = emulator.requests.length;
    const { data: issued } = await adapter.invoices.finalize(draft.id);
    expect(sentSince(from).map(([service]) => service)).toEqual([
      'invoice.complete',
      'invoice.get',
    ]);
    expect(issued).toMatchObject({ number: '1', status: { canonical: 'issued', raw: 'open' } });

    from = emulator.requests.length;
    await adapter.invoices.send(draft.id);
    const sent = sentSince(from);
    // Without `to`, the customer's own address; subject and message are mandatory (the vendor's
    // invoice page).
    expect(sent.map(([service]) => service)).toEqual([
      'invoice.get',
      'customer.get',
      'invoice.sendbyemail',
      'invoice.get',
    ]);
    expect(sent[2]?.[1]).toEqual({
      INVOICE_ID: draft.id,
      RECIPIENT: { TO: 'rechnung@muster.example' },
      SUBJECT: 'Invoice 1',
      MESSAGE: 'Please find attached invoice 1.',
    });

    from = emulator.requests.length;
    const { data: paid } = await adapter.invoices.markPaid(draft.id, { date: '2026-11-19' });
    expect(sentSince(from)).toEqual([
      ['invoice.get', { INVOICE_ID: draft.id }],
      ['invoice.setpaid', { INVOICE_ID: draft.id, PAID_DATE: '2026-11-19' }],
      ['invoice.get', { INVOICE_ID: draft.id }],
    ]);
    expect(paid).toMatchObject({
      status: { canonical: 'paid' },
      paidDate: '2026-11-19',
      totals: { paid: '595.00', due: '0.00' },
    });
  });

  it('refuses a partial payment and a credit note before sending anything', async () => {
    const { data: draft } = await adapter.invoices.create(input);
    await adapter.invoices.finalize(draft.id);
    const from = emulator.requests.length;
    await expect(adapter.invoices.markPaid(draft.id, { amount: '10.00' })).rejects.toMatchObject({
      code: 'unsupported',
      issues: [{ path: 'amount' }],
    });
    await expect(
      adapter.invoices.create({ ...input, type: 'credit_note', relatedInvoiceId: draft.id }),
    ).rejects.toBeInstanceOf(UnsupportedOperationError);
    // Only the read that learned the amount due.
    expect(sentSince(from).map(([service]) => service)).toEqual(['invoice.get']);
  });

  it('a buyer snapshot alone becomes a vendor customer first, with a warning; strict mode refuses', async () => {
    const snapshotInput: InvoiceCreateInput = {
      ...input,
      customer: { snapshot: { name: 'Einmal AG', address: { city: 'Bonn', country: 'DE' } } },
      externalId: 'shop-1001',
    };
    const before = emulator.requests.length;
    await expect(adapter.invoices.create(snapshotInput, { strict: true })).rejects.toBeInstanceOf(
      UnsupportedOperationError,
    );
    expect(emulator.requests.length).toBe(before);
    const { data, warnings } = await adapter.invoices.create(snapshotInput);
    expect(warnings).toEqual([
      expect.objectContaining({
        type: 'other',
        message: expect.stringContaining('created from the snapshot'),
      }),
    ]);
    const customer = await adapter.customers.get(data.customer.id ?? '');
    expect(customer).toMatchObject({ name: 'Einmal AG', externalId: 'invoicekit:shop-1001' });
    // Repeating the create finds both the customer and the invoice again.
    const again = await adapter.invoices.create(snapshotInput);
    expect(again.data.id).toBe(data.id);
    expect(await collect(adapter.customers.list())).toHaveLength(2);
  });

  it('what the customer made from a snapshot loses is warned about under customer.snapshot, before the note', async () => {
    const { warnings } = await adapter.invoices.create({
      ...input,
      customer: { snapshot: { name: 'Region AG', address: { city: 'Bonn', region: 'NRW' } } },
    });
    expect(warnings).toEqual([
      {
        type: 'unsupported_field',
        path: 'customer.snapshot.address.region',
        reason: 'customer addresses have no region',
      },
      expect.objectContaining({
        type: 'other',
        message: expect.stringContaining('created from the snapshot'),
      }),
    ]);
  });

  it('downloads the PDF from DOCUMENT_URL on the vendor host, and lists reminders', async () => {
    const { data: draft } = await adapter.invoices.create(input);
    await adapter.invoices.finalize(draft.id);
    const pdf = await adapter.invoices.downloadPdf(draft.id);
    expect(pdf.contentType).toBe('application/pdf');
    expect(pdf.fileName).toBe('1.pdf');
    expect(pdf.data.toString('latin1')).toMatch(/^%PDF-1\.4\n% Invoice 1/);
    emulator.seed({
      reminders: [
        {
          invoiceId: Number(draft.id),
          level: 1,
          fee: '2.50',
          date: '2026-12-10',
          daysForPayment: 7,
        },
      ],
    });
    expect(await adapter.invoices.reminders(draft.id)).toEqual([
      expect.objectContaining({
        invoiceId: draft.id,
        level: 1,
        fee: '2.50',
        dueDate: '2026-12-17',
        provider: 'billomat-style',
      }),
    ]);
  });

  it('lists with vendor filters where it has them and filters the rest after paging', async () => {
    emulator.seed({ customers: [{ CUSTOMER_ID: 43, ORGANIZATION: 'Andere KG' }] });
    emulator.seed({
      invoices: [
        { CUSTOMER_ID: 42, INVOICE_DATE: '2026-10-01' },
        { CUSTOMER_ID: 42, INVOICE_DATE: '2026-11-10' },
        { CUSTOMER_ID: 43, INVOICE_DATE: '2026-11-10' },
        { CUSTOMER_ID: 42, TYPE: 'draft', INVOICE_DATE: '2026-11-12' },
      ],
    });
    const from = emulator.requests.length;
    const found = await collect(
      adapter.invoices.list({ customerId: '42', issuedFrom: '2026-11-01', status: ['issued'] }),
    );
    expect(found.map((invoice) => invoice.issueDate)).toEqual(['2026-11-10']);
    expect(sentSince(from)).toEqual([['invoice.get', { CUSTOMER_ID: '42' }]]);
  });

  it('answers unknown ids with NotFoundError, for reads and for writes', async () => {
    await expect(adapter.invoices.get('999')).rejects.toBeInstanceOf(NotFoundError);
    await expect(adapter.invoices.finalize('999')).rejects.toBeInstanceOf(NotFoundError);
    await expect(adapter.invoices.delete('999')).rejects.toBeInstanceOf(NotFoundError);
    await expect(adapter.customers.get('999')).rejects.toBeInstanceOf(NotFoundError);
    await expect(adapter.customers.delete('999')).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      adapter.invoices.create({ ...input, customer: { id: '999' } }),
    ).rejects.toMatchObject({ issues: [{ path: 'customer.id' }] });
  });

  it('validates before sending and never shows the key', async () => {
    await adapter.customers.get('42');
    const before = emulator.requests.length;
    await expect(
      adapter.customers.create({ name: '', email: 'not-an-email' } as never),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(emulator.requests.length).toBe(before);
    expect(findLeakedSecrets(adapter, [API_KEY])).toEqual([]);
    expect(JSON.stringify(adapter)).not.toContain(API_KEY);
    const authorization = emulator.requests.at(-1)?.headers.authorization ?? '';
    expect(authorization).toBe(`Basic ${Buffer.from(`${EMAIL}:${API_KEY}`).toString('base64')}`);
  });
});

describe('the adapter core builds over the provider', () => {
  it('prints as BillomatStyleAdapter with the account, never the key', () => {
    expect(inspect(adapter).replace(/\s+/g, ' ')).toBe(
      "BillomatStyleAdapter { provider: 'billomat-style', specificationVersion: 'v1', account: 'https://app.monsum.com (owner@acme.example)' }",
    );
    expect(JSON.stringify(adapter)).not.toContain(API_KEY);
  });

  it('derives its capabilities from the operations: every one, but no partial payments', () => {
    expect(adapter.capabilities).toEqual({
      invoices: {
        list: true,
        get: true,
        create: true,
        update: true,
        delete: true,
        finalize: true,
        cancel: true,
        markPaid: true,
        partialPayments: false,
        // read from each invoice's PAYMENTS[]
        payments: true,
        send: true,
        downloadPdf: true,
        reminders: true,
      },
      customers: { list: true, get: true, create: true, update: true, delete: true },
      idempotentCreate: true,
      drafts: true,
      // webhook.* exists, but nothing documents its payloads or how a delivery is authenticated
      webhooks: false,
    });
  });

  it('has no webhooks: parse rejects with UnsupportedOperationError, before reading anything', async () => {
    expect(adapter.capabilities.webhooks).toBe(false);
    const request = {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'invoice.paid', invoice_id: '2345' }),
    };
    await expect(adapter.webhooks.parse(request, { secret: 'whsec-12345678' })).rejects.toThrow(
      UnsupportedOperationError,
    );
    await expect(adapter.webhooks.parse(request)).rejects.toThrow(UnsupportedOperationError);
  });

  it('an id that is no vendor id (digits) is not found, and is never sent', async () => {
    const before = emulator.requests.length;
    await expect(adapter.invoices.get('abc')).rejects.toBeInstanceOf(NotFoundError);
    await expect(adapter.invoices.finalize('1 OR 1=1')).rejects.toBeInstanceOf(NotFoundError);
    await expect(adapter.customers.get('../42')).rejects.toBeInstanceOf(NotFoundError);
    await expect(adapter.customers.update('x1', { email: 'a@b.example' })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(emulator.requests.length).toBe(before);
  });
});

describe('canonical customers', () => {
  it('create / update / list map onto customer.* and read back', async () => {
    const { data } = await adapter.customers.create({
      kind: 'person',
      name: 'Erika Mustermann',
      firstName: 'Erika',
      lastName: 'Mustermann',
      email: 'erika@example.com',
      address: { street: 'Hauptstr. 1', city: 'Köln', postalCode: '50667', country: 'DE' },
    });
    expect(data).toMatchObject({
      kind: 'person',
      name: 'Erika Mustermann',
      email: 'erika@example.com',
      address: { city: 'Köln', country: 'DE' },
    });
    const from = emulator.requests.length;
    const { data: renamed } = await adapter.customers.update(data.id, { name: 'Erika Musterfrau' });
    // A consumer's name is its LAST_NAME: the current kind was read first.
    expect(sentSince(from).map(([service]) => service)).toEqual([
      'customer.get',
      'customer.update',
      'customer.get',
    ]);
    // The name given alone clears the first name, so it reads back exactly as given.
    expect(sentSince(from)[1]?.[1]).toEqual({
      FIRST_NAME: '',
      LAST_NAME: 'Erika Musterfrau',
      CUSTOMER_ID: data.id,
    });
    expect(renamed.name).toBe('Erika Musterfrau');
    const listed = await collect(adapter.customers.list({ email: 'erika@example.com' }));
    expect(listed.map((customer) => customer.id)).toEqual([data.id]);
  });
});

describe('exactly once: lost answers are looked up, never blindly repeated', () => {
  const services = (from: number): string[] => sentSince(from).map(([service]) => service);

  it('a lost invoice.create answer is found by INVOICE_EXT_UID: one invoice', async () => {
    emulator.faults.inject({
      kind: 'response_lost',
      match: { body: /"SERVICE":"invoice\.create"/ },
    });
    const from = emulator.requests.length;
    const { data } = await adapter.invoices.create({ ...input, externalId: 'erp-4711' });
    expect(services(from)).toEqual([
      'invoice.get', // is there one already? (scan of the customer's invoices)
      'invoice.create', // committed, answer lost
      'invoice.get', // the look-up finds it by INVOICE_EXT_UID
      'invoice.get', // read back
    ]);
    const all = await collect(adapter.invoices.list({ externalId: 'erp-4711' }));
    expect(all.map((invoice) => invoice.id)).toEqual([data.id]);
  });

  it('a lost customer.create answer (buyer snapshot) is found by CUSTOMER_EXT_UID: one customer', async () => {
    emulator.faults.inject({
      kind: 'response_lost',
      match: { body: /"SERVICE":"customer\.create"/ },
    });
    const { data } = await adapter.invoices.create({
      ...input,
      customer: { snapshot: { name: 'Verloren GmbH' } },
      externalId: 'erp-4712',
    });
    const customers = await collect(adapter.customers.list({ name: 'Verloren' }));
    expect(customers.map((customer) => customer.id)).toEqual([data.customer.id]);
  });

  it('lost cancel and delete answers are confirmed by re-reading the invoice', async () => {
    const { data: issued } = await adapter.invoices.create(input);
    await adapter.invoices.finalize(issued.id);
    emulator.faults.inject({ kind: 'response_lost', match: { body: /invoice\.cancel/ } });
    let from = emulator.requests.length;
    const { data: canceled } = await adapter.invoices.cancel(issued.id);
    expect(canceled.status.canonical).toBe('canceled');
    expect(services(from)).toEqual(['invoice.cancel', 'invoice.get', 'invoice.get']);

    const { data: draft } = await adapter.invoices.create(input);
    emulator.faults.inject({ kind: 'response_lost', match: { body: /invoice\.delete/ } });
    from = emulator.requests.length;
    await adapter.invoices.delete(draft.id);
    expect(services(from)).toEqual(['invoice.delete', 'invoice.get']);
    await expect(adapter.invoices.get(draft.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('capture is never repeated after a failure that may have charged the customer', async () => {
    const { data } = await adapter.invoices.create(input);
    await adapter.invoices.finalize(data.id);
    emulator.faults.inject({ kind: 'response_lost', match: { body: /invoice\.capture/ } });
    const from = emulator.requests.length;
    await expect(adapter.vendor.invoices.capture(data.id)).rejects.toBeInstanceOf(Error);
    expect(services(from)).toEqual(['invoice.capture']);
  });

  it('a customer whose CUSTOMER_EXT_UID differs is never taken for the one asked for', async () => {
    // A product that ignores the filter answers with whatever customers it has.
    nock.cleanAll();
    nock(HOST)
      .post('/api/1.0/api.php')
      .reply(200, {
        RESPONSE: {
          CUSTOMERS: [{ CUSTOMER_ID: '1', CUSTOMER_EXT_UID: '', ORGANIZATION: 'Fremd' }],
        },
      });
    expect(await adapter.vendor.findCustomerByExtUid('invoicekit:erp-1')).toBeUndefined();
  });

  it('a credit line with a negative unit price is sent as is', async () => {
    const { data } = await adapter.invoices.create({
      ...input,
      lines: [
        { description: 'Leistung', unitPrice: '100.00', taxRate: 19 },
        { description: 'Gutschrift', unitPrice: '-20.00', taxRate: 19 },
      ],
    });
    expect(data.totals).toMatchObject({ net: '80.00', gross: '95.20' });
  });
});

describe('classic FastBill (endpoint: fastbill)', () => {
  let fastbill: BillomatStyleAdapter;
  beforeEach(() => {
    fastbill = createBillomatStyleAdapter({
      email: EMAIL,
      apiKey: API_KEY,
      endpoint: 'fastbill',
      baseUrl: HOST,
    });
  });
  afterEach(() => fastbill.close());

  it('has no INVOICE_EXT_UID: creates are not exactly-once, and externalId is a warning', async () => {
    expect(fastbill.capabilities.idempotentCreate).toBe(false);
    expect(adapter.capabilities.idempotentCreate).toBe(true);
    const from = emulator.requests.length;
    const { warnings } = await fastbill.invoices.create({ ...input, externalId: 'erp-1' });
    expect(warnings).toEqual([
      expect.objectContaining({ type: 'unsupported_field', path: 'externalId' }),
    ]);
    const [service, data] = sentSince(from)[0] ?? [];
    expect(service).toBe('invoice.create');
    expect(data).not.toHaveProperty('INVOICE_EXT_UID');
    await expect(
      fastbill.invoices.create({ ...input, externalId: 'erp-1' }, { strict: true }),
    ).rejects.toBeInstanceOf(UnsupportedOperationError);
  });

  it('records the payment method with setpaid, in the vendor’s words, and reads it back', async () => {
    const { data } = await fastbill.invoices.create(input);
    await fastbill.invoices.finalize(data.id);
    const from = emulator.requests.length;
    const { warnings, data: paid } = await fastbill.invoices.markPaid(data.id, {
      method: 'transfer',
      date: '2026-11-18',
    });
    expect(warnings).toEqual([]);
    expect(sentSince(from)[1]).toEqual([
      'invoice.setpaid',
      { INVOICE_ID: data.id, PAID_DATE: '2026-11-18', PAYMENT_METHOD: 'ueberweisung' },
    ]);
    expect(paid.payments).toEqual([
      expect.objectContaining({
        amount: paid.totals.gross,
        date: '2026-11-18',
        method: 'transfer',
        methodRaw: 'ueberweisung',
        reference: null,
      }),
    ]);
  });
});
