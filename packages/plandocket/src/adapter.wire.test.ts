import {
  AuthenticationError,
  NotFoundError,
  PermissionError,
  ProviderError,
  RateLimitedError,
  UnavailableError,
  UnsupportedOperationError,
  ValidationError,
} from '@invoicekit/core';
import { collect, createFakeClock, findLeakedSecrets } from '@invoicekit/core/testing';
import nock from 'nock';
import { serveEmulator } from '@invoicekit/core/emulator';
import { createPlandocketEmulator } from './emulator';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPlandocketAdapter, type PlandocketAdapter } from './index';

const HOST = 'https://acme.plandocket.com';
const API_KEY = 'pd-canary-key-3e9b7a15c2';
let adapter: PlandocketAdapter;
let clock: ReturnType<typeof createFakeClock>;

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
beforeEach(() => {
  clock = createFakeClock(Date.UTC(2026, 10, 20, 9));
  adapter = createPlandocketAdapter({ tenant: 'acme', apiKey: API_KEY, clock });
});
afterEach(async () => {
  await adapter.close();
  nock.cleanAll();
});

/** An invoice body written by hand, so the JSON number literals are exactly these. */
const invoiceText = (total: string, paid: string, open: string, extra = '') =>
  `{"data":{"id":7,"invoice_number":"RE-7","invoice_type":"invoice","related_invoice_id":null,"status":"sent","event_participant_id":3,"total":${total},"currency":"EUR","paid_amount":${paid},"open_amount":${open},"service_date":null,"due_date":"2026-12-01","is_reverse_charge":false,"is_locked":true,"locked_at":"2026-11-02T10:00:00Z","reminder_sent_at":null,"reminder_count":0,"notes":null,"created_at":"2026-11-02T09:00:00Z","updated_at":"2026-11-02T10:00:00Z"${extra}},"meta":{"request_id":"req_7"}}`;

describe('money documented as JSON floats becomes decimal strings without drift', () => {
  it.each([
    ['0.30000000000000004', '0', '0.30000000000000004', '0.30', '0.00', '0.30'],
    ['0.1', '0.1', '0', '0.10', '0.10', '0.00'],
    ['1e21', '0', '1e21', '1000000000000000000000.00', '0.00', '1000000000000000000000.00'],
    [
      '12345678901234567.89',
      '0',
      '12345678901234567.89',
      '12345678901234567.89',
      '0.00',
      '12345678901234567.89',
    ],
    ['1.005', '0', '1.005', '1.01', '0.00', '1.01'],
    [
      '1e40',
      '0',
      '1e40',
      '10000000000000000000000000000000000000000.00',
      '0.00',
      '10000000000000000000000000000000000000000.00',
    ],
    ['119', '19.99', '99.01', '119.00', '19.99', '99.01'],
  ])('total %s, paid %s, open %s', async (total, paid, open, gross, paidOut, dueOut) => {
    nock(HOST)
      .get('/api/v1/invoices/7')
      .query(true)
      .reply(200, invoiceText(total, paid, open), { 'content-type': 'application/json' });
    const invoice = await adapter.invoices.get('7');
    expect(invoice.totals).toMatchObject({ gross, paid: paidOut, due: dueOut });
  });
});

