/**
 * Whether the real PostgreSQL the fleet tests need is reachable: they run against it when it
 * is, and are skipped with the reason printed when it is not — unless
 * `INVOICEKIT_REQUIRE_SERVICES=1` (set by CI), which makes an unreachable service a failure.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The database the tests use: `DATABASE_URL`, else the local one every session starts. */
export const TEST_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function reachable(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 2000 });
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

/**
 * Probes PostgreSQL once per test file. `undefined` when it answers; otherwise the reason the
 * tests are skipped (printed) — or, with `INVOICEKIT_REQUIRE_SERVICES=1`, an error.
 */
export async function postgresUnavailable(): Promise<string | undefined> {
  const problem = await reachable();
  if (problem === undefined) return undefined;
  const reason = `PostgreSQL is not reachable at ${new URL(TEST_DATABASE_URL).host} (${problem})`;
  if (process.env.INVOICEKIT_REQUIRE_SERVICES === '1')
    throw new Error(`${reason}, and INVOICEKIT_REQUIRE_SERVICES=1 requires it`);
  console.warn(`skipping the fleet's PostgreSQL tests: ${reason}`);
  return reason;
}

/** A schema name no other test run uses, dropped by {@link dropSchema}. */
export function freshSchema(label: string): string {
  return `fleet_test_${label}_${randomBytes(4).toString('hex')}`;
}

/** Drops a test's schemas (its tables, pg-boss's). */
export async function dropSchema(pool: pg.Pool, ...schemas: string[]): Promise<void> {
  for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
}
