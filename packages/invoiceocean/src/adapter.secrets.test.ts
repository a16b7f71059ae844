import { readFileSync } from 'node:fs';
import { InvoicekitError, type HttpHooks } from '@invoicekit/core';
import { findLeakedSecrets } from '@invoicekit/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import {
  answer,
  serveHostile,
  type HostileServer,
  NO_RETRIES,
} from './__fixtures__/hostile-server';
import { toRailsXml } from './codec/rails-xml';
import { createInvoiceOceanAdapter } from './index';

/**
 * A vendor that echoes the credential back — in a field, as a field's name, as an XML tag, in a
 * body of the wrong format — must not get it into any error, rendering of it, or hook payload.
 */
const CANARY = 'CanaryTok3nQ9zXv7LmW2';
const SECRETS = [CANARY, `${CANARY}/acme`];
const invoiceJson = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...(JSON.parse(
    readFileSync(new URL('./__fixtures__/wooyek_invoice_get.json', import.meta.url), 'utf8'),
  ) as Record<string, unknown>),
  id: 1,
  ...overrides,
});

let server: HostileServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Every hook payload the transport emitted. */
let hookPayloads: unknown[] = [];

async function against(
  route: string,
  text: string,
  format: 'json' | 'xml' = 'json',
  contentType = format === 'xml' ? 'application/xml' : 'application/json',
) {
  server = await serveHostile((request, response) => {
    if (`${request.method} ${request.path}` === route)
      return answer(response, 200, text, contentType);
    if (request.method === 'GET' && request.path === `/invoices/1.${format}`) {
      const body = format === 'xml' ? toRailsXml('invoice', invoiceJson()) : invoiceJson();
      return answer(response, 200, body, contentType);
    }
    return answer(response, 404, { code: 'error', message: 'Not found' });
  });
  hookPayloads = [];
  const record = (payload: unknown) => hookPayloads.push(payload);
  const hooks: HttpHooks = { onRequest: record, onResponse: record, onRetry: record };
  return createInvoiceOceanAdapter({
    apiToken: `${CANARY}/acme`,
    baseUrl: server.baseUrl,
    format,
    hooks,
    ...NO_RETRIES,
  });
}

/** The call fails with a typed error, and neither it nor any hook payload holds the canary. */
async function expectTypedAndClean(call: Promise<unknown>): Promise<InvoicekitError> {
  const error = await call.then(
    (value) => {
      throw new Error(`expected a failure, got ${typeof value}`);
    },
    (caught: unknown) => caught,
  );
  expect(InvoicekitError.isInvoicekitError(error)).toBe(true);
  expect(findLeakedSecrets(error, SECRETS)).toEqual([]);
  expect(findLeakedSecrets(hookPayloads, SECRETS)).toEqual([]);
  return error as InvoicekitError;
}

describe('JSON: the token echoed in a success body', () => {
  it('echoed api_token beside a readable invoice: the invoice holds no token', async () => {
    const adapter = await against(
      'GET /invoices/7.json',
      JSON.stringify(invoiceJson({ id: 7, api_token: CANARY, buyer_name: CANARY })),
    );
    const invoice = await adapter.invoices.get('7');
    expect(findLeakedSecrets(invoice, SECRETS)).toEqual([]);
    expect(findLeakedSecrets(hookPayloads, SECRETS)).toEqual([]);
  });

  it('the whole request echoed back (no id): a clean ProviderError', async () => {
    const adapter = await against(
      'POST /invoices.json',
      JSON.stringify({ api_token: CANARY, invoice: { buyer_name: CANARY } }),
    );
    const error = await expectTypedAndClean(
      adapter.invoices.create({
        currency: 'PLN',
        customer: { snapshot: { name: 'B' } },
        lines: [{ description: 'x', unitPrice: '1', taxRate: 0 }],
      }),
    );
    expect(error.code).toBe('provider');
  });

  it.each([
    ['a money field', { price_gross: CANARY }],
    ['a date field', { issue_date: CANARY }],
    ['an id field', { client_id: { token: CANARY } }],
    ['a position tax', { positions: [{ name: 'x', tax: CANARY }] }],
    ['a field named after the token', { [CANARY]: 'x', price_gross: 'lots' }],
  ])('an unreadable %s holding the token: a clean ProviderError', async (_label, fields) => {
    const adapter = await against(
      'GET /invoices/7.json',
      JSON.stringify(invoiceJson({ id: 7, ...fields })),
    );
    const error = await expectTypedAndClean(adapter.invoices.get('7'));
    expect(error.code).toBe('provider');
  });

  it('the token as the value of the buyer name of a record without id', async () => {
    const adapter = await against('GET /invoices/7.json', JSON.stringify({ buyer_name: CANARY }));
    await expectTypedAndClean(adapter.invoices.get('7'));
  });
});

