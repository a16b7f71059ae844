import type { InvoiceAdapterV1 } from '@invoicekit/core';
import { startFleetWorker, type FleetWorkerEvent } from '@invoicekit/fleet';
import type * as SharedBudget from '@invoicekit/redis-rate-limiter';
import { parseFlags } from '../../args';
import { EXIT, UsageError, pathFrom, type CliIo } from '../../io';
import { createAdapter, providerId } from '../../providers';
import { loadCredentialsModule, type CredentialsFor } from './credentials-module';
import {
  DATABASE_FLAGS_HELP,
  DATABASE_FLAG_OPTIONS,
  connectOptions,
  fleetDatabase,
  withDatabase,
} from './database';
import { accountBudget, defaultBudgetsHelp, requestsPerMinuteFlags } from './rate-budget';
import type { ProviderId } from '../../providers';

/** The help of `fleet worker`; the default budgets are read off the provider descriptors. */
export function fleetWorkerHelp(): string {
  return `Usage: invoicekit fleet worker --credentials MODULE [options]

Runs a worker until Ctrl-C (or SIGTERM): takes tenants' jobs from the fleet's queue, migrates or
syncs each with its journal in PostgreSQL under a lease, retries a failed one with backoff and
records a tenant dead after its last attempt. Start as many as you like, on any machines: a
worker that dies holds its tenants for one lease at most, then another resumes them.

  --credentials MODULE  a JS module (TS too when run from source) exporting
                        credentialsFor(tenantId, { role, provider }), sync or async: the
                        provider's adapter configuration for that side of the tenant, e.g.
                        { apiToken, baseUrl } for invoiceocean, { tenant, apiKey } for plandocket
  --concurrency N       tenants at once in this worker (default 4)
  --lease SECONDS       how long a tenant's lease lasts unrenewed (default 30): how long a dead
                        worker's tenants wait before another worker resumes them
  --redis-url URL       REDIS_URL in the environment by default: every adapter draws from its
                        vendor account's budget in Redis, shared by every worker process using
                        that account. Without it, each process keeps its own in-process limiter
                        (N workers on one account may then send N times its limit)
  --requests-per-minute P=N
                        with Redis: the budget of provider P's accounts (repeatable). Default,
                        from each provider's own rate-limit settings:
${defaultBudgetsHelp()}
                        An account with no known limit gets no shared budget.
${DATABASE_FLAGS_HELP}

One line per event on stdout: started, done (with the counts), failed (retrying, or dead), reaped
(a dead worker's tenant freed for another). Ctrl-C or SIGTERM stops cleanly: tenants in flight
are interrupted between writes — never in the middle of one — and resume from their journals on
any worker; exit code 130. Exit code 2 for bad flags or module; 1 when PostgreSQL cannot be
reached.`;
}

/** Which budgets the flags set, and where the others come from, for the start-up line. */
function budgetsText(budgets: ReadonlyMap<ProviderId, number>): string {
  const given = [...budgets].map(([provider, requests]) => `${provider} ${requests}/min`);
  const rest = 'from its configuration, none where no limit is known';
  return given.length === 0
    ? `each account's ${rest}`
    : `${given.join(', ')}; any other account's ${rest}`;
}

/** Seconds, as given to `--lease`: whole, 1 s to an hour. */
function leaseMsOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = /^\d{1,4}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 3600)
    throw new UsageError('--lease: expected a whole number of seconds from 1 to 3600');
  return seconds * 1000;
}

function concurrencyOf(value: string | undefined): number {
  if (value === undefined) return 4;
  const number = /^\d{1,3}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(number) || number < 1 || number > 256)
    throw new UsageError('--concurrency: expected a whole number from 1 to 256');
  return number;
}

