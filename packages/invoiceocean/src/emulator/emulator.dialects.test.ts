import { readFileSync } from 'node:fs';
import type { EmulatorOutcome } from '@invoicekit/core/emulator';
import { describe, expect, it } from 'vitest';
import { createInvoiceOceanEmulator } from './emulator';

/** What real third-party clients send and what the vendor documents (issue 10, InvoiceOcean family). */
const TOKEN = 'dialects-token-271';
const fixedClock = { now: () => new Date('2026-11-21T10:00:00.000Z') };

function emulator() {
  return createInvoiceOceanEmulator({ apiToken: TOKEN, account: 'acme', clock: fixedClock });
}

async function call(
  target: ReturnType<typeof emulator>,
  method: string,
  pathAndQuery: string,
  body?: unknown,
): Promise<{ status: number; body: unknown; headers: Record<string, string> }> {
  const url = new URL(pathAndQuery, 'https://acme.invoiceocean.com');
  const outcome: EmulatorOutcome = await target.handle({
    method,
    path: url.pathname,
    query: url.searchParams,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? '' : JSON.stringify(body),
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

const position = { name: 'Work', tax: 23, total_price_gross: '123', quantity: 1 };

async function createInvoice(
  target: ReturnType<typeof emulator>,
  fields: Record<string, unknown> = {},
): Promise<Record<string, unknown> & { id: number }> {
  const response = await call(target, 'POST', `/invoices.json?api_token=${TOKEN}`, {
    invoice: { kind: 'vat', buyer_name: 'Client1 SA', positions: [position], ...fields },
  });
  expect(response.status).toBe(201);
  return response.body as Record<string, unknown> & { id: number };
}

const ids = (body: unknown): number[] => (body as { id: number }[]).map((invoice) => invoice.id);

describe('list filters of the vendor pages', () => {
  // The vendor's docs (docs/vendor-dialects.md §2): "invoices.json?invoice_id=id" lists the invoices on whose basis the document was
  // created (they name it in invoice_id); "invoices.json?from_invoice_id=id" lists the invoices
  // created from the document (they name it in from_invoice_id).
  it('invoice_id= and from_invoice_id= return only the linked invoices', async () => {
    const target = emulator();
    const base = await createInvoice(target, { kind: 'proforma' });
    const derived = await createInvoice(target, { from_invoice_id: base.id });
    const connected = await createInvoice(target, { invoice_id: base.id });
    await createInvoice(target);

    const from = await call(
      target,
      'GET',
      `/invoices.json?api_token=${TOKEN}&from_invoice_id=${base.id}`,
    );
    expect(ids(from.body)).toEqual([derived.id]);
    const linked = await call(
      target,
      'GET',
      `/invoices.json?api_token=${TOKEN}&invoice_id=${base.id}`,
    );
    expect(ids(linked.body)).toEqual([connected.id]);
    const none = await call(target, 'GET', `/invoices.json?api_token=${TOKEN}&invoice_id=999999`);
    expect(none.body).toEqual([]);
  });
});

describe('documented invoice fields', () => {
  // The vendor's "all fields" example sends them as strings; the 2018 capture answers the ids as
  // integers and the flags as booleans (docs/vendors/invoiceocean.md §8.1).
  const documented = {
    seller_bank: 'BRE Bank',
    seller_www: 'radgost.example',
    seller_fax: '22 123 45 67',
    seller_person: 'Forename Surname',
    category_id: '7',
    warehouse_id: '1090',
    invoice_template_id: '1',
    additional_info: '1',
    additional_info_desc: 'PKWiU',
    description_footer: 'Thank you',
    description_long: 'Long description',
    delivery_date: '2026-11-20',
    use_moss: '0',
    disable_tax_no_validation: '1',
    additional_invoice_field: 'PO 77',
  };

  it('are stored and echoed on create, get and update, position additional_info included', async () => {
    const target = emulator();
    const created = await createInvoice(target, {
      ...documented,
      positions: [{ ...position, additional_info: '62.01.1' }],
    });
    const expected = {
      seller_bank: 'BRE Bank',
      seller_www: 'radgost.example',
      seller_fax: '22 123 45 67',
      seller_person: 'Forename Surname',
      category_id: 7,
      warehouse_id: 1090,
      invoice_template_id: 1,
      additional_info: true,
      additional_info_desc: 'PKWiU',
      description_footer: 'Thank you',
      description_long: 'Long description',
      delivery_date: '2026-11-20',
      use_moss: false,
      disable_tax_no_validation: true,
      additional_invoice_field: 'PO 77',
    };
    expect(created).toMatchObject(expected);
    const read = await call(target, 'GET', `/invoices/${created.id}.json?api_token=${TOKEN}`);
    expect(read.body).toMatchObject({
      ...expected,
      positions: [expect.objectContaining({ additional_info: '62.01.1' })],
    });
    const updated = await call(target, 'PUT', `/invoices/${created.id}.json?api_token=${TOKEN}`, {
      invoice: { description_footer: 'Changed', category_id: '' },
    });
    expect(updated.body).toMatchObject({ description_footer: 'Changed', category_id: null });
  });
});

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

describe('answer shapes', () => {
  // The 2018 live capture of PUT /invoices/ID.json with {"invoice":{"status":"paid"}}.
  const recordedUpdate = JSON.parse(
    readFileSync(
      new URL('../__fixtures__/wooyek_invoice_put_status_response.json', import.meta.url),
      'utf8',
    ),
  ) as Record<string, unknown>;

  it('PUT /invoices/ID.json answers the recorded update shape: its keys and formats, no GET-only keys', async () => {
    const target = emulator();
    const created = await createInvoice(target);
    const response = await call(target, 'PUT', `/invoices/${created.id}.json?api_token=${TOKEN}`, {
      invoice: { status: 'paid' },
    });
    expect(response.status).toBe(200);
    const updated = response.body as Record<string, unknown>;
    for (const key of Object.keys(recordedUpdate)) {
      expect(updated, `key ${key}`).toHaveProperty(key);
      const captured = recordedUpdate[key];
      if (captured === null || updated[key] === null || key === 'calculating_strategy') continue;
      expect(`${key}: ${formatOf(updated[key])}`).toBe(`${key}: ${formatOf(captured)}`);
    }
    expect(updated).toMatchObject({
      origin: 'api',
      deleted: false,
      search_data: null,
      additional_fields: null,
      status: 'paid',
      paid: '123.0',
      paid_date: '2026-11-21',
    });
    for (const key of ['positions', 'payment_url', 'sales_code', 'check_fiscal_print']) {
      expect(updated, key).not.toHaveProperty(key);
    }
  });

  it("change_status answers the vendor's status shape and keeps a paid_date sent with it", async () => {
    const target = emulator();
    const created = await createInvoice(target);
    const response = await call(
      target,
      'POST',
      `/invoices/${created.id}/change_status.json?api_token=${TOKEN}&status=paid&paid_date=2026-11-02`,
    );
    expect(response.status).toBe(200);
    const answer = response.body as Record<string, unknown>;
    expect(Object.keys(answer).sort()).toEqual(
      [
        'id',
        'status',
        'approval_status',
        'payment_status',
        'color_kind',
        'colors',
        'percent_paid',
        'translation',
        'approval_translation',
      ].sort(),
    );
    expect(answer).toMatchObject({
      id: created.id,
      status: 'paid',
      approval_status: null,
      payment_status: 'paid',
      percent_paid: 100,
      approval_translation: null,
    });
    expect(typeof answer.color_kind).toBe('string');
    expect(Array.isArray(answer.colors)).toBe(true);
    expect(typeof answer.translation).toBe('string');
    const read = await call(target, 'GET', `/invoices/${created.id}.json?api_token=${TOKEN}`);
    expect(read.body).toMatchObject({ status: 'paid', paid_date: '2026-11-02', paid: '123.0' });
  });
});

describe('public token links', () => {
  // The vendor's documentation: "Such links allow you to refer to the selected invoice without
  // having to log in" — preview /invoice/{token}, PDF /invoice/{token}.pdf.
  it('answer without an api_token, and only for a known token', async () => {
    const target = emulator();
    const created = await createInvoice(target);
    const token = String(created.token);
    const preview = await call(target, 'GET', `/invoice/${token}`);
    expect(preview.status).toBe(200);
    expect(preview.headers['content-type']).toContain('text/html');
    expect(String(preview.body)).toContain(String(created.number));
    const pdf = await call(target, 'GET', `/invoice/${token}.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(String(pdf.body).startsWith('%PDF-')).toBe(true);
    const viewUrl = new URL(String(created.view_url));
    expect((await call(target, 'GET', viewUrl.pathname)).status).toBe(200);
    expect((await call(target, 'GET', '/invoice/unknownToken123.pdf')).status).toBe(404);
    // the API itself still needs the token
    expect((await call(target, 'GET', `/invoices/${created.id}.json`)).status).toBe(401);
  });
});
