import { NotFoundError, ProviderError, UnavailableError } from '@invoicekit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fastRetries,
  serveHostile,
  type HostileAnswer,
  type HostileServer,
} from './__fixtures__/hostile-server';
import { createBillomatStyleAdapter, type BillomatStyleAdapter } from './index';

const EMAIL = 'owner@acme.example';
const API_KEY = 'malformed-key-7c1e04b9';

/** The answer the server gives next; each test sets it. */
let next: HostileAnswer = { body: '' };
let server: HostileServer;

beforeAll(async () => {
  server = await serveHostile(() => next);
});
afterAll(() => server.close());

function adapterFor(format: 'json' | 'xml' = 'json'): BillomatStyleAdapter {
  return createBillomatStyleAdapter({
    email: EMAIL,
    apiKey: API_KEY,
    baseUrl: server.baseUrl,
    format,
    ...fastRetries(),
  });
}

async function failureOf(
  call: (adapter: BillomatStyleAdapter) => Promise<unknown>,
  format: 'json' | 'xml' = 'json',
) {
  const adapter = adapterFor(format);
  try {
    const result = await call(adapter);
    return { result, error: undefined };
  } catch (error) {
    return { result: undefined, error };
  } finally {
    await adapter.close();
  }
}

const invoice = (fields: Record<string, unknown>) =>
  JSON.stringify({
    RESPONSE: { INVOICES: [{ INVOICE_ID: '1', CURRENCY_CODE: 'EUR', ...fields }] },
  });

describe('a malformed invoice.get answer is a ProviderError naming what is wrong, never "not found"', () => {
  it.each([
    ['an empty body', '', /expected an envelope object, received nothing/],
    ['{}', '{}', /the envelope has no RESPONSE/],
    ['null', 'null', /expected an envelope object, received null/],
    ['"ok"', '"ok"', /expected an envelope object, received a string/],
    ['a list', '[]', /expected an envelope object, received a list/],
    ['RESPONSE missing', '{"REQUEST":{"SERVICE":"invoice.get"}}', /the envelope has no RESPONSE/],
    ['RESPONSE a string', '{"RESPONSE":"ok"}', /RESPONSE is a string/],
    [
      'INVOICES missing beside other tags',
      '{"RESPONSE":{"CUSTOMERS":[]}}',
      /RESPONSE has no INVOICES/,
    ],
    [
      'INVOICES a string',
      '{"RESPONSE":{"INVOICES":"ok"}}',
      /INVOICES: malformed answer: expected a list of records, received a string/,
    ],
    [
      'INVOICES a number',
      '{"RESPONSE":{"INVOICES":5}}',
      /INVOICES: malformed answer: expected a list of records, received a number/,
    ],
    ['INVOICES holding a string', '{"RESPONSE":{"INVOICES":["ok"]}}', /element 0 is a string/],
    [
      'an invoice without INVOICE_ID',
      JSON.stringify({ RESPONSE: { INVOICES: [{ TOTAL: '1' }] } }),
      /asked for INVOICE_ID 1, received other records/,
    ],
    [
      'an empty INVOICE_ID',
      invoice({ INVOICE_ID: '' }),
      /asked for INVOICE_ID 1, received other records/,
    ],
    [
      'an INVOICE_ID that is no vendor id',
      invoice({ INVOICE_ID: '1 OR 1=1' }),
      /other records|INVOICE_ID/,
    ],
    [
      'another invoice than asked for',
      invoice({ INVOICE_ID: '2' }),
      /asked for INVOICE_ID 1, received other records/,
    ],
  ])('%s', async (_name, body, message) => {
    next = { body };
    const { result, error } = await failureOf((adapter) => adapter.invoices.get('1'));
    expect(result).toBeUndefined();
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).not.toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toMatch(message);
  });

  it('an honest empty answer is still "not found": [] / "" / {} as INVOICES, [] as RESPONSE', async () => {
    for (const body of [
      '{"RESPONSE":{"INVOICES":[]}}',
      '{"RESPONSE":{"INVOICES":""}}',
      '{"RESPONSE":{"INVOICES":{}}}',
      '{"RESPONSE":[]}',
    ]) {
      next = { body };
      const { error } = await failureOf((adapter) => adapter.invoices.get('1'));
      expect(error).toBeInstanceOf(NotFoundError);
    }
  });

  it('deep nesting and duplicate keys (the core codec) are ProviderErrors, not a stack overflow', async () => {
    for (const body of [
      `{"RESPONSE":${'['.repeat(5000)}${']'.repeat(5000)}}`,
      '{"RESPONSE":{"INVOICES":[],"INVOICES":[{"INVOICE_ID":"1"}]}}',
    ]) {
      next = { body };
      const { error } = await failureOf((adapter) => adapter.invoices.get('1'));
      expect(error).toBeInstanceOf(ProviderError);
    }
  });

  it('deep XML and a reserved tag name are ProviderErrors on the XML path', async () => {
    for (const body of [
      `<FBAPI>${'<A>'.repeat(5000)}${'</A>'.repeat(5000)}</FBAPI>`,
      '<FBAPI><RESPONSE><__proto__><x>1</x></__proto__></RESPONSE></FBAPI>',
      '<FBAPI><RESPONSE><constructor><x>1</x></constructor></RESPONSE></FBAPI>',
    ]) {
      next = { body };
      const { error } = await failureOf((adapter) => adapter.invoices.get('1'), 'xml');
      expect(error).toBeInstanceOf(ProviderError);
    }
  });

  it('an HTML page where JSON or XML belongs: 200 is a ProviderError, a 503 maintenance page UnavailableError (retried)', async () => {
    for (const format of ['json', 'xml'] as const) {
      next = {
        status: 200,
        contentType: 'text/html',
        body: '<!DOCTYPE html><html><body>Login</body></html>',
      };
      const ok = await failureOf((adapter) => adapter.invoices.get('1'), format);
      expect(ok.error).toBeInstanceOf(ProviderError);
      expect((ok.error as Error).message).toMatch(/HTML/);

      next = {
        status: 503,
        contentType: 'text/html',
        body: '<!DOCTYPE html><html><body>Wartungsarbeiten</body></html>',
      };
      const before = server.received.length;
      const maintenance = await failureOf((adapter) => adapter.invoices.get('1'), format);
      expect(maintenance.error).toBeInstanceOf(UnavailableError);
      expect(maintenance.error).toMatchObject({ code: 'unavailable', retryable: true });
      // A read: retried before giving up.
      expect(server.received.length - before).toBeGreaterThan(1);
    }
  });
});

