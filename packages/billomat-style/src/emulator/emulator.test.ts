import { serveEmulator, type ServedEmulator } from '@invoicekit/core/emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtureText, recordedResponse, wireFormatOf } from '../__fixtures__/read-fixture';
import { fromFbapiXml, toFbapiXml } from '../codec/xml-codec';
import { createMethodStyleEmulator, type MethodStyleEmulatorOptions } from './emulator';

const EMAIL = 'owner@acme.example';
const API_KEY = 'emulator-key-31c9a8f0';
const BASIC = `Basic ${Buffer.from(`${EMAIL}:${API_KEY}`).toString('base64')}`;
const NOW = new Date('2026-11-20T09:00:00Z');

interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
  readonly body: { REQUEST?: unknown; RESPONSE?: Record<string, unknown> };
}

let served: ServedEmulator;
let emulator: ReturnType<typeof createMethodStyleEmulator>;

async function start(options: Partial<MethodStyleEmulatorOptions> = {}): Promise<void> {
  emulator = createMethodStyleEmulator({
    email: EMAIL,
    apiKey: API_KEY,
    now: () => NOW,
    ...options,
  });
  served = await serveEmulator(emulator);
}

/** Posts one envelope over real HTTP, as JSON or as `<FBAPI>` XML. */
async function post(
  envelope: Record<string, unknown>,
  {
    format = 'json',
    authorization = BASIC,
  }: { format?: 'json' | 'xml'; authorization?: string } = {},
): Promise<Answer> {
  const response = await fetch(`${served.baseUrl}/api/1.0/api.php`, {
    method: 'POST',
    headers: {
      authorization,
      'content-type': format === 'xml' ? 'application/xml' : 'application/json',
    },
    body: format === 'xml' ? toFbapiXml(envelope) : JSON.stringify(envelope),
  });
  const text = await response.text();
  const body = (format === 'xml' ? fromFbapiXml(text) : JSON.parse(text)) as Answer['body'];
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    text,
    body,
  };
}

const monsumCapture = JSON.parse(fixtureText('monsum_invoice.get_response.json')) as {
  RESPONSE: { INVOICES: Record<string, unknown>[] };
};
const capturedInvoice = monsumCapture.RESPONSE.INVOICES[0] ?? {};
const capturedItem = (capturedInvoice.ITEMS as Record<string, unknown>[])[0] ?? {};

/** The Monsum capture's invoice, re-created in the emulator: customer, one line, completed, canceled. */
function seedCaptureLookalike(): void {
  emulator.seed({
    customers: [
      {
        CUSTOMER_ID: 995256,
        ORGANIZATION: 'Tester 222',
        FIRST_NAME: 'Michael',
        LAST_NAME: 'Wolf',
        ADDRESS: 'Spaldingstrasse 210',
        ZIPCODE: '20097',
        CITY: 'Hamburg',
        COUNTRY_CODE: 'DE',
      },
    ],
    invoices: [
      {
        CUSTOMER_ID: 995256,
        INVOICE_DATE: '2015-10-22',
        ITEMS: [
          {
            ARTICLE_NUMBER: '11',
            DESCRIPTION: 'Wingu Portal Zugang (6 Monate)',
            QUANTITY: '1',
            UNIT_PRICE: '8.1147541',
            VAT_PERCENT: '19',
          },
        ],
      },
    ],
  });
}

function formats(record: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => [key, wireFormatOf(value)]),
  );
}

beforeEach(() => start());
afterEach(() => served.close());

