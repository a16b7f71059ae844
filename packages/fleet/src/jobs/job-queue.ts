import PgBoss from 'pg-boss';
import type { Pool } from 'pg';

/** The queue's settings, as pg-boss keeps them (and as each job is sent with). */
export interface JobQueueSettings {
  readonly name: string;
  readonly retryLimit: number;
  readonly retryDelaySeconds: number;
  readonly retryBackoff: boolean;
  /**
   * How long pg-boss lets a job stay active before its maintenance fails it: a backstop only —
   * a worker that dies is noticed by its lease (seconds), not by this (hours); a run ends itself
   * before it (see the worker).
   */
  readonly expireInSeconds: number;
}

/** The dead-letter queue of a queue: where a job goes after its last attempt. */
export function deadLetterQueueOf(queue: string): string {
  return `${queue}-dead`;
}

/**
 * A started pg-boss on the fleet's own pool (so every statement, pg-boss's included, goes
 * through one pool the caller sized), with the queue and its dead-letter queue created.
 *
 * The queue's policy is `standard`: one unfinished job per tenant is the fleet's own rule,
 * checked under a lock when a tenant is enqueued — pg-boss's `stately` keeps one job per state
 * and key, and a second job waiting while the first runs stalls its fetches.
 */
export async function startJobQueue(
  pool: Pool,
  schema: string,
  settings: JobQueueSettings,
  options: { readonly supervise: boolean },
): Promise<PgBoss> {
  const boss = new PgBoss({
    db: { executeSql: (text: string, values: unknown[]) => pool.query(text, values) },
    schema,
    supervise: options.supervise,
    schedule: false,
  });
  // pg-boss reports background failures as events; unheard, an `error` event would throw.
  boss.on('error', () => undefined);
  // Processes starting together on a new database would race to create pg-boss's schema
  // (CREATE SCHEMA is not guarded by its own lock): one at a time, under a session lock.
  const lock = await pool.connect();
  try {
    await lock.query('SELECT pg_advisory_lock(hashtext($1))', [`invoicekit-fleet-jobs:${schema}`]);
    await boss.start();
    const dead = deadLetterQueueOf(settings.name);
    if (!(await boss.getQueue(dead)))
      await boss.createQueue(dead, { name: dead, policy: 'standard' });
    if (!(await boss.getQueue(settings.name)))
      await boss.createQueue(settings.name, {
        name: settings.name,
        policy: 'standard',
        retryLimit: settings.retryLimit,
        retryDelay: settings.retryDelaySeconds,
        retryBackoff: settings.retryBackoff,
        expireInSeconds: settings.expireInSeconds,
        deadLetter: dead,
      });
    return boss;
  } catch (error) {
    await boss.stop({ graceful: false, wait: false, close: false }).catch(() => undefined);
    throw error;
  } finally {
    await lock
      .query('SELECT pg_advisory_unlock(hashtext($1))', [`invoicekit-fleet-jobs:${schema}`])
      .catch(() => undefined);
    lock.release();
  }
}
