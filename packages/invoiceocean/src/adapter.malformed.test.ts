import { readFileSync } from 'node:fs';
import { ProviderError } from '@invoicekit/core';
import { collect } from '@invoicekit/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import {
  answer,
  serveHostile,
  type HostileServer,
  NO_RETRIES,
} from './__fixtures__/hostile-server';
import { createInvoiceOceanAdapter } from './index';

/**
 * Malformed answers from a broken vendor, served on loopback: each is a typed `ProviderError`
 * saying what was wrong, never a canonical object with an empty id.
 */
const TOKEN = 'malformed-token-8c1f2e';
const invoiceJson = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...(JSON.parse(
    readFileSync(new URL('./__fixtures__/wooyek_invoice_get.json', import.meta.url), 'utf8'),
  ) as Record<string, unknown>),
  id: 1,
  ...overrides,
});
const clientJson = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...(JSON.parse(
    readFileSync(new URL('./__fixtures__/wooyek_client_get.json', import.meta.url), 'utf8'),
  ) as Record<string, unknown>),
  id: 5,
  ...overrides,
});

/** Bodies no endpoint answers with when it succeeds, as the vendor's text. */
const MALFORMED: readonly (readonly [label: string, text: string])[] = [
  ['an empty body', ''],
  ['{}', '{}'],
  ['null', 'null'],
  ['"ok"', '"ok"'],
  ['a list where a record was expected', '[{"id":1}]'],
  ['a record with a null id', '{"id":null,"kind":"vat"}'],
  ['a record with an empty id', '{"id":"","kind":"vat"}'],
];
/** Bodies a list endpoint never answers with. */
const MALFORMED_LISTS: readonly (readonly [label: string, text: string])[] = [
  ['an empty body', ''],
  ['{}', '{}'],
  ['null', 'null'],
  ['"ok"', '"ok"'],
  ['a record where a list was expected', JSON.stringify(invoiceJson())],
  ['a list with a record without id', '[{"kind":"vat"}]'],
];

let server: HostileServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/**
 * A vendor answering `route` (`METHOD /path`) with `text`, and every other known route properly:
 * the invoice 1 (open, nothing paid), the client 5.
 */
async function adapterAgainst(route: string, text: string, invoice = invoiceJson()) {
  server = await serveHostile((request, response) => {
    const key = `${request.method} ${request.path}`;
    if (key === route) return answer(response, 200, text);
    if (key === 'GET /invoices/1.json') return answer(response, 200, invoice);
    if (key === 'GET /clients/5.json') return answer(response, 200, clientJson());
    return answer(response, 404, { code: 'error', message: 'Not found' });
  });
  return createInvoiceOceanAdapter({
    apiToken: `${TOKEN}/acme`,
    baseUrl: server.baseUrl,
    // No waiting between attempts: these answers are final anyway.
    ...NO_RETRIES,
  });
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    (value) => {
      throw new Error(`expected a ProviderError, got ${JSON.stringify(value)}`);
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

const line = { description: 'Work', unitPrice: '10', taxRate: 23 };

describe.each(MALFORMED)('a success answer that is %s', (_label, text) => {
  it('invoices.get is a ProviderError naming the invoice', async () => {
    const adapter = await adapterAgainst('GET /invoices/7.json', text);
    const error = await failure(adapter.invoices.get('7'));
    expect(error.message).toMatch(/invoice/i);
  });

  it('invoices.create is a ProviderError, and no follow-up call goes to a made-up id', async () => {
    const adapter = await adapterAgainst('POST /invoices.json', text);
    await failure(
      adapter.invoices.create({
        currency: 'PLN',
        customer: { snapshot: { name: 'B' } },
        lines: [line],
      }),
    );
    expect(server?.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /invoices.json',
    ]);
  });

  it('invoices.update is a ProviderError', async () => {
    const adapter = await adapterAgainst('PUT /invoices/1.json', text);
    await failure(adapter.invoices.update('1', { notes: 'n' }));
  });

  it('invoices.markPaid is a ProviderError when the payment answer is no payment', async () => {
    const adapter = await adapterAgainst('POST /banking/payments.json', text);
    const error = await failure(adapter.invoices.markPaid('1'));
    expect(error.message).toMatch(/payment/);
  });

  it('invoices.cancel is a ProviderError when the invoice did not become canceled', async () => {
    const adapter = await adapterAgainst('POST /invoices/cancel.json', text);
    const error = await failure(adapter.invoices.cancel('1'));
    expect(error.message).toMatch(/cancel/);
  });

  it('customers.get, create and update are ProviderErrors', async () => {
    const get = await adapterAgainst('GET /clients/9.json', text);
    await failure(get.customers.get('9'));
    await server?.close();
    const create = await adapterAgainst('POST /clients.json', text);
    await failure(create.customers.create({ kind: 'company', name: 'C' }));
    await server?.close();
    const update = await adapterAgainst('PUT /clients/5.json', text);
    await failure(update.customers.update('5', { name: 'D' }));
  });
});

describe.each(MALFORMED_LISTS)('a list answer that is %s', (_label, text) => {
  it('invoices.list is a ProviderError, not an empty list', async () => {
    const adapter = await adapterAgainst('GET /invoices.json', text);
    await failure(collect(adapter.invoices.list()));
  });

  it('customers.list is a ProviderError, not an empty list', async () => {
    const adapter = await adapterAgainst('GET /clients.json', text);
    await failure(collect(adapter.customers.list()));
  });
});

describe('answers read for a follow-up', () => {
  it('a credit note whose corrected invoice answers {} is a ProviderError, not an empty correction', async () => {
    const adapter = await adapterAgainst('GET /invoices/3.json', '{}');
    await failure(
      adapter.invoices.create({
        type: 'credit_note',
        currency: 'PLN',
        relatedInvoiceId: '3',
        customer: { snapshot: { name: 'B' } },
        lines: [{ ...line, unitPrice: '-10' }],
      }),
    );
    expect(server?.requests.filter((request) => request.method === 'POST')).toEqual([]);
  });
});

describe("answers core's guarded decoding refuses", () => {
  it.each([
    ['duplicate keys', '{"id": 1, "id": 2, "kind": "vat"}'],
    ['nesting 5000 deep', `{"id": 1, "note": ${'['.repeat(5000)}${']'.repeat(5000)}}`],
    ['a number literal of absurd magnitude', '{"id": 1, "price_gross": 1e400000000}'],
    ['a number literal of 1000 digits', `{"id": 1, "price_gross": ${'9'.repeat(1000)}}`],
  ])(
    '%s: a ProviderError from invoices.get, never a RangeError or an invoice',
    async (_label, text) => {
      const adapter = await adapterAgainst('GET /invoices/7.json', text);
      await failure(adapter.invoices.get('7'));
    },
  );

  it('XML nested thousands deep: a ProviderError, not a stack overflow', async () => {
    server = await serveHostile((_request, response) =>
      answer(
        response,
        200,
        `<invoice>${'<a>'.repeat(5000)}x${'</a>'.repeat(5000)}</invoice>`,
        'application/xml',
      ),
    );
    const xml = createInvoiceOceanAdapter({
      apiToken: `${TOKEN}/acme`,
      baseUrl: server.baseUrl,
      format: 'xml',
    });
    await failure(xml.invoices.get('7'));
  });
});
