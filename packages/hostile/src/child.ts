/**
 * The client side of one hostile case, in a process of its own so that its time and peak memory
 * are its own. Prints one JSON line: the outcome (error code or `ok`), every rendering of the
 * error, every hook event and log line, the seconds the call took and the peak RSS.
 */
import { performance } from 'node:perf_hooks';
import { inspect } from 'node:util';
import type { HttpHooks, Logger } from '@invoicekit/core';
import { HOSTILE_CASES } from './cases';

const [id, baseUrl] = process.argv.slice(2);
const hostileCase = HOSTILE_CASES.find((candidate) => candidate.id === id);
if (!hostileCase || !baseUrl) {
  process.stderr.write(`usage: child.ts <case id> <base url>; unknown case ${String(id)}\n`);
  process.exit(2);
}

const events: unknown[] = [];
const hooks: HttpHooks = {
  onRequest: (event) => events.push({ hook: 'request', ...event }),
  onResponse: (event) => events.push({ hook: 'response', ...event }),
  onRetry: (event) => events.push({ hook: 'retry', ...event }),
};
const log =
  (level: string) =>
  (message: string, fields?: Record<string, unknown>): void => {
    events.push({ log: level, message, fields });
  };
const logger: Logger = {
  debug: log('debug'),
  info: log('info'),
  warn: log('warn'),
  error: log('error'),
};

const started = performance.now();
let outcome: Record<string, unknown>;
try {
  const result = await hostileCase.run({ baseUrl, hooks, logger });
  outcome = { code: 'ok', result: inspect(result, { depth: 4 }) };
} catch (error) {
  const code = (error as { code?: unknown } | null)?.code;
  const typed =
    typeof code === 'string' && (error as { provider?: unknown }).provider !== undefined;
  outcome = {
    code: typed ? code : `untyped ${(error as Error | null)?.name ?? typeof error}`,
    message: error instanceof Error ? error.message : String(error),
    string: String(error),
    inspected: inspect(error, { depth: Infinity, showHidden: true }),
    json: (() => {
      try {
        return JSON.stringify(error);
      } catch {
        return 'unserialisable';
      }
    })(),
  };
}
const seconds = (performance.now() - started) / 1000;
// maxRSS is in KiB: the peak of the whole process, module loading included.
const peakRssMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify({ ...outcome, seconds, peakRssMb, events })}\n`);
// An endless answer may still hold a socket; the measurement is done.
process.exit(0);
