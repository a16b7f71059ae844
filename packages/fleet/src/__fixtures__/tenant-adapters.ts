/**
 * The adapter factory of the fleet tests (and of the worker child): each tenant's adapters built
 * from its credentials, as a user's `credentialsFor(tenantId)` would give them.
 */
import { createInvoiceOceanAdapter } from '@invoicekit/invoiceocean';
import { createPlandocketAdapter } from '@invoicekit/plandocket';
import type { TenantAdapterFactory } from '../options';
import type { TenantCredentials } from './tenant-emulators';

/** Builds adapters from a map of tenant credentials; short retries, so a test never waits long. */
export function tenantAdapters(credentials: Readonly<Record<string, TenantCredentials>>): TenantAdapterFactory {
  return ({ tenantId, role }) => {
    const found = credentials[tenantId];
    if (!found) throw new Error(`no credentials for tenant ${tenantId}`);
    const retry = { maxRetries: 2, baseDelayMs: 50, maxDelayMs: 200, lookupDelayMs: 100 };
    if (role === 'source') {
      const { provider: _source, ...config } = found.source;
      return createPlandocketAdapter({ ...config, retry });
    }
    const { provider: _target, ...config } = found.target;
    return createInvoiceOceanAdapter({ ...config, retry });
  };
}
