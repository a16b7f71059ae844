import type { Redis } from 'ioredis';

/**
 * Where a budget lives, as errors, logs and `inspect` may show it: scheme, host, port and
 * database — never the user name, the password or the query (which may carry either).
 */
export function describeRedisUrl(url: string): string {
  const parsed = new URL(url);
  const database = parsed.pathname.length > 1 ? parsed.pathname : '';
  const port = parsed.port === '' ? '' : `:${parsed.port}`;
  return `${parsed.protocol}//${parsed.hostname}${port}${database}`;
}

/** {@link describeRedisUrl} for a caller's client: what its options say, credentials left out. */
export function describeRedisClient(client: Redis): string {
  const options = client.options;
  if (options.path) return `redis+unix://${options.path}`;
  const scheme = options.tls ? 'rediss' : 'redis';
  const database = options.db ? `/${options.db}` : '';
  return `${scheme}://${options.host ?? 'localhost'}:${options.port ?? 6379}${database}`;
}

/**
 * The password a URL or a client holds, in the forms it may be spelled in (a URL's userinfo is
 * percent-encoded): what a redactor must know to keep it out of every message. The user name is
 * no secret (Redis names it in its own answers, e.g. an ACL error), so it is left readable.
 */
export function secretsOf(redis: string | Redis): string[] {
  if (typeof redis !== 'string') {
    const { password } = redis.options;
    return typeof password === 'string' && password !== '' ? [password] : [];
  }
  const { password } = new URL(redis);
  return password === '' ? [] : [password, safeDecode(password)];
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
