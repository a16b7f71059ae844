import { createHmac, timingSafeEqual } from 'node:crypto';
import { AuthenticationError } from '@invoicekit/core';
import { PLANDOCKET } from '../provider-id';

/** How far the signed timestamp may be from now (the vendor's guide: 300 s). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** `v1=<hex>`: HMAC-SHA256(secret, "<timestamp>.<raw body>"). */
export function signWebhook(
  secret: string,
  timestamp: number | string,
  rawBody: string | Buffer,
): string {
  // Over the bytes as received: decoding them first would break bodies that are not UTF-8.
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex')}`;
}

/** What a delivery carries for verification. */
export interface WebhookDelivery {
  /** `X-Webhook-Signature`. */
  readonly signature: string | undefined;
  /** `X-Webhook-Timestamp`, unix seconds. */
  readonly timestamp: string | undefined;
  /** The body exactly as received (bytes or text); a re-serialised object would not verify. */
  readonly rawBody: string | Buffer;
}

function refuse(reason: string): never {
  throw new AuthenticationError({
    provider: PLANDOCKET,
    message: `webhook rejected: ${reason}`,
  });
}

/**
 * Verifies a delivery: the signature is recomputed and compared in constant time, and the
 * timestamp must lie within 300 s of `nowMs` (replays of old deliveries are refused). Throws an
 * `AuthenticationError` naming the reason — never the secret or the expected signature.
 */
export function verifyWebhookSignature(
  secret: string,
  delivery: WebhookDelivery,
  nowMs: number = Date.now(),
): void {
  const { signature, timestamp } = delivery;
  if (!signature || !timestamp) refuse('X-Webhook-Signature and X-Webhook-Timestamp are required');
  if (!/^\d{1,12}$/.test(timestamp.trim())) refuse('the timestamp is not unix seconds');
  const skew = Math.abs(nowMs / 1000 - Number(timestamp.trim()));
  if (skew > SIGNATURE_TOLERANCE_SECONDS)
    refuse(`the timestamp is ${Math.trunc(skew)} s away from now (at most 300 s)`);
  const expected = Buffer.from(signWebhook(secret, timestamp.trim(), delivery.rawBody), 'utf8');
  // Any number of `v1=` entries may be sent (key rotation); one must match.
  const candidates = signature
    .split(/[,\s]+/)
    .filter((part) => part.startsWith('v1='))
    .map((part) => Buffer.from(part, 'utf8'));
  const matches = candidates.some(
    (candidate) => candidate.length === expected.length && timingSafeEqual(candidate, expected),
  );
  if (!matches) refuse('the signature does not match');
}
