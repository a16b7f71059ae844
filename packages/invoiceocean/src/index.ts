/**
 * @invoicekit/invoiceocean — the invoicekit adapter for InvoiceOcean, Fakturownia, VosFactures and
 * eFakturierung. The emulator is at `@invoicekit/invoiceocean/emulator`.
 */
import {
  createAdapterFrom,
  type AdapterRuntimeOptions,
  type DefinedAdapter,
} from '@invoicekit/core';
import type { InvoiceOceanClient } from './client/vendor-client';
import type { InvoiceOceanConfigInput } from './config';
import { invoiceOceanProvider } from './provider';

export { invoiceOceanProvider } from './provider';
export {
  createInvoiceOceanProvider,
  type InvoiceOceanSettings,
  type InvoiceOceanTransports,
} from './adapter';
export { INVOICEOCEAN } from './provider-id';
export {
  INVOICEOCEAN_FEATURES,
  INVOICEOCEAN_MAX_PAGE_SIZE,
  INVOICEOCEAN_TIME_ZONE,
} from './features';
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
export {
  InvoicesResource,
  type InvoiceDocument,
  type InvoiceEmail,
  type PrintOption,
} from './client/invoices';
export { PaymentsResource } from './client/payments';
export type { CallOptions, RawAnswer, WriteCallOptions } from './client/call-options';
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
export {
  INVOICEOCEAN_WEBHOOK_KINDS,
  invoiceOceanWebhooks,
  isInvoiceOceanWebhookKind,
  toInvoiceOceanWebhookEvent,
  verifyInvoiceOceanWebhook,
  type InvoiceOceanWebhookKind,
} from './webhooks';
export { toCanonicalInvoice } from './mapping/to-canonical-invoice';
export { toCanonicalCustomer } from './mapping/to-canonical-customer';
export {
  INVOICE_RULES,
  type CorrectedPosition,
  type InvoiceFields,
  type InvoiceWriteContext,
} from './mapping/invoice-writer';
export { CUSTOMER_RULES, type CustomerFields } from './mapping/customer-writer';

/**
 * Options of {@link createInvoiceOceanAdapter}: the configuration (without `provider`) and the
 * plain runtime objects (`logger`, `hooks`, `clock`, `random`, agents, `rateLimiter`, `configure`).
 */
export type InvoiceOceanAdapterOptions = Omit<InvoiceOceanConfigInput, 'provider'> &
  AdapterRuntimeOptions;

/** An adapter for one InvoiceOcean-family account; `vendor` is the typed {@link InvoiceOceanClient}. */
export type InvoiceOceanAdapter = DefinedAdapter<InvoiceOceanClient>;

/**
 * An adapter for one InvoiceOcean-family account.
 * @example createInvoiceOceanAdapter({ apiToken: 'TOKEN/acme', brand: 'fakturownia', clock })
 */
export function createInvoiceOceanAdapter(
  options: InvoiceOceanAdapterOptions,
): InvoiceOceanAdapter {
  return createAdapterFrom(invoiceOceanProvider, options);
}
