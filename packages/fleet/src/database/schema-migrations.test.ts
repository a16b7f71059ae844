import { ValidationError } from '@invoicekit/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  TEST_DATABASE_URL,
  dropSchema,
  freshSchema,
  postgresUnavailable,
} from '../__fixtures__/services';
import { SCHEMA_MIGRATIONS, fleetSchemaVersion, migrateFleetSchema } from './schema-migrations';

const unavailable = await postgresUnavailable();
const schema = freshSchema('schema');
let pool: pg.Pool;

describe.skipIf(unavailable !== undefined)('the fleet’s versioned tables', () => {
  beforeAll(() => {
    pool = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 6 });
  });
  afterAll(async () => {
    await dropSchema(pool, schema);
    await pool.end();
  });

  it('applies each step once, even when workers start together', async () => {
    expect(await fleetSchemaVersion(pool, schema)).toBe(0);
    const runs = await Promise.all([1, 2, 3].map(() => migrateFleetSchema(pool, schema)));
    const newest = Math.max(...SCHEMA_MIGRATIONS.map((step) => step.version));
    // Every step applied by exactly one of them.
    expect(runs.flat().sort()).toEqual(SCHEMA_MIGRATIONS.map((step) => step.version).sort());
    expect(await fleetSchemaVersion(pool, schema)).toBe(newest);
    expect(await migrateFleetSchema(pool, schema)).toEqual([]);
    const tables = await pool.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
      [schema],
    );
    expect(tables.rows.map((row) => row.table_name)).toEqual([
      'customer_mappings',
      'invoice_mappings',
      'journal_facts',
      'journals',
      'leases',
      'schema_versions',
      'tenants',
    ]);
  });

  it('takes only a plain schema name, so that no name can change a statement', async () => {
    for (const name of ['Fleet', 'a"; DROP TABLE x; --', '', 'x'.repeat(64), 'a-b'])
      await expect(migrateFleetSchema(pool, name)).rejects.toBeInstanceOf(ValidationError);
  });
});
