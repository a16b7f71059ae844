import {
  ProviderError,
  type CustomerWebhookEventType,
  type InvoiceWebhookEventType,
  type WebhookEvent,
  type WebhookRequest,
} from '@invoicekit/core';
import { toCanonicalCustomer } from '../mapping/to-canonical-customer';
import { INVOICEOCEAN } from '../provider-id';
import { vendorIdOf } from '../wire/answer';
import { webhookPayload } from './verify-webhook';
import { isInvoiceOceanWebhookKind, type InvoiceOceanWebhookKind } from './webhook-kinds';

const OPERATION = 'webhooks.parse';

const INVOICE_EVENTS: Readonly<Record<string, InvoiceWebhookEventType>> = {
  'invoice:create': 'invoice.created',
  'invoice:update': 'invoice.updated',
  'invoice:destroy': 'invoice.deleted',
};
const CUSTOMER_EVENTS: Readonly<Record<string, CustomerWebhookEventType>> = {
  'client:create': 'customer.created',
  'client:update': 'customer.updated',
  'client:destroy': 'customer.deleted',
};

const malformed = (message: string): ProviderError =>
  new ProviderError({ provider: INVOICEOCEAN, message: `${OPERATION}: ${message}` });

/**
 * The kind the webhook was registered for, from its URL's query (`?kind=invoice:update`): the
 * payload does not say which kind fired. `undefined` when the URL names none.
 */
function kindOf(request: WebhookRequest): InvoiceOceanWebhookKind | undefined {
  if (request.url === undefined) return undefined;
  let kind: string | null;
  try {
    kind = new URL(request.url, 'http://receiver.invalid').searchParams.get('kind');
  } catch {
    return undefined;
  }
  if (kind === null) return undefined;
  if (!isInvoiceOceanWebhookKind(kind))
    throw malformed(`the webhook URL's kind is not one of the vendor's kinds`);
  return kind;
}

function objectAt(payload: Record<string, unknown>, key: string): Record<string, unknown> | null {
  const value = payload[key];
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/**
 * A verified InvoiceOcean delivery → the canonical event. Invoice payloads (`deal`) are a summary,
 * not an invoice: `invoice` is `null` and the id comes from `external_ids`. Client payloads are
 * a whole client. `raw` is the payload without its `api_token`.
 */
export function toInvoiceOceanWebhookEvent(request: WebhookRequest): WebhookEvent {
  const payload = webhookPayload(request);
  if (payload === undefined) throw malformed('the body is not a JSON object');
  const { api_token: _token, ...raw } = payload;
  const kind = kindOf(request);
  const deal = objectAt(payload, 'deal');
  const client = objectAt(payload, 'client');
  const common = { provider: INVOICEOCEAN, occurredAt: null, deliveryId: null, raw };

  if (kind?.startsWith('product:')) return { ...common, type: 'other', vendorEvent: kind };
  if (kind?.startsWith('invoice:') || (kind === undefined && deal)) {
    if (!deal) throw malformed(`an ${kind ?? 'invoice'} delivery carries no deal`);
    const invoiceId = vendorIdOf(objectAt(deal, 'external_ids')?.fakturownia);
    if (invoiceId === null) throw malformed('the deal names no invoice id (external_ids)');
    return {
      ...common,
      type: INVOICE_EVENTS[kind ?? 'invoice:update'] ?? 'invoice.updated',
      vendorEvent: kind ?? 'invoice',
      invoiceId,
      invoice: null,
    };
  }
  if (kind?.startsWith('client:') || (kind === undefined && client)) {
    if (!client) throw malformed(`a ${kind ?? 'client'} delivery carries no client`);
    const customer = toCanonicalCustomer(client, OPERATION);
    return {
      ...common,
      type: CUSTOMER_EVENTS[kind ?? 'client:update'] ?? 'customer.updated',
      vendorEvent: kind ?? 'client',
      customerId: customer.id,
      customer,
    };
  }
  return { ...common, type: 'other', vendorEvent: 'unknown' };
}
