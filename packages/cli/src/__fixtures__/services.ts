/**
 * Whether the real PostgreSQL and Redis the fleet commands' tests need are reachable: the tests
 * run against them when they are, and are skipped with the reason printed when they are not —
 * unless `INVOICEKIT_REQUIRE_SERVICES=1` (set by CI), which makes an unreachable service a
 * failure. The pattern of `packages/fleet/src/__fixtures__/services.ts`.
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { connect } from 'node:net';

/** The database the tests use: `DATABASE_URL`, else the local one every session starts. */
export const TEST_DATABASE_URL =
  process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The Redis the tests use: `REDIS_URL`, else the local one. */
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The few `pg` calls the tests make (creating and dropping schemas). */
interface PgClient {
  connect(): Promise<unknown>;
  query(sql: string): Promise<unknown>;
  end(): Promise<void>;
}

/**
 * `pg` as the fleet package resolves it: the CLI does not depend on `pg` itself (the fleet does),
 * and its tests only need it to tidy up the schemas they made.
 */
function pgClient(connectionString: string): PgClient {
  const fromFleet = createRequire(new URL('../../../fleet/package.json', import.meta.url));
  const pg = fromFleet('pg') as {
    Client: new (options: { connectionString: string; connectionTimeoutMillis: number }) => PgClient;
  };
  return new pg.Client({ connectionString, connectionTimeoutMillis: 2000 });
}

async function postgresProblem(): Promise<string | undefined> {
  const client = pgClient(TEST_DATABASE_URL);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** `PING` in Redis's protocol, on a plain socket (the CLI has no Redis client of its own). */
function redisProblem(): Promise<string | undefined> {
  const { hostname, port } = new URL(TEST_REDIS_URL);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || 6379) });
    const done = (problem: string | undefined): void => {
      socket.destroy();
      resolve(problem);
    };
    socket.setTimeout(2000, () => done('no answer within 2 s'));
    socket.once('error', (error) => done(error.message));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (chunk: Buffer) =>
      done(chunk.toString().startsWith('+PONG') ? undefined : 'it did not answer PING'),
    );
  });
}

function unavailable(
  service: string,
  location: string,
  problem: string | undefined,
): string | undefined {
  if (problem === undefined) return undefined;
  const reason = `${service} is not reachable at ${location} (${problem})`;
  if (process.env.INVOICEKIT_REQUIRE_SERVICES === '1')
    throw new Error(`${reason}, and INVOICEKIT_REQUIRE_SERVICES=1 requires it`);
  console.warn(`skipping the fleet command tests that need ${service}: ${reason}`);
  return reason;
}

/** Probes PostgreSQL: `undefined` when it answers, else the reason the tests are skipped. */
export async function postgresUnavailable(): Promise<string | undefined> {
  return unavailable('PostgreSQL', new URL(TEST_DATABASE_URL).host, await postgresProblem());
}

/** Probes Redis: `undefined` when it answers, else the reason the tests are skipped. */
export async function redisUnavailable(): Promise<string | undefined> {
  return unavailable('Redis', new URL(TEST_REDIS_URL).host, await redisProblem());
}

/** A pair of schema names no other test run uses, dropped by {@link dropSchemas}. */
export function freshSchemas(): { schema: string; jobSchema: string } {
  const schema = `fleet_cli_${randomBytes(4).toString('hex')}`;
  return { schema, jobSchema: `${schema}_jobs` };
}

/** Drops a test's schemas (the fleet's tables, pg-boss's). */
export async function dropSchemas(...schemas: string[]): Promise<void> {
  const client = pgClient(TEST_DATABASE_URL);
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/**
 * `TEST_DATABASE_URL` with a password in it — trust authentication ignores it — so a test can
 * check that no output of a command ever holds it.
 */
export function databaseUrlWithPassword(password: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.username = url.username || 'postgres';
  url.password = password;
  return url.href;
}

/**
 * Every command Redis runs while `watch` is open (`MONITOR`, on a plain socket), as its lines:
 * how a test sees which budget keys the workers' limiters drew from.
 */
export async function monitorRedis(): Promise<{ lines: () => string[]; close: () => void }> {
  const { hostname, port } = new URL(TEST_REDIS_URL);
  const socket = connect({ host: hostname, port: Number(port || 6379) });
  let text = '';
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.write('MONITOR\r\n');
      resolve();
    });
  });
  socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { lines: () => text.split('\r\n'), close: () => socket.destroy() };
}