describe('outgoing requests', () => {
  it('get: Bearer auth, JSON accepted, items/payments/contact included, no key in the query', async () => {
    let seen: { headers: Record<string, unknown>; query: string } | undefined;
    nock(HOST)
      .get('/api/v1/invoices/7')
      .query(true)
      .reply(function reply(uri) {
        seen = { headers: this.req.headers, query: uri.split('?')[1] ?? '' };
        return [200, invoiceText('119', '0', '119')];
      });
    await adapter.invoices.get('7');
    expect(seen?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(seen?.headers.accept).toContain('application/json');
    expect(decodeURIComponent(seen?.query ?? '')).toBe('include=items,payments,contact');
  });

  it('X-API-Key when configured', async () => {
    const keyed = createPlandocketAdapter({
      tenant: 'acme',
      apiKey: API_KEY,
      authHeader: 'x-api-key',
    });
    let headers: Record<string, unknown> = {};
    nock(HOST)
      .get('/api/v1/invoices/7')
      .query(true)
      .reply(function reply() {
        headers = this.req.headers;
        return [200, invoiceText('1', '0', '1')];
      });
    await keyed.invoices.get('7');
    expect(headers['x-api-key']).toBe(API_KEY);
    expect(headers.authorization).toBeUndefined();
    await keyed.close();
  });

  it('list: the vendor filters it has, page + per_page, and the full includes', async () => {
    const queries: Record<string, string>[] = [];
    nock(HOST)
      .get('/api/v1/contacts/12')
      .reply(200, '{"data":{"id":12,"customer_number":"K-10012","company_name":"Messe GmbH"}}')
      .get('/api/v1/invoices')
      .query((query) => {
        queries.push(query as Record<string, string>);
        return true;
      })
      .reply(200, '{"data":[],"meta":{"request_id":"req_1"}}');
    await collect(
      adapter.invoices.list({ customerId: '12', status: ['paid'], type: ['credit_note'] }),
    );
    expect(queries).toEqual([
      {
        include: 'items,payments,contact',
        customer_number: 'K-10012',
        type: 'credit_note',
        page: '1',
        per_page: '100',
      },
    ]);
  });

  it('markPaid: POST /payments with the invoice NUMBER, the amount as a decimal, the date, the gateway and the reference', async () => {
    let posted: unknown;
    nock(HOST)
      .get('/api/v1/invoices/7')
      .query(true)
      .reply(200, invoiceText('119', '19', '100'))
      .post('/api/v1/payments', (body) => {
        posted = body;
        return true;
      })
      .reply(201, '{"data":{"id":1,"invoice_id":7,"amount":40.5},"meta":{"request_id":"req_pay"}}')
      .get('/api/v1/invoices/7')
      .query(true)
      .reply(200, invoiceText('119', '59.5', '59.5'));
    const result = await adapter.invoices.markPaid('7', {
      amount: '40.50',
      date: '2026-11-19',
      method: 'direct_debit',
      reference: 'Kontoauszug 17',
    });
    expect(posted).toEqual({
      invoice_number: 'RE-7',
      // A bare JSON number (the vendor's float); its exact digits are proven over loopback below.
      amount: 40.5,
      currency: 'EUR',
      // The caller's reference is the transaction id; the method the gateway's key.
      transaction_id: 'Kontoauszug 17',
      payment_date: '2026-11-19',
      gateway_key: 'sepa_direct_debit',
    });
    expect(result.requestId).toBe('req_pay');
    expect(result.data.status.canonical).toBe('partially_paid');
  });

  it('operations the API lacks reject before any request', async () => {
    const catchAll = nock(HOST).get(/.*/).reply(500, '{"error":"should not be called"}');
    for (const call of [
      () => adapter.invoices.create({} as never),
      () => adapter.invoices.delete('7'),
      () => adapter.invoices.finalize('7'),
      () => adapter.invoices.send('7'),
      () => adapter.invoices.downloadPdf('7'),
      () => adapter.invoices.reminders('7'),
    ])
      await expect(call()).rejects.toBeInstanceOf(UnsupportedOperationError);
    await expect(adapter.invoices.update('7', { lines: [] } as never)).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(
      adapter.invoices.update('7', { currency: 'USD', notes: 'x' }),
    ).rejects.toMatchObject({ code: 'unsupported', issues: [{ path: 'currency' }] });
    // Nothing reached the network: a catch-all interceptor stayed unused.
    expect(catchAll.isDone()).toBe(false);
  });
});

describe('every documented error shape, with the request id', () => {
  const failing = (status: number, body: string, headers: Record<string, string> = {}) =>
    nock(HOST)
      .get('/api/v1/invoices/7')
      .query(true)
      .times(5)
      .reply(status, body, { 'content-type': 'application/json', ...headers });

  it.each([
    [401, '{"error":"Unauthenticated"}', AuthenticationError],
    [403, '{"error":"Insufficient permissions: missing scope invoices"}', PermissionError],
    [404, '{"error":"Resource not found"}', NotFoundError],
    [405, '{"error":"Method not allowed"}', ProviderError],
  ])('%i → %s', async (status, body, type) => {
    failing(status, body, { 'x-request-id': `req_${status}` });
    const error = await adapter.invoices.get('7').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({ status, requestId: `req_${status}` });
    expect((error as Error).message).toContain(JSON.parse(body).error);
    expect(findLeakedSecrets(error, [API_KEY])).toEqual([]);
  });

  it('422 → ValidationError with every field and message', async () => {
    nock(HOST)
      .patch('/api/v1/invoices/7')
      .reply(
        422,
        '{"error":"Validation failed","errors":{"due_date":["must be an ISO 8601 date","is locked"],"status":["is invalid"]}}',
      );
    const error = await adapter.vendor.invoices
      .update('7', { status: 'sent', due_date: '2026-12-24' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { path: 'due_date', message: 'must be an ISO 8601 date' },
      { path: 'due_date', message: 'is locked' },
      { path: 'status', message: 'is invalid' },
    ]);
  });

  it('429 without headers: backs off by itself and succeeds; 500 on a read is retried', async () => {
    nock(HOST)
      .get('/api/v1/invoices/7')
      .query(true)
      .reply(429, '{"error":"Rate limit exceeded"}')
      .get('/api/v1/invoices/7')
      .query(true)
      .reply(500, '{"error":"Internal server error"}')
      .get('/api/v1/invoices/7')
      .query(true)
      .reply(200, invoiceText('1', '0', '1'));
    const sleeps = clock.sleeps.length;
    expect((await adapter.invoices.get('7')).id).toBe('7');
    expect(clock.sleeps.length - sleeps).toBe(2);
    expect(clock.sleeps.slice(sleeps).every((ms) => ms > 0)).toBe(true);
  });

  it('429 until retries run out → RateLimitedError; 500 → UnavailableError', async () => {
    failing(429, '{"error":"Rate limit exceeded"}');
    await expect(adapter.invoices.get('7')).rejects.toBeInstanceOf(RateLimitedError);
    nock.cleanAll();
    failing(500, '{"error":"Internal server error"}');
    await expect(adapter.invoices.get('7')).rejects.toBeInstanceOf(UnavailableError);
  });
});

describe('the payment body on the wire, byte for byte (loopback)', () => {
  it('sends the amount as a JSON number with exactly its digits', async () => {
    nock.enableNetConnect('127.0.0.1');
    const emulator = createPlandocketEmulator({ apiKey: API_KEY });
    emulator.seed({ contacts: [{ id: 1, company_name: 'Bytes GmbH' }] });
    emulator.seed({
      invoices: [
        {
          id: 5,
          contact_id: 1,
          items: [{ description: 'Stand', unit_price: '100.00', tax_rate: '19' }],
        },
      ],
    });
    const served = await serveEmulator(emulator);
    const local = createPlandocketAdapter({ baseUrl: served.baseUrl, apiKey: API_KEY });
    try {
      await local.invoices.markPaid('5', { amount: '40.50' });
      const post = emulator.requests.find((request) => request.method === 'POST');
      expect(post?.body).toMatch(/"amount":40\.50,/);
      await expect(local.invoices.markPaid('5', { amount: '0.001' })).rejects.toBeInstanceOf(
        ValidationError,
      );
    } finally {
      await local.close();
      await served.close();
      nock.disableNetConnect();
    }
  });
});

describe('paging answers the emulator does not produce', () => {
  it('follows a cursor-style links.next exactly, filters and includes kept in the link', async () => {
    const asked: string[] = [];
    nock(HOST)
      .get(/\/api\/v1\/invoices.*/)
      .times(2)
      .reply(function reply(uri) {
        asked.push(uri);
        return uri.includes('cursor=abc')
          ? [200, '{"data":[{"id":3,"total":1}],"links":{"next":null}}']
          : [
              200,
              '{"data":[{"id":1,"total":1},{"id":2,"total":1}],"links":{"next":"/api/v1/invoices?cursor=abc&include=items"}}',
            ];
      });
    const invoices = await collect(adapter.invoices.list());
    expect(invoices.map((invoice) => invoice.id)).toEqual(['1', '2', '3']);
    expect(asked[1]).toBe('/api/v1/invoices?cursor=abc&include=items');
  });

  it.each([
    ['another host', 'https://evil.example/api/v1/invoices?cursor=abc'],
    ['a protocol-relative host', '//evil.example/api/v1/invoices?cursor=abc'],
    ['userinfo on this host', 'https://user:pass@acme.plandocket.com/api/v1/invoices?cursor=abc'],
    ['another resource', '/api/v1/contacts?cursor=abc'],
    ['a path climbing out', '/api/v1/invoices/../../admin?cursor=abc'],
    ['an encoded climb', '/api/v1/invoices/%2e%2e/contacts?cursor=abc'],
    ['a non-http scheme', 'javascript:alert(1)'],
  ])(
    'a links.next to %s is not followed: the next page is asked by number',
    async (_name, next) => {
      const asked: string[] = [];
      const elsewhere = nock('https://evil.example').get(/.*/).reply(200, '{"data":[]}');
      nock(HOST)
        .get(/.*/)
        .times(2)
        .reply(function reply(uri) {
          asked.push(uri);
          return new URL(uri, HOST).searchParams.get('page') === '2'
            ? [200, '{"data":[{"id":2,"total":1}],"links":{"next":null}}']
            : [200, JSON.stringify({ data: [{ id: 1, total: 1 }], links: { next } })];
        });
      const invoices = await collect(adapter.invoices.list());
      expect(invoices.map((invoice) => invoice.id)).toEqual(['1', '2']);
      expect(asked.map((uri) => new URL(uri, HOST).pathname)).toEqual([
        '/api/v1/invoices',
        '/api/v1/invoices',
      ]);
      expect(new URL(asked[1] ?? '', HOST).searchParams.get('cursor')).toBeNull();
      expect(elsewhere.isDone()).toBe(false);
    },
  );

  it('ids go into paths as digits only: nothing else is sent', async () => {
    const catchAll = nock(HOST).get(/.*/).reply(500, '{}').patch(/.*/).reply(500, '{}');
    for (const id of ['', '.', '..', '1/../2', '%2e%2e', '7?x=1', ' 7', '-1', '1e3'])
      for (const call of [
        () => adapter.vendor.invoices.get(id),
        () => adapter.vendor.contacts.update(id, { notes: 'x' }),
        () => adapter.vendor.payments.delete(id),
        () => adapter.invoices.markPaid(id),
      ])
        await expect(call()).rejects.toBeInstanceOf(ValidationError);
    expect(catchAll.isDone()).toBe(false);
  });

  it('pages records keyed by invoice_id (the published example) without cutting them off', async () => {
    nock(HOST)
      .get('/api/v1/invoices')
      .query(true)
      .times(3)
      .reply(function reply(uri) {
        const page = Number(new URL(uri, HOST).searchParams.get('page'));
        const ids = page === 1 ? [1, 2] : page === 2 ? [3, 4] : [5];
        return [200, JSON.stringify({ data: ids.map((id) => ({ invoice_id: id, total: 1 })) })];
      });
    const keyed = createPlandocketAdapter({ tenant: 'acme', apiKey: API_KEY, pageSize: 2 });
    expect((await collect(keyed.invoices.list())).map((invoice) => invoice.id)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
    ]);
    await keyed.close();
  });

  it('a customer without a customer number still filters to that customer only', async () => {
    nock(HOST)
      .get('/api/v1/contacts/2')
      .reply(200, '{"data":{"id":2,"customer_number":null,"last_name":"Ohne Nummer"}}')
      .get('/api/v1/invoices')
      .query((query) => query.customer_number === undefined)
      .times(2)
      .reply(function reply(uri) {
        // No paging metadata: the adapter reads on until an empty page.
        return new URL(uri, HOST).searchParams.get('page') === '1'
          ? [
              200,
              '{"data":[{"id":1,"total":1,"contact":{"id":1}},{"id":2,"total":1,"contact":{"id":2}}]}',
            ]
          : [200, '{"data":[]}'];
      });
    const invoices = await collect(adapter.invoices.list({ customerId: '2' }));
    expect(invoices.map((invoice) => invoice.id)).toEqual(['2']);
  });
});
