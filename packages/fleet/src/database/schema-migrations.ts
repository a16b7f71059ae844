import type { Pool, PoolClient } from 'pg';
import { quotedSchema } from './sql-identifier';

/** One step of the fleet's tables: applied once, in order, inside a transaction. */
export interface SchemaMigration {
  readonly version: number;
  readonly name: string;
  /** The statements, with `{schema}` standing for the quoted schema name. */
  readonly sql: string;
}

/**
 * Every version of the fleet's tables. A release adds a step; a step once released is never
 * edited (a database that applied it keeps what it did).
 */
export const SCHEMA_MIGRATIONS: readonly SchemaMigration[] = [
  {
    version: 1,
    name: 'journals, facts, leases and tenants',
    sql: `
CREATE TABLE {schema}.journals (
  tenant_id text PRIMARY KEY,
  format integer NOT NULL,
  source_provider text NOT NULL,
  source_account text,
  target_provider text NOT NULL,
  target_account text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE {schema}.journal_facts (
  tenant_id text NOT NULL REFERENCES {schema}.journals (tenant_id) ON DELETE CASCADE,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  kind text NOT NULL CHECK (kind IN ('customer', 'invoice', 'cursor', 'pending', 'dropped', 'deleted')),
  source_id text,
  target_id text,
  reconciliation text CHECK (reconciliation IN ('exact', 'explained', 'mismatched')),
  announced jsonb,
  source_digest text,
  stream text,
  cursor text,
  reason text,
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, seq)
);
CREATE TABLE {schema}.leases (
  tenant_id text PRIMARY KEY,
  holder text NOT NULL,
  holder_host text NOT NULL,
  holder_pid integer NOT NULL,
  job_id text,
  acquired_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX leases_expires_at ON {schema}.leases (expires_at);
CREATE TABLE {schema}.tenants (
  tenant_id text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('migrate', 'sync')),
  source_provider text NOT NULL,
  target_provider text NOT NULL,
  state text NOT NULL CHECK (state IN ('queued', 'running', 'retrying', 'done', 'dead')),
  job_id text,
  worker text,
  attempts integer NOT NULL DEFAULT 0,
  counts jsonb,
  last_error text,
  enqueued_at timestamptz,
  started_at timestamptz,
  finished_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE VIEW {schema}.invoice_mappings AS
  SELECT DISTINCT ON (tenant_id, source_id) tenant_id, source_id, target_id, reconciliation, recorded_at
  FROM {schema}.journal_facts
  WHERE kind = 'invoice'
  ORDER BY tenant_id, source_id, seq DESC;
CREATE VIEW {schema}.customer_mappings AS
  SELECT DISTINCT ON (tenant_id, source_id) tenant_id, source_id, target_id, recorded_at
  FROM {schema}.journal_facts
  WHERE kind = 'customer'
  ORDER BY tenant_id, source_id, seq DESC;
`,
  },
];

/** A key for `pg_advisory_xact_lock`: one per schema, so two schemas migrate independently. */
function lockKeyOf(schema: string): string {
  return `invoicekit-fleet:${schema}`;
}

/**
 * Brings the fleet's tables in `schema` to the newest version: each missing step in its own
 * transaction, under a transaction-scoped advisory lock, so that workers starting together apply
 * each step once and none reads a half-made table. Returns the versions applied now.
 */
export async function migrateFleetSchema(pool: Pool, schema: string): Promise<number[]> {
  const quoted = quotedSchema(schema);
  const applied: number[] = [];
  const client = await pool.connect();
  try {
    for (const step of SCHEMA_MIGRATIONS) {
      if (await applyStep(client, schema, quoted, step)) applied.push(step.version);
    }
  } finally {
    client.release();
  }
  return applied;
}

async function applyStep(
  client: PoolClient,
  schema: string,
  quoted: string,
  step: SchemaMigration,
): Promise<boolean> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [lockKeyOf(schema)]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${quoted}.schema_versions (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const done = await client.query(
      'SELECT 1 FROM ' + quoted + '.schema_versions WHERE version = $1',
      [step.version],
    );
    if (done.rowCount !== 0) {
      await client.query('COMMIT');
      return false;
    }
    await client.query(step.sql.replaceAll('{schema}', quoted));
    await client.query(`INSERT INTO ${quoted}.schema_versions (version, name) VALUES ($1, $2)`, [
      step.version,
      step.name,
    ]);
    await client.query('COMMIT');
    return true;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/** The newest version the tables in `schema` are at; 0 when none are there. */
export async function fleetSchemaVersion(pool: Pool, schema: string): Promise<number> {
  const quoted = quotedSchema(schema);
  const exists = await pool.query('SELECT to_regclass($1) AS name', [`${quoted}.schema_versions`]);
  if (!exists.rows[0]?.name) return 0;
  const result = await pool.query<{ version: number | null }>(
    `SELECT max(version) AS version FROM ${quoted}.schema_versions`,
  );
  return result.rows[0]?.version ?? 0;
}
