import { DEFAULT_RETRY_POLICY, OutcomeUnknownError } from '@invoicekit/core';
import { collect, findLeakedSecrets } from '@invoicekit/core/testing';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serveLoopback, type Answer, type Decision, type Loopback } from './__fixtures__/loopback';
import { createPlandocketEmulator } from './emulator';
import { createPlandocketAdapter, type PlandocketAdapter } from './index';
import type { EmulatorRequest } from '@invoicekit/core/emulator';

const API_KEY = 'pd-lost-answer-key-41c9e07d2b';
const TIMEOUT_MS = 300;

let server: Loopback | undefined;
const adapters: PlandocketAdapter[] = [];

beforeAll(() => nock.enableNetConnect('127.0.0.1'));
afterAll(() => nock.disableNetConnect());
afterEach(async () => {
  for (const adapter of adapters.splice(0)) await adapter.close();
  await server?.close();
  server = undefined;
});

function seededEmulator() {
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

/** An adapter with a short attempt deadline and quick look-ups (the real clock). */
function adapterFor(baseUrl: string): PlandocketAdapter {
  const adapter = createPlandocketAdapter({
    baseUrl,
    apiKey: API_KEY,
    timeoutMs: TIMEOUT_MS,
    retry: { baseDelayMs: 5, maxDelayMs: 20, lookupDelayMs: 20 },
  });
  adapters.push(adapter);
  return adapter;
}

async function serve(
  intercept: (
    request: EmulatorRequest,
    forward: () => Promise<Answer | 'drop'>,
  ) => Promise<Decision>,
): Promise<{ served: Loopback; payments: () => Promise<number> }> {
  const served = await serveLoopback(seededEmulator(), intercept);
  server = served;
  // Counted through the same server, uninterrupted: what the vendor has recorded.
  const payments = async () =>
    (await collect(adapterFor(served.baseUrl).vendor.payments.list())).length;
  return { served, payments };
}

const isPaymentPost = (request: EmulatorRequest) =>
  request.method === 'POST' && request.path === '/api/v1/payments';
const isPaymentLookup = (request: EmulatorRequest) =>
  request.method === 'GET' && request.path === '/api/v1/payments';

describe('markPaid whose answer is lost: one payment, never two', () => {
  it('committed after the client timed out and after the first look-up: found later, paid once', async () => {
    let lookups = 0;
    let releasePost: () => void = () => undefined;
    let confirmCommitted: () => void = () => undefined;
    const firstLookupSeen = new Promise<void>((resolve) => (releasePost = resolve));
    const committed = new Promise<void>((resolve) => (confirmCommitted = resolve));
    const { served, payments } = await serve(async (request, forward) => {
      if (isPaymentPost(request) && lookups === 0) {
        // Held past the client's deadline; the vendor commits only once a look-up has found
        // nothing, then answers a client that is no longer listening.
        await firstLookupSeen;
        const answer = await forward();
        confirmCommitted();
        return answer === 'drop' ? 'drop' : answer;
      }
      if (isPaymentLookup(request)) {
        lookups += 1;
        if (lookups === 1) {
          const nothingYet = await forward();
          releasePost();
          await committed;
          return nothingYet === 'drop' ? 'drop' : nothingYet;
        }
      }
      return undefined;
    });

    const adapter = adapterFor(served.baseUrl);
    const outcome = await adapter.invoices
      .markPaid('7', { amount: '19.00' })
      .catch((error: unknown) => error);
    expect(await payments()).toBe(1);
    expect(served.requests.filter(isPaymentPost)).toHaveLength(1);
    if (outcome instanceof OutcomeUnknownError) {
      expect(outcome.check).toMatch(/transaction_id invoicekit:7:/);
    } else {
      expect(outcome).toMatchObject({ data: { totals: { paid: '19.00' } } });
    }
    expect(lookups).toBeGreaterThanOrEqual(2);
  });

  it('committed, then 503, with look-ups that see the payment still pending: not sent again', async () => {
    const { served, payments } = await serve(async (request, forward) => {
      if (isPaymentPost(request)) {
        await forward();
        return { status: 503, body: '{"error":"Service unavailable"}' };
      }
      if (isPaymentLookup(request)) {
        const answer = await forward();
        if (answer === 'drop') return 'drop';
        return { ...answer, body: answer.body.replaceAll('"completed"', '"pending"') };
      }
      return undefined;
    });
    const result = await adapterFor(served.baseUrl).invoices.markPaid('7', { amount: '19.00' });
    expect(served.requests.filter(isPaymentPost)).toHaveLength(1);
    expect(await payments()).toBe(1);
    expect(result.warnings).toEqual([
      {
        type: 'other',
        message: expect.stringMatching(/recorded as pending; only completed payments count/),
      },
    ]);
  });

  it('never committed and the connection reset: OutcomeUnknownError naming the payment to look for', async () => {
    const { served, payments } = await serve((request) =>
      Promise.resolve(isPaymentPost(request) ? 'drop' : undefined),
    );
    const error = await adapterFor(served.baseUrl)
      .invoices.markPaid('7', { amount: '19.00' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error).toMatchObject({ operation: 'invoices.markPaid', retryable: false });
    expect((error as OutcomeUnknownError).check).toMatch(
      /^a payment with transaction_id invoicekit:7:[0-9a-f-]{36} on invoice \S+$/,
    );
    expect(served.requests.filter(isPaymentPost)).toHaveLength(1);
    expect(served.requests.filter(isPaymentLookup).length).toBe(
      DEFAULT_RETRY_POLICY.lookupAttempts,
    );
    expect(await payments()).toBe(0);
    expect(findLeakedSecrets(error, [API_KEY])).toEqual([]);
  });
});
