import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  ValidationError,
  WebhookRejectedError,
  webhookHeader,
  type WebhookHeaderValue,
  type WebhookRejection,
} from '@invoicekit/core';
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

/** A header value as a Node server hands it over (core's type, re-exported). */
export type { WebhookHeaderValue };

/** What a delivery carries for verification. */
export interface WebhookDelivery {
  /** `X-Webhook-Signature`: one or more `v1=<hex>` entries (several when the secret rotates). */
  readonly signature: WebhookHeaderValue;
  /** `X-Webhook-Timestamp`, unix seconds. */
  readonly timestamp: WebhookHeaderValue;
  /** The body exactly as received (bytes or text); a re-serialised object would not verify. */
  readonly rawBody: string | Buffer;
}

/**
 * The delivery of a request as a Node server (or any framework) hands over its headers, looked
 * up case-insensitively.
 * @example webhookDeliveryOf(req.headers, rawBody)
 */
export function webhookDeliveryOf(
  headers: Readonly<Record<string, WebhookHeaderValue>>,
  rawBody: string | Buffer,
): WebhookDelivery {
  const lookup = (name: string): WebhookHeaderValue =>
    webhookHeader({ headers, body: rawBody }, name);
  return {
    signature: lookup('x-webhook-signature'),
    timestamp: lookup('x-webhook-timestamp'),
    rawBody,
  };
}

/** A delivery that passed verification: its signed time and the key a replay guard keeps. */
export interface VerifiedDelivery {
  /** The signed timestamp, unix seconds. */
  readonly timestampSeconds: number;
  /**
   * What identifies this delivery: the signed timestamp and the signature that matched. A replay
   * carries the same pair; a re-signed delivery is a new one.
   */
  readonly deliveryId: string;
}

/**
 * Refuses a delivery: a `WebhookRejectedError` (an `AuthenticationError`) saying which check
 * failed. A header present but unreadable is `forged`: nothing the vendor sends looks like that.
 */
function refuse(message: string, reason: WebhookRejection = 'forged'): never {
  throw new WebhookRejectedError({ provider: PLANDOCKET, reason, message });
}

/**
 * The caller's secret, checked: an empty (or blank) secret would make every signature anyone can
 * compute valid, so it is a `ValidationError` — a configuration fault, not a bad delivery.
 */
export function checkedWebhookSecret(secret: unknown): string {
  if (typeof secret !== 'string' || secret.trim() === '') {
    throw new ValidationError({
      provider: PLANDOCKET,
      issues: [{ path: 'secret', message: 'must be the non-empty webhook signing secret' }],
    });
  }
  return secret;
}

/** The one value of a header that may have been sent several times, or a refusal. */
function single(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) {
    if (value.length === 0) return undefined;
    if (value.length > 1) refuse(`${name} was sent ${value.length} times`);
    return single(value[0], name);
  }
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) refuse(`${name} is not unix seconds`);
    return String(value);
  }
  if (typeof value !== 'string') refuse(`${name} is not a header value`);
  return value;
}

/** Every `v1=` candidate of the signature header(s): a repeated header adds its entries. */
function signatureCandidates(value: unknown): string[] {
  const values = Array.isArray(value) ? (value as unknown[]) : [value];
  if (values.some((entry) => typeof entry !== 'string'))
    refuse('X-Webhook-Signature is not a header value');
  return (values as string[])
    .flatMap((entry) => entry.split(/[,\s]+/))
    .filter((part) => part.startsWith('v1='));
}

/**
 * Verifies a delivery and says which one it was: the signature is recomputed and compared in
 * constant time, and the timestamp must lie within 300 s of `nowMs`. Throws a `ValidationError`
 * for an empty secret or a body that is no string or Buffer, and a `WebhookRejectedError` (an
 * `AuthenticationError`, `reason` `missing`, `forged` or `stale`) for a delivery that is refused —
 * naming the check, never the secret or the expected signature.
 */
export function verifiedDelivery(
  secret: string,
  delivery: WebhookDelivery,
  nowMs: number = Date.now(),
): VerifiedDelivery {
  checkedWebhookSecret(secret);
  const { rawBody } = delivery;
  if (typeof rawBody !== 'string' && !Buffer.isBuffer(rawBody)) {
    throw new ValidationError({
      provider: PLANDOCKET,
      issues: [
        {
          path: 'rawBody',
          message: 'must be the body exactly as received (string or Buffer), not a parsed object',
        },
      ],
    });
  }
  const timestamp = single(delivery.timestamp, 'X-Webhook-Timestamp')?.trim();
  const sent = delivery.signature;
  const candidates = sent === undefined || sent === null ? [] : signatureCandidates(sent);
  const signatureMissing =
    sent === undefined ||
    sent === null ||
    sent === '' ||
    (Array.isArray(sent) && sent.length === 0);
  if (signatureMissing || timestamp === undefined || timestamp === '')
    refuse('X-Webhook-Signature and X-Webhook-Timestamp are required', 'missing');
  if (!/^\d{1,12}$/.test(timestamp)) refuse('the timestamp is not unix seconds');
  const timestampSeconds = Number(timestamp);
  const skew = Math.abs(nowMs / 1000 - timestampSeconds);
  if (skew > SIGNATURE_TOLERANCE_SECONDS)
    refuse(
      `the timestamp is ${Math.trunc(skew)} s away from now (at most ${SIGNATURE_TOLERANCE_SECONDS} s)`,
      'stale',
    );
  const expectedText = signWebhook(secret, timestamp, rawBody);
  const expected = Buffer.from(expectedText, 'utf8');
  // Any number of `v1=` entries may be sent (key rotation); one must match.
  const matches = candidates.some((part) => {
    const candidate = Buffer.from(part, 'utf8');
    return candidate.length === expected.length && timingSafeEqual(candidate, expected);
  });
  if (!matches) refuse('the signature does not match');
  return { timestampSeconds, deliveryId: `${timestampSeconds}.${expectedText.slice(3)}` };
}

/**
 * Verifies a delivery: the signature is recomputed and compared in constant time, and the
 * timestamp must lie within 300 s of `nowMs` (old deliveries are refused). Throws an
 * `AuthenticationError` naming the reason — never the secret or the expected signature — and a
 * `ValidationError` for an empty secret. A header sent twice (`string[]`) or a numeric timestamp
 * is read, never a `TypeError`. It does not remember deliveries: to refuse a replay inside the
 * window, use `createWebhookReceiver` with a replay store.
 */
export function verifyWebhookSignature(
  secret: string,
  delivery: WebhookDelivery,
  nowMs: number = Date.now(),
): void {
  verifiedDelivery(secret, delivery, nowMs);
}
