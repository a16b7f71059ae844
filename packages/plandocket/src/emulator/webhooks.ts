import type { EmulatorWebhook } from '@invoicekit/core/emulator';
import { signWebhook } from '../webhooks/signature';
import { renderContact, renderInvoice } from './render';
import type { PlandocketState, StoredContact, StoredInvoice } from './state';

/**
 * The events the admin guide lists (docs/vendors/plandocket.md §7), in its order: what
 * `GET /webhooks/events` answers and what a webhook may subscribe to.
 */
export const WEBHOOK_EVENTS = [
  'invoice.created',
  'invoice.paid',
  'invoice.cancelled',
  'contact.created',
  'contact.updated',
  'participant.added',
  'participant.removed',
  'participant.confirmed',
  'application.approved',
  'application.rejected',
  'booth.assigned',
  'booth.unassigned',
  'service_order.confirmed',
  'service_order.completed',
] as const;

/** One of {@link WEBHOOK_EVENTS}. */
export type WebhookEventName = (typeof WEBHOOK_EVENTS)[number];

/** Every include an invoice can carry: a receiver gets the whole invoice, lines and payments too. */
const FULL_INVOICE = new Set(['items', 'payments', 'contact']);

/**
 * Queues one signed delivery of `event` per active webhook subscribed to it. The body is
 * `{"event", "data", "timestamp"}` with the record as the API renders it; the timestamp (unix
 * seconds of the change, from the emulator's clock) is what is signed with the body
 * (docs/vendors/plandocket.md §7).
 */
export function queueWebhook(
  state: PlandocketState,
  event: WebhookEventName,
  data: Record<string, unknown> | (() => Record<string, unknown>),
  timestamp: string,
): void {
  const subscribed = state.webhooks
    .all()
    .filter((webhook) => webhook.is_active && webhook.events.includes(event));
  // Rendering an invoice costs more than the change that queued it: only for a subscriber.
  if (subscribed.length === 0) return;
  // Timestamps carry whole seconds; dividing their milliseconds is exact.
  const seconds = String(Date.parse(timestamp) / 1000);
  const json = JSON.stringify(typeof data === 'function' ? data() : data);
  for (const webhook of subscribed) {
    const body = `{"event":${JSON.stringify(event)},"data":${json},"timestamp":${seconds}}`;
    state.outbox.push({
      url: webhook.url,
      headers: {
        'content-type': 'application/json',
        'x-webhook-signature': signWebhook(webhook.secret, seconds, body),
        'x-webhook-timestamp': seconds,
      },
      body,
    });
  }
}

/** Queues an invoice event with the invoice as it is now (items, payments and contact included). */
export function queueInvoiceWebhook(
  state: PlandocketState,
  event: 'invoice.created' | 'invoice.paid' | 'invoice.cancelled',
  invoice: StoredInvoice,
  timestamp: string,
): void {
  queueWebhook(state, event, () => renderInvoice(state, invoice, FULL_INVOICE), timestamp);
}

/** Queues a contact event with the contact as it is now. */
export function queueContactWebhook(
  state: PlandocketState,
  event: 'contact.created' | 'contact.updated',
  contact: StoredContact,
  timestamp: string,
): void {
  queueWebhook(state, event, () => renderContact(contact), timestamp);
}

/** Empties the outbox: what the toolkit sends after the request that queued it. */
export function takeWebhooks(state: PlandocketState): readonly EmulatorWebhook[] {
  return state.outbox.splice(0);
}
