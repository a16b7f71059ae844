import { DEFAULT_TRANSPORT_LIMITS, ResponseTooLargeError, TimeoutError } from '@invoicekit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveHostile, type HostileServer } from './__fixtures__/hostile-server';
import { BillomatStyleConfigSchema } from './config';
import { createBillomatStyleAdapter } from './index';

const base = {
  provider: 'billomat-style',
  email: 'owner@acme.example',
  apiKey: 'config-key-61d0e2f4',
} as const;

describe('the config takes the core transport limits', () => {
  it('with the core defaults, and the values given', () => {
    expect(BillomatStyleConfigSchema.parse(base)).toMatchObject({
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
    expect(BillomatStyleConfigSchema.parse({ ...base, ...limits })).toMatchObject(limits);
  });

  it('refuses limits out of bounds, naming each', () => {
    const bad = BillomatStyleConfigSchema.safeParse({
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

describe('the limits reach the transport', () => {
  let big: HostileServer;
  let silent: HostileServer;
  beforeAll(async () => {
    big = await serveHostile(() => ({
      body: JSON.stringify({ RESPONSE: { INVOICES: [], PADDING: 'x'.repeat(64 * 1024) } }),
    }));
    // Never answers: the request stays open until the client gives up.
    silent = await serveHostile(() => undefined);
  });
  afterAll(async () => {
    await big.close();
    await silent.close();
  });

  it('maxResponseBytes: a larger answer is ResponseTooLargeError', async () => {
    const adapter = createBillomatStyleAdapter({
      ...base,
      baseUrl: big.baseUrl,
      maxResponseBytes: 4_096,
    });
    const error = await adapter.invoices.get('1').catch((caught: unknown) => caught);
    await adapter.close();
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toMatchObject({ code: 'response_too_large', limitBytes: 4_096 });
  });

  it('timeoutMs per attempt and callTimeoutMs per call: a silent server is a TimeoutError', async () => {
    const before = silent.received.length;
    const adapter = createBillomatStyleAdapter({
      ...base,
      baseUrl: silent.baseUrl,
      timeoutMs: 200,
      callTimeoutMs: 500,
      retry: { maxRetries: 10, baseDelayMs: 1, maxDelayMs: 1 },
    });
    const error = await adapter.invoices.get('1').catch((caught: unknown) => caught);
    await adapter.close();
    expect(error).toBeInstanceOf(TimeoutError);
    // Ten retries were allowed; the call's deadline ended it after a few attempts.
    expect(silent.received.length - before).toBeGreaterThanOrEqual(1);
    expect(silent.received.length - before).toBeLessThanOrEqual(3);
  });
});
