import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  NetworkError,
  NotFoundError,
  OutcomeUnknownError,
  ProviderError,
  RateLimitedError,
  TimeoutError,
  UnavailableError,
  ValidationError,
} from '../errors/errors';
import { createFakeClock, type FakeClock } from '../testing/fake-clock';
import { findLeakedSecrets } from '../testing/secrets';
import { basicAuth, bearerToken, bodyToken, queryToken } from './auth/strategies';
import type { AuthStrategy } from './auth/auth-strategy';
import { createXmlCodec } from './codecs/xml-codec';
import type { HttpHooks, RequestEvent, ResponseEvent, RetryEvent } from './hooks';
import { silentLogger } from './logger';
import { unlimitedRateLimiter } from './rate-limiter';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';
import { HttpTransport } from './transport';
import type { TransportOptions } from './transport-options';

const BASE = 'https://vendor.test';
/** nock 14 hangs on `replyWithError({ code })`; a real Error with a code behaves like a socket error. */
const socketError = (code: string, message = code): Error =>
  Object.assign(new Error(message), { code });
const SECRET = 'canary-secret-7c1d9e';

function transport(
  options: Partial<TransportOptions> & { auth?: AuthStrategy } = {},
  extras: { clock?: FakeClock; hooks?: HttpHooks; retry?: Partial<RetryPolicy> } = {},
): { transport: HttpTransport; clock: FakeClock } {
  const clock = extras.clock ?? createFakeClock();
  return {
    clock,
    transport: new HttpTransport(
      { provider: 'vendor', baseUrl: BASE, auth: queryToken('api_token', SECRET), ...options },
      clock,
      silentLogger,
      { ...DEFAULT_RETRY_POLICY, ...extras.retry },
      unlimitedRateLimiter,
      extras.hooks ?? {},
      () => 0.5,
    ),
  };
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('auth strategies put the credential where the vendor expects it', () => {
  it('query token', async () => {
    const scope = nock(BASE)
      .get('/invoices.json')
      .query({ api_token: SECRET, page: '2' })
      .reply(200, []);
    await transport().transport.request({
      method: 'GET',
      path: '/invoices.json',
      query: { page: 2 },
    });
    scope.done();
  });

  it('body token on writes, query token on reads', async () => {
    const scope = nock(BASE)
      .post('/invoices.json', { api_token: SECRET, invoice: { kind: 'vat' } })
      .reply(201, { id: 1 })
      .get('/invoices/1.json')
      .query({ api_token: SECRET })
      .reply(200, { id: 1 });
    const { transport: t } = transport({ auth: bodyToken('api_token', SECRET) });
    await t.request({ method: 'POST', path: '/invoices.json', body: { invoice: { kind: 'vat' } } });
    await t.request({ method: 'GET', path: '/invoices/1.json' });
    scope.done();
  });

  it('HTTP Basic and Bearer headers', async () => {
    const basic = `Basic ${Buffer.from(`me@example.com:${SECRET}`).toString('base64')}`;
    const scope = nock(BASE, { reqheaders: { authorization: basic } })
      .post('/api.php')
      .reply(200, {});
    await transport({ auth: basicAuth('me@example.com', SECRET) }).transport.request({
      method: 'POST',
      path: '/api.php',
      body: {},
    });
    scope.done();
    const bearer = nock(BASE, { reqheaders: { authorization: `Bearer ${SECRET}` } })
      .get('/x')
      .reply(200, {});
    await transport({ auth: bearerToken(SECRET) }).transport.request({ method: 'GET', path: '/x' });
    bearer.done();
  });

  it('repeats array query values (kinds[]=vat&kinds[]=proforma)', async () => {
    const scope = nock(BASE)
      .get('/invoices.json')
      .query((query) => JSON.stringify(query['kinds[]']) === JSON.stringify(['vat', 'proforma']))
      .reply(200, []);
    await transport({ auth: bearerToken(SECRET) }).transport.request({
      method: 'GET',
      path: '/invoices.json',
      query: { 'kinds[]': ['vat', 'proforma'], skipped: undefined },
    });
    scope.done();
  });

  it.each([
    [
      '/invoices.json',
      { page: 2, q: 'Zażółć & co/1' },
      '/invoices.json?page=2&q=Za%C5%BC%C3%B3%C5%82%C4%87+%26+co%2F1',
    ],
    ['/invoices.json?kind=vat', { page: 2 }, '/invoices.json?kind=vat&page=2'],
    ['/invoices.json?kind=a b', { page: 2 }, '/invoices.json?kind=a+b&page=2'],
    ['clients/7.json', {}, '/clients/7.json'],
    ['/clients/a b.json', { 'ids[]': [1, 2] }, '/clients/a%20b.json?ids%5B%5D=1&ids%5B%5D=2'],
  ])('sends %s with %j as %s', async (path, query, expected) => {
    const sent: string[] = [];
    const base = 'https://vendor.test/api/';
    nock('https://vendor.test')
      .get(() => true)
      .reply(function reply() {
        sent.push(this.req.path);
        return [200, {}];
      });
    await transport({ baseUrl: base, auth: bearerToken(SECRET) }).transport.request({
      method: 'GET',
      path,
      query,
    });
    expect(sent).toEqual([`/api${expected}`]);
  });
});

describe('errors are normalised from the status and the body', () => {
  it.each([
    [
      401,
      { code: 'error', message: 'You must be logged in to gain access to the site' },
      AuthenticationError,
    ],
    [404, { status: 404, error: 'Not Found' }, NotFoundError],
    [500, { error: 'boom' }, UnavailableError],
  ])('HTTP %i → %o', async (status, body, type) => {
    nock(BASE).get('/x').query(true).reply(status, body);
    const error = await transport({}, { retry: { maxRetries: 0 } })
      .transport.request({ method: 'GET', path: '/x' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({ status, provider: 'vendor', rawBody: body });
  });

  it('422 with a field map becomes ValidationError with issues per field', async () => {
    nock(BASE)
      .post('/x')
      .query(true)
      .reply(422, {
        code: 'error',
        message: { buyer_name: ["can't be blank"], positions: ['is invalid', 'is empty'] },
      });
    const error = (await transport()
      .transport.request({ method: 'POST', path: '/x', body: {} })
      .catch((caught: unknown) => caught)) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues).toEqual([
      { path: 'buyer_name', message: "can't be blank" },
      { path: 'positions', message: 'is invalid' },
      { path: 'positions', message: 'is empty' },
    ]);
  });

  it('an HTML page where JSON was expected is a ProviderError, not a crash', async () => {
    nock(BASE).get('/x').query(true).reply(200, '<!DOCTYPE html><html><body>Login</body></html>', {
      'content-type': 'text/html',
    });
    const error = await transport()
      .transport.request({ method: 'GET', path: '/x' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderError);
    expect(String(error)).toMatch(/HTML page/);
  });

  it('a vendor error mapper sees errors delivered with HTTP 200', async () => {
    nock(BASE)
      .post('/send')
      .query(true)
      .reply(200, { status: 'error', message: 'Faktura nie może zostać wysłana' });
    const { transport: t } = transport({
      errorMapper: (response) =>
        (response.body as { status?: string }).status === 'error'
          ? new ValidationError({
              provider: response.provider,
              issues: [{ path: '', message: 'blocked' }],
              status: response.status,
            })
          : undefined,
    });
    await expect(t.request({ method: 'POST', path: '/send', body: {} })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });

  it('takes the request id from the headers', async () => {
    nock(BASE).get('/x').query(true).reply(404, { error: 'nope' }, { 'x-request-id': 'req-42' });
    await expect(
      transport().transport.request({ method: 'GET', path: '/x' }),
    ).rejects.toMatchObject({ requestId: 'req-42' });
  });
});

describe('retries', () => {
  it('retries reads on 5xx with exponential backoff and equal jitter', async () => {
    nock(BASE)
      .get('/x')
      .query(true)
      .reply(503, {})
      .get('/x')
      .query(true)
      .reply(502, {})
      .get('/x')
      .query(true)
      .reply(200, { ok: true });
    const { transport: t, clock } = transport();
    const response = await t.request({ method: 'GET', path: '/x' });
    expect(response.body).toEqual({ ok: true });
    expect(response.attempts).toBe(3);
    // base 500 ms: 250 + 0.5 × 250, then 500 + 0.5 × 500
    expect(clock.sleeps).toEqual([375, 750]);
  });

  it('honours Retry-After in seconds and as an HTTP date', async () => {
    const { transport: t, clock } = transport();
    const inTenSeconds = new Date(clock.now() + 10_000).toUTCString();
    nock(BASE)
      .get('/x')
      .query(true)
      .reply(429, {}, { 'retry-after': '3' })
      .get('/x')
      .query(true)
      .reply(429, {}, { 'retry-after': inTenSeconds })
      .get('/x')
      .query(true)
      .reply(200, {});
    await t.request({ method: 'GET', path: '/x' });
    expect(clock.sleeps[0]).toBe(3000);
    // The date is 10 s after the start; 3 s have passed on the clock by the second 429.
    expect(clock.sleeps[1]).toBe(7000);
  });

  it('gives up on a Retry-After longer than the policy allows, with the wait on the error', async () => {
    nock(BASE).get('/x').query(true).reply(429, { error: 'slow down' }, { 'retry-after': '3600' });
    const error = (await transport()
      .transport.request({ method: 'GET', path: '/x' })
      .catch((caught: unknown) => caught)) as RateLimitedError;
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error.retryAfterMs).toBe(3_600_000);
  });

  it('retries a 429 even for a write: the vendor refused it before doing anything', async () => {
    const scope = nock(BASE)
      .post('/x')
      .query(true)
      .reply(429, {})
      .post('/x')
      .query(true)
      .reply(201, { id: 7 });
    const response = await transport().transport.request({ method: 'POST', path: '/x', body: {} });
    expect(response.status).toBe(201);
    scope.done();
  });

  it('does NOT retry a write after a 503: its outcome is unknown (the vendor may have committed it)', async () => {
    const scope = nock(BASE).post('/x').query(true).reply(503, {});
    const follow = nock(BASE).post('/x').query(true).reply(201, {});
    const error = await transport()
      .transport.request({ method: 'POST', path: '/x', body: {}, operation: 'things.create' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error).toMatchObject({
      code: 'outcome_unknown',
      causeCode: 'unavailable',
      operation: 'things.create',
      retryable: false,
      status: 503,
    });
    expect((error as OutcomeUnknownError).check).toMatch(/whether vendor recorded things\.create/);
    expect((error as OutcomeUnknownError).cause).toBeInstanceOf(UnavailableError);
    scope.done();
    expect(follow.isDone()).toBe(false);
  });

  it('retries a POST that only reads (RPC-style), like a GET', async () => {
    nock(BASE)
      .post('/api.php')
      .query(true)
      .reply(503, {})
      .post('/api.php')
      .query(true)
      .reply(200, { ok: 1 });
    const response = await transport().transport.request({
      method: 'POST',
      path: '/api.php',
      body: {},
      idempotency: { kind: 'read-only' },
    });
    expect(response.body).toEqual({ ok: 1 });
  });

  it('retries a write after a 503 when the vendor dedupes it', async () => {
    nock(BASE).post('/x').query(true).reply(503, {}).post('/x').query(true).reply(201, { id: 1 });
    const response = await transport().transport.request({
      method: 'POST',
      path: '/x',
      body: {},
      idempotency: { kind: 'vendor-dedupe' },
    });
    expect(response.body).toEqual({ id: 1 });
  });

  it('after an ambiguous write failure, looks the record up instead of sending it again', async () => {
    const scope = nock(BASE)
      .post('/x')
      .query(true)
      .replyWithError(socketError('ECONNRESET', 'socket hang up'));
    const again = nock(BASE).post('/x').query(true).reply(201, { id: 'duplicate' });
    const response = await transport().transport.request({
      method: 'POST',
      path: '/x',
      body: {},
      idempotency: {
        kind: 'lookup',
        lookup: () => Promise.resolve({ id: 'committed-first-time' }),
      },
    });
    expect(response.body).toEqual({ id: 'committed-first-time' });
    expect(response.recoveredByLookup).toBe(true);
    scope.done();
    expect(again.isDone()).toBe(false);
  });

  it('when repeated look-ups find nothing after a reset, the outcome is unknown and the write is NOT sent again', async () => {
    const first = nock(BASE).post('/x').query(true).replyWithError(socketError('ECONNRESET'));
    const again = nock(BASE).post('/x').query(true).reply(201, { id: 2 });
    let asked = 0;
    const { transport: t, clock } = transport(
      {},
      { retry: { lookupAttempts: 3, lookupDelayMs: 1_000 } },
    );
    const error = await t
      .request({
        method: 'POST',
        path: '/x',
        body: {},
        idempotency: {
          kind: 'lookup',
          lookup: () => {
            asked += 1;
            return Promise.resolve(undefined);
          },
        },
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error).toMatchObject({ causeCode: 'network' });
    expect((error as Error).message).toMatch(/3 look-ups found nothing/);
    expect(asked).toBe(3);
    // Each ask comes after the vendor was given time to commit.
    expect(clock.sleeps).toEqual([1_000, 1_000, 1_000]);
    first.done();
    expect(again.isDone()).toBe(false);
  });

  it('finds a write the vendor committed late, on a later look-up, and sends nothing again', async () => {
    nock(BASE).post('/x').query(true).replyWithError(socketError('ECONNRESET'));
    const again = nock(BASE).post('/x').query(true).reply(201, { id: 'duplicate' });
    let asked = 0;
    const response = await transport({}, { retry: { lookupAttempts: 3 } }).transport.request({
      method: 'POST',
      path: '/x',
      body: {},
      idempotency: {
        kind: 'lookup',
        lookup: () => {
          asked += 1;
          return Promise.resolve(asked < 2 ? undefined : { id: 'late' });
        },
      },
    });
    expect(response).toMatchObject({ body: { id: 'late' }, recoveredByLookup: true });
    expect(asked).toBe(2);
    expect(again.isDone()).toBe(false);
  });

  it('after an answered 502 or 503 and look-ups that find nothing, the write is NOT sent again', async () => {
    // A proxy may answer 502/503 after the backend did the work: it may still show up.
    for (const status of [502, 503]) {
      const first = nock(BASE).post('/x').query(true).reply(status, {});
      const again = nock(BASE).post('/x').query(true).reply(201, { id: 2 });
      const error = await transport({}, { retry: { lookupAttempts: 2 } })
        .transport.request({
          method: 'POST',
          path: '/x',
          body: {},
          idempotency: { kind: 'lookup', lookup: () => Promise.resolve(undefined) },
        })
        .catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'outcome_unknown', causeCode: 'unavailable', status });
      first.done();
      expect(again.isDone()).toBe(false);
      nock.cleanAll();
    }
  });

  it('a deduped repeat refused after an ambiguous attempt, with nothing found, leaves the outcome unknown', async () => {
    nock(BASE)
      .post('/invoices.json')
      .query(true)
      .replyWithError(socketError('ECONNRESET'))
      .post('/invoices.json')
      .query(true)
      .reply(422, { code: 'error', message: { oid: ['has already been taken'] } });
    let asked = 0;
    const error = await transport({}, { retry: { lookupAttempts: 2 } })
      .transport.request({
        method: 'POST',
        path: '/invoices.json',
        body: { invoice: { oid: 'order-1', oid_unique: 'yes' } },
        idempotency: {
          kind: 'vendor-dedupe',
          lookup: () => {
            asked += 1;
            return Promise.resolve(undefined);
          },
        },
      })
      .catch((caught: unknown) => caught);
    // Not a "validation" failure: the first attempt may well be the invoice (an index lagging).
    expect(error).toMatchObject({ code: 'outcome_unknown', causeCode: 'validation' });
    expect((error as OutcomeUnknownError).cause).toBeInstanceOf(ValidationError);
    expect(asked).toBe(2);
  });

  it('a look-up that fails leaves the outcome unknown: the write is NOT sent again', async () => {
    const first = nock(BASE).post('/x').query(true).reply(504, {});
    const second = nock(BASE).post('/x').query(true).reply(201, { id: 'duplicate' });
    const error = await transport()
      .transport.request({
        method: 'POST',
        path: '/x',
        body: {},
        idempotency: {
          kind: 'lookup',
          lookup: () => Promise.reject(new Error('lookup down')),
          check: 'a payment with transaction id tx-1',
        },
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error).toMatchObject({
      causeCode: 'timeout',
      status: 504,
      check: 'a payment with transaction id tx-1',
    });
    expect((error as Error).message).toMatch(/the look-up failed/);
    first.done();
    expect(second.isDone()).toBe(false);
  });

  it('looks up even when no retry is left, after waiting the backoff when it is longer than the settle delay', async () => {
    nock(BASE).post('/x').query(true).replyWithError(socketError('ECONNRESET'));
    const { transport: t, clock } = transport({}, { retry: { maxRetries: 0, lookupDelayMs: 100 } });
    const response = await t.request({
      method: 'POST',
      path: '/x',
      body: {},
      idempotency: { kind: 'lookup', lookup: () => Promise.resolve({ id: 'found' }) },
    });
    expect(response.body).toEqual({ id: 'found' });
    expect(clock.sleeps).toEqual([375]);
  });

  it('when a deduping vendor refuses the repeat as a duplicate, returns the first attempt via look-up', async () => {
    nock(BASE)
      .post('/invoices.json')
      .query(true)
      .replyWithError(socketError('ECONNRESET'))
      .post('/invoices.json')
      .query(true)
      .reply(422, { code: 'error', message: { oid: ['has already been taken'] } });
    const response = await transport().transport.request({
      method: 'POST',
      path: '/invoices.json',
      body: { invoice: { oid: 'order-1', oid_unique: 'yes' } },
      idempotency: {
        kind: 'vendor-dedupe',
        lookup: () => Promise.resolve({ id: 99, oid: 'order-1' }),
      },
    });
    expect(response).toMatchObject({ body: { id: 99 }, recoveredByLookup: true, attempts: 2 });
  });

  it('a refused first attempt (nothing ambiguous yet) is not looked up', async () => {
    nock(BASE)
      .post('/x')
      .query(true)
      .reply(422, { message: { oid: ['has already been taken'] } });
    let lookups = 0;
    const error = await transport()
      .transport.request({
        method: 'POST',
        path: '/x',
        body: {},
        idempotency: { kind: 'vendor-dedupe', lookup: () => Promise.resolve((lookups += 1)) },
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect(lookups).toBe(0);
  });

  it('honours Retry-After on a 503 and keeps it on the error', async () => {
    nock(BASE)
      .get('/x')
      .query(true)
      .reply(503, {}, { 'retry-after': '4' })
      .get('/x')
      .query(true)
      .reply(200, {});
    const { transport: t, clock } = transport();
    await t.request({ method: 'GET', path: '/x' });
    expect(clock.sleeps).toEqual([4000]);
    nock(BASE).get('/y').query(true).reply(503, {}, { 'retry-after': '9' });
    const error = await transport({}, { retry: { maxRetries: 0 } })
      .transport.request({ method: 'GET', path: '/y' })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'unavailable', retryAfterMs: 9000 });
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ retryAfterMs: 9000 });
  });

  it('retries any method when the connection was refused (nothing was sent)', async () => {
    nock(BASE)
      .post('/x')
      .query(true)
      .replyWithError(socketError('ECONNREFUSED'))
      .post('/x')
      .query(true)
      .reply(201, {});
    const response = await transport().transport.request({ method: 'POST', path: '/x', body: {} });
    expect(response.status).toBe(201);
  });

  it('turns connection failures into NetworkError and TimeoutError', async () => {
    nock(BASE).get('/reset').query(true).times(4).replyWithError(socketError('ECONNRESET'));
    const reset = await transport()
      .transport.request({ method: 'GET', path: '/reset' })
      .catch((caught: unknown) => caught);
    expect(reset).toBeInstanceOf(NetworkError);
    expect(reset).toMatchObject({ notSent: false, retryable: true });

    nock(BASE).get('/slow').query(true).delay(200).reply(200, {});
    const timeout = await transport({ timeoutMs: 20 }, { retry: { maxRetries: 0 } })
      .transport.request({ method: 'GET', path: '/slow' })
      .catch((caught: unknown) => caught);
    expect(timeout).toBeInstanceOf(TimeoutError);
  });

  it('stops at maxRetries', async () => {
    nock(BASE).get('/x').query(true).times(3).reply(500, {});
    const { transport: t, clock } = transport({}, { retry: { maxRetries: 2 } });
    await expect(t.request({ method: 'GET', path: '/x' })).rejects.toBeInstanceOf(UnavailableError);
    expect(clock.sleeps).toHaveLength(2);
  });

  it('an aborted signal rejects with its reason and stops retrying', async () => {
    nock(BASE).get('/x').query(true).reply(503, {});
    const controller = new AbortController();
    const { transport: t } = transport(
      {},
      {
        hooks: {
          onRetry: () => controller.abort(new Error('caller gave up')),
        },
      },
    );
    await expect(
      t.request({ method: 'GET', path: '/x', signal: controller.signal }),
    ).rejects.toThrow('caller gave up');
  });
});

describe('redaction: no credential in any error, rendering or hook payload', () => {
  const strategies: [string, AuthStrategy, string[]][] = [
    ['query token', queryToken('api_token', SECRET), [SECRET]],
    ['body token', bodyToken('api_token', SECRET), [SECRET]],
    ['basic', basicAuth('owner@example.com', SECRET), [SECRET, `owner@example.com:${SECRET}`]],
    ['bearer', bearerToken(SECRET), [SECRET]],
  ];

  it.each(strategies)('%s', async (_name, auth, secrets) => {
    const seen: unknown[] = [];
    const hooks: HttpHooks = {
      onRequest: (event: RequestEvent) => seen.push(event),
      onResponse: (event: ResponseEvent) => seen.push(event),
      onRetry: (event: RetryEvent) => seen.push(event),
    };
    // The vendor echoes the token back in its error body, as some do.
    nock(BASE)
      .post('/x')
      .query(true)
      .reply(422, { message: `token ${SECRET} is not allowed`, echo: { api_token: SECRET } })
      .get('/y')
      .query(true)
      .times(4)
      .replyWithError(socketError('ECONNRESET', `reset while sending api_token=${SECRET}`))
      .get('/z')
      .query(true)
      .reply(
        401,
        `<html>Authorization: Basic ${Buffer.from(`owner@example.com:${SECRET}`).toString('base64')}</html>`,
      );
    const { transport: t } = transport({ auth }, { hooks });
    const errors = await Promise.all([
      t
        .request({ method: 'POST', path: '/x', body: { invoice: {} } })
        .catch((caught: unknown) => caught),
      t.request({ method: 'GET', path: '/y' }).catch((caught: unknown) => caught),
      t.request({ method: 'GET', path: '/z' }).catch((caught: unknown) => caught),
    ]);
    for (const error of errors) {
      expect(error).toBeInstanceOf(Error);
      expect(findLeakedSecrets(error, secrets)).toEqual([]);
    }
    expect(seen.length).toBeGreaterThan(3);
    expect(findLeakedSecrets(seen, secrets)).toEqual([]);
    expect(findLeakedSecrets(t, secrets)).toEqual([]);
  });
});

describe('extra secrets', () => {
  it('masks secrets the auth strategy does not know (a webhook secret, a password in config)', async () => {
    const extra = 'webhook-canary-secret-77';
    nock(BASE)
      .get('/x')
      .query(true)
      .reply(400, { message: `bad signature for ${extra}`, echo: extra });
    const { transport: t } = transport({ extraSecrets: [extra] });
    const error = await t.request({ method: 'GET', path: '/x' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect(findLeakedSecrets(error, [extra, SECRET])).toEqual([]);
    expect(findLeakedSecrets(t, [extra, SECRET])).toEqual([]);
  });
});

describe('secret paths', () => {
  it('shows only the origin of a bearer link in hooks and errors', async () => {
    const link = '/document/8f2a9c0d7e6b5a4f3c2d1e0f.pdf';
    const seen: unknown[] = [];
    nock(BASE).get(link).reply(404, 'gone');
    const { transport: t } = transport(
      {},
      {
        hooks: { onRequest: (event) => seen.push(event), onResponse: (event) => seen.push(event) },
      },
    );
    const error = await t
      .request({ method: 'GET', path: link, responseType: 'binary', secretPath: true })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(findLeakedSecrets([error, seen], ['8f2a9c0d7e6b5a4f3c2d1e0f'])).toEqual([]);
    expect(JSON.stringify(seen)).toContain('/[REDACTED]');
  });
});

describe('hooks', () => {
  it('report request, response and retry with redacted URLs; a throwing hook breaks nothing', async () => {
    nock(BASE)
      .get('/x')
      .query(true)
      .reply(503, {})
      .get('/x')
      .query(true)
      .reply(200, {}, { 'x-request-id': 'r-1' });
    const events: string[] = [];
    const { transport: t } = transport(
      {},
      {
        hooks: {
          onRequest: (event) => {
            events.push(`request ${event.attempt} ${event.url}`);
            throw new Error('hook bug');
          },
          onResponse: (event) => events.push(`response ${event.status} ${event.requestId ?? '-'}`),
          onRetry: (event) => events.push(`retry ${event.attempt} ${event.reason}`),
        },
      },
    );
    await t.request({ method: 'GET', path: '/x' });
    expect(events).toEqual([
      'request 1 https://vendor.test/x?api_token=[REDACTED]',
      'response 503 -',
      'retry 1 unavailable',
      'request 2 https://vendor.test/x?api_token=[REDACTED]',
      'response 200 r-1',
    ]);
  });
});

describe('XML bodies', () => {
  it('encodes requests and decodes responses keeping money as strings', async () => {
    const scope = nock(BASE)
      .post('/invoices.xml', (body: string) => body.includes('<price-net>0012.50</price-net>'))
      .query(true)
      .reply(
        201,
        '<?xml version="1.0"?><invoice><id type="integer">5</id><price-net>0012.50</price-net></invoice>',
        {
          'content-type': 'application/xml',
        },
      );
    const { transport: t } = transport({ codec: createXmlCodec() });
    const response = await t.request({
      method: 'POST',
      path: '/invoices.xml',
      body: { invoice: { 'price-net': '0012.50' } },
    });
    expect(response.body).toEqual({
      invoice: { id: { '#text': '5', '@_type': 'integer' }, 'price-net': '0012.50' },
    });
    scope.done();
  });

  it('a binary download that answers with an HTML page or a JSON error is an error, not a document', async () => {
    nock(BASE)
      .get('/1.pdf')
      .query(true)
      .reply(200, '<html><body>Log in</body></html>', { 'content-type': 'text/html' });
    const html = await transport()
      .transport.request({ method: 'GET', path: '/1.pdf', responseType: 'binary' })
      .catch((caught: unknown) => caught);
    expect(html).toBeInstanceOf(ProviderError);
    nock(BASE)
      .get('/2.pdf')
      .query(true)
      .reply(404, { status: 404, error: 'Not Found' }, { 'content-type': 'application/json' });
    const missing = await transport()
      .transport.request({ method: 'GET', path: '/2.pdf', responseType: 'binary' })
      .catch((caught: unknown) => caught);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing).toMatchObject({ rawBody: { error: 'Not Found' } });
  });

  it('downloads binary bodies untouched', async () => {
    const pdf = Buffer.from('%PDF-1.4\n\u00ff\u00fe binary', 'latin1');
    nock(BASE).get('/1.pdf').query(true).reply(200, pdf, { 'content-type': 'application/pdf' });
    const response = await transport().transport.request<Buffer>({
      method: 'GET',
      path: '/1.pdf',
      responseType: 'binary',
    });
    expect(Buffer.compare(response.body, pdf)).toBe(0);
  });
});

describe("the vendor's clock, from its Date headers", () => {
  it('is unknown before a dated answer, then how far behind (or ahead of) ours it is', async () => {
    const clock = createFakeClock(Date.parse('2026-12-01T12:00:00.400Z'));
    const { transport: client } = transport({}, { clock });
    expect(client.vendorClockOffsetMs()).toBeUndefined();
    nock(BASE).get('/a.json').query(true).reply(200, [], { date: 'Tue, 01 Dec 2026 11:50:00 GMT' });
    await client.request({ method: 'GET', path: '/a.json', operation: 'test' });
    expect(client.vendorClockOffsetMs()).toBe(-600_400);
    nock(BASE).get('/b.json').query(true).reply(200, [], { date: 'not a date' });
    await client.request({ method: 'GET', path: '/b.json', operation: 'test' });
    // An unreadable header changes nothing.
    expect(client.vendorClockOffsetMs()).toBe(-600_400);
  });

  it('a watch keeps the most-behind answer it saw, not the last one', async () => {
    const clock = createFakeClock(Date.parse('2026-12-01T12:00:00.000Z'));
    const { transport: client } = transport({}, { clock });
    nock(BASE).get('/a.json').query(true).reply(200, [], { date: 'Tue, 01 Dec 2026 11:59:00 GMT' });
    await client.request({ method: 'GET', path: '/a.json', operation: 'test' });
    const watch = client.watchVendorClock();
    // Nothing seen yet during the watch: the last offset known before it.
    expect(watch.minOffsetMs()).toBe(-60_000);
    nock(BASE).get('/b.json').query(true).reply(200, [], { date: 'Tue, 01 Dec 2026 11:50:00 GMT' });
    await client.request({ method: 'GET', path: '/b.json', operation: 'test' });
    nock(BASE).get('/c.json').query(true).reply(200, [], { date: 'Tue, 01 Dec 2026 12:00:00 GMT' });
    await client.request({ method: 'GET', path: '/c.json', operation: 'test' });
    expect(client.vendorClockOffsetMs()).toBe(0);
    expect(watch.minOffsetMs()).toBe(-600_000);
    watch.stop();
  });
});

describe('a successful answer costs no redaction', () => {
  it('with no hook listening and no error, nothing is deep-copied or redacted for payloads', async () => {
    nock(BASE)
      .get('/invoices/1.json')
      .query(true)
      .reply(200, { id: 1, token: 'public-link-token', lines: [{ name: 'a' }] });
    const { transport: t } = transport();
    const calls: string[] = [];
    for (const name of ['redactValue', 'redactHeaders', 'maskSecrets'] as const) {
      const original = t.redactor[name] as (...args: unknown[]) => unknown;
      (t.redactor as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
        calls.push(name);
        return original(...args);
      };
    }
    const response = await t.request({ method: 'GET', path: '/invoices/1.json' });
    expect(response.body).toEqual({ id: 1, token: 'public-link-token', lines: [{ name: 'a' }] });
    expect(calls).toEqual([]);
  });

  it('an error a mapper finds in a 200 still carries the redacted body', async () => {
    nock(BASE)
      .get('/x')
      .query(true)
      .reply(200, { status: 'error', api_token: SECRET, secret_key: 'not-known-but-named' });
    const { transport: t } = transport({
      errorMapper: (context) =>
        (context.data as { status?: string }).status === 'error'
          ? new ProviderError({ provider: 'vendor', message: 'refused', rawBody: context.body })
          : undefined,
    });
    const error = (await t
      .request({ method: 'GET', path: '/x' })
      .catch((e: unknown) => e)) as ProviderError;
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.rawBody).toEqual({
      status: 'error',
      api_token: '[REDACTED]',
      secret_key: '[REDACTED]',
    });
    expect(findLeakedSecrets(error, [SECRET])).toEqual([]);
  });
});
