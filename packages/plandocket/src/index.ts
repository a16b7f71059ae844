/**
 * @invoicekit/plandocket — the invoicekit adapter for the Plandocket REST API (Bearer auth):
 * invoices (read, update, cancel), payments, contacts, and signed webhooks. The emulator is at
 * `@invoicekit/plandocket/emulator`.
 */
import 'reflect-metadata';
import { createProviderRegistry } from '@invoicekit/core';
import type { DependencyContainer } from 'tsyringe';
import type { PlandocketAdapter } from './adapter';
import type { PlandocketConfigInput } from './config';
import { plandocketProvider } from './provider';

export { plandocketProvider } from './provider';
export { PlandocketAdapter } from './adapter';
export { PLANDOCKET_CAPABILITIES } from './capabilities';
export { PLANDOCKET } from './provider-id';
export {
  API_PREFIX,
  PlandocketConfigSchema,
  type PlandocketConfig,
  type PlandocketConfigInput,
} from './config';
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
export { JsonNumber, losslessJsonCodec, stringifyWithNumbers } from './envelope/lossless-json';
export { dataOf, listOf, recordOf } from './envelope/envelope';
export { lenientPagingStrategy, nextCursor, pageHintsOf } from './envelope/paging';
export { toCanonicalCustomer, toCanonicalInvoice } from './mapping/to-canonical';
export { toContactBody, toInvoicePatch } from './mapping/from-canonical';
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
  createWebhookReceiver,
  type PlandocketWebhookReceiver,
  type WebhookReceiverOptions,
} from './webhooks/receiver';

/**
 * An adapter for one Plandocket tenant. `provider` may be omitted here.
 * @example createPlandocketAdapter({ tenant: 'acme', apiKey: process.env.PLANDOCKET_KEY })
 */
export function createPlandocketAdapter(
  config: Omit<PlandocketConfigInput, 'provider'> & { provider?: 'plandocket' },
  options: { configure?: (container: DependencyContainer) => void } = {},
): PlandocketAdapter {
  return createProviderRegistry([plandocketProvider]).createAdapter(
    { provider: 'plandocket', ...config },
    options,
  ) as PlandocketAdapter;
}