describe('the emulator answers in the shapes the vendor was recorded with', () => {
  it('invoice.get: the Monsum capture’s keys, in its order, with its value formats', async () => {
    seedCaptureLookalike();
    const listed = await post({ SERVICE: 'invoice.get', LIMIT: 1 });
    const id = (listed.body.RESPONSE?.INVOICES as Record<string, unknown>[])[0]?.INVOICE_ID;
    await post({ SERVICE: 'invoice.cancel', DATA: { INVOICE_ID: id } });
    const answer = await post({ SERVICE: 'invoice.get', FILTER: { INVOICE_ID: id }, LIMIT: 100 });
    const invoice = (answer.body.RESPONSE?.INVOICES as Record<string, unknown>[])[0] ?? {};

    // Plus classic FastBill's LASTUPDATE after DELIVERY_DATE (the Monsum capture has none): the
    // time of the last change, which a listing of changes filters on.
    const capturedKeys = Object.keys(capturedInvoice);
    capturedKeys.splice(capturedKeys.indexOf('DELIVERY_DATE') + 1, 0, 'LASTUPDATE');
    expect(Object.keys(invoice)).toEqual(capturedKeys);
    expect(invoice.LASTUPDATE).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    // Values that belong to the recorded account rather than to the format: its free-text
    // DELIVERY_DATE, its subscription and its template.
    const accountValues = new Set([
      'DELIVERY_DATE',
      'SUBSCRIPTION_ID',
      'SUBSCRIPTION_INVOICE_COUNTER',
      'TEMPLATE_ID',
    ]);
    const formatsWithout = (record: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(formats(record)).filter(([key]) => !accountValues.has(key)),
      );
    const expected = formatsWithout(capturedInvoice);
    const { LASTUPDATE: _lastUpdate, ...capturedFields } = invoice;
    const actual = formatsWithout(capturedFields);
    expect(actual).toEqual(expected);
    expect(formats((invoice.ITEMS as Record<string, unknown>[])[0] ?? {})).toEqual(
      formats(capturedItem),
    );
    expect(invoice).toMatchObject({
      STATUS: 'canceled',
      IS_CANCELED: '1',
      OUTSTANDING_AMOUNT: '0,00',
      PAID_DATE: '0000-00-00 00:00:00',
      SUB_TOTAL: 8.1147541,
      VAT_TOTAL: 1.541803279,
      TOTAL: 9.656557379,
    });
    expect(answer.body.REQUEST).toEqual({
      SERVICE: 'invoice.get',
      FILTER: { INVOICE_ID: id },
      LIMIT: 100,
    });
  });

  it('invoice.create: text/plain, the REQUEST echoed after an XML round trip, an integer id', async () => {
    const recorded = recordedResponse('fastbill_invoice.create_response.http');
    emulator.seed({ customers: [{ CUSTOMER_ID: 1, ORGANIZATION: 'Kunde' }] });
    const request = {
      SERVICE: 'invoice.create',
      DATA: {
        CUSTOMER_ID: 1,
        INVOICE_DATE: '2013-10-18',
        ITEMS: [
          { DESCRIPTION: 'Programmierung', UNIT_PRICE: '50.00', VAT_PERCENT: 19, QUANTITY: 240 },
        ],
      },
    };
    const answer = await post(request);
    expect(answer.status).toBe(recorded.status);
    expect(answer.contentType).toBe(recorded.headers['content-type']);
    const expected = JSON.parse(recorded.body) as Answer['body'];
    // The one-element ITEMS list comes back collapsed to its element, exactly as recorded.
    expect(answer.body.REQUEST).toEqual(expected.REQUEST);
    expect(Object.keys(answer.body.RESPONSE ?? {})).toEqual(Object.keys(expected.RESPONSE ?? {}));
    expect(answer.body.RESPONSE?.STATUS).toBe('success');
    expect(Number.isInteger(answer.body.RESPONSE?.INVOICE_ID)).toBe(true);
  });

  it('customer.create without CUSTOMER_TYPE: the recorded error, inside HTTP 200, nulls echoed as []', async () => {
    const recorded = recordedResponse('fastbill_error_customer.create_response.http');
    const expected = JSON.parse(recorded.body) as Answer['body'];
    const answer = await post({
      SERVICE: 'customer.create',
      DATA: { CUSTOMER_TYPE: null, ORGANIZATION: 'Acme Inc.', COUNTRY_CODE: 'US', PAYMENT_TYPE: 6 },
    });
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe('text/plain; charset=UTF-8');
    expect(answer.body.RESPONSE).toEqual(expected.RESPONSE);
    expect((answer.body.REQUEST as { DATA: Record<string, unknown> }).DATA.CUSTOMER_TYPE).toEqual(
      [],
    );
  });
});

describe('paging', () => {
  beforeEach(() => {
    emulator.seed({ customers: [{ CUSTOMER_ID: 7, ORGANIZATION: 'Many Invoices AG' }] });
    emulator.seed({ invoices: Array.from({ length: 150 }, () => ({ CUSTOMER_ID: 7 })) });
  });

  const count = async (envelope: Record<string, unknown>): Promise<number> =>
    ((await post({ SERVICE: 'invoice.get', ...envelope })).body.RESPONSE?.INVOICES as unknown[])
      .length;

  it('returns 10 invoices without LIMIT and never more than 100', async () => {
    expect(await count({})).toBe(10);
    expect(await count({ LIMIT: 500 })).toBe(100);
    expect(await count({ LIMIT: 100, OFFSET: 100 })).toBe(50);
    expect(await count({ LIMIT: 100, OFFSET: 150 })).toBe(0);
  });

  it('pages customers the same way', async () => {
    emulator.seed({
      customers: Array.from({ length: 14 }, (_, index) => ({ ORGANIZATION: `C${index}` })),
    });
    const customers = await post({ SERVICE: 'customer.get' });
    expect((customers.body.RESPONSE?.CUSTOMERS as unknown[]).length).toBe(10);
  });
});

