import { createHash, timingSafeEqual } from 'node:crypto';
import {
  WebhookRejectedError,
  webhookBodyText,
  type VerifiedWebhook,
  type WebhookRequest,
} from '@invoicekit/core';
import { INVOICEOCEAN } from '../provider-id';

/** The body as a JSON object, or `undefined` when it is not one. */
export function webhookPayload(request: WebhookRequest): Record<string, unknown> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(webhookBodyText(request));
  } catch {
    return undefined;
  }
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : undefined;
}

/** Digests of equal length, so the comparison takes the same time whatever the lengths. */
const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * The vendor signs nothing: a delivery carries the `api_token` the webhook was registered with,
 * compared in constant time with the secret. No time and no delivery id are proven, so a replay
 * cannot be told from the original (docs/vendors/invoiceocean.md §16).
 */
export function verifyInvoiceOceanWebhook(
  request: WebhookRequest,
  context: { readonly secret: string },
): VerifiedWebhook {
  const token = webhookPayload(request)?.api_token;
  if (typeof token !== 'string' || token === '')
    throw new WebhookRejectedError({
      provider: INVOICEOCEAN,
      reason: 'missing',
      message: 'the body carries no api_token',
    });
  if (!timingSafeEqual(digest(token), digest(context.secret)))
    throw new WebhookRejectedError({
      provider: INVOICEOCEAN,
      reason: 'forged',
      message: "the body's api_token is not the webhook's",
    });
  return { deliveryId: null, signedAt: null, rememberUntilMs: null };
}
