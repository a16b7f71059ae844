import { inspect } from 'node:util';
import { AuthenticationError, ProviderError, type HttpHooks, type Logger } from '@invoicekit/core';
import { findLeakedSecrets } from '@invoicekit/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fastRetries,
  serveHostile,
  type HostileAnswer,
  type HostileServer,
} from './__fixtures__/hostile-server';
import { toFbapiXml } from './codec/xml-codec';
import { createBillomatStyleAdapter } from './index';

const EMAIL = 'owner@acme.example';
const API_KEY = 'canary-key-3f9a27d1c6';
const PAIR = `${EMAIL}:${API_KEY}`;
const SECRETS = [API_KEY, PAIR];

let next: HostileAnswer = { body: '' };
let server: HostileServer;
beforeAll(async () => {
  server = await serveHostile(() => next);
});
afterAll(() => server.close());

/** Runs `call` on a fresh adapter and returns its result or error, and every hook and log payload. */
async function run(
  call: (adapter: ReturnType<typeof createBillomatStyleAdapter>) => Promise<unknown>,
  format: 'json' | 'xml' = 'json',
) {
  const seen: unknown[] = [];
  const hooks: HttpHooks = {
    onRequest: (event) => seen.push(event),
    onResponse: (event) => seen.push(event),
    onRetry: (event) => seen.push(event),
  };
  const logger: Logger = {
    debug: (...args) => seen.push(args),
    info: (...args) => seen.push(args),
    warn: (...args) => seen.push(args),
    error: (...args) => seen.push(args),
  };
  const adapter = createBillomatStyleAdapter({
    email: EMAIL,
    apiKey: API_KEY,
    baseUrl: server.baseUrl,
    format,
    ...fastRetries(),
    hooks,
    logger,
  });
  try {
    return { outcome: await call(adapter), seen };
  } catch (error) {
    return { outcome: error, seen };
  } finally {
    await adapter.close();
  }
}

/** Every rendering of the outcome (result or error) and of the hooks: no key, pair or Base64 form. */
function expectNoLeak(outcome: unknown, seen: unknown[]): void {
  expect(findLeakedSecrets(outcome, SECRETS)).toEqual([]);
  expect(findLeakedSecrets(seen, SECRETS)).toEqual([]);
  if (outcome instanceof Error) {
    for (const rendering of [
      outcome.message,
      String(outcome),
      inspect(outcome),
      JSON.stringify(outcome),
    ])
      for (const secret of SECRETS) expect(rendering).not.toContain(secret);
  }
}

const base64Pair = Buffer.from(PAIR).toString('base64');

/** An invoice.get answer with the request echoed (as the vendor does) and `fields` in the record. */
function invoiceAnswer(
  fields: Record<string, unknown>,
  request: unknown = { SERVICE: 'invoice.get' },
) {
  return {
    REQUEST: request,
    RESPONSE: { INVOICES: [{ INVOICE_ID: '1', CURRENCY_CODE: 'EUR', TYPE: 'draft', ...fields }] },
  };
}

