// The replay guard is the same for every vendor's webhooks: core holds it.
export {
  createMemoryReplayStore,
  type MemoryReplayStoreOptions,
  type WebhookReplayStore,
} from '@invoicekit/core';
