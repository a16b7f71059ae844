/**
 * The acceptance test: four processes, one vendor account, one budget. Each process builds a real
 * Plandocket adapter whose rate limiter is the shared budget, and sends as fast as 8 concurrent
 * calls allow for a little over a minute; the one emulator they all reach enforces the vendor's
 * own limit and records when every request arrived.
 */
import { performance } from 'node:perf_hooks';
import { serveEmulator, type ServedEmulator } from '@invoicekit/core/emulator';
import { createPlandocketEmulator } from '@invoicekit/plandocket/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { arrivalsWithin, busiestWindow } from './__fixtures__/arrivals';
import { startBudgetChild, type BudgetChild } from './__fixtures__/run-budget-child';
import { freshPrefix, redisUnavailable, TEST_REDIS_URL } from './__fixtures__/services';
import { budgetKey } from './budget-key';

const skipped = await redisUnavailable();

const PER_MINUTE = 120;
const WINDOW_MS = 60_000;
const PROCESSES = 4;
const CONCURRENCY = 8;
const RUN_MS = 68_000;
const API_KEY = 'pd-key-12345678';

const children: BudgetChild[] = [];
let served: ServedEmulator | undefined;
afterEach(async () => {
  for (const child of children.splice(0)) child.kill();
  await served?.close();
  served = undefined;
});

describe.skipIf(skipped !== undefined)('four processes, one vendor account, one budget', () => {
  it(`never more than ${PER_MINUTE} arrivals in any sliding minute, no 429, and the budget used`, async () => {
    const emulator = createPlandocketEmulator({ apiKey: API_KEY });
    emulator.seed({
      contacts: [{ id: 12, company_name: 'Messe GmbH' }],
      invoices: [{ id: 1001, contact_id: 12, created_at: '2026-11-02' }],
    });
    const arrivals: number[] = [];
    let tooMany = 0;
    // The emulator as the children reach it: the vendor itself, with every arrival recorded.
    served = await serveEmulator({
      ...emulator,
      handle: async (request) => {
        arrivals.push(performance.now());
        const outcome = await emulator.handle(request);
        if (outcome.kind === 'response' && outcome.response.status === 429) tooMany += 1;
        return outcome;
      },
    });

    const env = {
      REDIS_URL: TEST_REDIS_URL,
      BUDGET_KEY: budgetKey('plandocket', 'acme'),
      BUDGET_PREFIX: freshPrefix('processes'),
      REQUESTS_PER_MINUTE: String(PER_MINUTE),
      BASE_URL: served.baseUrl,
      API_KEY,
      INVOICE_ID: '1001',
      CONCURRENCY: String(CONCURRENCY),
      RUN_MS: String(RUN_MS),
    };
    for (let index = 0; index < PROCESSES; index += 1) children.push(startBudgetChild(env));
    await Promise.all(children.map((child) => child.ready));

    // The vendor's own limit, from the moment the processes start sending.
    emulator.setRateLimit({ limit: PER_MINUTE, windowMs: WINDOW_MS, sendRetryAfter: true });
    for (const child of children) child.go();
    const summaries = await Promise.all(children.map((child) => child.done));

    const busiest = busiestWindow(arrivals, WINDOW_MS);
    const first = Math.min(...arrivals);
    const firstMinute = arrivalsWithin(arrivals, first, WINDOW_MS);
    console.log(
      `shared budget of ${PER_MINUTE}/min over ${PROCESSES} processes × ${CONCURRENCY} calls ` +
        `for ${RUN_MS} ms: ${arrivals.length} arrivals in ` +
        `${Math.ceil(Math.max(...arrivals) - first)} ms, ${firstMinute} in the first minute, ` +
        `at most ${busiest.count} in any 60 s window; 429s: ${tooMany}; per process: ` +
        summaries.map((summary) => `${summary.ok} (+${summary.stopped} stopped)`).join(', '),
    );

    expect(tooMany).toBe(0);
    expect(busiest.count).toBeLessThanOrEqual(PER_MINUTE);
    // Not trivially slow: the budget was actually spent.
    expect(firstMinute).toBeGreaterThanOrEqual(0.8 * PER_MINUTE);
    // Every call was answered (or, at the end, given up), each with one request (nothing was
    // retried), and every process drew from the budget.
    for (const summary of summaries) {
      expect(summary.failed).toEqual({});
      expect(summary.ok).toBeGreaterThan(0);
      expect(summary.stopped).toBeLessThanOrEqual(CONCURRENCY);
    }
    const answered = summaries.reduce((sum, summary) => sum + summary.ok, 0);
    const stopped = summaries.reduce((sum, summary) => sum + summary.stopped, 0);
    // A call given up while its request was on the way still arrived.
    expect(arrivals.length).toBeGreaterThanOrEqual(answered);
    expect(arrivals.length).toBeLessThanOrEqual(answered + stopped);
  }, 150_000);
});
