import {
  ProviderError,
  type Customer,
  type Invoice,
  type VerifiedWebhook,
  type WebhookEvent,
  type WebhookProviderV1,
} from '@invoicekit/core';
import { toCanonicalCustomer } from '../mapping/to-canonical-customer';
import { toCanonicalInvoice } from '../mapping/to-canonical-invoice';
import { PLANDOCKET } from '../provider-id';
import { INVOICE_EVENTS, occurredAtOf, recordOf, webhookPayloadOf } from './events';
import { SIGNATURE_TOLERANCE_SECONDS, verifiedDelivery, webhookDeliveryOf } from './signature';

/** Plandocket's contact events → canonical customer events. */
const CONTACT_EVENTS: Readonly<Record<string, 'customer.created' | 'customer.updated'>> = {
  'contact.created': 'customer.created',
  'contact.updated': 'customer.updated',
};

/** What the webhook provider needs from the adapter. */
export interface PlandocketWebhookDeps {
  /** The business day at an instant (epoch ms), for an invoice's "overdue". */
  readonly today: (nowMs: number) => string;
}

/** An id as text, when the payload has one (ids arrive as number text from the lossless parse). */
function idOf(...candidates: unknown[]): string | undefined {
  const found = candidates.find(
    (value) => (typeof value === 'string' && value.trim() !== '') || typeof value === 'number',
  );
  return found === undefined ? undefined : String(found);
}

function namesNothing(vendorEvent: string, record: string): never {
  throw new ProviderError({
    provider: PLANDOCKET,
    message: `webhook ${vendorEvent} names no ${record} (no id in its data)`,
  });
}

/**
 * A verified delivery's body read into the canonical event: invoice events with the invoice (read
 * by the same mapper as API answers) when the payload carries a whole one, contact events as
 * customer events, anything else (`participant.added`, `booth.assigned` …) as `other`. An invoice
 * or contact event whose data names no record is a `ProviderError`.
 */
export function canonicalWebhookEventOf(
  rawBody: string | Buffer,
  context: { readonly today: string; readonly verified: VerifiedWebhook },
): WebhookEvent {
  const payload = webhookPayloadOf(rawBody);
  const vendorEvent = String(payload.event ?? payload.type ?? '');
  const common = {
    provider: PLANDOCKET,
    vendorEvent,
    occurredAt: occurredAtOf(payload) ?? context.verified.signedAt,
    deliveryId: context.verified.deliveryId,
    // Plandocket puts no credentials in a payload: the body is kept as parsed.
    raw: payload,
  };
  const invoiceType = INVOICE_EVENTS[vendorEvent];
  if (invoiceType) {
    const record = recordOf(payload, 'invoice');
    // `{"invoice_id": 18}` alone names an invoice without carrying one.
    const carried =
      record.id !== undefined ||
      (record.invoice_id !== undefined && record.invoice_number !== undefined);
    const invoice: Invoice | null = carried
      ? toCanonicalInvoice(record, { today: context.today })
      : null;
    const invoiceId = invoice?.id ?? idOf(record.invoice_id, record.id);
    if (invoiceId === undefined) namesNothing(vendorEvent, 'invoice');
    return { ...common, type: invoiceType, invoiceId, invoice };
  }
  const customerType = CONTACT_EVENTS[vendorEvent];
  if (customerType) {
    const record = recordOf(payload, 'contact');
    const customer: Customer | null = record.id !== undefined ? toCanonicalCustomer(record) : null;
    const customerId = customer?.id ?? idOf(record.contact_id);
    if (customerId === undefined) namesNothing(vendorEvent, 'contact');
    return { ...common, type: customerType, customerId, customer };
  }
  return { ...common, type: 'other' };
}

/**
 * Plandocket's part of `adapter.webhooks`: `X-Webhook-Signature: v1=<hex>` over
 * `"<X-Webhook-Timestamp>.<raw body>"` with the webhook's signing secret, ±300 s. The delivery id
 * is the signed timestamp and signature, remembered until the window closes. There is no default
 * secret: the signing secret is the webhook's own, not the API key.
 */
export function plandocketWebhookProvider(deps: PlandocketWebhookDeps): WebhookProviderV1 {
  return {
    verify(request, { secret, nowMs }) {
      const delivery = webhookDeliveryOf(request.headers, request.body);
      const { timestampSeconds, deliveryId } = verifiedDelivery(secret, delivery, nowMs);
      return {
        deliveryId,
        signedAt: new Date(timestampSeconds * 1000).toISOString(),
        // After this the timestamp check refuses the delivery by itself.
        rememberUntilMs: (timestampSeconds + SIGNATURE_TOLERANCE_SECONDS + 1) * 1000,
      };
    },
    read(request, { nowMs, verified }) {
      return canonicalWebhookEventOf(request.body, { today: deps.today(nowMs), verified });
    },
  };
}