/** A Redis URL checked, and how to name it: scheme, host and port — no user, no password. */
function redisLocation(url: string): string {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (
    !parsed ||
    (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') ||
    !parsed.hostname
  )
    throw new UsageError('the Redis URL (not shown) is not a redis:// or rediss:// URL');
  return `${parsed.protocol}//${parsed.host}`;
}

/** One worker event as a log line: when, what, which tenant and job. */
export function eventLine(event: FleetWorkerEvent, at: Date = new Date()): string {
  const head = `${at.toISOString()} ${event.type} ${event.tenantId} job ${event.jobId}`;
  switch (event.type) {
    case 'started':
      return `${head} (attempt ${event.attempt})`;
    case 'done':
      return `${head}: ${Object.entries(event.counts)
        .map(([name, count]) => `${name} ${count}`)
        .join(', ')}`;
    case 'failed':
      // The fleet redacts the error where it is recorded (errorText): the same text as its status.
      return `${head} (${event.final ? 'dead: no attempts left' : 'will retry'}): ${event.error.split('\n')[0] ?? ''}`;
    case 'requeued':
      return `${head}: interrupted by the stop, queued again as job ${event.newJobId ?? '(already queued)'} (no attempt spent)`;
    case 'lost':
      return `${head}: its lease was taken over by another worker, which carries the tenant on`;
    case 'reaped':
      return `${head}: its worker stopped renewing the lease; the tenant resumes on a free worker`;
  }
}

/** What a worker's adapters are built with: the credentials, and the shared budgets when asked. */
interface AdapterSources {
  readonly credentialsFor: CredentialsFor;
  /** The shared budgets' Redis and limiter package, when Redis is used. */
  readonly shared:
    | {
        readonly redisUrl: string;
        readonly limiters: typeof SharedBudget;
      }
    | undefined;
  readonly budgets: ReadonlyMap<ProviderId, number>;
}

/**
 * The adapter factory of one worker, and the shared-budget limiters it opened per tenant: one
 * tenant runs in one job at a time, so its limiters are closed when its job ends (the `done` or
 * `failed` event, after the fleet closed the adapters) — a long-running worker keeps no
 * connection per tenant it ever served.
 */
function workerAdapters(sources: AdapterSources) {
  const limiters = new Map<string, SharedBudget.RedisRateLimiter[]>();
  const build = async (request: {
    tenantId: string;
    role: 'source' | 'target';
    provider: string;
  }): Promise<InvoiceAdapterV1> => {
    const provider = providerId(request.provider, `the job's ${request.role} provider`);
    const config = await sources.credentialsFor(request.tenantId, {
      role: request.role,
      provider,
    });
    const full = { ...config, provider };
    const { shared } = sources;
    const budget =
      shared === undefined
        ? undefined
        : accountBudget(provider, full, sources.budgets, shared.limiters.budgetKey);
    if (shared === undefined || budget === undefined) return createAdapter(full);
    const rateLimiter = shared.limiters.createRedisRateLimiter({
      redis: shared.redisUrl,
      key: budget.key,
      requestsPerMinute: budget.requestsPerMinute,
    });
    limiters.set(request.tenantId, [...(limiters.get(request.tenantId) ?? []), rateLimiter]);
    return createAdapter(full, { rateLimiter });
  };
  const release = async (tenantId: string): Promise<void> => {
    const opened = limiters.get(tenantId) ?? [];
    limiters.delete(tenantId);
    await Promise.allSettled(opened.map((limiter) => limiter.close()));
  };
  const releaseAll = async (): Promise<void> => {
    await Promise.allSettled([...limiters.keys()].map(release));
  };
  return { build, release, releaseAll };
}

/** `invoicekit fleet worker`. */
export async function fleetWorker(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseFlags({
    args: [...args],
    options: {
      ...DATABASE_FLAG_OPTIONS,
      credentials: { type: 'string' },
      concurrency: { type: 'string' },
      lease: { type: 'string' },
      'redis-url': { type: 'string' },
      'requests-per-minute': { type: 'string', multiple: true },
    },
  });
  if (values.help) {
    io.stdout.write(`${fleetWorkerHelp()}\n`);
    return EXIT.ok;
  }
  if (values.credentials === undefined)
    throw new UsageError(
      '--credentials MODULE is required (a module exporting credentialsFor(tenantId, { role, provider }))',
    );
  const concurrency = concurrencyOf(values.concurrency);
  const leaseMs = leaseMsOf(values.lease);
  const budgets = requestsPerMinuteFlags(values['requests-per-minute']);
  const redisGiven = values['redis-url'] ?? io.env.REDIS_URL;
  const redisUrl = redisGiven === '' ? undefined : redisGiven;
  const redis = redisUrl === undefined ? undefined : redisLocation(redisUrl);
  if (redisUrl === undefined && budgets.size > 0)
    throw new UsageError(
      '--requests-per-minute: needs Redis (REDIS_URL or --redis-url); without it each process keeps its own limiter',
    );
  const database = fleetDatabase(io, values);
  const credentialsFor = await loadCredentialsModule(pathFrom(io, values.credentials));
  const shared =
    redisUrl === undefined
      ? undefined
      : { redisUrl, limiters: await import('@invoicekit/redis-rate-limiter') };
  const adapters = workerAdapters({ credentialsFor, shared, budgets });

  const worker = await withDatabase(database, () =>
    startFleetWorker({
      ...connectOptions(database),
      adapters: adapters.build,
      concurrency,
      ...(leaseMs !== undefined ? { leaseMs } : {}),
      onEvent: (event) => {
        io.stdout.write(`${eventLine(event)}\n`);
        if (event.type !== 'started' && event.type !== 'reaped')
          void adapters.release(event.tenantId);
      },
    }),
  );
  io.stdout.write(
    `worker ${worker.identity.id} started on ${database.location}: ${concurrency} tenant${concurrency === 1 ? '' : 's'} at once, rate budgets ${redis === undefined ? 'in this process only (no REDIS_URL)' : `shared through ${redis} (${budgetsText(budgets)})`}\n`,
  );
  await io.interrupted;
  io.stdout.write(
    'stopping: interrupting the tenants in flight between writes; each resumes from its journal on any worker\n',
  );
  await withDatabase(database, () => worker.stop());
  await adapters.releaseAll();
  io.stdout.write(`worker ${worker.identity.id} stopped\n`);
  return EXIT.interrupted;
}
