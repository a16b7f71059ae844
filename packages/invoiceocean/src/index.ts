/**
 * @invoicekit/invoiceocean — the invoicekit adapter for InvoiceOcean, Fakturownia, VosFactures and
 * eFakturierung. The emulator is at `@invoicekit/invoiceocean/emulator`.
 */
import 'reflect-metadata';
import { createProviderRegistry } from '@invoicekit/core';
import type { InvoiceOceanAdapter } from './adapter';
import type { DependencyContainer } from 'tsyringe';
import type { InvoiceOceanConfigInput } from './config';
import { invoiceOceanProvider } from './provider';

export { invoiceOceanProvider } from './provider';
export { InvoiceOceanAdapter } from './adapter';
export { INVOICEOCEAN_CAPABILITIES } from './capabilities';
export { INVOICEOCEAN } from './provider-id';
export {
  BRAND_DOMAINS,
  CalculatingStrategySchema,
  DEFAULT_CALCULATING_STRATEGY,
  InvoiceOceanConfigSchema,
  type Brand,
  type CalculatingStrategy,
  type InvoiceOceanConfig,
  type InvoiceOceanConfigInput,
} from './config';
export {
  InvoiceOceanInvoiceOptionsSchema,
  type InvoiceOceanInvoiceOptions,
} from './provider-options';
export { InvoiceOceanClient } from './client/vendor-client';
export {
  VendorResource,
  type VendorRecord,
  type VendorResourceDefinition,
} from './client/vendor-resource';
export { DepartmentsResource, type UploadFile } from './client/departments';
export {
  InvoiceActions,
  SendByEmailOptionsSchema,
  type SendByEmailOptions,
} from './client/invoice-actions';
export {
  AccountsApi,
  CreateAccountInputSchema,
  LoginInputSchema,
  LoginResult,
  type CreateAccountInput,
  type LoginInput,
} from './client/accounts';
export { INVOICEOCEAN_APP_TRANSPORT } from './tokens';
export { toCanonicalInvoice } from './mapping/to-canonical-invoice';
export { toCanonicalCustomer } from './mapping/to-canonical-customer';
export { fromCanonicalInvoice } from './mapping/from-canonical-invoice';
export { fromCanonicalCustomer } from './mapping/from-canonical-customer';

/**
 * An adapter for one InvoiceOcean-family account. `provider` may be omitted here.
 * @example createInvoiceOceanAdapter({ apiToken: 'TOKEN/acme', brand: 'fakturownia' })
 */
export function createInvoiceOceanAdapter(
  config: Omit<InvoiceOceanConfigInput, 'provider'> & { provider?: 'invoiceocean' },
  options: { configure?: (container: DependencyContainer) => void } = {},
): InvoiceOceanAdapter {
  return createProviderRegistry([invoiceOceanProvider]).createAdapter(
    { provider: 'invoiceocean', ...config },
    options,
  ) as InvoiceOceanAdapter;
}
