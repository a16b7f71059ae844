import type { VerifiedWebhook } from './webhook-operations';
import type { WebhookEvent } from './webhook-event';
import type { WebhookRequest } from './webhook-request';

/** What a provider's webhook functions are given besides the delivery. */
export interface WebhookVerifyContext {
  /** The secret to check against (the caller's, or the provider's default). */
  readonly secret: string;
  /** Now, epoch milliseconds. */
  readonly nowMs: number;
}

/**
 * A provider's part of webhooks: its vendor's authentication scheme and payload shapes. Core
 * validates the request, resolves the secret, applies the replay guard and the capability.
 */
export interface WebhookProviderV1 {
  /** Proves the delivery comes from the vendor; throws `WebhookRejectedError` when it does not. */
  verify(request: WebhookRequest, context: WebhookVerifyContext): VerifiedWebhook;
  /** Reads a verified delivery into the canonical event; a malformed body is a `ProviderError`. */
  read(
    request: WebhookRequest,
    context: { readonly nowMs: number; readonly verified: VerifiedWebhook },
  ): WebhookEvent;
  /** The secret when the caller gives none (InvoiceOcean: the account's API token). */
  defaultSecret?(): string | undefined;
}
