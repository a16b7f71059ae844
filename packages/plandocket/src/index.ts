/**
 * @invoicekit/plandocket — the invoicekit adapter for the Plandocket REST API (Bearer auth):
 * invoices (read, update, cancel), payments, contacts, and signed webhooks. The emulator is at
 * `@invoicekit/plandocket/emulator`.
 */
import {
  createAdapterFrom,
  type AdapterRuntimeOptions,
  type DefinedAdapter,
} from '@invoicekit/core';
import type { PlandocketClient } from './client/plandocket-client';
import type { PlandocketConfigInput } from './config';
import { plandocketProvider } from './provider';

export { plandocketProvider, hourlyRateLimit } from './provider';
export { createPlandocketProvider, type PlandocketProviderSettings } from './adapter';
export { PLANDOCKET_FEATURES, PLANDOCKET_TIME_ZONE } from './features';
export { PLANDOCKET } from './provider-id';
export {
  PlandocketConfigSchema,
  type PlandocketConfig,
  type PlandocketConfigInput,
} from './config';
export { API_PREFIX } from './client/api-prefix';
export { plandocketErrorMapper } from './errors/error-mapper';
export {
  PlandocketClient,
  InvoicePatchSchema,
  PaymentCreateSchema,
  PaymentPatchSchema,
  ContactBodySchema,
  type CallOptions,
  type ContactBody,
  type PaymentPatch,
  type InvoicePatch,
  type PaymentCreate,
  type VendorRecord,
  type VendorResult,
} from './client/plandocket-client';
export * from './client/invoice-query';
export { JsonNumber, losslessJsonCodec, stringifyWithNumbers } from './codec/lossless-json';
export { dataOf, listOf, recordOf } from './codec/envelope';
export { lenientPagingStrategy, nextCursor, pageHintsOf } from './codec/paging';
export { toCanonicalInvoice } from './mapping/to-canonical-invoice';
export {
  isCompletedPayment,
  toCanonicalPayment,
  toCanonicalPayments,
} from './mapping/to-canonical-payment';
export { GATEWAY_KEY_OF_METHOD, methodOfGateway } from './mapping/payment-method';
export { toCanonicalCustomer, toPartySnapshot } from './mapping/to-canonical-customer';
export { PLANDOCKET_INVOICE_RULES, type PlandocketInvoiceFields } from './mapping/invoice-writer';
export {
  PLANDOCKET_CUSTOMER_RULES,
  type PlandocketCustomerFields,
} from './mapping/customer-writer';
export { STATUS_TABLE, toCanonicalStatus } from './mapping/status';
export {
  SIGNATURE_TOLERANCE_SECONDS,
  checkedWebhookSecret,
  signWebhook,
  verifiedDelivery,
  verifyWebhookSignature,
  webhookDeliveryOf,
  type VerifiedDelivery,
  type WebhookDelivery,
  type WebhookHeaderValue,
} from './webhooks/signature';
export { parseWebhook, webhookEventOf, type PlandocketWebhookEvent } from './webhooks/events';
export {
  createMemoryReplayStore,
  type MemoryReplayStoreOptions,
  type WebhookReplayStore,
} from './webhooks/replay-store';
export {
  canonicalWebhookEventOf,
  plandocketWebhookProvider,
  type PlandocketWebhookDeps,
} from './webhooks/webhook-provider';
export {
  createWebhookReceiver,
  type PlandocketWebhookReceiver,
  type WebhookReceiverOptions,
} from './webhooks/receiver';

/**
 * Options of {@link createPlandocketAdapter}: the configuration (tenant or `baseUrl`, `apiKey`,
 * `authHeader`, `pageSize`, `requestsPerHour`, transport limits) and the plain runtime objects
 * (`logger`, `hooks`, `clock`, `random`, agents, `rateLimiter`, `configure`) side by side.
 */
export type PlandocketAdapterOptions = Omit<PlandocketConfigInput, 'provider'> &
  AdapterRuntimeOptions;

/** A Plandocket adapter: the canonical `InvoiceAdapterV1`, with the typed client as `vendor`. */
export type PlandocketAdapter = DefinedAdapter<PlandocketClient>;

/**
 * An adapter for one Plandocket tenant.
 * @example createPlandocketAdapter({ tenant: 'acme', apiKey: process.env.PLANDOCKET_KEY })
 */
export function createPlandocketAdapter(options: PlandocketAdapterOptions): PlandocketAdapter {
  return createAdapterFrom(plandocketProvider, options);
}
