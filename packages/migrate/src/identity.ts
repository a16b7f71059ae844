import type { InvoiceAdapterV1 } from '@invoicekit/core';
import type { MigrationEndpoint } from './journal-errors';

/** A URL without its user info, query and fragment (where credentials hide). */
function safeUrl(text: string): string {
  try {
    const url = new URL(text);
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return '[unreadable URL]';
  }
}

/**
 * An account as a journal may record it: every URL in it loses its user info, query and fragment
 * (where credentials hide); the rest is kept as given, cut to 200 characters.
 */
export function safeAccount(account: string): string {
  return account
    .trim()
    .replace(/[a-z][a-z0-9+.-]*:\/\/[^\s()]+/gi, safeUrl)
    .slice(0, 200);
}

/** The fields an adapter may tell about its account, in the order they are preferred. */
function declaredAccount(adapter: InvoiceAdapterV1): string | undefined {
  // A core `identity` ({ provider, account }) when adapters have one; their safe `toJSON()`
  // summary otherwise (today: provider and spec version only).
  const identity = (adapter as { identity?: { account?: unknown } }).identity;
  if (typeof identity?.account === 'string') return identity.account;
  const toJSON = (adapter as { toJSON?: () => unknown }).toJSON;
  const summary = typeof toJSON === 'function' ? toJSON.call(adapter) : undefined;
  if (typeof summary !== 'object' || summary === null) return undefined;
  for (const key of ['account', 'baseUrl'] as const) {
    const value = (summary as Record<string, unknown>)[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

/**
 * One side of a migration as its journal records it: the provider id and the account — `account`
 * when the caller names it, else what the adapter declares, else `null`. Never a credential.
 */
export function endpointOf(adapter: InvoiceAdapterV1, account?: string): MigrationEndpoint {
  const found = account ?? declaredAccount(adapter);
  return { provider: adapter.id, account: found === undefined ? null : safeAccount(found) };
}
