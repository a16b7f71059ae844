import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { freshPrefix, redisUnavailable, TEST_REDIS_URL } from './__fixtures__/services';
import { KEY_EXPIRY_MS } from './budget-session';
import { grantIntervalMs } from './grant-interval';
import { createRedisRateLimiter, type RedisRateLimiter } from './redis-rate-limiter';

const skipped = await redisUnavailable();

/** 120 a minute: grants 509 ms apart, long enough to tell waiting from not waiting. */
const PER_MINUTE = 120;
const INTERVAL_MS = grantIntervalMs(PER_MINUTE, 1000);
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

  it("keeps its state in bottleneck's keys for prefix + key, with an expiry, and nothing else", async () => {
    const prefix = freshPrefix('keys');
    await limiter(prefix).acquire();
    const redis = inspector();
    // A prefix goes into bottleneck's id: its keys are b_<prefix><key>_…
    expect(await redis.keys(`${prefix}*`)).toEqual([]);
    const keys = await redis.keys(`b_${prefix}*`);
    expect(keys).toContain(`b_${prefix}plandocket:acme_settings`);
    for (const key of keys) {
      expect(key.startsWith(`b_${prefix}plandocket:acme_`)).toBe(true);
      // Gone a minute after the last slot: an idle budget leaves nothing behind.
      const ttl = await redis.pttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(KEY_EXPIRY_MS + Math.ceil(INTERVAL_MS));
    }
    expect(Number(await redis.hget(`b_${prefix}plandocket:acme_settings`, 'minTime'))).toBe(
      INTERVAL_MS,
    );
  });

  it('the next slot stored ahead (a clock that stepped back) is waited for: the bound holds', async () => {
    const prefix = freshPrefix('clock-step');
    const budget = limiter(prefix, 'plandocket:acme', 600);
    await budget.acquire();
    const redis = inspector();
    // bottleneck keeps the time of the next slot, by the clock of the process that took the last.
    const ahead = Date.now() + 1500;
    await redis.hset(`b_${prefix}plandocket:acme_settings`, 'nextRequest', String(ahead));
    await budget.acquire();
    expect(Date.now()).toBeGreaterThanOrEqual(ahead - REPLY_SLACK_MS);
  });
});

describe.skipIf(skipped !== undefined)('acquire(signal): giving up rejects at once', () => {
  it('an aborted wait rejects promptly with the reason; later callers are still served, spaced', async () => {
    const budget = limiter(freshPrefix('abort'));
    await budget.acquire();
    const controller = new AbortController();
    const reason = new Error('the caller gave up');
    const waiting = budget.acquire(controller.signal);
    const abortedAt = performance.now() + 100;
    setTimeout(() => controller.abort(reason), 100);
    await expect(waiting).rejects.toBe(reason);
    // Long before its slot (one interval after the first grant) would have come.
    expect(performance.now() - abortedAt).toBeLessThan(REPLY_SLACK_MS);
    const granted: number[] = [];
    for (let index = 0; index < 2; index += 1) {
      await budget.acquire();
      granted.push(performance.now());
    }
    // The aborted wait's slot passed unused; the ones after it are still one interval apart.
    expect((granted[1] ?? 0) - (granted[0] ?? 0)).toBeGreaterThanOrEqual(
      INTERVAL_MS - REPLY_SLACK_MS,
    );
  });

  it('an already aborted signal rejects at once, without asking Redis', async () => {
    const prefix = freshPrefix('aborted');
    const budget = limiter(prefix);
    const reason = new Error('already gone');
    await expect(budget.acquire(AbortSignal.abort(reason))).rejects.toBe(reason);
    expect(await inspector().keys(`b_${prefix}*`)).toEqual([]);
  });

  it('a waiter aborted in the queue rejects at once and does not hold up the ones behind it', async () => {
    const prefix = freshPrefix('queue');
    const budget = limiter(prefix);
    await budget.acquire();
    const controller = new AbortController();
    const order: string[] = [];
    const started = performance.now();
    const second = budget.acquire().then(() => order.push('second'));
    const third = budget
      .acquire(controller.signal)
      .catch((error: unknown) => order.push(`third: ${(error as Error).message}`));
    const fourth = budget.acquire().then(() => order.push('fourth'));
    controller.abort(new Error('aborted'));
    await Promise.all([second, third, fourth]);
    expect(order).toEqual(['third: aborted', 'second', 'fourth']);
    // The third's slot passed unused between them (it may cost one slot, never more): the
    // fourth came at most one interval later than without the abort, and never sooner.
    const fourthAfter = performance.now() - started;
    expect(fourthAfter).toBeGreaterThanOrEqual(2 * INTERVAL_MS - REPLY_SLACK_MS);
    expect(fourthAfter).toBeLessThanOrEqual(3 * INTERVAL_MS + REPLY_SLACK_MS);
  });

  it('aborted waits never let more through than the budget: n grants still take n − 1 intervals', async () => {
    const budget = limiter(freshPrefix('abort-bound'));
    const granted: number[] = [];
    const waits = Array.from({ length: 6 }, (_, index) => {
      const controller = new AbortController();
      if (index % 2 === 1) controller.abort(new Error('gave up'));
      const waiting = budget.acquire(controller.signal).then(() => granted.push(performance.now()));
      // Every other caller gives up while queued.
      if (index % 2 === 1) return waiting.catch(() => undefined);
      return waiting;
    });
    const late = new AbortController();
    const lateWait = budget.acquire(late.signal).catch(() => undefined);
    late.abort(new Error('gave up later'));
    await Promise.all([...waits, lateWait]);
    expect(granted).toHaveLength(3);
    expect(Math.max(...granted) - Math.min(...granted)).toBeGreaterThanOrEqual(
      2 * INTERVAL_MS - REPLY_SLACK_MS,
    );
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

  it("leaves a caller's client open and unchanged, and draws from the budget with its settings", async () => {
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
    // bottleneck defines its scripts as commands on the client it is given: a duplicate.
    expect((client as unknown as Record<string, unknown>).register).toBeUndefined();
    expect(await client.exists(`b_${prefix}plandocket:acme_settings`)).toBe(1);
  });
});
