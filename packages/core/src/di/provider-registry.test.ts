import 'reflect-metadata';
import nock from 'nock';
import { container as rootContainer } from 'tsyringe';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { acmeProvider } from '../__reference-provider__/provider';
import { ValidationError } from '../errors/errors';
import type { HttpHooks } from '../http/hooks';
import type { RetryPolicy } from '../http/retry-policy';
import { createFakeClock } from '../testing/fake-clock';
import { createProviderRegistry } from './provider-registry';
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
