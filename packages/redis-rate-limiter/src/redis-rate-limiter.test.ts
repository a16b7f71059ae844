import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { freshPrefix, redisUnavailable, TEST_REDIS_URL } from './__fixtures__/services';
import { grantIntervalMicros } from './budget-script';
import { createRedisRateLimiter, type RedisRateLimiter } from './redis-rate-limiter';

const skipped = await redisUnavailable();

/** 120 a minute: grants 508.334 ms apart, long enough to tell waiting from not waiting. */
const PER_MINUTE = 120;
const INTERVAL_MS = grantIntervalMicros(PER_MINUTE, 1000) / 1000;
/** What a grant's reply may take on loopback, at most, for the lower bounds below. */
const REPLY_SLACK_MS = 50;

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((thing) => thing.close()));
});

function limiter(
  prefix: string,
  key = 'plandocket:acme',
  perMinute = PER_MINUTE,
): RedisRateLimiter {
  const created = createRedisRateLimiter({
    redis: TEST_REDIS_URL,
    key,
    prefix,
    requestsPerMinute: perMinute,
  });
  opened.push(created);
  return created;
}

function inspector(): Redis {
  const client = new Redis(TEST_REDIS_URL, { disableClientInfo: true });
  opened.push({ close: () => client.quit().then(() => undefined) });
  return client;
}

describe.skipIf(skipped !== undefined)('one budget per key, shared through Redis', () => {
  it('two limiters of one key draw from one budget: n grants take n − 1 intervals', async () => {
    const prefix = freshPrefix('shared');
    const [first, second] = [limiter(prefix), limiter(prefix)];
    const granted: number[] = [];
    const take = async (from: RedisRateLimiter): Promise<void> => {
      await from.acquire();
      granted.push(performance.now());
    };
    await Promise.all([take(first), take(second), take(first), take(second), take(first)]);
    // Redis spaces the grants one interval apart: five of them cannot come faster than four.
    expect(Math.max(...granted) - Math.min(...granted)).toBeGreaterThanOrEqual(
      4 * INTERVAL_MS - REPLY_SLACK_MS,
    );
  });

  it('two keys are two budgets: the other key is granted while this one waits', async () => {
    const prefix = freshPrefix('apart');
    const acme = limiter(prefix, 'plandocket:acme');
    const other = limiter(prefix, 'plandocket:other');
    await acme.acquire();
    const order: string[] = [];
    await Promise.all([
      acme.acquire().then(() => order.push('acme again')),
      other.acquire().then(() => order.push('other')),
    ]);
    expect(order).toEqual(['other', 'acme again']);
  });

  it('a prefix separates budgets of one key too', async () => {
    const key = 'plandocket:acme';
    const one = limiter(freshPrefix('prefix-one'), key);
    const two = limiter(freshPrefix('prefix-two'), key);
    await one.acquire();
    const order: string[] = [];
    await Promise.all([
      one.acquire().then(() => order.push('one again')),
      two.acquire().then(() => order.push('two')),
    ]);
    expect(order).toEqual(['two', 'one again']);
  });

  it('keeps its state under prefix + key, with an expiry, and nothing else', async () => {
    const prefix = freshPrefix('keys');
    await limiter(prefix).acquire();
    const redis = inspector();
    expect(await redis.keys(`${prefix}*`)).toEqual([`${prefix}plandocket:acme`]);
    // The Redis time of the last grant, in whole µs.
    expect(await redis.get(`${prefix}plandocket:acme`)).toMatch(/^\d{16}$/);
    const ttl = await redis.pttl(`${prefix}plandocket:acme`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(Math.ceil(INTERVAL_MS) + 1000);
  });

  it('a grant stored in the future (Redis clock stepped back) holds the budget one interval, not the step', async () => {
    const prefix = freshPrefix('clock-step');
    const redis = inspector();
    const [seconds, micros] = await redis.time();
    const anHourAhead = Number(seconds) * 1_000_000 + Number(micros) + 3_600_000_000;
    await redis.set(`${prefix}plandocket:acme`, String(anHourAhead), 'PX', 60_000);
    // Resolves within the test's timeout, so it did not wait for the hour.
    await limiter(prefix, 'plandocket:acme', 600).acquire();
    const stored = Number(await redis.get(`${prefix}plandocket:acme`));
    expect(stored).toBeLessThan(anHourAhead);
  });
});

describe.skipIf(skipped !== undefined)('acquire(signal): giving up costs nothing', () => {
  it('an aborted wait rejects with the reason and leaves the last grant as it was', async () => {
    const prefix = freshPrefix('abort');
    const budget = limiter(prefix);
    const redis = inspector();
    await budget.acquire();
    const lastGrant = await redis.get(`${prefix}plandocket:acme`);
    const controller = new AbortController();
    const reason = new Error('the caller gave up');
    const waiting = budget.acquire(controller.signal);
    setTimeout(() => controller.abort(reason), 100);
    await expect(waiting).rejects.toBe(reason);
    expect(await redis.get(`${prefix}plandocket:acme`)).toBe(lastGrant);
  });

  it('an already aborted signal rejects at once, without asking Redis', async () => {
    const prefix = freshPrefix('aborted');
    const budget = limiter(prefix);
    const reason = new Error('already gone');
    await expect(budget.acquire(AbortSignal.abort(reason))).rejects.toBe(reason);
    expect(await inspector().exists(`${prefix}plandocket:acme`)).toBe(0);
  });

  it('a waiter aborted in the queue rejects at once and does not hold up the ones behind it', async () => {
    const prefix = freshPrefix('queue');
    const budget = limiter(prefix);
    await budget.acquire();
    const controller = new AbortController();
    const order: string[] = [];
    const second = budget.acquire().then(() => order.push('second'));
    const third = budget
      .acquire(controller.signal)
      .catch((error: unknown) => order.push(`third: ${(error as Error).message}`));
    const fourth = budget.acquire().then(() => order.push('fourth'));
    controller.abort(new Error('aborted'));
    await Promise.all([second, third, fourth]);
    expect(order).toEqual(['third: aborted', 'second', 'fourth']);
  });
});

describe.skipIf(skipped !== undefined)('close()', () => {
  it('rejects the waiters and later calls with a non-retryable UnavailableError', async () => {
    const budget = limiter(freshPrefix('close'));
    await budget.acquire();
    const waiting = budget.acquire();
    await budget.close();
    await expect(waiting).rejects.toMatchObject({ code: 'unavailable', retryable: false });
    await expect(budget.acquire()).rejects.toMatchObject({
      code: 'unavailable',
      message: 'the shared rate budget "plandocket:acme" was closed',
    });
    await budget.close();
  });

  it("leaves a caller's client open, and uses it as is", async () => {
    const client = new Redis(TEST_REDIS_URL, { disableClientInfo: true });
    opened.push({ close: () => client.quit().then(() => undefined) });
    const prefix = freshPrefix('own-client');
    const budget = createRedisRateLimiter({
      redis: client,
      key: 'plandocket:acme',
      prefix,
      requestsPerMinute: PER_MINUTE,
    });
    await budget.acquire();
    await budget.close();
    expect(client.status).toBe('ready');
    expect(await client.exists(`${prefix}plandocket:acme`)).toBe(1);
  });
});
