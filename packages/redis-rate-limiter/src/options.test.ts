import { ValidationError } from '@invoicekit/core';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_KEY_PREFIX,
  DEFAULT_SAFETY_MARGIN_MS,
  parseRedisRateLimiterOptions,
} from './options';
import { createRedisRateLimiter } from './redis-rate-limiter';

const valid = { redis: 'redis://127.0.0.1:6379', key: 'plandocket:acme', requestsPerMinute: 120 };

function issuesOf(input: unknown): { path: string; message: string }[] {
  try {
    parseRedisRateLimiterOptions(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return [...(error as ValidationError).issues];
  }
  throw new Error('expected a ValidationError');
}

describe('options: validated with zod, every bad field named', () => {
  it('fills the defaults of prefix and safety margin', () => {
    expect(parseRedisRateLimiterOptions(valid)).toEqual({
      ...valid,
      prefix: DEFAULT_KEY_PREFIX,
      safetyMarginMs: DEFAULT_SAFETY_MARGIN_MS,
    });
  });

  it('takes an ioredis client instead of a URL, as it is', () => {
    const client = new Redis({ lazyConnect: true });
    expect(parseRedisRateLimiterOptions({ ...valid, redis: client }).redis).toBe(client);
    client.disconnect();
  });

  it.each([
    ['redis', { ...valid, redis: 'http://127.0.0.1:6379' }],
    ['redis', { ...valid, redis: 'not a url' }],
    ['redis', { ...valid, redis: 6379 }],
    ['redis', { ...valid, redis: { host: '127.0.0.1' } }],
    ['key', { ...valid, key: '' }],
    ['key', { ...valid, key: 'plandocket: acme' }],
    ['requestsPerMinute', { ...valid, requestsPerMinute: 0 }],
    ['requestsPerMinute', { ...valid, requestsPerMinute: 1.5 }],
    ['requestsPerMinute', { ...valid, requestsPerMinute: '120' }],
    ['prefix', { ...valid, prefix: 'a b' }],
    ['safetyMarginMs', { ...valid, safetyMarginMs: -1 }],
  ])('names %s when it is wrong', (path, input) => {
    expect([...new Set(issuesOf(input).map((issue) => issue.path))]).toEqual([path]);
  });

  it('names every missing field at once, and unknown ones', () => {
    expect(
      issuesOf({ requestsPerMinut: 120 })
        .map((issue) => issue.path)
        .sort(),
    ).toEqual(['', 'key', 'redis', 'requestsPerMinute']);
  });

  it('never quotes the URL it refused, so a password in it goes nowhere', () => {
    const error = (() => {
      try {
        createRedisRateLimiter({ ...valid, redis: 'http://rate-user:s3cret-pass@127.0.0.1:6379' });
      } catch (thrown) {
        return thrown as ValidationError;
      }
      throw new Error('expected a ValidationError');
    })();
    expect(error.code).toBe('validation');
    expect(error.provider).toBe('redis-rate-limiter');
    expect(error.message).toContain('redis');
    expect(JSON.stringify(error)).not.toContain('s3cret-pass');
    expect(String(error)).not.toContain('s3cret-pass');
  });
});
