import { createServer } from 'node:net';
import { inspect } from 'node:util';
import { NetworkError, UnavailableError } from '@invoicekit/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { freshPrefix, redisUnavailable, urlWithCredentials } from './__fixtures__/services';
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
      intervalMs: 508.334,
      redis: 'redis://127.0.0.1:6379/2',
    });
    expect(inspect(budget)).toContain('redis://127.0.0.1:6379/2');
    expect(everyRendering(budget)).not.toContain(PASSWORD);
  });
});

const skipped = await redisUnavailable();

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