describe('the draft → complete → cancel lifecycle', () => {
  async function draft(): Promise<string> {
    emulator.seed({ customers: [{ CUSTOMER_ID: 42, ORGANIZATION: 'Lifecycle GmbH' }] });
    const created = await post({
      SERVICE: 'invoice.create',
      DATA: {
        CUSTOMER_ID: 42,
        ITEMS: [
          { DESCRIPTION: 'A', UNIT_PRICE: '100.00', VAT_PERCENT: '19', QUANTITY: '1' },
          { DESCRIPTION: 'B', UNIT_PRICE: '10.00', VAT_PERCENT: '19', QUANTITY: '2' },
          { DESCRIPTION: 'C', UNIT_PRICE: '50.00', VAT_PERCENT: '7', QUANTITY: '1' },
        ],
      },
    });
    return String(created.body.RESPONSE?.INVOICE_ID);
  }
  const errorsOf = (answer: Answer): unknown => answer.body.RESPONSE?.ERRORS;

  it('numbers invoices on completion, in order, and refuses a second completion', async () => {
    const first = await draft();
    const second = await draft();
    const read = async (id: string) =>
      (
        (await post({ SERVICE: 'invoice.get', FILTER: { INVOICE_ID: id } })).body.RESPONSE
          ?.INVOICES as Record<string, unknown>[]
      )[0];
    expect(await read(first)).toMatchObject({ TYPE: 'draft', INVOICE_NUMBER: '' });
    const completed = await post({ SERVICE: 'invoice.complete', DATA: { INVOICE_ID: second } });
    expect(completed.body.RESPONSE).toEqual({
      STATUS: 'success',
      INVOICE_NUMBER: '1',
      INVOICE_ID: second,
    });
    expect(
      (await post({ SERVICE: 'invoice.complete', DATA: { INVOICE_ID: first } })).body.RESPONSE
        ?.INVOICE_NUMBER,
    ).toBe('2');
    expect(
      errorsOf(await post({ SERVICE: 'invoice.complete', DATA: { INVOICE_ID: first } })),
    ).toEqual(['Invoice Error: No draft invoice chosen.']);
    expect(await read(first)).toMatchObject({
      TYPE: 'outgoing',
      INVOICE_NUMBER: '2',
      STATUS: 'open',
    });
  });

  it('groups VAT per rate and keeps full precision', async () => {
    const id = await draft();
    const invoice = (
      (await post({ SERVICE: 'invoice.get', FILTER: { INVOICE_ID: id } })).body.RESPONSE
        ?.INVOICES as Record<string, unknown>[]
    )[0];
    expect(invoice?.VAT_ITEMS).toEqual([
      { VAT_PERCENT: '19.00', COMPLETE_NET: 120, VAT_VALUE: 22.8 },
      { VAT_PERCENT: '7.00', COMPLETE_NET: 50, VAT_VALUE: 3.5 },
    ]);
    expect(invoice).toMatchObject({ SUB_TOTAL: 170, VAT_TOTAL: 26.3, TOTAL: 196.3 });
  });

  it('answers each invalid transition with the vendor’s message', async () => {
    const id = await draft();
    expect(errorsOf(await post({ SERVICE: 'invoice.cancel', DATA: { INVOICE_ID: id } }))).toEqual([
      'Invoice Error: No completed invoice chosen.',
    ]);
    expect(errorsOf(await post({ SERVICE: 'invoice.setpaid', DATA: { INVOICE_ID: id } }))).toEqual([
      'Invoice Error: Invoice could not be set paid. Maybe it is already?',
    ]);
    await post({ SERVICE: 'invoice.complete', DATA: { INVOICE_ID: id } });
    expect(
      errorsOf(await post({ SERVICE: 'invoice.update', DATA: { INVOICE_ID: id, INTROTEXT: 'x' } })),
    ).toEqual(['Invoice Error: No draft invoice chosen.']);
    expect(errorsOf(await post({ SERVICE: 'invoice.delete', DATA: { INVOICE_ID: id } }))).toEqual([
      'Invoice Error: No draft invoice chosen.',
    ]);
    expect(
      (await post({ SERVICE: 'invoice.cancel', DATA: { INVOICE_ID: id } })).body.RESPONSE?.STATUS,
    ).toBe('success');
    expect(errorsOf(await post({ SERVICE: 'invoice.cancel', DATA: { INVOICE_ID: id } }))).toEqual([
      'Invoice Error: Invoice is already canceled.',
    ]);
    expect(
      errorsOf(await post({ SERVICE: 'invoice.complete', DATA: { INVOICE_ID: '999999' } })),
    ).toEqual(['missing / invalid field: INVOICE_ID']);
  });

  it('replaces the lines only with DELETE_EXISTING_ITEMS', async () => {
    const id = await draft();
    const items = async () =>
      (
        (await post({ SERVICE: 'item.get', FILTER: { INVOICE_ID: id } })).body.RESPONSE
          ?.ITEMS as unknown[]
      ).length;
    const line = { DESCRIPTION: 'D', UNIT_PRICE: '1.00', VAT_PERCENT: '19' };
    await post({ SERVICE: 'invoice.update', DATA: { INVOICE_ID: id, ITEMS: [line] } });
    expect(await items()).toBe(4);
    await post({
      SERVICE: 'invoice.update',
      DATA: { INVOICE_ID: id, DELETE_EXISTING_ITEMS: 1, ITEMS: [line] },
    });
    expect(await items()).toBe(1);
  });
});