describe('XML: the token in tag names and foreign formats', () => {
  it('a JSON body on the XML path is a typed error, not a raw SyntaxError quoting it', async () => {
    const adapter = await against(
      'GET /invoices/7.xml',
      `{"api_token": "${CANARY}", "id": `,
      'xml',
      'application/json',
    );
    const error = await expectTypedAndClean(adapter.invoices.get('7'));
    expect(error.code).toBe('provider');
  });

  it('a well-formed JSON body on the XML path that is no invoice is a clean ProviderError', async () => {
    const adapter = await against(
      'GET /invoices/7.xml',
      JSON.stringify({ api_token: CANARY, buyer_name: CANARY }),
      'xml',
      'application/json',
    );
    await expectTypedAndClean(adapter.invoices.get('7'));
  });

  it.each([
    ['an unclosed tag named after the token', `<invoice><${CANARY}>1</invoice>`],
    ['a mismatched closing tag', `<invoice><id>1</${CANARY}></invoice>`],
    ['a record of tags named after the token', `<invoice><${CANARY}>x</${CANARY}></invoice>`],
    [
      'an unreadable invoice with a token tag',
      `<invoice><id>7</id><${CANARY}>x</${CANARY}><price-gross>${CANARY}</price-gross></invoice>`,
    ],
    ['the token as the root', `<${CANARY}><kind>vat</kind></${CANARY}>`],
  ])('%s: a typed error, the token nowhere', async (_label, xml) => {
    const adapter = await against('GET /invoices/7.xml', xml, 'xml');
    await expectTypedAndClean(adapter.invoices.get('7'));
  });

  it('a readable invoice with a tag named after the token: the invoice holds no token', async () => {
    const xml = toRailsXml('invoice', invoiceJson({ id: 7 })).replace(
      '</invoice>',
      `<${CANARY}>x</${CANARY}></invoice>`,
    );
    const adapter = await against('GET /invoices/7.xml', xml, 'xml');
    const invoice = await adapter.invoices.get('7');
    expect(invoice.id).toBe('7');
    expect(findLeakedSecrets(invoice, SECRETS)).toEqual([]);
  });
});

describe('XML: a token with underscores echoed as a dashed tag (names are rewritten `-` → `_`)', () => {
  const UNDERSCORED = 'Canary_Tok3n_Q9zXv7';
  const DASHED = UNDERSCORED.replace(/_/g, '-');

  it('never reaches the invoice, though the text holds it only dashed', async () => {
    server = await serveHostile((request, response) => {
      if (request.method === 'GET' && request.path === '/invoices/7.xml') {
        const xml = toRailsXml('invoice', invoiceJson({ id: 7 })).replace(
          '</invoice>',
          `<${DASHED}>x</${DASHED}><note>${DASHED}</note></invoice>`,
        );
        return answer(response, 200, xml, 'application/xml');
      }
      return answer(response, 404, { code: 'error', message: 'Not found' });
    });
    const adapter = createInvoiceOceanAdapter({
      apiToken: `${UNDERSCORED}/acme`,
      baseUrl: server.baseUrl,
      format: 'xml',
      ...NO_RETRIES,
    });
    const invoice = await adapter.invoices.get('7');
    expect(invoice.id).toBe('7');
    expect(findLeakedSecrets(invoice, [UNDERSCORED, `${UNDERSCORED}/acme`])).toEqual([]);
  });
});
