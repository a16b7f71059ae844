import { DEFAULT_TRANSPORT_LIMITS, ResponseTooLargeError, TimeoutError } from '@invoicekit/core';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveLoopback, serveAnswers, type Loopback } from './__fixtures__/loopback';
import { PlandocketConfigSchema } from './config';
import { createPlandocketAdapter } from './index';

const base = { provider: 'plandocket', tenant: 'acme', apiKey: 'pd-config-key-2b7c90e1' } as const;

describe('the config takes the core transport limits', () => {
  it('with the core defaults, and the values given', () => {
    expect(PlandocketConfigSchema.parse(base)).toMatchObject({
      timeoutMs: DEFAULT_TRANSPORT_LIMITS.timeoutMs,
      callTimeoutMs: DEFAULT_TRANSPORT_LIMITS.callTimeoutMs,
      maxResponseBytes: DEFAULT_TRANSPORT_LIMITS.maxResponseBytes,
    });
    const limits = {
      timeoutMs: 5_000,
      callTimeoutMs: 20_000,
      maxResponseBytes: 65_536,
      retry: { lookupAttempts: 5, lookupDelayMs: 2_000 },
    };
    expect(PlandocketConfigSchema.parse({ ...base, ...limits })).toMatchObject(limits);
  });

  it('refuses limits out of bounds, naming each', () => {
    const bad = PlandocketConfigSchema.safeParse({
      ...base,
      timeoutMs: 0,
      callTimeoutMs: -1,
      maxResponseBytes: 1,
      retry: { lookupAttempts: 0 },
    });
    expect(bad.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual([
      'callTimeoutMs',
      'maxResponseBytes',
      'retry.lookupAttempts',
      'timeoutMs',
    ]);
  });
});

describe('the limits reach the transport (loopback)', () => {
  let big: Loopback;
  let silent: Loopback;
  beforeAll(async () => {
    nock.enableNetConnect('127.0.0.1');
    big = await serveAnswers(() => ({
      status: 200,
      body: JSON.stringify({ data: { id: 7, notes: 'x'.repeat(64 * 1024) } }),
    }));
    // Never answers: each request stays open until the client gives up.
    silent = await serveLoopback(undefined, () => new Promise<undefined>(() => undefined));
  });
  afterAll(async () => {
    await big.close();
    await silent.close();
    nock.disableNetConnect();
  });

  it('maxResponseBytes: a larger answer is ResponseTooLargeError', async () => {
    const adapter = createPlandocketAdapter({
      baseUrl: big.baseUrl,
      apiKey: base.apiKey,
      maxResponseBytes: 4_096,
    });
    const error = await adapter.invoices.get('7').catch((caught: unknown) => caught);
    await adapter.close();
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toMatchObject({ limitBytes: 4_096 });
  });

  it('timeoutMs per attempt and callTimeoutMs per call: a silent server is a TimeoutError', async () => {
    const adapter = createPlandocketAdapter({
      baseUrl: silent.baseUrl,
      apiKey: base.apiKey,
      timeoutMs: 200,
      callTimeoutMs: 500,
      retry: { maxRetries: 10, baseDelayMs: 1, maxDelayMs: 1 },
    });
    const error = await adapter.invoices.get('7').catch((caught: unknown) => caught);
    await adapter.close();
    expect(error).toBeInstanceOf(TimeoutError);
    // Ten retries were allowed; the call's deadline ended it after a few attempts.
    expect(silent.requests.length).toBeGreaterThanOrEqual(1);
    expect(silent.requests.length).toBeLessThanOrEqual(3);
  });
});
