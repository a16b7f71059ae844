import type { RateLimit } from '@invoicekit/core';
import { UsageError } from '../../io';
import { PROVIDERS, providerDescriptor, providerId, type ProviderId } from '../../providers';

/** `--requests-per-minute <provider>=<n>` (repeatable), checked: a budget per provider. */
export function requestsPerMinuteFlags(
  assignments: readonly string[] | undefined,
): ReadonlyMap<ProviderId, number> {
  const budgets = new Map<ProviderId, number>();
  for (const assignment of assignments ?? []) {
    const match = /^([a-z-]+)=(\d{1,6})$/.exec(assignment);
    if (!match)
      throw new UsageError(
        `--requests-per-minute: expected <provider>=<requests>, e.g. invoiceocean=600 (one of ${PROVIDERS.join(', ')})`,
      );
    const provider = providerId(match[1], '--requests-per-minute');
    const requests = Number(match[2]);
    if (requests < 1 || requests > 600_000)
      throw new UsageError('--requests-per-minute: expected from 1 to 600000 requests a minute');
    budgets.set(provider, requests);
  }
  return budgets;
}

/** Sustained requests a minute of a token bucket (its burst is not sustained, so left out). */
function perMinute(limit: RateLimit | undefined): number | undefined {
  if (limit === undefined || !(limit.requestsPerSecond > 0)) return undefined;
  return Math.max(1, Math.floor(limit.requestsPerSecond * 60));
}

/** The account a base URL names: its host, and its path when it has one (a routed emulator). */
function accountOfUrl(url: unknown): string | undefined {
  if (typeof url !== 'string' || !URL.canParse(url)) return undefined;
  const { host, pathname } = new URL(url);
  return `${host}${pathname.replace(/\/+$/, '')}`;
}

/**
 * Who the vendor counts requests against, from the validated configuration — never from a
 * credential: Plandocket's tenant, InvoiceOcean's account host, the method-style e-mail; the base
 * URL when that is all there is.
 */
function accountOf(provider: ProviderId, config: Record<string, unknown>): string | undefined {
  if (provider === 'plandocket' && typeof config.tenant === 'string') return config.tenant;
  if (provider === 'billomat-style' && typeof config.email === 'string') return config.email;
  return accountOfUrl(config.baseUrl);
}

/** A vendor account's shared budget: its key and its requests a minute. */
export interface AccountBudget {
  readonly key: string;
  readonly requestsPerMinute: number;
}

/**
 * The budget of the account an adapter configuration reaches: `--requests-per-minute` for its
 * provider if given, else what the provider itself would limit the adapter to — the config's
 * `rateLimit`, the descriptor's `rateLimitOf` (Plandocket's `requestsPerHour`), its
 * `defaultRateLimit`. `budgetKey` is the shared budget's own (`@invoicekit/redis-rate-limiter`,
 * loaded only when Redis is used). `undefined` when no limit is known (the vendor documents none) or the
 * configuration is invalid (building the adapter then says why).
 */
export function accountBudget(
  provider: ProviderId,
  config: Record<string, unknown>,
  flags: ReadonlyMap<ProviderId, number>,
  budgetKey: (provider: string, account: string) => string,
): AccountBudget | undefined {
  const descriptor = providerDescriptor(provider);
  const parsed = descriptor.configSchema.safeParse(config);
  if (!parsed.success) return undefined;
  const checked = parsed.data as Record<string, unknown> & { rateLimit?: RateLimit | undefined };
  const requestsPerMinute =
    flags.get(provider) ??
    perMinute(
      checked.rateLimit ?? descriptor.rateLimitOf?.(parsed.data) ?? descriptor.defaultRateLimit,
    );
  const account = accountOf(provider, checked);
  if (requestsPerMinute === undefined || account === undefined) return undefined;
  return { key: budgetKey(provider, account), requestsPerMinute };
}

/** For the help: each provider's default budget as its descriptor gives it. */
export function defaultBudgetsHelp(): string {
  return PROVIDERS.map((provider) => {
    const descriptor = providerDescriptor(provider);
    const fixed = perMinute(descriptor.defaultRateLimit);
    const text =
      fixed !== undefined
        ? `${fixed} a minute`
        : descriptor.rateLimitOf
          ? "from its configuration's rateLimit or requestsPerHour (none without them)"
          : "from its configuration's rateLimit (the vendor documents none)";
    return `                          ${provider}: ${text}`;
  }).join('\n');
}
