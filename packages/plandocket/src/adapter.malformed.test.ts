import {
  AuthenticationError,
  OutcomeUnknownError,
  ProviderError,
  UnavailableError,
} from '@invoicekit/core';
import { collect, createFakeClock, findLeakedSecrets } from '@invoicekit/core/testing';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serveAnswers, serveLoopback, type Loopback } from './__fixtures__/loopback';
import { createPlandocketEmulator } from './emulator';
import { createPlandocketAdapter, type PlandocketAdapter } from './index';

const API_KEY = 'pd-malformed-key-8c41d2e07b';

let server: Loopback | undefined;
let adapter: PlandocketAdapter | undefined;

beforeAll(() => nock.enableNetConnect('127.0.0.1'));
afterAll(() => nock.disableNetConnect());
afterEach(async () => {
  await adapter?.close();
  await server?.close();
  adapter = undefined;
  server = undefined;
});

/** Keeps the server for clean-up and hands it back. */
function track(served: Loopback): Loopback {
  server = served;
  return served;
}

function adapterFor(baseUrl: string): PlandocketAdapter {
  const clock = createFakeClock(Date.UTC(2026, 10, 20, 9));
  adapter = createPlandocketAdapter({ baseUrl, apiKey: API_KEY, clock });
  return adapter;
}

/** The error a call ended with; fails the test when it succeeded. */
async function failureOf(call: () => Promise<unknown>): Promise<unknown> {
  try {
    const value = await call();
    throw new Error(`succeeded with ${JSON.stringify(value)?.slice(0, 200)}`);
  } catch (error) {
    return error;
  }
}

/** A record answer that is no record: each once as the whole body, where one was expected. */
const NOT_A_RECORD: readonly [string, RegExp][] = [
  ['', /expected one record, received an empty body/],
  ['{}', /the record has no id/],
  ['null', /expected one record, received null/],
  ['"ok"', /expected one record, received text/],
  ['{"data":null}', /expected one record, received data as null/],
  ['{"data":"x"}', /expected one record, received data as text/],
  ['[{"id":7}]', /expected one record, received a list/],
  ['{"data":[{"id":7}]}', /expected one record, received data as a list/],
  ['{"data":{"invoice_number":"RE-7","total":119}}', /the record has no id/],
  ['{"data":{"id":"","total":119}}', /the record has no id/],
];

/** A list answer that is no list of records. */
const NOT_A_LIST: readonly [string, RegExp][] = [
  ['', /expected a list, received an empty body/],
  ['{}', /the record has no id/],
  ['null', /expected a list, received null/],
  ['"ok"', /expected a list, received text/],
  ['{"data":null}', /expected a list, received data as null/],
  ['{"data":"x"}', /expected a list, received data as text/],
  ['{"data":[true,2]}', /item 0 of the list is a boolean/],
  ['{"data":[{"id":1},null]}', /item 1 of the list is null/],
  ['{"data":[{"id":1},{"total":3}]}', /item 1 of the list has no id/],
];

type Call = (adapter: PlandocketAdapter) => Promise<unknown>;

const RECORD_CALLS: readonly [string, Call][] = [
  ['invoices.get', (a) => a.invoices.get('7')],
  ['invoices.update', (a) => a.invoices.update('7', { notes: 'n' })],
  ['invoices.cancel', (a) => a.invoices.cancel('7')],
  ['invoices.markPaid', (a) => a.invoices.markPaid('7', { amount: '1.00' })],
  ['customers.get', (a) => a.customers.get('7')],
  ['customers.create', (a) => a.customers.create({ kind: 'company', name: 'Messe GmbH' })],
  ['customers.update', (a) => a.customers.update('7', { notes: 'n' })],
  ['vendor.invoices.get', (a) => a.vendor.invoices.get('7')],
  ['vendor.contacts.get', (a) => a.vendor.contacts.get('7')],
  ['vendor.payments.get', (a) => a.vendor.payments.get('7')],
];

const LIST_CALLS: readonly [string, Call][] = [
  ['invoices.list', (a) => collect(a.invoices.list())],
  ['customers.list', (a) => collect(a.customers.list())],
  ['vendor.payments.list', (a) => collect(a.vendor.payments.list())],
];

