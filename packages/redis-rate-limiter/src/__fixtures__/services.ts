/**
 * Whether the real Redis the tests need is reachable: they run against it when it is, and are
 * skipped with the reason printed when it is not — unless `INVOICEKIT_REQUIRE_SERVICES=1` (set
 * by CI), which makes an unreachable service a failure.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/** The Redis the tests use: `REDIS_URL`, else the local one every session starts. */
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

async function reachable(): Promise<string | undefined> {
  const client = new Redis(TEST_REDIS_URL, {
    lazyConnect: true,
    disableClientInfo: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 2000,
  });
  // The socket's own error (ECONNREFUSED …) says more than the "Connection is closed." it causes.
  let socketError: string | undefined;
  client.on('error', (error: Error) => (socketError ??= error.message));
  try {
    await client.connect();
    await client.ping();
    return undefined;
  } catch (error) {
    return socketError ?? (error instanceof Error ? error.message : String(error));
  } finally {
    client.disconnect();
  }
}

/**
 * Probes Redis once per test file. `undefined` when it answers; otherwise the reason the tests
 * are skipped (printed) — or, with `INVOICEKIT_REQUIRE_SERVICES=1`, an error.
 */
export async function redisUnavailable(): Promise<string | undefined> {
  const problem = await reachable();
  if (problem === undefined) return undefined;
  const reason = `Redis is not reachable at ${new URL(TEST_REDIS_URL).host} (${problem})`;
  if (process.env.INVOICEKIT_REQUIRE_SERVICES === '1')
    throw new Error(`${reason}, and INVOICEKIT_REQUIRE_SERVICES=1 requires it`);
  console.warn(`skipping the shared rate budget's Redis tests: ${reason}`);
  return reason;
}

/** A key prefix no other test (or test run) uses, so budgets never collide. */
export function freshPrefix(label: string): string {
  return `invoicekit-test:${label}:${randomBytes(4).toString('hex')}:`;
}

/** The test Redis URL with a user and password added — for the redaction tests. */
export function urlWithCredentials(user: string, password: string): string {
  const url = new URL(TEST_REDIS_URL);
  url.username = user;
  url.password = password;
  return url.href;
}
