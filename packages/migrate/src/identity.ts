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

/**
 * One side of a migration as its journal records it: the provider id and the account — `account`
 * when the caller names it, else the adapter's own `identity`. Never a credential.
 */
export function endpointOf(adapter: InvoiceAdapterV1, account?: string): MigrationEndpoint {
  const found = account ?? adapter.identity?.account;
  return {
    provider: adapter.id,
    account: found === undefined || found === '' ? null : safeAccount(found),
  };
}