describe('a malformed answer is a ProviderError naming what was wrong, never a record with id ""', () => {
  for (const [name, call] of RECORD_CALLS) {
    it.each(NOT_A_RECORD)(`${name} answered %j`, async (body, reason) => {
      const served = track(await serveAnswers(() => ({ status: 200, body })));
      const error = await failureOf(() => call(adapterFor(served.baseUrl)));
      expect(error).toBeInstanceOf(ProviderError);
      expect((error as ProviderError).message).toMatch(reason);
      expect((error as ProviderError).status).toBe(200);
      // Nothing was written after the first malformed answer.
      expect(served.requests.filter((request) => request.method !== 'GET').length).toBeLessThan(2);
    });
  }

  for (const [name, call] of LIST_CALLS) {
    it.each(NOT_A_LIST)(`${name} answered %j`, async (body, reason) => {
      const served = track(await serveAnswers(() => ({ status: 200, body })));
      const error = await failureOf(() => call(adapterFor(served.baseUrl)));
      expect(error).toBeInstanceOf(ProviderError);
      expect((error as ProviderError).message).toMatch(reason);
    });
  }

  it('an id that is no integer (it would go into a URL path) makes the invoice unreadable', async () => {
    for (const [id, reason] of [
      ['"../contacts/1"', /unreadable invoice: id: not an integer id/],
      ['"7?x=1"', /unreadable invoice: id: not an integer id/],
      ['"7/"', /unreadable invoice: id: not an integer id/],
      ['{"$gt":""}', /the record has no id/],
      ['true', /the record has no id/],
    ] as const) {
      const served = track(
        await serveAnswers(() => ({ status: 200, body: `{"data":{"id":${id},"total":1}}` })),
      );
      const error = await failureOf(() => adapterFor(served.baseUrl).invoices.get('7'));
      expect(error).toBeInstanceOf(ProviderError);
      expect((error as Error).message).toMatch(reason);
      await adapter?.close();
      await served.close();
    }
    const served = track(
      await serveAnswers(() => ({
        status: 200,
        body: '{"data":{"id":7,"total":1,"related_invoice_id":"1/../../x"}}',
      })),
    );
    await expect(adapterFor(served.baseUrl).invoices.get('7')).rejects.toThrow(
      /related_invoice_id: not an integer id/,
    );
  });

  it('an HTML 503 maintenance page is UnavailableError (retryable), never AuthenticationError', async () => {
    const page =
      '<!DOCTYPE html><html><head><title>Maintenance</title></head><body>We are down for maintenance. Please log in later.</body></html>';
    const served = track(
      await serveAnswers(() => ({
        status: 503,
        body: page,
        headers: { 'content-type': 'text/html; charset=utf-8' },
      })),
    );
    const error = await failureOf(() => adapterFor(served.baseUrl).invoices.get('7'));
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error).not.toBeInstanceOf(AuthenticationError);
    expect((error as UnavailableError).retryable).toBe(true);
    // A read is repeated: the page was asked for more than once.
    expect(served.requests.length).toBeGreaterThan(1);
  });
});

describe('absurd numbers and duplicate keys are a ProviderError before anything is expanded', () => {
  const invoice = (total: string) =>
    `{"data":{"id":7,"invoice_number":"RE-7","status":"sent","currency":"EUR","total":${total},"paid_amount":0,"open_amount":${total}}}`;

  it.each([
    ['1e400000000', /exponent beyond ±400/],
    ['-1e-400000000', /exponent beyond ±400/],
    ['9'.repeat(10_000), /longer than 400 characters/],
  ])('total %s', async (total, reason) => {
    const served = track(await serveAnswers(() => ({ status: 200, body: invoice(total) })));
    const error = await failureOf(() => adapterFor(served.baseUrl).invoices.get('7'));
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as Error).message).toMatch(reason);
    expect((error as Error).message).not.toContain('9999999999');
  });

  it('duplicate keys ({"id":1,"id":2}): which invoice it is cannot be known', async () => {
    const served = track(
      await serveAnswers(() => ({ status: 200, body: '{"data":{"id":1,"id":2,"total":1}}' })),
    );
    const error = await failureOf(() => adapterFor(served.baseUrl).invoices.get('7'));
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as Error).message).toMatch(/duplicate key/);
  });

  it('1e40 reads exactly, without exponent notation', async () => {
    const served = track(await serveAnswers(() => ({ status: 200, body: invoice('1e40') })));
    const read = await adapterFor(served.baseUrl).invoices.get('7');
    expect(read.totals.gross).toBe('10000000000000000000000000000000000000000.00');
    expect(read.totals.due).toBe('10000000000000000000000000000000000000000.00');
  });
});

describe('a payment accepted with an unreadable answer is never reported as failed', () => {
  function seeded() {
    const emulator = createPlandocketEmulator({ apiKey: API_KEY });
    emulator.seed({ contacts: [{ id: 1, company_name: 'Messe GmbH' }] });
    emulator.seed({
      invoices: [
        {
          id: 7,
          contact_id: 1,
          status: 'sent',
          items: [{ description: 'Stand', unit_price: '100.00', tax_rate: '19' }],
        },
      ],
    });
    return emulator;
  }

  it('committed, answered "ok": found by its transaction id, and the call succeeds', async () => {
    const emulator = seeded();
    const served = track(
      await serveLoopback(emulator, async (request, forward) => {
        if (request.method !== 'POST') return undefined;
        await forward();
        return { status: 201, body: '"ok"' };
      }),
    );
    const result = await adapterFor(served.baseUrl).invoices.markPaid('7', { amount: '19.00' });
    expect(result.data.totals.paid).toBe('19.00');
    expect(served.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
  });

  it('answered "{}" and not found: OutcomeUnknownError saying what to check, nothing resent', async () => {
    const emulator = seeded();
    const served = track(
      await serveLoopback(emulator, (request) =>
        request.method === 'POST' ? { status: 200, body: '{}' } : undefined,
      ),
    );
    const error = await failureOf(() =>
      adapterFor(served.baseUrl).invoices.markPaid('7', { amount: '19.00' }),
    );
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect((error as OutcomeUnknownError).check).toMatch(
      /transaction_id invoicekit:7:.+ on invoice/,
    );
    expect(served.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
    expect(findLeakedSecrets(error, [API_KEY])).toEqual([]);
  });
});
