import { WebhookRejectedError } from '@invoicekit/core';
import { PLANDOCKET } from '../provider-id';
import { webhookEventOf, type PlandocketWebhookEvent } from './events';
import { createMemoryReplayStore, type WebhookReplayStore } from './replay-store';
import {
  SIGNATURE_TOLERANCE_SECONDS,
  checkedWebhookSecret,
  verifiedDelivery,
  type VerifiedDelivery,
  type WebhookDelivery,
} from './signature';

/** Options of {@link createWebhookReceiver}. */
export interface WebhookReceiverOptions {
  /** The webhook signing secret; empty or blank is refused with a `ValidationError`. */
  readonly secret: string;
  /**
   * Where accepted deliveries are remembered; an in-memory store of this receiver by default
   * ({@link createMemoryReplayStore}: bounded, entries expire with the signature window). Give a
   * shared store when several processes receive the same webhooks.
   */
  readonly replayStore?: WebhookReplayStore;
  /** The clock, epoch milliseconds; `Date.now` by default. */
  readonly now?: () => number;
}

/** Verifies Plandocket webhook deliveries and refuses replays of one already accepted. */
export interface PlandocketWebhookReceiver {
  /**
   * Verifies signature and window, then records the delivery: a second delivery with the same
   * signed timestamp and signature inside the window is refused with an `AuthenticationError`.
   */
  verify(delivery: WebhookDelivery): Promise<VerifiedDelivery>;
  /**
   * {@link verify}, then the body read into a canonical event. With `handle`, the event is
   * handed to it; when it throws, the delivery is forgotten again (if the store can) so that the
   * vendor's retry of it is accepted, and the error is rethrown.
   */
  receive(
    delivery: WebhookDelivery,
    options?: {
      readonly today?: string;
      readonly handle?: (event: PlandocketWebhookEvent) => unknown;
    },
  ): Promise<PlandocketWebhookEvent>;
}

/**
 * A webhook receiver with a replay guard.
 * @example
 * const receiver = createWebhookReceiver({ secret: process.env.PLANDOCKET_WEBHOOK_SECRET! });
 * const event = await receiver.receive(webhookDeliveryOf(req.headers, rawBody));
 */
export function createWebhookReceiver(options: WebhookReceiverOptions): PlandocketWebhookReceiver {
  const secret = checkedWebhookSecret(options.secret);
  const now = options.now ?? Date.now;
  const store = options.replayStore ?? createMemoryReplayStore({ now });

  const verify = async (delivery: WebhookDelivery): Promise<VerifiedDelivery> => {
    const verified = verifiedDelivery(secret, delivery, now());
    // After this the timestamp check refuses the delivery by itself.
    const expiresAtMs = (verified.timestampSeconds + SIGNATURE_TOLERANCE_SECONDS + 1) * 1000;
    if (await store.seen(verified.deliveryId, expiresAtMs)) {
      throw new WebhookRejectedError({
        provider: PLANDOCKET,
        reason: 'replay',
        message: 'this delivery was accepted before (a replay)',
      });
    }
    return verified;
  };

  return {
    verify,
    async receive(delivery, receiveOptions = {}) {
      const verified = await verify(delivery);
      try {
        const event = webhookEventOf(delivery.rawBody, {
          nowMs: now(),
          today: receiveOptions.today,
        });
        await receiveOptions.handle?.(event);
        return event;
      } catch (error) {
        await store.forget?.(verified.deliveryId);
        throw error;
      }
    },
  };
}