describe('a vendor that echoes the credential never puts it into results, errors, hooks or logs', () => {
  it.each([
    ['the key in a readable field', { INTROTEXT: API_KEY }],
    ['the Basic pair in a readable field', { COMMENT: PAIR }],
    ['the Base64 Basic pair in an unknown field', { DEBUG: `Basic ${base64Pair}` }],
    ['the key in an item', { ITEMS: [{ DESCRIPTION: `key ${API_KEY}`, COMPLETE_NET: '1' }] }],
  ])('a success body with %s', async (_name, fields) => {
    next = { body: JSON.stringify(invoiceAnswer(fields, { SERVICE: 'invoice.get', AUTH: PAIR })) };
    const { outcome, seen } = await run((adapter) => adapter.invoices.get('1'));
    expect(outcome).toMatchObject({ id: '1' });
    expectNoLeak(outcome, seen);
  });

  it.each([
    ['the key as the value of an unreadable field', { TOTAL: API_KEY }],
    ['the pair as the value of an unreadable date', { INVOICE_DATE: PAIR }],
    ['the key as the value of an unreadable timestamp', { CREATED: API_KEY }],
    ['the key as a tag inside an unreadable field', { TOTAL: { [API_KEY]: 1 } }],
  ])('%s → a ProviderError without it', async (_name, fields) => {
    next = { body: JSON.stringify(invoiceAnswer(fields)) };
    const { outcome, seen } = await run((adapter) => adapter.invoices.get('1'));
    expect(outcome).toBeInstanceOf(ProviderError);
    expectNoLeak(outcome, seen);
  });

  it('a JSON tag named like the key, beside readable fields: the invoice reads, its raw holds no key', async () => {
    next = { body: JSON.stringify(invoiceAnswer({ [API_KEY]: 'x', EXTRA: { [PAIR]: '1' } })) };
    const { outcome, seen } = await run((adapter) => adapter.invoices.get('1'));
    expect(outcome).toMatchObject({ id: '1' });
    expectNoLeak(outcome, seen);
  });

  it('an XML tag named like the key: in a readable record, and in an unreadable field', async () => {
    for (const fields of [{ [API_KEY]: 'x' }, { TOTAL: { [API_KEY]: '1' } }]) {
      next = { body: toFbapiXml(invoiceAnswer(fields)) };
      const { outcome, seen } = await run((adapter) => adapter.invoices.get('1'), 'xml');
      expectNoLeak(outcome, seen);
    }
  });

  it('malformed XML whose tag names or text hold the key', async () => {
    for (const body of [
      `<FBAPI><RESPONSE><1${API_KEY}>x</1${API_KEY}></RESPONSE></FBAPI>`,
      `<FBAPI><RESPONSE><A>${API_KEY}</B></RESPONSE></FBAPI>`,
      `<FBAPI><${API_KEY}>`,
      `${API_KEY}<FBAPI/>`,
    ]) {
      next = { body };
      const { outcome, seen } = await run((adapter) => adapter.invoices.get('1'), 'xml');
      expect(outcome).toBeInstanceOf(ProviderError);
      expectNoLeak(outcome, seen);
    }
  });

  it('a JSON body on the XML path: read as the same envelope, or a typed error, never the raw text', async () => {
    next = { body: JSON.stringify(invoiceAnswer({ INTROTEXT: API_KEY, [API_KEY]: '1' })) };
    const read = await run((adapter) => adapter.invoices.get('1'), 'xml');
    expect(read.outcome).toMatchObject({ id: '1' });
    expectNoLeak(read.outcome, read.seen);

    next = { body: `{"RESPONSE":{"INVOICES":[{"INVOICE_ID":"${API_KEY}` };
    const broken = await run((adapter) => adapter.invoices.get('1'), 'xml');
    expect(broken.outcome).toBeInstanceOf(ProviderError);
    expect(broken.outcome).not.toBeInstanceOf(SyntaxError);
    expectNoLeak(broken.outcome, broken.seen);
  });

  it('an error answer that echoes the key in its message, its REQUEST and a tag name', async () => {
    next = {
      body: JSON.stringify({
        REQUEST: { SERVICE: 'invoice.get', KEY_ECHO: API_KEY, [PAIR]: [] },
        RESPONSE: { ERRORS: [`LoginError: Wrong API KEY ${API_KEY} for ${PAIR}`], [API_KEY]: 1 },
      }),
    };
    const { outcome, seen } = await run((adapter) => adapter.invoices.get('1'));
    expect(outcome).toBeInstanceOf(AuthenticationError);
    expectNoLeak(outcome, seen);
  });

  it('a write answer echoing the key: customer.create through the vendor client', async () => {
    next = {
      body: JSON.stringify({
        REQUEST: { SERVICE: 'customer.create', DATA: { NOTE: PAIR } },
        RESPONSE: { STATUS: 'success', CUSTOMER_ID: API_KEY },
      }),
    };
    const { outcome, seen } = await run((adapter) =>
      adapter.vendor.customers.create({ CUSTOMER_TYPE: 'business', ORGANIZATION: 'Echo GmbH' }),
    );
    expect(outcome).toBeInstanceOf(ProviderError);
    expectNoLeak(outcome, seen);
  });
});
