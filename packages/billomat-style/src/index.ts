/**
 * @invoicekit/billomat-style — the invoicekit adapter for the method-style invoicing API of
 * FastBill and Monsum: one POST endpoint, a `SERVICE` + `FILTER`/`DATA` envelope, HTTP Basic.
 * (Billomat itself is a plain REST API; this package keeps the name but speaks the envelope.)
 * The emulator is at `@invoicekit/billomat-style/emulator`.
 */
import {
  createAdapterFrom,
  type AdapterRuntimeOptions,
  type DefinedAdapter,
} from '@invoicekit/core';
import type { MethodStyleClient } from './client/method-client';
import type { BillomatStyleConfigInput } from './config';
import { billomatStyleProvider } from './provider';

export {
  billomatStyleProvider,
  defineBillomatStyleProvider,
  type BillomatStyleProviderOptions,
} from './provider';
export { createBillomatStyleProvider, type BillomatStyleProviderSettings } from './adapter';
export { CreateSerializer } from './operations/create-lock';
export {
  BILLOMAT_STYLE_MAX_PAGE_SIZE,
  BILLOMAT_STYLE_TIME_ZONE,
  billomatStyleFeatures,
  type MethodStyleEndpoint,
} from './features';
export { BILLOMAT_STYLE } from './provider-id';
export {
  BillomatStyleConfigSchema,
  ENDPOINTS,
  type BillomatStyleConfig,
  type BillomatStyleConfigInput,
} from './config';
export {
  BillomatStyleInvoiceOptionsSchema,
  type BillomatStyleInvoiceOptions,
} from './provider-options';
export {
  MethodStyleClient,
  type CallOptions,
  type EnvelopeParts,
  type MethodStyleClientSettings,
  type VendorDocument,
  type VendorRecord,
} from './client/method-client';
export { SERVICE_PATH } from './client/service-path';
export * from './client/service-inputs';
export {
  LIST_CONTAINERS,
  recordsOf,
  responseOf,
  type RequestEnvelope,
  type ResponseEnvelope,
} from './codec/envelope';
export { fbapiXmlCodec, fromFbapiXml, toFbapiXml } from './codec/xml-codec';
export { errorMessages, methodStyleErrorForResponse } from './errors/error-mapper';
export { toCanonicalInvoice } from './mapping/to-canonical-invoice';
export { toCanonicalCustomer } from './mapping/to-canonical-customer';
export { toCanonicalReminder } from './mapping/to-canonical-reminder';
export {
  BILLOMAT_STYLE_INVOICE_RULES,
  writeInvoice,
  type BillomatStyleInvoiceFields,
  type InvoiceData,
  type InvoiceWriteContext,
} from './mapping/invoice-writer';
export {
  BILLOMAT_STYLE_CUSTOMER_RULES,
  writeCustomer,
  type BillomatStyleCustomerFields,
  type CustomerTags,
  type CustomerWriteContext,
} from './mapping/customer-writer';
export { toCanonicalStatus } from './mapping/status';

/**
 * Options of {@link createBillomatStyleAdapter}: the configuration without `provider` (account
 * e-mail, API key, endpoint or `baseUrl`, format, page size, transport limits) and the plain
 * runtime objects beside it (logger, hooks, clock, agents, a shared rate limiter …).
 */
export type BillomatStyleAdapterOptions = Omit<BillomatStyleConfigInput, 'provider'> &
  AdapterRuntimeOptions;

/** A method-style adapter: the canonical `InvoiceAdapterV1`, with the typed client as `vendor`. */
export type BillomatStyleAdapter = DefinedAdapter<MethodStyleClient>;

/**
 * An adapter for one FastBill or Monsum account.
 * @example createBillomatStyleAdapter({ email: 'me@example.com', apiKey: '…', endpoint: 'monsum' })
 */
export function createBillomatStyleAdapter(
  options: BillomatStyleAdapterOptions,
): BillomatStyleAdapter {
  return createAdapterFrom(billomatStyleProvider, options);
}