describe('envelopes, authentication, limits and faults', () => {
  it('speaks <FBAPI> XML with <ITEMS><ITEM> lists, answering in XML', async () => {
    emulator.seed({ customers: [{ CUSTOMER_ID: 5, ORGANIZATION: 'XML GmbH' }] });
    const created = await post(
      {
        SERVICE: 'invoice.create',
        DATA: {
          CUSTOMER_ID: 5,
          ITEMS: [
            { DESCRIPTION: 'One', UNIT_PRICE: '10.00', VAT_PERCENT: '19' },
            { DESCRIPTION: 'Two', UNIT_PRICE: '20.00', VAT_PERCENT: '19' },
          ],
        },
      },
      { format: 'xml' },
    );
    expect(created.text).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?><FBAPI><REQUEST>/);
    expect(created.text).toContain('<ITEMS><ITEM><DESCRIPTION>One</DESCRIPTION>');
    const id = String(created.body.RESPONSE?.INVOICE_ID);
    const read = await post(
      { SERVICE: 'invoice.get', FILTER: { INVOICE_ID: id } },
      { format: 'xml' },
    );
    expect(read.text).toContain('<INVOICES><INVOICE><INVOICE_ID>');
    expect(read.text).toContain('<VAT_ITEMS><VAT_ITEM><VAT_PERCENT>19.00</VAT_PERCENT>');
    const invoice = (read.body.RESPONSE?.INVOICES as Record<string, unknown>[])[0];
    expect((invoice?.ITEMS as unknown[]).length).toBe(2);
  });

  it('answers wrong credentials with a LoginError inside HTTP 200, or 401 when configured', async () => {
    const wrong = `Basic ${Buffer.from(`${EMAIL}:not-the-key`).toString('base64')}`;
    const answer = await post({ SERVICE: 'invoice.get' }, { authorization: wrong });
    expect(answer.status).toBe(200);
    expect(answer.body.RESPONSE?.ERRORS).toEqual([
      'LoginError: Wrong API KEY or user credentials.',
    ]);
    await served.close();
    await start({ authFailure: '401' });
    const refused = await fetch(`${served.baseUrl}/api/1.0/api.php`, {
      method: 'POST',
      headers: { authorization: wrong },
      body: '{"SERVICE":"invoice.get"}',
    });
    expect(refused.status).toBe(401);
  });

  it('refuses calls over the configured per-minute limit, and injects faults', async () => {
    await served.close();
    await start({ callsPerMinute: 2 });
    expect((await post({ SERVICE: 'customer.get' })).status).toBe(200);
    expect((await post({ SERVICE: 'customer.get' })).status).toBe(200);
    const limited = await post({ SERVICE: 'customer.get' });
    expect(limited.status).toBe(429);
    expect(limited.body.RESPONSE?.ERRORS).toEqual([
      'API rate limit exceeded. Please try again later.',
    ]);
    emulator.setRateLimit(undefined);
    emulator.faults.inject({ kind: 'server_error', status: 503 });
    const failed = await fetch(`${served.baseUrl}/api/1.0/api.php`, {
      method: 'POST',
      headers: { authorization: BASIC },
      body: '{"SERVICE":"customer.get"}',
    });
    expect(failed.status).toBe(503);
  });

  it('names an unknown SERVICE in ERRORS and serves DOCUMENT_URL as a PDF without auth', async () => {
    expect((await post({ SERVICE: 'invoice.explode' })).body.RESPONSE?.ERRORS).toEqual([
      'unknown SERVICE: invoice.explode',
    ]);
    emulator.seed({ customers: [{ CUSTOMER_ID: 9, ORGANIZATION: 'PDF AG' }] });
    emulator.seed({ invoices: [{ CUSTOMER_ID: 9 }] });
    const invoice = (
      (await post({ SERVICE: 'invoice.get' })).body.RESPONSE?.INVOICES as Record<string, unknown>[]
    )[0];
    const link = String(invoice?.DOCUMENT_URL);
    expect(link.startsWith(served.baseUrl)).toBe(true);
    const pdf = await fetch(link);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).toString('latin1')).toMatch(
      /^%PDF-1\.4\n% Invoice 1\n/,
    );
  });
});

