import { readFileSync } from 'node:fs';
import type { EmulatorOutcome } from '@invoicekit/core/emulator';
import { describe, expect, it } from 'vitest';
import { createInvoiceOceanEmulator } from './emulator';

const TOKEN = 'emulator-token-123';
const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../__fixtures__/${name}`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;
const fixedClock = { now: () => new Date('2026-11-21T10:00:00.000Z') };

function emulator() {
  return createInvoiceOceanEmulator({ apiToken: TOKEN, account: 'acme', clock: fixedClock });
}

async function call(
  target: ReturnType<typeof emulator>,
  method: string,
  pathAndQuery: string,
  body?: unknown,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Promise<{ status: number; body: unknown; headers: Record<string, string> }> {
  const url = new URL(pathAndQuery, 'https://acme.invoiceocean.com');
  const outcome: EmulatorOutcome = await target.handle({
    method,
    path: url.pathname,
    query: url.searchParams,
    headers,
    body: body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body),
  });
  if (outcome.kind !== 'response') throw new Error('dropped');
  const text = Buffer.isBuffer(outcome.response.body)
    ? outcome.response.body.toString('latin1')
    : String(outcome.response.body ?? '');
  const isJson = (outcome.response.headers?.['content-type'] ?? '').includes('json');
  return {
    status: outcome.response.status,
    body: isJson ? JSON.parse(text) : text,
    headers: { ...outcome.response.headers },
  };
}

/** The "kind" of a value as the vendor formats it, to compare formats key by key. */
function formatOf(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') {
    if (/^-?\d+\.\d+$/.test(value)) return 'bigdecimal';
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/.test(value))
      return 'timestamp';
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'date';
    return 'string';
  }
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'float';
  return Array.isArray(value) ? 'array' : typeof value;
}

/** Keys whose capture value is null carry no format to compare. */
function expectSameShape(
  actual: Record<string, unknown>,
  captured: Record<string, unknown>,
  ignore: readonly string[] = [],
): void {
  for (const key of Object.keys(captured)) {
    expect(actual, `key ${key}`).toHaveProperty(key);
    if (captured[key] === null || actual[key] === null || ignore.includes(key)) continue;
    expect(`${key}: ${formatOf(actual[key])}`).toBe(`${key}: ${formatOf(captured[key])}`);
  }
}

describe('InvoiceOcean emulator against the real captures', () => {
  it('answers the captured create request like the captured response: 201, 58.32 / 1.91 / 60.23, same keys and formats', async () => {
    const target = emulator();
    const response = await call(target, 'POST', '/invoices.json', {
      api_token: TOKEN,
      invoice: fixture('wooyek_invoice_create_REQUEST.json'),
    });
    expect(response.status).toBe(201);
    const created = response.body as Record<string, unknown>;
    expect(created).toMatchObject({
      kind: 'vat',
      status: 'issued',
      price_net: '58.32',
      price_tax: '1.91',
      price_gross: '60.23',
      paid: '0.0',
    });
    // numbered by the nr-m/mm/yyyy pattern from the issue date, exactly as the capture shows
    expect(created.number).toBe(fixture('wooyek_invoice_created.json').number);
    expect(created.buyer_name).toBe('Client1 SA');
    expectSameShape(created, fixture('wooyek_invoice_created.json'));
  });

  it('GET carries every key of the captured GET, positions included, in the same formats', async () => {
    const target = emulator();
    const created = (
      await call(target, 'POST', `/invoices.json?api_token=${TOKEN}`, {
        invoice: fixture('wooyek_invoice_create_REQUEST.json'),
      })
    ).body as { id: number };
    const response = await call(target, 'GET', `/invoices/${created.id}.json?api_token=${TOKEN}`);
    const invoice = response.body as Record<string, unknown> & {
      positions: Record<string, unknown>[];
    };
    const captured = fixture('wooyek_invoice_get.json') as Record<string, unknown> & {
      positions: Record<string, unknown>[];
    };
    expectSameShape(invoice, { ...captured, positions: undefined } as Record<string, unknown>, [
      'positions',
    ]);
    expect(invoice.positions).toHaveLength(2);
    expectSameShape(
      invoice.positions[0] as Record<string, unknown>,
      captured.positions[0] as Record<string, unknown>,
    );
    expect(
      invoice.positions.map((position) => [
        position.total_price_net,
        position.total_price_tax,
        position.total_price_gross,
        position.price_gross,
      ]),
    ).toEqual([
      ['8.32', '1.91', '10.23', '10.23'],
      ['50.0', '0.0', '50.0', '25.0'],
    ]);
  });

  it('client create answers with the captured client keys, a unique shortcut and an id', async () => {
    const target = emulator();
    const first = await call(target, 'POST', `/clients.json?api_token=${TOKEN}`, {
      client: fixture('wooyek_client_create_REQUEST.json'),
    });
    const second = await call(target, 'POST', `/clients.json?api_token=${TOKEN}`, {
      client: fixture('wooyek_client_create_REQUEST.json'),
    });
    expect(first.status).toBe(201);
    expectSameShape(first.body as Record<string, unknown>, fixture('wooyek_client_get.json'));
    expect([
      (first.body as { shortcut: string }).shortcut,
      (second.body as { shortcut: string }).shortcut,
    ]).toEqual(['Client1', 'Client1 (2)']);
  });
});

describe('InvoiceOcean emulator behaviour', () => {
  it('answers a missing or wrong token with the documented 401 body', async () => {
    const target = emulator();
    for (const path of ['/invoices.json', '/invoices.json?api_token=wrong']) {
      const response = await call(target, 'GET', path);
      expect(response).toMatchObject({
        status: 401,
        body: { code: 'error', message: 'You must be logged in to gain access to the site' },
      });
    }
  });

  it('refuses a TOKEN/prefix token that names another account', async () => {
    expect(
      (await call(emulator(), 'GET', `/invoices.json?api_token=${TOKEN}/someone-else`)).status,
    ).toBe(401);
  });

  it('accepts the token in the query, in the body, and in the TOKEN/prefix form', async () => {
    const target = emulator();
    expect((await call(target, 'GET', `/invoices.json?api_token=${TOKEN}/acme`)).status).toBe(200);
    expect(
      (await call(target, 'POST', '/clients.json', { api_token: TOKEN, client: { name: 'A' } }))
        .status,
    ).toBe(201);
  });

  it('lists as a bare array, 25 per page by default, at most 100, last 12 months unless period=all', async () => {
    const target = emulator();
    target.seed({
      invoices: [
        ...Array.from({ length: 120 }, () => ({ issue_date: '2026-10-01' })),
        { issue_date: '2020-05-05', number: 'OLD/1' },
      ],
    });
    const page = async (query: string): Promise<unknown[]> =>
      (await call(target, 'GET', `/invoices.json?api_token=${TOKEN}&${query}`)).body as unknown[];
    expect(await page('')).toHaveLength(25);
    expect(await page('per_page=500')).toHaveLength(100);
    expect(await page('per_page=100&page=2')).toHaveLength(20);
    expect(await page('per_page=100&page=2&period=all')).toHaveLength(21);
    expect(await page('period=more&date_from=2020-01-01&date_to=2020-12-31')).toHaveLength(1);
    expect((await page('per_page=1'))[0]).not.toHaveProperty('positions');
    expect((await page('per_page=1&include_positions=true'))[0]).toHaveProperty('positions');
  });

  it('validates creates with per-field 422 bodies and dedupes oid with oid_unique', async () => {
    const target = emulator();
    const missing = await call(target, 'POST', `/invoices.json?api_token=${TOKEN}`, {
      invoice: { positions: [{ name: 'A', price_net: 'x' }] },
    });
    expect(missing).toMatchObject({
      status: 422,
      body: {
        code: 'error',
        message: { buyer_name: ["can't be blank"], 'positions.price_net': ['is not a number'] },
      },
    });
    const body = {
      invoice: {
        oid: 'order-1',
        oid_unique: 'yes',
        buyer_name: 'B',
        positions: [{ name: 'A', price_net: '10', tax: 23 }],
      },
    };
    expect((await call(target, 'POST', `/invoices.json?api_token=${TOKEN}`, body)).status).toBe(
      201,
    );
    expect(await call(target, 'POST', `/invoices.json?api_token=${TOKEN}`, body)).toMatchObject({
      status: 422,
      body: { message: { oid: ['has already been taken'] } },
    });
    expect(
      (
        await call(target, 'POST', `/invoices.json?api_token=${TOKEN}`, {
          invoice: { ...body.invoice, oid_unique: 'no' },
        })
      ).status,
    ).toBe(201);
  });

  it('accepts comma decimals and numbers in requests', async () => {
    const target = emulator();
    const response = await call(target, 'POST', `/invoices.json?api_token=${TOKEN}`, {
      invoice: {
        buyer_name: 'B',
        positions: [{ name: 'A', price_net: '59,00', tax: '23', quantity: 2 }],
      },
    });
    expect(response.body).toMatchObject({
      price_net: '118.0',
      price_tax: '27.14',
      price_gross: '145.14',
    });
  });

  it('cancels via POST /invoices/cancel.json: kind becomes canceled', async () => {
    const target = emulator();
    const created = (
      await call(target, 'POST', `/invoices.json?api_token=${TOKEN}`, {
        invoice: { buyer_name: 'B', positions: [{ name: 'A', price_net: '1' }] },
      })
    ).body as { id: number };
    const cancel = await call(target, 'POST', '/invoices/cancel.json', {
      api_token: TOKEN,
      cancel_invoice_id: created.id,
      cancel_reason: 'mistake',
    });
    expect(cancel).toMatchObject({ status: 200, body: { code: 'success' } });
    expect(
      (
        await call(
          target,
          'GET',
          `/invoices/${created.id}.json?api_token=${TOKEN}&additional_fields[invoice]=cancel_reason`,
        )
      ).body,
    ).toMatchObject({ kind: 'canceled', cancel_reason: 'mistake' });
    // The cancel reason is an opt-in field (docs/vendors/invoiceocean.md §4): a plain read does not
    // carry it.
    expect(
      (await call(target, 'GET', `/invoices/${created.id}.json?api_token=${TOKEN}`)).body,
    ).not.toHaveProperty('cancel_reason');
  });

  it('pays through banking payments: partial, then paid; and status paid via PUT pays the gross', async () => {
    const target = emulator();
    const created = (
      await call(target, 'POST', `/invoices.json?api_token=${TOKEN}`, {
        invoice: { buyer_name: 'B', positions: [{ name: 'A', price_net: '100', tax: '23' }] },
      })
    ).body as { id: number };
    const pay = (price: string) =>
      call(target, 'POST', `/banking/payments.json?api_token=${TOKEN}`, {
        banking_payment: { name: 'P', price, invoice_id: created.id, paid: true, kind: 'api' },
      });
    expect((await pay('23')).status).toBe(201);
    expect(
      (await call(target, 'GET', `/invoices/${created.id}.json?api_token=${TOKEN}`)).body,
    ).toMatchObject({ status: 'partial', paid: '23.0' });
    await pay('100');
    expect(
      (await call(target, 'GET', `/invoices/${created.id}.json?api_token=${TOKEN}`)).body,
    ).toMatchObject({ status: 'paid', paid: '123.0', paid_date: '2026-11-21' });
    const other = (
      await call(target, 'POST', `/invoices.json?api_token=${TOKEN}`, {
        invoice: { buyer_name: 'B', positions: [{ name: 'A', price_net: '10', tax: '23' }] },
      })
    ).body as { id: number };
    const put = await call(target, 'PUT', `/invoices/${other.id}.json?api_token=${TOKEN}`, {
      invoice: { status: 'paid' },
    });
    expect(put.body).toMatchObject({ status: 'paid', paid: '12.3', paid_date: '2026-11-21' });
  });

  it('deletes with the JSON string "ok", sends e-mail, renders PDF and XML', async () => {
    const target = emulator();
    const created = (
      await call(target, 'POST', `/invoices.json?api_token=${TOKEN}`, {
        invoice: {
          buyer_name: 'B',
          buyer_email: 'b@example.com',
          positions: [{ name: 'A', price_net: '1' }],
        },
      })
    ).body as { id: number };
    expect(
      await call(target, 'POST', `/invoices/${created.id}/send_by_email.json?api_token=${TOKEN}`),
    ).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(
      (await call(target, 'GET', `/invoices/${created.id}.json?api_token=${TOKEN}`)).body,
    ).toMatchObject({ status: 'sent' });
    const pdf = await call(
      target,
      'GET',
      `/invoices/${created.id}.pdf?api_token=${TOKEN}&print_option=copy`,
    );
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(String(pdf.body)).toMatch(/^%PDF-1\.4/);
    const xml = await call(target, 'GET', `/invoices/${created.id}.xml?api_token=${TOKEN}`);
    expect(String(xml.body)).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?><invoice><id type="integer">\d+<\/id>/,
    );
    expect(String(xml.body)).toContain('<price-gross type="decimal">1.23</price-gross>');
    expect(
      await call(target, 'DELETE', `/invoices/${created.id}.json?api_token=${TOKEN}`),
    ).toMatchObject({ status: 200, body: 'ok' });
    expect(
      await call(target, 'GET', `/invoices/${created.id}.json?api_token=${TOKEN}`),
    ).toMatchObject({ status: 404, body: { status: 404, error: 'Not Found' } });
  });

  it('updates positions Rails-style: by id, _destroy, and appends the rest', async () => {
    const target = emulator();
    const created = (
      await call(target, 'POST', `/invoices.json?api_token=${TOKEN}`, {
        invoice: {
          buyer_name: 'B',
          positions: [
            { name: 'A', price_net: '10', tax: '0' },
            { name: 'B', price_net: '20', tax: '0' },
          ],
        },
      })
    ).body as { id: number; positions: { id: number }[] };
    const [a, b] = created.positions;
    const updated = (
      await call(target, 'PUT', `/invoices/${created.id}.json?api_token=${TOKEN}`, {
        invoice: {
          positions: [
            { id: a?.id, price_net: '15' },
            { id: b?.id, _destroy: 1 },
            { name: 'C', price_net: '5', tax: '0' },
          ],
        },
      })
    ).body as { price_gross: string; positions?: unknown };
    // The recorded update answer carries no positions: they are read back with GET.
    expect(updated.positions).toBeUndefined();
    expect(updated.price_gross).toBe('20.0');
    const read = (await call(target, 'GET', `/invoices/${created.id}.json?api_token=${TOKEN}`))
      .body as { positions: { name: string }[] };
    expect(read.positions.map((position) => position.name)).toEqual(['A', 'C']);
  });
});

describe('bank accounts answer as the documented error table says', () => {
  /** Rows of the vendor's Markdown table: status and, where it is JSON, the body. */
  const rows = readFileSync(
    new URL('../__fixtures__/docs_fakturownia_bank_accounts_error_table.md', import.meta.url),
    'utf8',
  )
    .split('\n')
    .flatMap((line) => {
      const match = /^\| `(\d{3})` \| (.+?) \| `?(\{.*\})`? \|$/.exec(line.trim());
      return match
        ? [
            {
              status: Number(match[1]),
              situation: match[2] ?? '',
              body: JSON.parse(match[3] ?? '{}') as unknown,
            },
          ]
        : [];
    });
  const requests: Record<
    string,
    (target: ReturnType<typeof emulator>) => Promise<{ status: number; body: unknown }>
  > = {
    'Brak `bank_account_number` w atrybutach': (target) =>
      call(target, 'POST', `/bank_accounts.json?api_token=${TOKEN}`, {
        bank_account: { name: 'Main' },
      }),
    '`name` dłuższe niż 255 znaków': (target) =>
      call(target, 'POST', `/bank_accounts.json?api_token=${TOKEN}`, {
        bank_account: { bank_account_number: 'PL61', name: 'n'.repeat(256) },
      }),
    '`account_description` dłuższe niż 256 znaków': (target) =>
      call(target, 'POST', `/bank_accounts.json?api_token=${TOKEN}`, {
        bank_account: { bank_account_number: 'PL61', account_description: 'd'.repeat(257) },
      }),
    'Rachunek bankowy nie istnieje (CRUD)': (target) =>
      call(target, 'GET', `/bank_accounts/999.json?api_token=${TOKEN}`),
  };

  it('reads four rows with JSON bodies that the emulator reproduces', () => {
    // own_bank_account_type's allowed values and the mass-payment-code case are not documented
    // precisely enough to reproduce (see the closing notes); the other rows are.
    expect(rows.map((row) => row.situation)).toEqual(expect.arrayContaining(Object.keys(requests)));
  });

  it.each(Object.keys(requests))('%s', async (situation) => {
    const row = rows.find((candidate) => candidate.situation === situation);
    const response = await requests[situation]?.(emulator());
    expect({ status: response?.status, body: response?.body }).toEqual({
      status: row?.status,
      body: row?.body,
    });
  });
});