describe('a write answer without what it must carry is a ProviderError, and its id is never used', () => {
  it.each([
    ['no STATUS', '{"RESPONSE":{"INVOICE_ID":5}}', /STATUS "success"/],
    [
      'no INVOICE_ID',
      '{"RESPONSE":{"STATUS":"success"}}',
      /INVOICE_ID is nothing, not a vendor id/,
    ],
    [
      'an empty INVOICE_ID',
      '{"RESPONSE":{"STATUS":"success","INVOICE_ID":""}}',
      /INVOICE_ID is an empty string/,
    ],
    [
      'an object as INVOICE_ID',
      '{"RESPONSE":{"STATUS":"success","INVOICE_ID":{"$gt":""}}}',
      /INVOICE_ID is an object/,
    ],
    [
      'a path as INVOICE_ID',
      '{"RESPONSE":{"STATUS":"success","INVOICE_ID":"../1"}}',
      /INVOICE_ID is a string of 4 characters/,
    ],
    ['an empty body', '', /expected an envelope object/],
  ])('invoice.create answered with %s', async (_name, body, message) => {
    next = { body };
    const before = server.received.length;
    const { error } = await failureOf((adapter) =>
      adapter.invoices.create({
        currency: 'EUR',
        customer: { id: '42' },
        lines: [{ description: 'Beratung', unitPrice: '100.00', taxRate: 19 }],
      }),
    );
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as Error).message).toMatch(message);
    // Nothing after the create: the made-up id was never put into an invoice.get FILTER.
    expect(server.services().slice(before)).toEqual(['invoice.create']);
  });

  it('customer.create answered without a CUSTOMER_ID: no invoice is created for customer ""', async () => {
    const before = server.received.length;
    next = { body: '{"RESPONSE":{"STATUS":"success"}}' };
    const { error } = await failureOf((adapter) =>
      adapter.invoices.create({
        currency: 'EUR',
        customer: { snapshot: { name: 'Neu GmbH' } },
        lines: [{ description: 'Beratung', unitPrice: '100.00', taxRate: 19 }],
      }),
    );
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as Error).message).toMatch(/customer\.create: malformed answer: CUSTOMER_ID/);
    expect(server.services().slice(before)).toEqual(['customer.create']);
  });

  it('a customer found by CUSTOMER_EXT_UID whose CUSTOMER_ID is no vendor id is not invoiced', async () => {
    const before = server.received.length;
    next = {
      body: JSON.stringify({
        RESPONSE: {
          CUSTOMERS: [{ CUSTOMER_ID: { $ne: null }, CUSTOMER_EXT_UID: 'invoicekit:erp-1' }],
        },
      }),
    };
    const { error } = await failureOf((adapter) =>
      adapter.invoices.create({
        currency: 'EUR',
        customer: { snapshot: { name: 'Neu GmbH' } },
        externalId: 'erp-1',
        lines: [{ description: 'Beratung', unitPrice: '100.00', taxRate: 19 }],
      }),
    );
    expect(error).toBeInstanceOf(ProviderError);
    expect(server.services().slice(before)).toEqual(['customer.get']);
  });
});

