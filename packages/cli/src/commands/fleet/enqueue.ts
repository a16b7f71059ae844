import { Fleet, type FleetRetryOptions } from '@invoicekit/fleet';
import { parseFlags } from '../../args';
import { EXIT, UsageError, pathFrom, type CliIo } from '../../io';
import {
  DATABASE_FLAGS_HELP,
  DATABASE_FLAG_OPTIONS,
  connectOptions,
  fleetDatabase,
  withDatabase,
} from './database';
import { readJobsFile } from './jobs-file';

/** `invoicekit fleet enqueue --help`. */
export const FLEET_ENQUEUE_HELP = `Usage: invoicekit fleet enqueue --tenants FILE [options]

Enqueues one job per tenant on the fleet's queue in PostgreSQL, for any worker to take. Every job
is checked before anything is enqueued; a tenant whose job already waits is left as it is.

  --tenants FILE      the jobs: a JSON array, or JSON lines (one job per line), each
                      { "tenantId": "acme", "kind": "migrate" | "sync", "from": "plandocket",
                        "to": "invoiceocean", "options": { "concurrency": 4, "drafts": "as-draft",
                        "verify": "read-back", "dryRun": false, "full": false } }
                      (kind defaults to migrate, options to none). Never a credential: workers get
                      those from their --credentials module.
  --retry-limit N     attempts after the first before a tenant is dead (default 5)
  --retry-delay SECS  seconds before the first retry, doubled each time (default 10)
                      Both are the queue's: they take effect when the queue is created (the first
                      fleet command on these schemas); pg-boss keeps them after that.
${DATABASE_FLAGS_HELP}

Prints one line per tenant (enqueued with its job id, or already waiting) and a summary.
Exit code 0 when done; 2 for bad flags or a bad job (its line or index and field are named,
never its values; nothing is enqueued); 1 when PostgreSQL cannot be reached.`;

function wholeNumber(
  value: string | undefined,
  flag: string,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  const number = /^\d{1,6}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(number) || number < min || number > max)
    throw new UsageError(`${flag}: expected a whole number from ${min} to ${max}`);
  return number;
}

/** `invoicekit fleet enqueue`. */
export async function fleetEnqueue(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseFlags({
    args: [...args],
    options: {
      ...DATABASE_FLAG_OPTIONS,
      tenants: { type: 'string' },
      'retry-limit': { type: 'string' },
      'retry-delay': { type: 'string' },
    },
  });
  if (values.help) {
    io.stdout.write(`${FLEET_ENQUEUE_HELP}\n`);
    return EXIT.ok;
  }
  if (values.tenants === undefined)
    throw new UsageError('--tenants FILE is required (a JSON array of jobs, or one per line)');
  const limit = wholeNumber(values['retry-limit'], '--retry-limit', 0, 100);
  const delaySeconds = wholeNumber(values['retry-delay'], '--retry-delay', 1, 86_400);
  const database = fleetDatabase(io, values);
  // Every job is checked before the database is touched: a bad file enqueues nothing.
  const jobs = readJobsFile(pathFrom(io, values.tenants));
  const retry: FleetRetryOptions = {
    ...(limit !== undefined ? { limit } : {}),
    ...(delaySeconds !== undefined ? { delaySeconds } : {}),
  };
  const enqueued = await withDatabase(database, async () => {
    const fleet = await Fleet.connect({ ...connectOptions(database), retry });
    try {
      return await fleet.enqueue(jobs);
    } finally {
      await fleet.close();
    }
  });
  let added = 0;
  for (const [index, { tenantId, jobId }] of enqueued.entries()) {
    const job = jobs[index];
    const what = job ? `${job.kind} ${job.from} → ${job.to}` : '';
    if (jobId === null) io.stdout.write(`${tenantId}  already waiting (${what}): left as it is\n`);
    else {
      added += 1;
      io.stdout.write(`${tenantId}  enqueued ${what}: job ${jobId}\n`);
    }
  }
  io.stdout.write(
    `${enqueued.length} tenant${enqueued.length === 1 ? '' : 's'}: ${added} enqueued, ${enqueued.length - added} already waiting (queue in ${database.location})\n`,
  );
  return EXIT.ok;
}
