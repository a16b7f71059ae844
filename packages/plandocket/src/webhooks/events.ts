import { CodecError, ProviderError, type Invoice } from '@invoicekit/core';
import { losslessJsonCodec } from '../codec/lossless-json';
import { toCanonicalInvoice } from '../mapping/to-canonical-invoice';
import { PLANDOCKET } from '../provider-id';
import { verifyWebhookSignature, type WebhookDelivery } from './signature';

/** The canonical invoice events a Plandocket webhook can report. */
export type PlandocketWebhookEvent =
  | {
      readonly type: 'invoice.created' | 'invoice.paid' | 'invoice.canceled';
      /** The vendor's event name (`invoice.cancelled` is spelled the British way). */
      readonly vendorEvent: string;
      readonly invoiceId: string | null;
      /** The invoice in the payload, when the payload carries one. */
      readonly invoice: Invoice | null;
      readonly occurredAt: string | null;
      readonly raw: unknown;
    }
  | {
      /** Any other event (`contact.created`, `booth.assigned` …), passed through unparsed. */
      readonly type: 'other';
      readonly vendorEvent: string;
      readonly raw: unknown;
    };

/** Plandocket's invoice events → canonical (the vendor spells `cancelled` the British way). */
export const INVOICE_EVENTS: Readonly<
  Record<string, 'invoice.created' | 'invoice.paid' | 'invoice.canceled'>
> = {
  'invoice.created': 'invoice.created',
  'invoice.paid': 'invoice.paid',
  'invoice.cancelled': 'invoice.canceled',
  'invoice.canceled': 'invoice.canceled',
};

/**
 * Verifies a delivery and reads it into a canonical event. The payload's shape is not documented:
 * the event name is read from `event` or `type`, the invoice from `data` (or `data.invoice`).
 * It does not remember deliveries: `createWebhookReceiver` also refuses replays.
 */
export function parseWebhook(
  secret: string,
  delivery: WebhookDelivery,
  options: { nowMs?: number; today?: string } = {},
): PlandocketWebhookEvent {
  const nowMs = options.nowMs ?? Date.now();
  verifyWebhookSignature(secret, delivery, nowMs);
  return webhookEventOf(delivery.rawBody, { nowMs, today: options.today });
}

/**
 * A verified delivery's body read into a canonical event (see {@link parseWebhook}). A body that
 * is no JSON object, or a hostile one (absurd numbers, duplicate keys), is a `ProviderError`.
 */
export function webhookEventOf(
  rawBody: string | Buffer,
  options: { nowMs: number; today?: string | undefined },
): PlandocketWebhookEvent {
  const { nowMs } = options;
  const payload = webhookPayloadOf(rawBody);
  const vendorEvent = String(payload.event ?? payload.type ?? '');
  const type = INVOICE_EVENTS[vendorEvent];
  if (!type) return { type: 'other', vendorEvent, raw: payload };
  const record = recordOf(payload, 'invoice');
  // An invoice is read only when the payload carries one with its id: `{"invoice_id": 18}` alone
  // names an invoice, and a number without an id is no invoice anyone could fetch.
  const hasInvoice =
    record.id !== undefined ||
    (record.invoice_id !== undefined && record.invoice_number !== undefined);
  const today = options.today ?? new Date(nowMs).toISOString().slice(0, 10);
  const invoice = hasInvoice ? toCanonicalInvoice(record, { today }) : null;
  return {
    type,
    vendorEvent,
    invoiceId: invoice?.id ?? (record.invoice_id !== undefined ? String(record.invoice_id) : null),
    invoice,
    occurredAt: occurredAtOf(payload),
    raw: payload,
  };
}

/**
 * A verified body parsed as JSON: the same guarded, lossless parse as API answers, since a signed
 * body can still be hostile. No JSON object (or absurd numbers, duplicate keys) is a
 * `ProviderError`.
 */
export function webhookPayloadOf(rawBody: string | Buffer): Record<string, unknown> {
  const text = typeof rawBody === 'string' ? rawBody : rawBody.toString('utf8');
  let parsed: unknown;
  try {
    parsed = losslessJsonCodec.decode(text);
  } catch (error) {
    if (!(error instanceof CodecError)) throw error;
    throw new ProviderError({
      provider: PLANDOCKET,
      message: `webhook body is not JSON: ${error.message}`,
    });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new ProviderError({ provider: PLANDOCKET, message: 'webhook body is not a JSON object' });
  return parsed as Record<string, unknown>;
}

/**
 * The record a payload carries: `data`, or `data.<key>` when `data` wraps it (the shape is
 * undocumented, so both are read).
 */
export function recordOf(payload: Record<string, unknown>, key: string): Record<string, unknown> {
  const data = payload.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return {};
  const inner = (data as Record<string, unknown>)[key];
  return (
    typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? inner : data
  ) as Record<string, unknown>;
}

/** When the payload says it happened: `timestamp` (unix seconds or ISO), `created_at` … */
export function occurredAtOf(payload: Record<string, unknown>): string | null {
  const occurred = payload.timestamp ?? payload.created_at ?? payload.occurred_at;
  if (typeof occurred !== 'string') return null;
  return /^\d+$/.test(occurred) ? new Date(Number(occurred) * 1000).toISOString() : occurred;
}