describe('LASTUPDATE: every change restamps the record in Berlin wall time', () => {
  it('create, update, complete, part cancel, setpaid, cancel, send and customer.update each move it', async () => {
    await served.close();
    let at = new Date('2026-11-20T09:00:00Z');
    await start({ now: () => at });
    const later = (minutes: number) => (at = new Date(at.getTime() + minutes * 60_000));
    const invoiceStamp = async (id: unknown) => {
      const answer = await post({ SERVICE: 'invoice.get', FILTER: { INVOICE_ID: id } });
      return (answer.body.RESPONSE?.INVOICES as Record<string, unknown>[])[0]?.LASTUPDATE;
    };
    const customerStamp = async (id: unknown) => {
      const answer = await post({ SERVICE: 'customer.get', FILTER: { CUSTOMER_ID: id } });
      return (answer.body.RESPONSE?.CUSTOMERS as Record<string, unknown>[])[0]?.LASTUPDATE;
    };

    const customer = await post({
      SERVICE: 'customer.create',
      DATA: { CUSTOMER_TYPE: 'business', ORGANIZATION: 'Muster GmbH', EMAIL: 'a@muster.example' },
    });
    const customerId = customer.body.RESPONSE?.CUSTOMER_ID;
    // 10:00 in Berlin (winter time, UTC+1).
    expect(await customerStamp(customerId)).toBe('2026-11-20 10:00:00');
    const item = { DESCRIPTION: 'Beratung', UNIT_PRICE: '100.00', VAT_PERCENT: '19' };
    const created = await post({
      SERVICE: 'invoice.create',
      DATA: { CUSTOMER_ID: customerId, ITEMS: [item] },
    });
    const id = created.body.RESPONSE?.INVOICE_ID;
    expect(await invoiceStamp(id)).toBe('2026-11-20 10:00:00');

    const steps: [number, Record<string, unknown>, string][] = [
      [1, { SERVICE: 'invoice.update', DATA: { INVOICE_ID: id, INTROTEXT: 'Hallo' } }, '10:01'],
      [2, { SERVICE: 'invoice.complete', DATA: { INVOICE_ID: id } }, '10:03'],
      [
        3,
        {
          SERVICE: 'invoice.sendbyemail',
          DATA: {
            INVOICE_ID: id,
            RECIPIENT: { TO: 'a@muster.example' },
            SUBJECT: 'R',
            MESSAGE: 'M',
          },
        },
        '10:06',
      ],
      [
        4,
        {
          SERVICE: 'invoice.cancel',
          DATA: { INVOICE_ID: id, CANCELLATION_AMOUNT: '10.00', DESCRIPTION: 'Porto' },
        },
        '10:10',
      ],
      [5, { SERVICE: 'invoice.setpaid', DATA: { INVOICE_ID: id } }, '10:15'],
      [6, { SERVICE: 'invoice.cancel', DATA: { INVOICE_ID: id } }, '10:21'],
    ];
    for (const [minutes, envelope, stamp] of steps) {
      later(minutes);
      const answer = await post(envelope);
      expect(answer.body.RESPONSE, String(envelope.SERVICE)).toMatchObject({ STATUS: 'success' });
      expect(await invoiceStamp(id), String(envelope.SERVICE)).toBe(`2026-11-20 ${stamp}:00`);
    }
    // A read changes nothing.
    later(7);
    await post({ SERVICE: 'invoice.get', FILTER: { INVOICE_ID: id } });
    expect(await invoiceStamp(id)).toBe('2026-11-20 10:21:00');

    later(1);
    await post({
      SERVICE: 'customer.update',
      DATA: { CUSTOMER_ID: customerId, EMAIL: 'b@muster.example' },
    });
    expect(await customerStamp(customerId)).toBe('2026-11-20 10:29:00');
  });
});
