import { inspect } from 'node:util';
import type { InvoiceAdapterV1 } from './adapter-v1';

/**
 * What logs see of an adapter: its provider and spec version — never its transport, sockets,
 * schemas or configuration. Adapters return this from `toJSON()` and `[util.inspect.custom]()`,
 * so printing an adapter is cheap and cannot show a credential.
 */
export function adapterSummary(
  adapter: Pick<InvoiceAdapterV1, 'id' | 'specificationVersion'>,
): Record<string, string> {
  return { provider: adapter.id, specificationVersion: adapter.specificationVersion };
}

/** `[util.inspect.custom]` for adapters: `InvoiceOceanAdapter { provider: 'invoiceocean', … }`. */
export function inspectAdapter(
  adapter: Pick<InvoiceAdapterV1, 'id' | 'specificationVersion'>,
  name: string,
): string {
  return `${name} ${inspect(adapterSummary(adapter))}`;
}
