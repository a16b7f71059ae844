import axios from 'axios';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defineEmulator } from './emulator';
import { EntityStore } from './entity-store';
import { attachToNock } from './attach-nock';
import { serveEmulator } from './serve-http';
import { jsonResponse, readJsonBody } from './types';

interface Counter {
  id: number;
  value: number;
}

/** A tiny stateful vendor: POST /counters creates, GET /counters lists. */
function counterEmulator() {
  return defineEmulator<EntityStore<Counter>, number[]>({
    name: 'counters',
    createState: () => new EntityStore<Counter>(),
    seed: (store, values) => values.forEach((value) => store.insert({ value })),
    handler: (request, store) => {
      if (request.method === 'POST') {
        const body = readJsonBody(request) as { value: number };
        return jsonResponse(201, store.insert({ value: body.value }));
      }
      if (request.method === 'GET' && request.path === '/counters') {
        return jsonResponse(200, store.all(), {
          'x-auth-seen': request.headers.authorization ?? '',
        });
      }
      return jsonResponse(404, { error: 'not found' });
    },
  });
}

describe('defineEmulator', () => {
  it('keeps state across requests, seeds, resets and journals', async () => {
    const emulator = counterEmulator();
    emulator.seed([1, 2]);
    const created = await emulator.handle({
      method: 'POST',
      path: '/counters',
      query: new URLSearchParams(),
      headers: {},
      body: '{"value":3}',
    });
    expect(created).toMatchObject({ kind: 'response', response: { status: 201 } });
    const listed = await emulator.handle({
      method: 'GET',
      path: '/counters',
      query: new URLSearchParams('a=1&a=2'),
      headers: {},
      body: '',
    });
    expect(listed.kind === 'response' && JSON.parse(String(listed.response.body))).toEqual([
      { value: 1, id: 1 },
      { value: 2, id: 2 },
      { value: 3, id: 3 },
    ]);
    expect(emulator.requestCount).toBe(2);
    expect(emulator.requests[1]).toMatchObject({ method: 'GET', query: { a: ['1', '2'] } });
    emulator.reset();
    expect(emulator.requestCount).toBe(0);
    const afterReset = await emulator.handle({
      method: 'GET',
      path: '/counters',
      query: new URLSearchParams(),
      headers: {},
      body: '',
    });
    expect(afterReset.kind === 'response' && JSON.parse(String(afterReset.response.body))).toEqual(
      [],
    );
  });

  it('injects faults in order, by match, for a number of times', async () => {
    const emulator = counterEmulator();
    const get = {
      method: 'GET',
      path: '/counters',
      query: new URLSearchParams(),
      headers: {},
      body: '',
    };
    emulator.faults.inject({ kind: 'rate_limit', retryAfter: 7, times: 2 });
    emulator.faults.inject({ kind: 'rate_limit', match: { method: 'POST' } });
    emulator.faults.inject({ kind: 'server_error', status: 502 });
    const outcomes = await Promise.all([
      emulator.handle(get),
      emulator.handle(get),
      emulator.handle(get),
      emulator.handle(get),
    ]);
    expect(
      outcomes.map((outcome) =>
        outcome.kind === 'response' ? outcome.response.status : outcome.reason,
      ),
    ).toEqual([429, 429, 502, 200]);
    expect(outcomes[0]?.kind === 'response' && outcomes[0].response.headers?.['retry-after']).toBe(
      '7',
    );
    expect(emulator.faults.pending).toBe(1);
  });

  it('matches a fault on the request body, for RPC-style APIs with one path', async () => {
    const emulator = counterEmulator();
    const post = (value: number) => ({
      method: 'POST',
      path: '/counters',
      query: new URLSearchParams(),
      headers: {},
      body: JSON.stringify({ value }),
    });
    emulator.faults.inject({ kind: 'server_error', status: 503, match: { body: /"value":2\b/ } });
    const first = await emulator.handle(post(1));
    const second = await emulator.handle(post(2));
    expect(first.kind === 'response' && first.response.status).toBe(201);
    expect(second.kind === 'response' && second.response.status).toBe(503);
    expect(emulator.faults.pending).toBe(0);
  });

  it('response_lost commits the change and then drops the connection; connection_reset commits nothing', async () => {
    const emulator = counterEmulator();
    const post = {
      method: 'POST',
      path: '/counters',
      query: new URLSearchParams(),
      headers: {},
      body: '{"value":9}',
    };
    emulator.faults.inject({ kind: 'response_lost' });
    emulator.faults.inject({ kind: 'connection_reset' });
    expect(await emulator.handle(post)).toEqual({ kind: 'drop', reason: 'response_lost' });
    expect(await emulator.handle(post)).toEqual({ kind: 'drop', reason: 'connection_reset' });
    const listed = await emulator.handle({ ...post, method: 'GET', body: '' });
    expect(listed.kind === 'response' && JSON.parse(String(listed.response.body))).toHaveLength(1);
  });

  it('delays by the latency fault and sends Retry-After as an HTTP date when given a Date', async () => {
    const emulator = counterEmulator();
    const get = {
      method: 'GET',
      path: '/counters',
      query: new URLSearchParams(),
      headers: {},
      body: '',
    };
    emulator.faults.inject({ kind: 'latency', ms: 60 });
    const startedAt = process.hrtime.bigint();
    const slow = await emulator.handle(get);
    // a lower bound only: this asserts the fault, not the machine's speed
    expect(Number(process.hrtime.bigint() - startedAt) / 1e6).toBeGreaterThanOrEqual(55);
    expect(slow.kind === 'response' && slow.response.status).toBe(200);
    const at = new Date(Date.UTC(2026, 10, 21, 12, 0, 0));
    emulator.faults.inject({ kind: 'rate_limit', retryAfter: at });
    const limited = await emulator.handle(get);
    expect(limited.kind === 'response' && limited.response.headers?.['retry-after']).toBe(
      'Sat, 21 Nov 2026 12:00:00 GMT',
    );
  });

  it('applies a fixed-window rate limit with or without Retry-After', async () => {
    let now = 0;
    const emulator = defineEmulator({
      name: 'limited',
      createState: () => ({}),
      seed: () => undefined,
      handler: () => jsonResponse(200, {}),
      rateLimit: { limit: 2, windowMs: 10_000, sendRetryAfter: true },
      now: () => now,
    });
    const get = { method: 'GET', path: '/', query: new URLSearchParams(), headers: {}, body: '' };
    const statuses = [];
    for (let i = 0; i < 3; i += 1) {
      const outcome = await emulator.handle(get);
      statuses.push(
        outcome.kind === 'response'
          ? [outcome.response.status, outcome.response.headers?.['retry-after']]
          : [],
      );
    }
    expect(statuses).toEqual([
      [200, undefined],
      [200, undefined],
      [429, '10'],
    ]);
    now = 10_000;
    const next = await emulator.handle(get);
    expect(next.kind === 'response' && next.response.status).toBe(200);
    emulator.setRateLimit({ limit: 0, windowMs: 1000, sendRetryAfter: false });
    const blocked = await emulator.handle(get);
    expect(
      blocked.kind === 'response' && [
        blocked.response.status,
        blocked.response.headers?.['retry-after'],
      ],
    ).toEqual([429, undefined]);
  });
});

