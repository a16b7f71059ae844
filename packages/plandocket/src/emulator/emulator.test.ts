import { serveEmulator, type ServedEmulator } from '@invoicekit/core/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createPlandocketEmulator,
  type PlandocketEmulator,
  type PlandocketEmulatorOptions,
} from '.';

const API_KEY = 'pd_live_7f3a9c21e4';
const NOW = new Date('2026-03-01T09:00:00Z');

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly json: Record<string, unknown>;
}

let served: ServedEmulator | undefined;
let emulator: PlandocketEmulator;
let clock: Date;

afterEach(async () => {
  await served?.close();
  served = undefined;
});

async function start(options: Partial<PlandocketEmulatorOptions> = {}): Promise<void> {
  clock = NOW;
  emulator = createPlandocketEmulator({ apiKey: API_KEY, now: () => clock, ...options });
  served = await serveEmulator(emulator);
}

/** One request over real loopback HTTP; Bearer auth unless other headers are given. */
async function api(
  method: string,
  path: string,
  { body, headers }: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  if (!served) throw new Error('not started');
  const response = await fetch(`${served.baseUrl}${path}`, {
    method,
    headers: headers ?? {
      authorization: `Bearer ${API_KEY}`,
      'content-type': 'application/json',
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
  };
}

function data(answer: Answer): Record<string, unknown> {
  return answer.json.data as Record<string, unknown>;
}

function rows(answer: Answer): Record<string, unknown>[] {
  return answer.json.data as Record<string, unknown>[];
}

function ids(answer: Answer): number[] {
  return rows(answer).map((row) => row.id as number);
}

/**
 * Three contacts and five invoices whose totals, numbers, statuses, due dates and creation times
 * all sort differently, plus a completed payment (invoice 1005 paid) and a pending one (no effect).
 *
 * totals: 1001 119.00 · 1002 118.88 · 1003 1070.00 · 1004 59.50 · 1005 500.00 (reverse charge)
 */
function seedTenant(): void {
  emulator.seed({
    contacts: [
      {
        id: 501,
        customer_number: 'K-20001',
        company_name: 'Alpha Messebau GmbH',
        first_name: 'Anna',
        last_name: 'Adler',
        email: 'anna@alpha.example',
        city: 'Berlin',
      },
      {
        id: 502,
        customer_number: 'K-20002',
        company_name: 'Beta Catering',
        first_name: 'Bernd',
        last_name: 'Bauer',
        email: 'bernd@beta.example',
        city: 'München',
      },
      {
        id: 503,
        first_name: 'Carla',
        last_name: 'Cramer',
        email: 'carla@example.org',
        city: 'Aachen',
      },
    ],
    invoices: [
      {
        id: 1001,
        invoice_number: 'RE-2026-0001',
        contact_id: 501,
        event_key: 'messe-2026',
        created_at: '2026-01-10T08:00:00Z',
      },
      {
        id: 1002,
        invoice_number: 'RE-2026-0002',
        status: 'draft',
        contact_id: 502,
        event_key: 'messe-2026',
        items: [
          { description: 'Strom', quantity: '2', unit_price: '49.95', tax_rate: '19', unit: 'Stk' },
        ],
        due_date: '2026-03-31',
        created_at: '2026-01-20T08:00:00Z',
      },
      {
        id: 1003,
        invoice_number: 'RE-2025-0099',
        status: 'overdue',
        contact_id: 501,
        event_key: 'expo-2026',
        items: [{ description: 'Fläche', quantity: '12.5', unit_price: '80.00', tax_rate: '7' }],
        service_date: '2026-02-01',
        created_at: '2026-02-05T08:00:00Z',
      },
      {
        id: 1004,
        invoice_number: 'RE-2026-0004',
        invoice_type: 'credit_note',
        related_invoice_id: 1001,
        contact_id: 501,
        event_key: 'messe-2026',
        items: [{ description: 'Gutschrift Standmiete', unit_price: '50.00' }],
        created_at: '2026-02-10T08:00:00Z',
      },
      {
        id: 1005,
        invoice_number: 'RE-2026-0005',
        contact_id: 502,
        event_key: 'expo-2026',
        items: [{ description: 'Standmiete', unit_price: '500.00', tax_rate: '19' }],
        is_reverse_charge: true,
        created_at: '2026-02-10T08:00:00Z',
      },
    ],
    payments: [
      {
        id: 9001,
        invoice_id: 1005,
        amount: '500.00',
        payment_date: '2026-02-15',
        gateway_key: 'stripe',
        transaction_id: 'pi_1',
        created_at: '2026-02-15T10:00:00Z',
      },
      {
        id: 9002,
        invoice_number: 'RE-2026-0001',
        amount: '19.00',
        status: 'pending',
        payment_date: '2026-01-30T12:30:00Z',
        created_at: '2026-01-30T12:30:00Z',
      },
    ],
  });
}

describe('envelope and request ids', () => {
  it('wraps a record as {data, meta.request_id} and sends the same id as x-request-id', async () => {
    await start();
    seedTenant();
    const first = await api('GET', '/api/v1/invoices/1001');
    const second = await api('GET', '/api/v1/invoices/1001');
    expect(first.status).toBe(200);
    expect(Object.keys(first.json)).toEqual(['data', 'meta']);
    expect(first.json.meta).toEqual({ request_id: 'req_1' });
    expect(first.headers.get('x-request-id')).toBe('req_1');
    expect(second.json.meta).toEqual({ request_id: 'req_2' });
    expect(second.headers.get('x-request-id')).toBe('req_2');
  });

  it('renders the invoice with exactly the documented fields, in order, money as numbers', async () => {
    await start();
    seedTenant();
    const answer = await api('GET', '/api/v1/invoices/1001');
    expect(Object.keys(data(answer))).toEqual([
      'id',
      'invoice_number',
      'invoice_type',
      'related_invoice_id',
      'status',
      'event_participant_id',
      'total',
      'currency',
      'paid_amount',
      'open_amount',
      'service_date',
      'due_date',
      'is_reverse_charge',
      'is_locked',
      'locked_at',
      'reminder_sent_at',
      'reminder_count',
      'notes',
      'created_at',
      'updated_at',
    ]);
    expect(data(answer)).toEqual({
      id: 1001,
      invoice_number: 'RE-2026-0001',
      invoice_type: 'invoice',
      related_invoice_id: null,
      status: 'sent',
      event_participant_id: 301,
      total: 119,
      currency: 'EUR',
      // the pending seeded payment does not count
      paid_amount: 0,
      open_amount: 119,
      service_date: null,
      due_date: '2026-01-24',
      is_reverse_charge: false,
      is_locked: true,
      locked_at: '2026-01-10T08:00:00Z',
      reminder_sent_at: null,
      reminder_count: 0,
      notes: null,
      created_at: '2026-01-10T08:00:00Z',
      updated_at: '2026-01-10T08:00:00Z',
    });
  });

  it('computes rounded line totals, reverse charge without tax, and credit notes as given', async () => {
    await start();
    seedTenant();
    const list = await api('GET', '/api/v1/invoices?sort=invoice_number&order=ASC');
    expect(
      rows(list).map((row) => [row.invoice_number, row.invoice_type, row.total, row.open_amount]),
    ).toEqual([
      ['RE-2025-0099', 'invoice', 1070, 1070],
      ['RE-2026-0001', 'invoice', 119, 119],
      ['RE-2026-0002', 'invoice', 118.88, 118.88],
      ['RE-2026-0004', 'credit_note', 59.5, 59.5],
      ['RE-2026-0005', 'invoice', 500, 0],
    ]);
    const credit = await api('GET', '/api/v1/invoices/1004');
    expect(data(credit).related_invoice_id).toBe(1001);
    const reverse = await api('GET', '/api/v1/invoices/1005?include=items');
    expect(data(reverse)).toMatchObject({
      is_reverse_charge: true,
      status: 'paid',
      paid_amount: 500,
    });
    expect((data(reverse).items as unknown[])[0]).toMatchObject({ net: 500, tax: 0, total: 500 });
  });

  it('applies seed defaults: RE-<year>-NNNN numbers, one Standmiete line, due in 14 days', async () => {
    await start();
    emulator.seed({ invoices: [{}, { status: 'draft', created_at: '2025-12-20' }] });
    const list = await api('GET', '/api/v1/invoices?sort=invoice_number&order=ASC&include=items');
    expect(
      rows(list).map((row) => [row.invoice_number, row.status, row.due_date, row.is_locked]),
    ).toEqual([
      ['RE-2025-0002', 'draft', '2026-01-03', false],
      ['RE-2026-0001', 'sent', '2026-03-15', true],
    ]);
    expect(rows(list)[1]).toMatchObject({
      currency: 'EUR',
      event_participant_id: null,
      created_at: '2026-03-01T09:00:00Z',
      total: 119,
      items: [
        {
          id: 1,
          description: 'Standmiete',
          quantity: 1,
          unit: null,
          unit_price: 100,
          tax_rate: 19,
          net: 100,
          tax: 19,
          total: 119,
        },
      ],
    });
  });

  it('answers bare data (objects and arrays) in bare mode, still with x-request-id', async () => {
    await start({ envelope: 'bare' });
    seedTenant();
    const one = await api('GET', '/api/v1/invoices/1002');
    expect(one.json).toMatchObject({ id: 1002, invoice_number: 'RE-2026-0002', total: 118.88 });
    expect(one.json).not.toHaveProperty('data');
    expect(one.headers.get('x-request-id')).toBe('req_1');
    const list = await api('GET', '/api/v1/invoices?per_page=2');
    const array = JSON.parse(list.text) as { id: number }[];
    expect(array.map((row) => row.id)).toEqual([1005, 1004]);
    const created = await api('POST', '/api/v1/contacts', { body: { company_name: 'Bare AG' } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ company_name: 'Bare AG', customer_number: 'K-10002' });
    const error = await api('GET', '/api/v1/invoices/4242');
    expect(error.json).toEqual({ error: 'Resource not found' });
  });
});

describe('invoice list: filters, sorting, includes', () => {
  it('filters by status, customer_number, event_key and type', async () => {
    await start();
    seedTenant();
    expect(ids(await api('GET', '/api/v1/invoices?status=sent'))).toEqual([1004, 1001]);
    expect(ids(await api('GET', '/api/v1/invoices?status=draft'))).toEqual([1002]);
    expect(ids(await api('GET', '/api/v1/invoices?customer_number=K-20002'))).toEqual([1005, 1002]);
    expect(ids(await api('GET', '/api/v1/invoices?customer_number=K-99999'))).toEqual([]);
    expect(ids(await api('GET', '/api/v1/invoices?event_key=expo-2026'))).toEqual([1005, 1003]);
    expect(ids(await api('GET', '/api/v1/invoices?type=credit_note'))).toEqual([1004]);
    expect(ids(await api('GET', '/api/v1/invoices?type=invoice'))).toEqual([
      1005, 1003, 1002, 1001,
    ]);
    expect(
      ids(
        await api(
          'GET',
          '/api/v1/invoices?event_key=messe-2026&customer_number=K-20001&status=sent',
        ),
      ),
    ).toEqual([1004, 1001]);
  });

  it.each([
    ['invoice_number', [1003, 1001, 1002, 1004, 1005]],
    ['total', [1004, 1002, 1001, 1005, 1003]],
    // ties (two `sent`) fall back to the id
    ['status', [1002, 1003, 1005, 1001, 1004]],
    ['due_date', [1001, 1003, 1004, 1005, 1002]],
    ['created_at', [1001, 1002, 1003, 1004, 1005]],
  ])('sorts by %s in both orders', async (field, ascending) => {
    await start();
    seedTenant();
    expect(ids(await api('GET', `/api/v1/invoices?sort=${field}&order=ASC`))).toEqual(ascending);
    expect(ids(await api('GET', `/api/v1/invoices?sort=${field}&order=DESC`))).toEqual(
      [...ascending].reverse(),
    );
  });

  it('defaults to created_at DESC (ties by id) and accepts lower-case order', async () => {
    await start();
    seedTenant();
    expect(ids(await api('GET', '/api/v1/invoices'))).toEqual([1005, 1004, 1003, 1002, 1001]);
    expect(ids(await api('GET', '/api/v1/invoices?order=asc'))).toEqual([
      1001, 1002, 1003, 1004, 1005,
    ]);
  });

  it('include=items lists the lines with numeric amounts', async () => {
    await start();
    seedTenant();
    const answer = await api('GET', '/api/v1/invoices/1002?include=items');
    expect(data(answer).items).toEqual([
      {
        id: 2,
        description: 'Strom',
        product_id: null,
        quantity: 2,
        unit: 'Stk',
        unit_price: 49.95,
        tax_rate: 19,
        net: 99.9,
        // 18.981 rounded half-up per line
        tax: 18.98,
        total: 118.88,
      },
    ]);
    expect(data(answer)).not.toHaveProperty('payments');
    const fractional = await api('GET', '/api/v1/invoices/1003?include=items');
    expect(data(fractional).items).toEqual([
      expect.objectContaining({ quantity: 12.5, unit_price: 80, tax_rate: 7, net: 1000, tax: 70 }),
    ]);
  });

  it('include=payments lists every payment of the invoice', async () => {
    await start();
    seedTenant();
    const answer = await api('GET', '/api/v1/invoices/1005?include=payments');
    expect(data(answer).payments).toEqual([
      {
        id: 9001,
        invoice_id: 1005,
        amount: 500,
        currency: 'EUR',
        // The tenant's gateway the key names: its id and display name.
        gateway_id: 3,
        gateway_key: 'stripe',
        gateway_name: 'Stripe',
        transaction_id: 'pi_1',
        gateway_fee: 0,
        net_amount: 500,
        status: 'completed',
        payment_date: '2026-02-15T00:00:00Z',
        notes: null,
        created_at: '2026-02-15T10:00:00Z',
        updated_at: '2026-02-15T10:00:00Z',
      },
    ]);
    const pending = await api('GET', '/api/v1/invoices/1001?include=payments');
    expect(
      (data(pending).payments as { id: number; status: string }[]).map((p) => [p.id, p.status]),
    ).toEqual([[9002, 'pending']]);
  });

  it('include=contact embeds the customer, or null for an invoice without one', async () => {
    await start();
    seedTenant();
    emulator.seed({ invoices: [{ id: 1006, invoice_number: 'RE-2026-0006' }] });
    const list = await api(
      'GET',
      '/api/v1/invoices?include=contact,items,payments&sort=invoice_number&order=DESC&per_page=2',
    );
    expect(
      rows(list).map((row) => [
        row.id,
        (row.contact as { customer_number: string } | null)?.customer_number ?? null,
      ]),
    ).toEqual([
      [1006, null],
      [1005, 'K-20002'],
    ]);
    expect(rows(list)[1]).toHaveProperty('items');
    expect(rows(list)[1]).toHaveProperty('payments');
    const one = await api('GET', '/api/v1/invoices/1001?include=contact');
    expect(data(one).contact).toEqual({
      id: 501,
      customer_number: 'K-20001',
      company_name: 'Alpha Messebau GmbH',
      first_name: 'Anna',
      last_name: 'Adler',
      address: null,
      postal_code: null,
      city: 'Berlin',
      country: null,
      state: null,
      phone: null,
      fax: null,
      mobile: null,
      email: 'anna@alpha.example',
      website: null,
      notes: null,
      tax_id: null,
      rating: null,
      account_access_enabled: false,
      has_account: false,
      created_at: '2026-03-01T09:00:00Z',
      updated_at: '2026-03-01T09:00:00Z',
    });
  });

  it('links an invoice to its participant (contact and event)', async () => {
    await start();
    seedTenant();
    const invoice = data(await api('GET', '/api/v1/invoices/1003'));
    const participant = await api(
      'GET',
      `/api/v1/participants/${String(invoice.event_participant_id)}`,
    );
    expect(participant.status).toBe(200);
    expect(data(participant)).toEqual({
      id: 303,
      event_id: 12,
      contact_id: 501,
      is_confirmed: true,
      created_at: '2026-02-05T08:00:00Z',
      updated_at: '2026-02-05T08:00:00Z',
    });
    // one participant per contact and event: 1001 and 1004 share theirs
    const a = data(await api('GET', '/api/v1/invoices/1001'));
    const b = data(await api('GET', '/api/v1/invoices/1004'));
    expect([a.event_participant_id, b.event_participant_id]).toEqual([301, 301]);
  });
});

describe('pagination modes', () => {
  it('meta: honours page/per_page, adds meta.pagination and follows links.next to the end', async () => {
    await start();
    seedTenant();
    const first = await api('GET', '/api/v1/invoices?status=&per_page=2');
    expect(ids(first)).toEqual([1005, 1004]);
    expect(first.json.meta).toEqual({
      request_id: 'req_1',
      pagination: { current_page: 1, per_page: 2, total: 5, total_pages: 3 },
    });
    expect(first.json.links).toEqual({ next: '/api/v1/invoices?status=&per_page=2&page=2' });
    const second = await api('GET', (first.json.links as { next: string }).next);
    expect(ids(second)).toEqual([1003, 1002]);
    const third = await api('GET', (second.json.links as { next: string }).next);
    expect(ids(third)).toEqual([1001]);
    expect(third.json.links).toEqual({ next: null });
    expect((third.json.meta as { pagination: unknown }).pagination).toEqual({
      current_page: 3,
      per_page: 2,
      total: 5,
      total_pages: 3,
    });
  });

  it('meta: defaults to 25 per page and caps per_page at 100', async () => {
    await start();
    emulator.seed({ invoices: Array.from({ length: 105 }, () => ({})) });
    const defaults = await api('GET', '/api/v1/invoices');
    expect(rows(defaults)).toHaveLength(25);
    expect((defaults.json.meta as { pagination: unknown }).pagination).toEqual({
      current_page: 1,
      per_page: 25,
      total: 105,
      total_pages: 5,
    });
    const capped = await api('GET', '/api/v1/invoices?per_page=500&page=2');
    expect(rows(capped)).toHaveLength(5);
    expect((capped.json.meta as { pagination: unknown }).pagination).toEqual({
      current_page: 2,
      per_page: 100,
      total: 105,
      total_pages: 2,
    });
    expect(capped.json.links).toEqual({ next: null });
  });

  it('page: honours page/per_page without any paging metadata', async () => {
    await start({ pagination: 'page' });
    seedTenant();
    const second = await api('GET', '/api/v1/invoices?page=2&per_page=2');
    expect(ids(second)).toEqual([1003, 1002]);
    expect(Object.keys(second.json)).toEqual(['data', 'meta']);
    expect(second.json.meta).toEqual({ request_id: 'req_1' });
    expect(ids(await api('GET', '/api/v1/invoices?page=4&per_page=2'))).toEqual([]);
  });

  it('none: ignores paging parameters and returns everything', async () => {
    await start({ pagination: 'none' });
    seedTenant();
    const answer = await api('GET', '/api/v1/invoices?page=2&per_page=2');
    expect(ids(answer)).toEqual([1005, 1004, 1003, 1002, 1001]);
    expect(answer.json.meta).toEqual({ request_id: 'req_1' });
    expect(answer.json).not.toHaveProperty('links');
  });
});

describe('invoice updates and locking', () => {
  it('updates status, notes and due_date of a draft and ignores other fields', async () => {
    await start();
    seedTenant();
    clock = new Date('2026-03-02T10:00:00Z');
    const answer = await api('PATCH', '/api/v1/invoices/1002', {
      body: { due_date: '2026-04-15', notes: 'bitte prüfen', total: 1, invoice_number: 'X' },
    });
    expect(answer.status).toBe(200);
    expect(data(answer)).toMatchObject({
      id: 1002,
      invoice_number: 'RE-2026-0002',
      total: 118.88,
      status: 'draft',
      due_date: '2026-04-15',
      notes: 'bitte prüfen',
      is_locked: false,
      locked_at: null,
      updated_at: '2026-03-02T10:00:00Z',
    });
    const reread = await api('GET', '/api/v1/invoices/1002');
    expect(data(reread).due_date).toBe('2026-04-15');
  });

  it('locks an invoice when it becomes sent; then refuses due_date changes but not notes or status', async () => {
    await start();
    seedTenant();
    clock = new Date('2026-03-02T10:00:00Z');
    // the request that sends the draft may still set its due date
    const sent = await api('PUT', '/api/v1/invoices/1002', {
      body: { status: 'sent', due_date: '2026-04-01T00:00:00Z' },
    });
    expect(data(sent)).toMatchObject({
      status: 'sent',
      due_date: '2026-04-01',
      is_locked: true,
      locked_at: '2026-03-02T10:00:00Z',
    });
    clock = new Date('2026-03-03T10:00:00Z');
    const refused = await api('PATCH', '/api/v1/invoices/1002', {
      body: { due_date: '2026-05-01' },
    });
    expect(refused.status).toBe(422);
    expect(refused.json).toEqual({
      error: 'Validation failed',
      errors: { due_date: ['Invoice is locked'] },
    });
    // an unchanged due date is no change
    const same = await api('PATCH', '/api/v1/invoices/1002', {
      body: { due_date: '2026-04-01', notes: 'Mahnung vorbereitet', status: 'overdue' },
    });
    expect(same.status).toBe(200);
    expect(data(same)).toMatchObject({
      status: 'overdue',
      notes: 'Mahnung vorbereitet',
      due_date: '2026-04-01',
      is_locked: true,
      // the lock keeps its first time
      locked_at: '2026-03-02T10:00:00Z',
      updated_at: '2026-03-03T10:00:00Z',
    });
  });

  it('rejects an unknown status, a malformed due_date and non-text notes with 422', async () => {
    await start();
    seedTenant();
    const answer = await api('PATCH', '/api/v1/invoices/1002', {
      body: { status: 'open', due_date: '31.03.2026', notes: 5 },
    });
    expect(answer.status).toBe(422);
    expect(answer.json).toEqual({
      error: 'Validation failed',
      errors: {
        status: ['must be one of: draft, sent, partially_paid, paid, overdue, cancelled, refunded'],
        notes: ['must be a string'],
        due_date: ['must be a date (YYYY-MM-DD)'],
      },
    });
    const impossible = await api('PATCH', '/api/v1/invoices/1002', {
      body: { due_date: '2026-02-30' },
    });
    expect(impossible.json.errors).toEqual({ due_date: ['must be a date (YYYY-MM-DD)'] });
    expect(data(await api('GET', '/api/v1/invoices/1002')).status).toBe('draft');
  });
});

describe('payments', () => {
  it('a partial then a full payment move paid/open and the status; deleting moves them back', async () => {
    await start();
    seedTenant();
    clock = new Date('2026-03-05T11:00:00Z');
    const partial = await api('POST', '/api/v1/payments', {
      body: {
        invoice_number: 'RE-2026-0001',
        amount: 50,
        transaction_id: 'tx-50',
        gateway_key: 'sepa',
      },
    });
    expect(partial.status).toBe(201);
    expect(Object.keys(data(partial))).toEqual([
      'id',
      'invoice_id',
      'amount',
      'currency',
      'gateway_id',
      'gateway_key',
      'gateway_name',
      'transaction_id',
      'gateway_fee',
      'net_amount',
      'status',
      'payment_date',
      'notes',
      'created_at',
      'updated_at',
    ]);
    expect(data(partial)).toEqual({
      id: 9003,
      invoice_id: 1001,
      amount: 50,
      currency: 'EUR',
      gateway_id: null,
      gateway_key: 'sepa',
      gateway_name: null,
      transaction_id: 'tx-50',
      gateway_fee: 0,
      net_amount: 50,
      status: 'completed',
      payment_date: '2026-03-05T11:00:00Z',
      notes: null,
      created_at: '2026-03-05T11:00:00Z',
      updated_at: '2026-03-05T11:00:00Z',
    });
    expect(data(await api('GET', '/api/v1/invoices/1001'))).toMatchObject({
      status: 'partially_paid',
      paid_amount: 50,
      open_amount: 69,
      updated_at: '2026-03-05T11:00:00Z',
    });

    const tooMuch = await api('POST', '/api/v1/payments', {
      body: { invoice_number: 'RE-2026-0001', amount: 69.01 },
    });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.json).toEqual({
      error: 'Validation failed',
      errors: { amount: ['exceeds the open amount'] },
    });

    const rest = await api('POST', '/api/v1/payments', {
      body: { invoice_number: 'RE-2026-0001', amount: 69, payment_date: '2026-03-04' },
    });
    expect(data(rest)).toMatchObject({
      id: 9004,
      amount: 69,
      payment_date: '2026-03-04T00:00:00Z',
    });
    expect(data(await api('GET', '/api/v1/invoices/1001'))).toMatchObject({
      status: 'paid',
      paid_amount: 119,
      open_amount: 0,
    });

    const deleted = await api('DELETE', '/api/v1/payments/9003');
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect(data(await api('GET', '/api/v1/invoices/1001'))).toMatchObject({
      status: 'partially_paid',
      paid_amount: 69,
      open_amount: 50,
    });

    const refunded = await api('PATCH', '/api/v1/payments/9004', { body: { status: 'refunded' } });
    expect(data(refunded)).toMatchObject({ id: 9004, status: 'refunded', amount: 69 });
    expect(data(await api('GET', '/api/v1/invoices/1001'))).toMatchObject({
      status: 'sent',
      paid_amount: 0,
      open_amount: 119,
    });
  });

  it('holds several payments per invoice, each with its own date, gateway and reference', async () => {
    await start();
    seedTenant();
    for (const [amount, day, gateway, reference] of [
      [30, '2026-03-02', 'bank_transfer', 'SEPA-0302'],
      [40, '2026-03-03', 'paypal', 'PAY-7Q'],
    ] as const) {
      const created = await api('POST', '/api/v1/payments', {
        body: {
          invoice_number: 'RE-2026-0001',
          amount,
          payment_date: day,
          gateway_key: gateway,
          transaction_id: reference,
        },
      });
      expect(created.status).toBe(201);
    }
    const answer = await api('GET', '/api/v1/invoices/1001?include=payments');
    expect(
      (data(answer).payments as Record<string, unknown>[]).map((payment) => [
        payment.amount,
        payment.payment_date,
        payment.gateway_id,
        payment.gateway_key,
        payment.gateway_name,
        payment.transaction_id,
        payment.status,
      ]),
    ).toEqual([
      [19, '2026-01-30T12:30:00Z', null, null, null, null, 'pending'],
      [30, '2026-03-02T00:00:00Z', 1, 'bank_transfer', 'Banküberweisung', 'SEPA-0302', 'completed'],
      [40, '2026-03-03T00:00:00Z', 4, 'paypal', 'PayPal', 'PAY-7Q', 'completed'],
    ]);
    expect(data(answer)).toMatchObject({ status: 'partially_paid', paid_amount: 70 });
    const listed = await api(
      'GET',
      '/api/v1/payments?invoice_number=RE-2026-0001&status=completed',
    );
    expect(rows(listed).map((payment) => payment.gateway_name)).toEqual(
      expect.arrayContaining(['Banküberweisung', 'PayPal']),
    );
  });

  it('seeds reminders, line product ids and a gateway name the tenant chose', async () => {
    await start();
    emulator.seed({
      invoices: [
        {
          id: 1100,
          invoice_number: 'RE-2026-0100',
          reminder_sent_at: '2026-02-20',
          items: [
            {
              description: 'Beratung',
              quantity: '3',
              unit: 'h',
              unit_price: '90.00',
              product_id: 42,
            },
          ],
        },
      ],
      payments: [
        { invoice_id: 1100, amount: '50.00', gateway_key: 'gw_9', gateway_name: 'Hauskasse' },
      ],
    });
    const answer = await api('GET', '/api/v1/invoices/1100?include=items,payments');
    expect(data(answer)).toMatchObject({
      reminder_sent_at: '2026-02-20T00:00:00Z',
      reminder_count: 1,
      items: [{ description: 'Beratung', product_id: 42, unit: 'h', quantity: 3 }],
      payments: [{ gateway_id: null, gateway_key: 'gw_9', gateway_name: 'Hauskasse' }],
    });
  });

  it('PUT changes an amount and re-settles; a pending payment does not count', async () => {
    await start();
    seedTenant();
    const changed = await api('PUT', '/api/v1/payments/9001', { body: { amount: 200.5 } });
    expect(changed.status).toBe(200);
    expect(data(changed)).toMatchObject({ amount: 200.5, net_amount: 200.5 });
    expect(data(await api('GET', '/api/v1/invoices/1005'))).toMatchObject({
      status: 'partially_paid',
      paid_amount: 200.5,
      open_amount: 299.5,
    });
    // its own 200.50 is not counted against itself: 500.00 fits again
    const back = await api('PUT', '/api/v1/payments/9001', { body: { amount: 500 } });
    expect(data(back)).toMatchObject({ amount: 500 });
    expect(data(await api('GET', '/api/v1/invoices/1005')).status).toBe('paid');
    const pending = await api('POST', '/api/v1/payments', {
      body: { invoice_number: 'RE-2025-0099', amount: 10, status: 'pending' },
    });
    expect(data(pending)).toMatchObject({ status: 'pending', amount: 10 });
    expect(data(await api('GET', '/api/v1/invoices/1003'))).toMatchObject({
      status: 'overdue',
      paid_amount: 0,
      open_amount: 1070,
    });
  });

  it('refuses payments on a cancelled invoice, which keeps its status', async () => {
    await start();
    seedTenant();
    await api('PATCH', '/api/v1/invoices/1003', { body: { status: 'cancelled' } });
    const refused = await api('POST', '/api/v1/payments', {
      body: { invoice_number: 'RE-2025-0099', amount: 1070 },
    });
    expect(refused.status).toBe(422);
    expect(refused.json.errors).toEqual({ invoice_number: ['invoice is cancelled'] });
    expect(data(await api('GET', '/api/v1/invoices/1003'))).toMatchObject({
      status: 'cancelled',
      paid_amount: 0,
    });
  });

  it('validates invoice_number, amount, currency and status with 422', async () => {
    await start();
    seedTenant();
    const empty = await api('POST', '/api/v1/payments', { body: {} });
    expect(empty.status).toBe(422);
    expect(empty.json).toEqual({
      error: 'Validation failed',
      errors: { invoice_number: ['is required'], amount: ['is required'] },
    });
    const unknown = await api('POST', '/api/v1/payments', {
      body: { invoice_number: 'RE-1999-0001', amount: 0 },
    });
    expect(unknown.json.errors).toEqual({
      invoice_number: ['not found'],
      amount: ['must be greater than 0'],
    });
    const bad = await api('POST', '/api/v1/payments', {
      body: {
        invoice_number: 'RE-2026-0001',
        amount: 'zehn',
        currency: 'USD',
        status: 'done',
        payment_date: 'gestern',
      },
    });
    expect(bad.json.errors).toEqual({
      amount: ['must be a number'],
      currency: ['must match the invoice currency'],
      status: ['must be one of: pending, completed, failed, cancelled, refunded'],
      payment_date: ['must be an ISO 8601 date'],
    });
    const negative = await api('POST', '/api/v1/payments', {
      body: { invoice_number: 'RE-2026-0001', amount: -5 },
    });
    expect(negative.json.errors).toEqual({ amount: ['must be greater than 0'] });
    const fraction = await api('POST', '/api/v1/payments', {
      body: { invoice_number: 'RE-2026-0001', amount: 1.005 },
    });
    expect(fraction.json.errors).toEqual({ amount: ['must have at most 2 decimals'] });
    expect(ids(await api('GET', '/api/v1/payments'))).toEqual([9001, 9002]);
  });

  it('filters by invoice_number, status, date_from and date_to', async () => {
    await start();
    seedTenant();
    clock = new Date('2026-03-10T08:00:00Z');
    await api('POST', '/api/v1/payments', {
      body: {
        invoice_number: 'RE-2025-0099',
        amount: 70,
        payment_date: '2026-02-20T16:45:00+01:00',
      },
    });
    expect(ids(await api('GET', '/api/v1/payments?invoice_number=RE-2026-0001'))).toEqual([9002]);
    expect(ids(await api('GET', '/api/v1/payments?status=completed'))).toEqual([9003, 9001]);
    expect(ids(await api('GET', '/api/v1/payments?date_from=2026-02-15'))).toEqual([9003, 9001]);
    expect(ids(await api('GET', '/api/v1/payments?date_to=2026-02-15'))).toEqual([9001, 9002]);
    expect(
      ids(await api('GET', '/api/v1/payments?date_from=2026-02-16&date_to=2026-02-20')),
    ).toEqual([9003]);
    const payment = await api('GET', '/api/v1/payments/9003');
    expect(data(payment).payment_date).toBe('2026-02-20T15:45:00Z');
    const invalid = await api('GET', '/api/v1/payments?date_from=soon');
    expect(invalid.status).toBe(422);
    expect(invalid.json).toEqual({
      error: 'Validation failed',
      errors: { date_from: ['must be a date (YYYY-MM-DD)'] },
    });
  });

  it.each([
    ['amount', [9002, 9003, 9001]],
    ['status', [9001, 9003, 9002]],
    ['payment_date', [9002, 9001, 9003]],
    ['created_at', [9002, 9001, 9003]],
  ])('sorts by %s in both orders', async (field, ascending) => {
    await start();
    seedTenant();
    clock = new Date('2026-03-10T08:00:00Z');
    await api('POST', '/api/v1/payments', {
      body: { invoice_number: 'RE-2025-0099', amount: 70, payment_date: '2026-02-20' },
    });
    expect(ids(await api('GET', `/api/v1/payments?sort=${field}&order=ASC`))).toEqual(ascending);
    expect(ids(await api('GET', `/api/v1/payments?sort=${field}&order=DESC`))).toEqual(
      [...ascending].reverse(),
    );
  });

  it('include=invoice embeds the paid invoice', async () => {
    await start();
    seedTenant();
    const one = await api('GET', '/api/v1/payments/9001?include=invoice');
    expect(data(one).invoice).toMatchObject({
      id: 1005,
      invoice_number: 'RE-2026-0005',
      status: 'paid',
      paid_amount: 500,
    });
    const list = await api('GET', '/api/v1/payments?include=invoice&sort=amount&order=ASC');
    expect(rows(list).map((row) => (row.invoice as { id: number }).id)).toEqual([1001, 1005]);
    const plain = await api('GET', '/api/v1/payments/9001');
    expect(data(plain)).not.toHaveProperty('invoice');
  });
});

describe('contacts', () => {
  it('creates, reads, updates and deletes a contact', async () => {
    await start();
    seedTenant();
    clock = new Date('2026-03-04T12:00:00Z');
    const created = await api('POST', '/api/v1/contacts', {
      body: {
        company_name: 'Delta Events UG',
        last_name: 'Dorn',
        email: 'info@delta.example',
        city: 'Köln',
        country: 'DE',
        tax_id: 'DE123456789',
      },
    });
    expect(created.status).toBe(201);
    expect(data(created)).toEqual({
      id: 504,
      // K-10001 went to the seeded contact without a number
      customer_number: 'K-10002',
      company_name: 'Delta Events UG',
      first_name: null,
      last_name: 'Dorn',
      address: null,
      postal_code: null,
      city: 'Köln',
      country: 'DE',
      state: null,
      phone: null,
      fax: null,
      mobile: null,
      email: 'info@delta.example',
      website: null,
      notes: null,
      tax_id: 'DE123456789',
      rating: null,
      account_access_enabled: false,
      has_account: false,
      created_at: '2026-03-04T12:00:00Z',
      updated_at: '2026-03-04T12:00:00Z',
    });
    expect(data(await api('GET', '/api/v1/contacts/504'))).toEqual(data(created));

    clock = new Date('2026-03-05T12:00:00Z');
    const patched = await api('PATCH', '/api/v1/contacts/504', {
      body: { phone: '+49 221 123', city: null },
    });
    expect(patched.status).toBe(200);
    expect(data(patched)).toMatchObject({
      company_name: 'Delta Events UG',
      phone: '+49 221 123',
      city: null,
      customer_number: 'K-10002',
      created_at: '2026-03-04T12:00:00Z',
      updated_at: '2026-03-05T12:00:00Z',
    });
    const put = await api('PUT', '/api/v1/contacts/504', {
      body: { customer_number: 'K-30000', rating: 4 },
    });
    expect(data(put)).toMatchObject({
      customer_number: 'K-30000',
      rating: 4,
      phone: '+49 221 123',
    });

    const deleted = await api('DELETE', '/api/v1/contacts/504');
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect(deleted.headers.get('x-request-id')).toMatch(/^req_\d+$/);
    expect((await api('GET', '/api/v1/contacts/504')).status).toBe(404);
    expect((await api('DELETE', '/api/v1/contacts/504')).status).toBe(404);
  });

  it('validates a name, the e-mail and a unique customer number with 422', async () => {
    await start();
    seedTenant();
    const nameless = await api('POST', '/api/v1/contacts', {
      body: { company_name: ' ', first_name: 'Eva', email: 'not-an-address' },
    });
    expect(nameless.status).toBe(422);
    expect(nameless.json).toEqual({
      error: 'Validation failed',
      errors: {
        company_name: ['company_name or last_name is required'],
        email: ['must be a valid email address'],
      },
    });
    const duplicate = await api('POST', '/api/v1/contacts', {
      body: { last_name: 'Engel', customer_number: 'K-20001' },
    });
    expect(duplicate.json).toEqual({
      error: 'Validation failed',
      errors: { customer_number: ['has already been taken'] },
    });
    const taken = await api('PATCH', '/api/v1/contacts/502', {
      body: { customer_number: 'K-20001' },
    });
    expect(taken.json.errors).toEqual({ customer_number: ['has already been taken'] });
    const emptied = await api('PATCH', '/api/v1/contacts/501', {
      body: { company_name: null, last_name: '' },
    });
    expect(emptied.json.errors).toEqual({
      company_name: ['company_name or last_name is required'],
    });
    const own = await api('PATCH', '/api/v1/contacts/501', {
      body: { customer_number: 'K-20001' },
    });
    expect(own.status).toBe(200);
    expect(ids(await api('GET', '/api/v1/contacts?order=ASC'))).toEqual([501, 502, 503]);
  });

  it('searches case-insensitively in names, e-mail and customer number; filters by event_key', async () => {
    await start();
    seedTenant();
    expect(ids(await api('GET', '/api/v1/contacts?search=ALPHA'))).toEqual([501]);
    expect(ids(await api('GET', '/api/v1/contacts?search=bauer'))).toEqual([502]);
    expect(ids(await api('GET', '/api/v1/contacts?search=carla'))).toEqual([503]);
    expect(ids(await api('GET', '/api/v1/contacts?search=example.org'))).toEqual([503]);
    expect(ids(await api('GET', '/api/v1/contacts?search=k-2000&order=ASC'))).toEqual([501, 502]);
    // city is not searched
    expect(ids(await api('GET', '/api/v1/contacts?search=berlin'))).toEqual([]);
    expect(ids(await api('GET', '/api/v1/contacts?event_key=expo-2026&order=ASC'))).toEqual([
      501, 502,
    ]);
    expect(ids(await api('GET', '/api/v1/contacts?event_key=unknown'))).toEqual([]);
    expect(ids(await api('GET', '/api/v1/contacts?category_key=vip&order=ASC'))).toEqual([
      501, 502, 503,
    ]);
  });

  it.each([
    // 503 has no company: null sorts first
    ['company_name', [503, 501, 502]],
    ['last_name', [501, 502, 503]],
    ['first_name', [501, 502, 503]],
    ['email', [501, 502, 503]],
    // K-10001 (auto-assigned to 503) before K-2000x
    ['customer_number', [503, 501, 502]],
    ['city', [503, 501, 502]],
    ['created_at', [502, 503, 501]],
  ])('sorts by %s in both orders', async (field, ascending) => {
    await start();
    emulator.seed({
      contacts: [
        {
          id: 502,
          customer_number: 'K-20002',
          company_name: 'Beta Catering',
          first_name: 'Bernd',
          last_name: 'Bauer',
          email: 'bernd@beta.example',
          city: 'München',
        },
      ],
    });
    clock = new Date('2026-03-02T09:00:00Z');
    emulator.seed({
      contacts: [
        {
          id: 503,
          first_name: 'Carla',
          last_name: 'Cramer',
          email: 'carla@example.org',
          city: 'Aachen',
        },
      ],
    });
    clock = new Date('2026-03-03T09:00:00Z');
    emulator.seed({
      contacts: [
        {
          id: 501,
          customer_number: 'K-20001',
          company_name: 'Alpha Messebau GmbH',
          first_name: 'Anna',
          last_name: 'Adler',
          email: 'anna@alpha.example',
          city: 'Berlin',
        },
      ],
    });
    expect(ids(await api('GET', `/api/v1/contacts?sort=${field}&order=ASC`))).toEqual(ascending);
    expect(ids(await api('GET', `/api/v1/contacts?sort=${field}&order=DESC`))).toEqual(
      [...ascending].reverse(),
    );
  });

  it('pages like the invoices', async () => {
    await start();
    seedTenant();
    const page = await api('GET', '/api/v1/contacts?sort=last_name&order=ASC&per_page=2&page=2');
    expect(ids(page)).toEqual([503]);
    expect((page.json.meta as { pagination: unknown }).pagination).toEqual({
      current_page: 2,
      per_page: 2,
      total: 3,
      total_pages: 2,
    });
  });
});

describe('authentication and scopes', () => {
  it('accepts Bearer, X-API-Key and ?api_key=', async () => {
    await start();
    seedTenant();
    const bearer = await api('GET', '/api/v1/invoices/1001', {
      headers: { authorization: `Bearer ${API_KEY}` },
    });
    const header = await api('GET', '/api/v1/invoices/1001', { headers: { 'x-api-key': API_KEY } });
    const query = await api('GET', `/api/v1/invoices/1001?api_key=${API_KEY}`, { headers: {} });
    expect([bearer.status, header.status, query.status]).toEqual([200, 200, 200]);
    expect([data(bearer).id, data(header).id, data(query).id]).toEqual([1001, 1001, 1001]);
  });

  it('answers 401 {"error":"Unauthenticated"} without a key or with a wrong one', async () => {
    await start();
    seedTenant();
    const missing = await api('GET', '/api/v1/invoices', { headers: {} });
    expect(missing.status).toBe(401);
    expect(missing.json).toEqual({ error: 'Unauthenticated' });
    const wrong = await api('GET', '/api/v1/invoices', {
      headers: { authorization: 'Bearer nope' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.json).toEqual({ error: 'Unauthenticated' });
    const wrongHeader = await api('GET', '/api/v1/contacts', { headers: { 'x-api-key': 'nope' } });
    expect([wrongHeader.status, wrongHeader.json.error]).toEqual([401, 'Unauthenticated']);
    // the first form present is judged: a wrong Bearer is not rescued by the query key
    const mixed = await api('GET', `/api/v1/invoices?api_key=${API_KEY}`, {
      headers: { authorization: 'Basic eDp5' },
    });
    expect(mixed.status).toBe(401);
  });

  it('answers 403 naming the missing scope', async () => {
    await start({ scopes: ['contacts'] });
    seedTenant();
    const invoices = await api('GET', '/api/v1/invoices');
    expect(invoices.status).toBe(403);
    expect(invoices.json).toEqual({ error: 'Insufficient permissions: missing scope invoices' });
    const payments = await api('POST', '/api/v1/payments', {
      body: { invoice_number: 'RE-2026-0001', amount: 1 },
    });
    expect(payments.status).toBe(403);
    expect(payments.json).toEqual({ error: 'Insufficient permissions: missing scope payments' });
    const participants = await api('GET', '/api/v1/participants/301');
    expect(participants.json).toEqual({
      error: 'Insufficient permissions: missing scope participants',
    });
    expect(ids(await api('GET', '/api/v1/contacts?order=ASC'))).toEqual([501, 502, 503]);
  });
});

describe('error shapes', () => {
  it('404 for unknown routes and unknown ids', async () => {
    await start();
    seedTenant();
    for (const path of [
      '/api/v1/unknown',
      '/api/v1/invoices/99999',
      '/api/v1/contacts/1001',
      '/api/v1/payments/1',
      '/api/v1/participants/1',
      '/api/v1/invoices/abc',
      '/other',
    ]) {
      const answer = await api('GET', path);
      expect([path, answer.status, answer.json]).toEqual([
        path,
        404,
        { error: 'Resource not found' },
      ]);
    }
    const patch = await api('PATCH', '/api/v1/invoices/99999', { body: { notes: 'x' } });
    expect([patch.status, patch.json.error]).toEqual([404, 'Resource not found']);
  });

  it('405 for creating or deleting invoices, with an Allow header', async () => {
    await start();
    seedTenant();
    const create = await api('POST', '/api/v1/invoices', { body: { total: 1 } });
    expect(create.status).toBe(405);
    expect(create.json).toEqual({ error: 'Method not allowed' });
    expect(create.headers.get('allow')).toBe('GET');
    const remove = await api('DELETE', '/api/v1/invoices/1001');
    expect(remove.status).toBe(405);
    expect(remove.json).toEqual({ error: 'Method not allowed' });
    expect(remove.headers.get('allow')).toBe('GET, PUT, PATCH');
    expect((await api('GET', '/api/v1/invoices/1001')).status).toBe(200);
  });

  it('400 for malformed JSON, a non-object body and an unknown sort field', async () => {
    await start();
    seedTenant();
    const malformed = await api('PATCH', '/api/v1/invoices/1001', { body: '{"notes": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.json).toEqual({ error: 'Invalid JSON' });
    const array = await api('POST', '/api/v1/contacts', { body: '[1]' });
    expect(array.status).toBe(400);
    expect(array.json).toEqual({ error: 'Request body must be a JSON object' });
    for (const path of [
      '/api/v1/invoices?sort=amount',
      '/api/v1/contacts?sort=total',
      '/api/v1/payments?sort=invoice_number',
    ]) {
      const answer = await api('GET', path);
      expect([answer.status, answer.json]).toEqual([400, { error: 'Invalid sort field' }]);
    }
    const order = await api('GET', '/api/v1/invoices?order=UP');
    expect([order.status, order.json]).toEqual([400, { error: 'Invalid sort order' }]);
  });

  it('429 {"error":"Rate limit exceeded"} without rate-limit headers once requestsPerHour is used up', async () => {
    await start({ requestsPerHour: 2 });
    seedTenant();
    expect((await api('GET', '/api/v1/invoices/1001')).status).toBe(200);
    expect((await api('GET', '/api/v1/invoices/1002')).status).toBe(200);
    const limited = await api('GET', '/api/v1/invoices/1003');
    expect(limited.status).toBe(429);
    expect(limited.json).toEqual({ error: 'Rate limit exceeded' });
    expect(limited.headers.get('retry-after')).toBeNull();
    expect(limited.headers.get('x-ratelimit-limit')).toBeNull();
    expect(limited.headers.get('x-ratelimit-remaining')).toBeNull();
    // a new hour, a new budget
    clock = new Date(NOW.getTime() + 3_600_000);
    expect((await api('GET', '/api/v1/invoices/1003')).status).toBe(200);
  });

  it('500 {"error":"Internal server error"} from an injected fault, then normal service', async () => {
    await start();
    seedTenant();
    emulator.faults.inject({
      kind: 'server_error',
      match: { method: 'POST', path: '/api/v1/payments' },
    });
    const failed = await api('POST', '/api/v1/payments', {
      body: { invoice_number: 'RE-2026-0001', amount: 10 },
    });
    expect(failed.status).toBe(500);
    expect(failed.json).toEqual({ error: 'Internal server error' });
    // the handler did not run: nothing was paid
    expect(data(await api('GET', '/api/v1/invoices/1001')).paid_amount).toBe(0);
    const retried = await api('POST', '/api/v1/payments', {
      body: { invoice_number: 'RE-2026-0001', amount: 10 },
    });
    expect(retried.status).toBe(201);
    expect(data(retried).id).toBe(9003);
  });

  it('reset() empties the tenant and restarts request ids', async () => {
    await start();
    seedTenant();
    await api('GET', '/api/v1/invoices');
    emulator.reset();
    const answer = await api('GET', '/api/v1/invoices');
    expect(rows(answer)).toEqual([]);
    expect(answer.json.meta).toEqual({
      request_id: 'req_1',
      pagination: { current_page: 1, per_page: 25, total: 0, total_pages: 1 },
    });
  });

  it('refuses seeds that reference missing records', async () => {
    await start();
    expect(() => emulator.seed({ invoices: [{ contact_id: 999 }] })).toThrow(/no contact 999/);
    expect(() => emulator.seed({ payments: [{ invoice_number: 'RE-0', amount: '1' }] })).toThrow(
      /no invoice RE-0/,
    );
  });
});
