import type { Customer } from '../model/customer';
import type { Invoice } from '../model/invoice';

/** Every canonical invoice event, whichever vendor sent it. */
export const INVOICE_WEBHOOK_EVENT_TYPES = [
  'invoice.created',
  'invoice.updated',
  'invoice.paid',
  'invoice.canceled',
  'invoice.deleted',
] as const;
/** One of {@link INVOICE_WEBHOOK_EVENT_TYPES}. */
export type InvoiceWebhookEventType = (typeof INVOICE_WEBHOOK_EVENT_TYPES)[number];

/** Every canonical customer event. */
export const CUSTOMER_WEBHOOK_EVENT_TYPES = [
  'customer.created',
  'customer.updated',
  'customer.deleted',
] as const;
/** One of {@link CUSTOMER_WEBHOOK_EVENT_TYPES}. */
export type CustomerWebhookEventType = (typeof CUSTOMER_WEBHOOK_EVENT_TYPES)[number];

/** What every canonical webhook event carries. */
export interface WebhookEventCommon {
  /** The provider id of the adapter that read it. */
  readonly provider: string;
  /** The vendor's own name of the event (`invoice:update`, `invoice.cancelled` …). */
  readonly vendorEvent: string;
  /** When the vendor says it happened or signed it (ISO 8601), where it says so. */
  readonly occurredAt: string | null;
  /**
   * What identifies this delivery, where the vendor's scheme has such a thing (a signed
   * timestamp and signature): a replay carries the same id. `null` where nothing does.
   */
  readonly deliveryId: string | null;
  /** The payload as received, parsed (credentials the vendor puts in it are removed). */
  readonly raw: unknown;
}

/** Something happened to an invoice. */
export interface InvoiceWebhookEvent extends WebhookEventCommon {
  readonly type: InvoiceWebhookEventType;
  /** The vendor id of the invoice (what `invoices.get` takes). */
  readonly invoiceId: string;
  /** The invoice as the payload carries it, when it carries a whole one; else `null`. */
  readonly invoice: Invoice | null;
}

/** Something happened to a customer. */
export interface CustomerWebhookEvent extends WebhookEventCommon {
  readonly type: CustomerWebhookEventType;
  readonly customerId: string;
  /** The customer as the payload carries it, when it carries a whole one; else `null`. */
  readonly customer: Customer | null;
}

/** An event of the vendor's that has no canonical meaning (a booth assigned, a product edited). */
export interface OtherWebhookEvent extends WebhookEventCommon {
  readonly type: 'other';
}

/**
 * One canonical webhook event: what happened (`invoice.paid`), to which record, the record when
 * the payload carries it, the vendor's own event name and the payload.
 */
export type WebhookEvent = InvoiceWebhookEvent | CustomerWebhookEvent | OtherWebhookEvent;

/** Whether an event is about an invoice (and names it). */
export function isInvoiceWebhookEvent(event: WebhookEvent): event is InvoiceWebhookEvent {
  return event.type.startsWith('invoice.');
}

/** Whether an event is about a customer (and names it). */
export function isCustomerWebhookEvent(event: WebhookEvent): event is CustomerWebhookEvent {
  return event.type.startsWith('customer.');
}
