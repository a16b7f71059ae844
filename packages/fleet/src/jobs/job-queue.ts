import PgBoss from 'pg-boss';
import type { Pool } from 'pg';

/** The queue's settings, as pg-boss keeps them. */
export interface JobQueueSettings {
  readonly name: string;
  readonly retryLimit: number;
  readonly retryDelaySeconds: number;
  readonly retryBackoff: boolean;
  /**
   * How long pg-boss lets a job run before it fails it: a backstop only — a worker that dies is
   * noticed by its lease (seconds), not by this (hours).
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
 * `stately`: one job per tenant waiting and one running at most — enqueuing a tenant that
 * already waits is a no-op.
 */
export async function startJobQueue(
  pool: Pool,
  schema: string,
  settings: JobQueueSettings,
  options: { readonly supervise: boolean; readonly maintenanceIntervalSeconds?: number },
): Promise<PgBoss> {
  const boss = new PgBoss({
    db: { executeSql: (text: string, values: unknown[]) => pool.query(text, values) },
    schema,
    supervise: options.supervise,
    schedule: false,
    ...(options.maintenanceIntervalSeconds === undefined
      ? {}
      : { maintenanceIntervalSeconds: options.maintenanceIntervalSeconds }),
  });
  // pg-boss reports background failures as events; unheard, an `error` event would throw.
  boss.on('error', () => undefined);
  await boss.start();
  const dead = deadLetterQueueOf(settings.name);
  if (!(await boss.getQueue(dead)))
    await createIfAbsent(boss, dead, { name: dead, policy: 'standard' });
  if (!(await boss.getQueue(settings.name)))
    await createIfAbsent(boss, settings.name, {
      name: settings.name,
      policy: 'stately',
      retryLimit: settings.retryLimit,
      retryDelay: settings.retryDelaySeconds,
      retryBackoff: settings.retryBackoff,
      expireInSeconds: settings.expireInSeconds,
      deadLetter: dead,
    });
  return boss;
}

/** Creates a queue, tolerating another worker creating it at the same moment. */
async function createIfAbsent(boss: PgBoss, name: string, queue: PgBoss.Queue): Promise<void> {
  try {
    await boss.createQueue(name, queue);
  } catch (error) {
    if (!(await boss.getQueue(name))) throw error;
  }
}
