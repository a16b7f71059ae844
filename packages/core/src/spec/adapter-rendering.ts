import { inspect } from 'node:util';
import type { HttpTransport } from '../http/transport';
import type { AdapterIdentity, InvoiceAdapterV1 } from './adapter-v1';

/**
 * An adapter's identity from its transport: the base URL as the transport prints it (user info
 * and every credential redacted), with the login name appended when the vendor has one.
 */
export function identityOf(
  provider: string,
  transport: Pick<HttpTransport, 'toJSON'>,
  login?: string,
): AdapterIdentity {
  const baseUrl = transport.toJSON().baseUrl ?? '';
  return { provider, account: login ? `${baseUrl} (${login})` : baseUrl };
}

/**
 * What logs see of an adapter: its provider, spec version and account — never its transport,
 * sockets, schemas, configuration or credentials. Adapters return this from `toJSON()` and `[util.inspect.custom]()`,
 * so printing an adapter is cheap and cannot show a credential.
 */
export function adapterSummary(
  adapter: Pick<InvoiceAdapterV1, 'id' | 'specificationVersion' | 'identity'>,
): Record<string, string> {
  return {
    provider: adapter.id,
    specificationVersion: adapter.specificationVersion,
    ...(adapter.identity ? { account: adapter.identity.account } : {}),
  };
}

/** `[util.inspect.custom]` for adapters: `InvoiceOceanAdapter { provider: 'invoiceocean', … }`. */
export function inspectAdapter(
  adapter: Pick<InvoiceAdapterV1, 'id' | 'specificationVersion' | 'identity'>,
  name: string,
): string {
  return `${name} ${inspect(adapterSummary(adapter))}`;
}
