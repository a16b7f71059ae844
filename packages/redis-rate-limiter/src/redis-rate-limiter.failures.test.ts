import { connect, createServer, type Socket } from 'node:net';
import { inspect } from 'node:util';
import { NetworkError, UnavailableError } from '@invoicekit/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  freshPrefix,
  redisUnavailable,
  TEST_REDIS_URL,
  urlWithCredentials,
} from './__fixtures__/services';
import { SLOT_ANSWER_TIMEOUT_MS } from './budget-session';
import { createRedisRateLimiter, type RedisRateLimiter } from './redis-rate-limiter';

const PASSWORD = 's3cret-pass';

/** A loopback port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const opened: RedisRateLimiter[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(opened.splice(0).map((limiter) => limiter.close()));
});

function limiter(redis: string): RedisRateLimiter {
  const created = createRedisRateLimiter({
    redis,
    key: 'plandocket:acme',
    prefix: freshPrefix('failures'),
    requestsPerMinute: 120,
  });
  opened.push(created);
  return created;
}

/** Everything a caller might print of an error or a limiter. */
function everyRendering(value: unknown): string {
  return [String(value), JSON.stringify(value), inspect(value, { depth: 10 })].join('\n');
}

function spyOnConsole(): () => string {
  const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
    vi.spyOn(console, method).mockImplementation(() => undefined),
  );
  return () => spies.flatMap((spy) => spy.mock.calls.flat().map((arg) => inspect(arg))).join('\n');
}

describe('Redis down: a typed, retryable error, never a hang', () => {
  it('a closed port: NetworkError, retryable, nothing sent, naming where', async () => {
    const port = await closedPort();
    const error = await limiter(`redis://127.0.0.1:${port}`)
      .acquire()
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({
      code: 'network',
      retryable: true,
      notSent: true,
      provider: 'redis-rate-limiter',
    });
    expect((error as Error).message).toContain(
      `the shared rate budget "plandocket:acme" at redis://127.0.0.1:${port} could not be reached`,
    );
    expect((error as Error).message).toContain('ECONNREFUSED');
  });

  it('a host that does not resolve: NetworkError too', async () => {
    const error = await limiter('redis://no-such-host.invalid:6379')
      .acquire()
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toContain('no-such-host.invalid');
  });

  it('every queued waiter fails with the failure, not one reconnection attempt each', async () => {
    const budget = limiter(`redis://127.0.0.1:${await closedPort()}`);
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => budget.acquire()));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(Array(8).fill('rejected'));
    for (const outcome of outcomes)
      expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(NetworkError);
  });

  it('a server that accepts but never answers: NetworkError within the bound, not a hang', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as { port: number };
      const started = Date.now();
      const error = await limiter(`redis://127.0.0.1:${port}`)
        .acquire()
        .catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(NetworkError);
      expect(error).toMatchObject({ retryable: true, notSent: true });
      expect(Date.now() - started).toBeLessThanOrEqual(SLOT_ANSWER_TIMEOUT_MS + 1000);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  }, 20_000);

  it('tries Redis again on the next acquire after a failure', async () => {
    const budget = limiter(`redis://127.0.0.1:${await closedPort()}`);
    await expect(budget.acquire()).rejects.toBeInstanceOf(NetworkError);
    await expect(budget.acquire()).rejects.toBeInstanceOf(NetworkError);
  });
});

describe('no credential anywhere: errors, logs, inspect, toJSON', () => {
  it('a closed port with a password in the URL', async () => {
    const printed = spyOnConsole();
    const url = `redis://rate-user:${PASSWORD}@127.0.0.1:${await closedPort()}`;
    const budget = limiter(url);
    const error = await budget.acquire().catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).not.toContain('rate-user:');
    for (const rendering of [everyRendering(error), everyRendering(budget), printed()])
      expect(rendering).not.toContain(PASSWORD);
  });

  it('an unresolvable host with a percent-encoded password', async () => {
    const printed = spyOnConsole();
    const budget = limiter('redis://rate-user:s3cret%2Fpass@no-such-host.invalid:6379');
    const error = await budget.acquire().catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(NetworkError);
    for (const rendering of [everyRendering(error), everyRendering(budget), printed()]) {
      expect(rendering).not.toContain('s3cret%2Fpass');
      expect(rendering).not.toContain('s3cret/pass');
    }
  });

  it('the limiter shows its key, its budget and where Redis is', () => {
    const budget = limiter(`redis://rate-user:${PASSWORD}@127.0.0.1:6379/2`);
    expect(JSON.parse(JSON.stringify(budget))).toMatchObject({
      key: 'plandocket:acme',
      requestsPerMinute: 120,
      intervalMs: 509,
      redis: 'redis://127.0.0.1:6379/2',
    });
    expect(inspect(budget)).toContain('redis://127.0.0.1:6379/2');
    expect(everyRendering(budget)).not.toContain(PASSWORD);
  });
});

const skipped = await redisUnavailable();

describe.skipIf(skipped !== undefined)('Redis lost while callers wait', () => {
  it('every waiter fails with a NetworkError within the bound; the next acquire connects again', async () => {
    const target = new URL(TEST_REDIS_URL);
    const sockets: Socket[] = [];
    // A proxy in front of the test Redis, to take Redis away mid-wait.
    const proxy = createServer((socket) => {
      const upstream = connect(Number(target.port || 6379), target.hostname);
      sockets.push(socket, upstream);
      socket.pipe(upstream).pipe(socket);
      socket.on('error', () => undefined);
      upstream.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const { port } = proxy.address() as { port: number };
    const budget = limiter(`redis://127.0.0.1:${port}`);
    await budget.acquire();
    const waiting = Array.from({ length: 4 }, () => budget.acquire());
    const started = Date.now();
    proxy.close();
    for (const socket of sockets) socket.destroy();
    const outcomes = await Promise.allSettled(waiting);
    expect(Date.now() - started).toBeLessThanOrEqual(SLOT_ANSWER_TIMEOUT_MS + 1000);
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(NetworkError);
    }
    // Redis back (the proxy listening again on the same port): the next acquire is served.
    const back = createServer((socket) => {
      const upstream = connect(Number(target.port || 6379), target.hostname);
      socket.pipe(upstream).pipe(socket);
      socket.on('error', () => undefined);
      upstream.on('error', () => undefined);
      sockets.push(socket, upstream);
    });
    await new Promise<void>((resolve) => back.listen(port, '127.0.0.1', resolve));
    try {
      await expect(budget.acquire()).resolves.toBeUndefined();
    } finally {
      await budget.close();
      back.close();
      for (const socket of sockets) socket.destroy();
    }
  }, 30_000);
});

describe.skipIf(skipped !== undefined)('Redis refuses the credentials', () => {
  it('a wrong password: UnavailableError, not retryable, the password nowhere', async () => {
    const printed = spyOnConsole();
    // The test Redis has no such user: it answers WRONGPASS to AUTH.
    const budget = limiter(urlWithCredentials('rate-user', PASSWORD));
    const error = await budget.acquire().catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error).toMatchObject({ code: 'unavailable', retryable: false });
    expect((error as Error).message).toMatch(
      /refused the limiter's credentials: (WRONGPASS|NOAUTH|ERR)/,
    );
    for (const rendering of [everyRendering(error), everyRendering(budget), printed()])
      expect(rendering).not.toContain(PASSWORD);
  });
});
