import { describe, expect, it } from 'vitest';
import { budgetKey } from '@invoicekit/redis-rate-limiter';
import { UsageError } from '../../io';
import { accountBudget, requestsPerMinuteFlags } from './rate-budget';

const none = new Map<never, number>();

describe('a vendor account’s shared budget', () => {
  it('is keyed by the account, never by a credential', () => {
    expect(
      accountBudget(
        'plandocket',
        { provider: 'plandocket', tenant: 'acme', apiKey: 'pd-secret', requestsPerHour: 1200 },
        none,
        budgetKey,
      ),
    ).toEqual({ key: 'plandocket:acme', requestsPerMinute: 19 });
    expect(
      accountBudget(
        'invoiceocean',
        { provider: 'invoiceocean', apiToken: 'io-secret/acme' },
        new Map([['invoiceocean', 600]]),
        budgetKey,
      ),
    ).toEqual({ key: 'invoiceocean:acme.invoiceocean.com', requestsPerMinute: 600 });
  });

  it('takes its budget from the configuration when no flag gives one, and has none when no limit is known', () => {
    expect(
      accountBudget(
        'invoiceocean',
        {
          provider: 'invoiceocean',
          apiToken: 'io-secret/acme',
          rateLimit: { requestsPerSecond: 2, burst: 5 },
        },
        none,
        budgetKey,
      ),
    ).toEqual({ key: 'invoiceocean:acme.invoiceocean.com', requestsPerMinute: 120 });
    expect(
      accountBudget(
        'invoiceocean',
        { provider: 'invoiceocean', apiToken: 'io-secret/acme' },
        none,
        budgetKey,
      ),
    ).toBeUndefined();
    // An invalid configuration has no budget: building its adapter says what is wrong.
    expect(
      accountBudget('plandocket', { provider: 'plandocket' }, none, budgetKey),
    ).toBeUndefined();
  });

  it('reads --requests-per-minute as provider=n, refusing anything else without echoing it', () => {
    expect([...requestsPerMinuteFlags(['plandocket=120', 'invoiceocean=600'])]).toEqual([
      ['plandocket', 120],
      ['invoiceocean', 600],
    ]);
    expect(() => requestsPerMinuteFlags(['plandocket=0'])).toThrow(UsageError);
    expect(() => requestsPerMinuteFlags(['sk_live_123=5'])).toThrow(
      /expected <provider>=<requests>/,
    );
    expect(() => requestsPerMinuteFlags(['nobody=5'])).toThrow(/unknown provider "nobody"/);
  });
});
