/**
 * One backend process of the acceptance test: a Plandocket adapter at BASE_URL whose requests
 * draw from the shared budget BUDGET_KEY (prefix BUDGET_PREFIX) of REQUESTS_PER_MINUTE in Redis
 * at REDIS_URL. It prints `ready`, waits for `go` on stdin, then keeps CONCURRENCY calls in flight
 * for RUN_MS (calls still waiting then are aborted), and prints what it saw as one JSON line.
 *
 * With LIMITER=per-process it uses no shared budget but the adapter's own in-process limiter at
 * the same rate — what every process did before this package: the acceptance test run that way
 * must fail.
 */
import { createInterface } from 'node:readline';
import { InvoicekitError } from '@invoicekit/core';
import { createPlandocketAdapter } from '@invoicekit/plandocket';
import { createRedisRateLimiter } from '../redis-rate-limiter';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const rateLimiter = createRedisRateLimiter({
  redis: env('REDIS_URL'),
  key: env('BUDGET_KEY'),
  prefix: env('BUDGET_PREFIX'),
  requestsPerMinute: Number(env('REQUESTS_PER_MINUTE')),
});
const adapter =
  process.env.LIMITER === 'per-process'
    ? createPlandocketAdapter({
        baseUrl: env('BASE_URL'),
        apiKey: env('API_KEY'),
        requestsPerHour: 60 * Number(env('REQUESTS_PER_MINUTE')),
      })
    : createPlandocketAdapter({ baseUrl: env('BASE_URL'), apiKey: env('API_KEY'), rateLimiter });

const lines = createInterface({ input: process.stdin });
const go = new Promise<void>((resolve) =>
  lines.on('line', (line) => {
    if (line.trim() === 'go') resolve();
  }),
);
process.stdout.write('ready\n');
await go;
lines.close();

// At the end, the calls still waiting for the budget give up (a slot already reserved for one
// passes unused: the bound holds).
const stop = AbortSignal.timeout(Number(env('RUN_MS')));
const summary = { ok: 0, stopped: 0, failed: {} as Record<string, number> };
const worker = async (): Promise<void> => {
  while (!stop.aborted) {
    try {
      await adapter.invoices.get(env('INVOICE_ID'), { signal: stop });
      summary.ok += 1;
    } catch (error) {
      if (stop.aborted) {
        summary.stopped += 1;
        continue;
      }
      const code = InvoicekitError.isInvoicekitError(error) ? error.code : String(error);
      summary.failed[code] = (summary.failed[code] ?? 0) + 1;
    }
  }
};
await Promise.all(Array.from({ length: Number(env('CONCURRENCY')) }, worker));
process.stdout.write(`${JSON.stringify(summary)}\n`);
await adapter.close();
await rateLimiter.close();