describe('one handler, two transports', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  it('answers identically over loopback HTTP and through nock', async () => {
    const overHttp = counterEmulator();
    const served = await serveEmulator(overHttp);
    nock.enableNetConnect('127.0.0.1');
    const viaNock = counterEmulator();
    attachToNock(viaNock, nock('https://counters.test'));
    try {
      for (const [base] of [[served.baseUrl], ['https://counters.test']] as const) {
        const created = await axios.post(`${base}/counters`, { value: 5 });
        const listed = await axios.get(`${base}/counters`, {
          headers: { authorization: 'Bearer t' },
        });
        expect([created.status, created.data]).toEqual([201, { value: 5, id: 1 }]);
        expect([listed.status, listed.data, listed.headers['x-auth-seen']]).toEqual([
          200,
          [{ value: 5, id: 1 }],
          'Bearer t',
        ]);
      }
    } finally {
      await served.close();
      nock.disableNetConnect();
    }
  });

  it('drops the connection on both transports', async () => {
    const overHttp = counterEmulator();
    const served = await serveEmulator(overHttp);
    nock.enableNetConnect('127.0.0.1');
    const viaNock = counterEmulator();
    attachToNock(viaNock, nock('https://counters.test'));
    try {
      overHttp.faults.inject({ kind: 'response_lost' });
      viaNock.faults.inject({ kind: 'response_lost' });
      for (const base of [served.baseUrl, 'https://counters.test']) {
        const error = await axios
          .post(`${base}/counters`, { value: 1 })
          .catch((caught: { code?: string }) => caught);
        expect((error as { code?: string }).code).toBe('ECONNRESET');
      }
      // Both committed the write before dropping the response.
      expect((await axios.get(`${served.baseUrl}/counters`)).data).toHaveLength(1);
      expect((await axios.get('https://counters.test/counters')).data).toHaveLength(1);
    } finally {
      await served.close();
      nock.disableNetConnect();
    }
  });

  it('connection_reset over a real socket commits nothing and the client sees a reset', async () => {
    const emulator = counterEmulator();
    const served = await serveEmulator(emulator);
    nock.enableNetConnect('127.0.0.1');
    try {
      emulator.faults.inject({ kind: 'connection_reset' });
      const error = await axios
        .post(`${served.baseUrl}/counters`, { value: 1 })
        .catch((caught: { code?: string }) => caught);
      expect((error as { code?: string }).code).toBe('ECONNRESET');
      expect((await axios.get(`${served.baseUrl}/counters`)).data).toEqual([]);
    } finally {
      await served.close();
      nock.disableNetConnect();
    }
  });

  it('serves on a free loopback port and stops', async () => {
    const served = await serveEmulator(counterEmulator());
    expect(served.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(served.port).toBeGreaterThan(0);
    await served.close();
    expect(served.server.listening).toBe(false);
  });
});
