import { Agent as HttpsAgent } from 'node:https';
import nock from 'nock';
import { container as rootContainer } from './tsyringe';
import { afterAll, afterEach, beforeAll, describe, expect, expectTypeOf, it, vi } from 'vitest';
import type { AcmeClient } from '../__reference-provider__/client/vendor-client';
import { acmeProvider } from '../__reference-provider__/provider';
import { ValidationError } from '../errors/errors';
import type { HttpHooks } from '../http/hooks';
import type { RetryPolicy } from '../http/retry-policy';
import { createFakeClock } from '../testing/fake-clock';
import { createAdapterFrom, createProviderRegistry } from './provider-registry';
import { TOKENS } from './tokens';

const CONFIG = { provider: 'acme', apiKey: 'key-12345678', baseUrl: 'https://api.acme.test' };

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('ProviderRegistry', () => {
  it('resolves configuration to the adapter of the named provider', () => {
    const adapter = createProviderRegistry([acmeProvider]).createAdapter(CONFIG);
    expect(adapter.id).toBe('acme');
    expect(adapter.specificationVersion).toBe('v1');
  });

  it('rejects an unknown provider, naming the ones it knows', () => {
    const registry = createProviderRegistry([acmeProvider]);
    expect(() => registry.createAdapter({ provider: 'nope' })).toThrow(ValidationError);
    expect(() => registry.createAdapter({ provider: 'nope' })).toThrow(
      /unknown provider "nope"; registered: acme/,
    );
    expect(() => registry.createAdapter(42)).toThrow(ValidationError);
  });

  it('validates the provider config and names the field paths', () => {
    const error = (() => {
      try {
        createProviderRegistry([acmeProvider]).createAdapter({
          provider: 'acme',
          apiKey: 'short',
          baseUrl: 'not a url',
        });
      } catch (caught) {
        return caught as ValidationError;
      }
      return undefined;
    })();
    expect(error?.issues.map((issue) => issue.path).sort()).toEqual(['apiKey', 'baseUrl']);
    expect(error?.provider).toBe('acme');
  });

  it('refuses to register the same provider twice', () => {
    expect(() => createProviderRegistry([acmeProvider, acmeProvider])).toThrow(
      /already registered/,
    );
  });

  it('gives each adapter its own child container; overrides stay local', async () => {
    nock('https://api.acme.test')
      .get('/v1/invoices/1')
      .reply(503, {})
      .get('/v1/invoices/1')
      .reply(404, { error: 'not found' });
    const registry = createProviderRegistry([acmeProvider]);
    const clock = createFakeClock();
    const events: string[] = [];
    const hooks: HttpHooks = { onRetry: (event) => events.push(`retry after ${event.delayMs}`) };
    const adapter = registry.createAdapter(CONFIG, {
      configure: (container) => {
        container.register(TOKENS.Clock, { useValue: clock });
        container.register(TOKENS.HttpHooks, { useValue: hooks });
        container.register(TOKENS.Random, { useValue: () => 0 });
      },
    });
    await expect(adapter.invoices.get('1')).rejects.toMatchObject({ code: 'not_found' });
    expect(events).toEqual(['retry after 250']);
    expect(clock.sleeps).toEqual([250]);
    expect(rootContainer.isRegistered(TOKENS.Clock)).toBe(false);
  });

  it('takes limits and retry settings from the plain config, validated', async () => {
    nock('https://api.acme.test')
      .get('/v1/invoices/1')
      .reply(503, {})
      .get('/v1/invoices/1')
      .reply(503, {});
    const clock = createFakeClock();
    const adapter = createProviderRegistry([acmeProvider]).createAdapter(
      { ...CONFIG, timeoutMs: 5_000, retry: { maxRetries: 1, baseDelayMs: 40 } },
      { configure: (container) => container.register(TOKENS.Clock, { useValue: clock }) },
    );
    await expect(adapter.invoices.get('1')).rejects.toMatchObject({ code: 'unavailable' });
    // One retry, as configured, instead of the default three.
    expect(clock.sleeps).toHaveLength(1);
    expect(() =>
      createProviderRegistry([acmeProvider]).createAdapter({
        ...CONFIG,
        maxResponseBytes: 10,
        retry: { lookupAttempts: 0 },
      }),
    ).toThrow(/maxResponseBytes[\s\S]*retry\.lookupAttempts/);
  });

  it('takes clock, hooks, randomness and logger as plain options — no token needed', async () => {
    nock('https://api.acme.test')
      .get('/v1/invoices/1')
      .reply(503, {})
      .get('/v1/invoices/1')
      .reply(404, { error: 'not found' });
    const clock = createFakeClock();
    const events: string[] = [];
    const adapter = createAdapterFrom(acmeProvider, {
      apiKey: CONFIG.apiKey,
      baseUrl: CONFIG.baseUrl,
      clock,
      random: () => 0,
      hooks: { onRetry: (event) => events.push(`retry after ${event.delayMs}`) },
      logger: {
        debug: () => undefined,
        info: () => undefined,
        warn: () => undefined,
        error: () => undefined,
      },
    });
    await expect(adapter.invoices.get('1')).rejects.toMatchObject({ code: 'not_found' });
    expect(events).toEqual(['retry after 250']);
    expect(clock.sleeps).toEqual([250]);
    // The factory's adapter type is the provider's own: no cast.
    expectTypeOf(adapter.vendor).toEqualTypeOf<AcmeClient>();
  });

  it('validates the plain runtime options and names the bad one', () => {
    expect(() =>
      createAdapterFrom(acmeProvider, {
        apiKey: CONFIG.apiKey,
        baseUrl: CONFIG.baseUrl,
        // @ts-expect-error a clock without sleep is refused at compile time and at run time.
        clock: { now: () => 0 },
      }),
    ).toThrow(/clock: a clock with now and sleep methods/);
    expect(() =>
      createAdapterFrom(acmeProvider, {
        apiKey: CONFIG.apiKey,
        baseUrl: CONFIG.baseUrl,
        // @ts-expect-error the same for an agent that is not one.
        httpsAgent: {},
      }),
    ).toThrow(/httpsAgent: an https\.Agent/);
  });

  it("sends through the caller's agent and leaves it open on close", async () => {
    const agent = new HttpsAgent({ keepAlive: true });
    const destroy = vi.spyOn(agent, 'destroy');
    nock('https://api.acme.test').get('/v1/customers/5').reply(404, { error: 'not found' });
    const adapter = createAdapterFrom(acmeProvider, {
      apiKey: CONFIG.apiKey,
      baseUrl: CONFIG.baseUrl,
      httpsAgent: agent,
    });
    await expect(adapter.customers.get('5')).rejects.toMatchObject({ code: 'not_found' });
    await adapter.close();
    expect(destroy).not.toHaveBeenCalled();
    agent.destroy();
  });

  it('shares one rate limiter between adapters when the caller gives one', async () => {
    nock('https://api.acme.test').get('/v1/customers/5').times(2).reply(404, {});
    const acquired: string[] = [];
    const rateLimiter = { acquire: async () => void acquired.push('token') };
    const options = { apiKey: CONFIG.apiKey, baseUrl: CONFIG.baseUrl, rateLimiter };
    const first = createAdapterFrom(acmeProvider, options);
    const second = createAdapterFrom(acmeProvider, options);
    await expect(first.customers.get('5')).rejects.toThrow();
    await expect(second.customers.get('5')).rejects.toThrow();
    expect(acquired).toEqual(['token', 'token']);
  });

  it('reads a rate limit from the plain config, validated', async () => {
    const clock = createFakeClock();
    nock('https://api.acme.test').get('/v1/customers/5').times(3).reply(404, {});
    const adapter = createAdapterFrom(acmeProvider, {
      apiKey: CONFIG.apiKey,
      baseUrl: CONFIG.baseUrl,
      rateLimit: { requestsPerSecond: 2, burst: 1 },
      clock,
    });
    for (let call = 0; call < 3; call += 1)
      await expect(adapter.customers.get('5')).rejects.toThrow();
    // One at once, then one every 500 ms.
    expect(clock.sleeps).toEqual([500, 500]);
    expect(() =>
      createAdapterFrom(acmeProvider, {
        apiKey: CONFIG.apiKey,
        baseUrl: CONFIG.baseUrl,
        rateLimit: { requestsPerSecond: 0, burst: 1 },
      }),
    ).toThrow(/rateLimit\.requestsPerSecond/);
  });

  it('lets the caller override defaults for every adapter through the parent container', async () => {
    nock('https://api.acme.test').get('/v1/invoices/1').reply(503, {});
    const parent = rootContainer.createChildContainer();
    const noRetries: RetryPolicy = {
      maxRetries: 0,
      baseDelayMs: 1,
      maxDelayMs: 1,
      maxRetryAfterMs: 1,
      retryBudgetMs: 1,
      lookupAttempts: 1,
      lookupDelayMs: 1,
    };
    parent.register(TOKENS.RetryPolicy, { useValue: noRetries });
    const adapter = createProviderRegistry([acmeProvider], parent).createAdapter(CONFIG);
    await expect(adapter.invoices.get('1')).rejects.toMatchObject({ code: 'unavailable' });
  });
});