describe('a listed record without its id is a ProviderError, never an invoice with id ""', () => {
  it('invoices.list and customers.list', async () => {
    next = { body: JSON.stringify({ RESPONSE: { INVOICES: [{ TOTAL: '1' }] } }) };
    const invoices = await failureOf(async (adapter) => {
      for await (const found of adapter.invoices.list()) return found;
      return undefined;
    });
    expect(invoices.error).toBeInstanceOf(ProviderError);
    expect((invoices.error as Error).message).toMatch(/unreadable invoice: INVOICE_ID/);

    next = {
      body: JSON.stringify({ RESPONSE: { CUSTOMERS: [{ CUSTOMER_ID: '', ORGANIZATION: 'X' }] } }),
    };
    const customers = await failureOf(async (adapter) => {
      for await (const found of adapter.customers.list()) return found;
      return undefined;
    });
    expect(customers.error).toBeInstanceOf(ProviderError);
    expect((customers.error as Error).message).toMatch(/unreadable customer: CUSTOMER_ID: missing/);
  });
});

describe('DOCUMENT_URL is followed on the vendor host only, and never quoted', () => {
  let documents: HostileServer;
  let link: (baseUrl: string) => string;
  let invoiceNumber = '7';
  beforeAll(async () => {
    documents = await serveHostile((request) =>
      request.method === 'GET'
        ? { status: 200, contentType: 'application/pdf', body: Buffer.from('%PDF-1.4\n%%EOF\n') }
        : {
            body: JSON.stringify({
              RESPONSE: {
                INVOICES: [
                  {
                    INVOICE_ID: '1',
                    TYPE: 'outgoing',
                    INVOICE_NUMBER: invoiceNumber,
                    DOCUMENT_URL: link(documents.baseUrl),
                  },
                ],
              },
            }),
          },
    );
  });
  afterAll(() => documents.close());

  const download = async () => {
    const adapter = createBillomatStyleAdapter({
      email: EMAIL,
      apiKey: API_KEY,
      baseUrl: documents.baseUrl,
      ...fastRetries(),
    });
    try {
      return await adapter.invoices.downloadPdf('1');
    } finally {
      await adapter.close();
    }
  };

  it('a link on the vendor host is fetched', async () => {
    link = (baseUrl) => `${baseUrl}/document/1.pdf?token=bearer-7a1c`;
    const pdf = await download();
    expect(pdf.data.subarray(0, 5).toString()).toBe('%PDF-');
    expect(documents.received.at(-1)).toMatchObject({
      method: 'GET',
      url: '/document/1.pdf?token=bearer-7a1c',
    });
  });

  it('the file name made from INVOICE_NUMBER names no other directory', async () => {
    link = (baseUrl) => `${baseUrl}/document/1.pdf`;
    for (const [number, fileName] of [
      ['../../.bashrc', 'bashrc.pdf'],
      ['RE/2026\\07', 'RE_2026_07.pdf'],
      ['2026-07', '2026-07.pdf'],
      ['', '1.pdf'],
    ]) {
      invoiceNumber = number as string;
      expect((await download()).fileName).toBe(fileName);
    }
    invoiceNumber = '7';
  });

  it.each([
    ['another host', () => 'https://evil.example/document/1.pdf?token=bearer-7a1c'],
    [
      'another name for the host',
      (b: string) => `${b.replace('127.0.0.1', 'localhost')}/d.pdf?token=bearer-7a1c`,
    ],
    ['another port', (b: string) => `${b.replace(/:\d+$/, ':1')}/d.pdf?token=bearer-7a1c`],
    ['another scheme', (b: string) => `${b.replace('http:', 'https:')}/d.pdf?token=bearer-7a1c`],
    ['a protocol-relative link', () => '//evil.example/d.pdf?token=bearer-7a1c'],
    ['no URL at all', () => 'not a link token=bearer-7a1c'],
    ['a javascript: link', () => 'javascript:alert("bearer-7a1c")'],
  ])('%s is not followed, and the link is not quoted', async (_name, make) => {
    link = make;
    const before = documents.received.length;
    const error = await download().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as Error).message).not.toContain('bearer-7a1c');
    expect(JSON.stringify(error)).not.toContain('bearer-7a1c');
    expect(documents.received.slice(before).map((request) => request.method)).toEqual(['POST']);
  });
});
