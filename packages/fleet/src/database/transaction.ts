import type { Pool, PoolClient } from 'pg';

/** pg-boss's view of a connection: what its `{ db }` option takes, so it joins our transaction. */
export interface JobQueueConnection {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** A client as pg-boss's `db` option. */
export function jobQueueConnection(client: PoolClient): JobQueueConnection {
  return { executeSql: (text, values) => client.query(text, values) };
}

/** Runs `work` in one transaction on one client: committed when it resolves, rolled back when it throws. */
export async function inTransaction<T>(
  pool: Pool,
  work: (client: PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
