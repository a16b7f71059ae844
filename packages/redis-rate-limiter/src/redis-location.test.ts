import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { describeRedisClient, describeRedisUrl, secretsOf } from './redis-location';

describe('where the budget lives, told without credentials', () => {
  it('keeps scheme, host, port and database of a URL, and drops userinfo and query', () => {
    expect(describeRedisUrl('rediss://rate-user:s3cret-pass@cache.example:6380/2?password=x')).toBe(
      'rediss://cache.example:6380/2',
    );
    expect(describeRedisUrl('redis://:s3cret-pass@127.0.0.1')).toBe('redis://127.0.0.1');
  });

  it("describes a caller's client by its host and port, without its password", () => {
    const client = new Redis({
      host: 'cache.example',
      port: 6380,
      db: 3,
      password: 's3cret-pass',
      lazyConnect: true,
    });
    expect(describeRedisClient(client)).toBe('redis://cache.example:6380/3');
    expect(secretsOf(client)).toEqual(['s3cret-pass']);
    client.disconnect();
  });

  it('knows the password of a URL in its written and its decoded form', () => {
    expect(secretsOf('redis://rate-user:s3cret%2Fpass@127.0.0.1:6379')).toEqual([
      's3cret%2Fpass',
      's3cret/pass',
    ]);
    expect(secretsOf('redis://127.0.0.1:6379')).toEqual([]);
  });
});
