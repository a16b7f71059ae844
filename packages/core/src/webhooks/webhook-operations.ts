import type { WebhookEvent } from './webhook-event';
import type { WebhookReplayStore } from './replay-store';
import type { WebhookRequest } from './webhook-request';

/** What a delivery proved when it was verified. */
export interface VerifiedWebhook {
  /** What identifies the delivery (a replay has the same); `null` where the scheme has none. */
  readonly deliveryId: string | null;
  /** When it was signed (ISO 8601), where the scheme signs a time. */
  readonly signedAt: string | null;
  /**
   * Until when (epoch ms) a replay guard must remember the delivery: after that the vendor's
   * time check refuses it by itself. `null` where the scheme signs no time.
   */
  readonly rememberUntilMs: number | null;
}

/** Options of `webhooks.verify` and `webhooks.parse`. */
export interface WebhookOptions {
  /**
   * The secret the webhook was registered with: Plandocket's signing secret, InvoiceOcean's
   * webhook `api_token` (by default the adapter's own API token, which is what the vendor's
   * documents register). Required where the adapter has no default.
   */
  readonly secret?: string;
  /** Now, epoch milliseconds, for the vendor's time window; `Date.now()` by default. */
  readonly now?: number;
  /**
   * Remembers accepted deliveries so that one replayed inside the vendor's time window is
   * refused (`reason: 'replay'`). Only schemes that identify a delivery can use it.
   */
  readonly replayStore?: WebhookReplayStore;
}

/**
 * Webhook deliveries of the adapter's vendor: `verify` proves one comes from the vendor (a
 * {@link WebhookRejectedError} otherwise), `parse` verifies it and reads it into a canonical
 * {@link WebhookEvent}. On an adapter whose vendor sends no webhooks (`capabilities.webhooks`
 * `false`) both reject with `UnsupportedOperationError`.
 */
export interface WebhookOperationsV1 {
  verify(request: WebhookRequest, options?: WebhookOptions): Promise<VerifiedWebhook>;
  parse(request: WebhookRequest, options?: WebhookOptions): Promise<WebhookEvent>;
}
