import { toDecimal } from '@invoicekit/core';
import { centsText, itemCents, paidCents, type ItemCents } from './amounts';
import type {
  PlandocketState,
  StoredContact,
  StoredInvoice,
  StoredItem,
  StoredParticipant,
  StoredPayment,
} from './state';
import { gatewayOfKey } from './gateways';
import { jsonDecimal, jsonMoney } from './values';

/**
 * The JSON the emulator answers, field by field in the documented order
 * (docs/vendors/plandocket.md §2.4, §4). The `include` shapes are undocumented
 * (docs/vendors/plandocket.md §8); these are the emulator's own.
 */

/** The invoice's customer: its participant's contact, if both still exist. */
export function contactOfInvoice(
  state: PlandocketState,
  invoice: StoredInvoice,
): StoredContact | undefined {
  if (invoice.event_participant_id === null) return undefined;
  const participant = state.participants.get(invoice.event_participant_id);
  return participant ? state.contacts.get(participant.contact_id) : undefined;
}

/** The event key of the invoice's participant, if it has an event. */
export function eventKeyOfInvoice(
  state: PlandocketState,
  invoice: StoredInvoice,
): string | undefined {
  if (invoice.event_participant_id === null) return undefined;
  const eventId = state.participants.get(invoice.event_participant_id)?.event_id;
  return eventId === null || eventId === undefined
    ? undefined
    : state.events.get(eventId)?.event_key;
}

/** A line of `include=items`. */
export function renderItem(
  item: StoredItem,
  invoice: StoredInvoice,
  amounts: ItemCents = itemCents(item, invoice.is_reverse_charge),
): Record<string, unknown> {
  return {
    id: item.id,
    description: item.description,
    product_id: item.product_id,
    quantity: jsonDecimal(item.quantity),
    unit: item.unit,
    unit_price: jsonDecimal(item.unit_price),
    tax_rate: jsonDecimal(item.tax_rate),
    // Cents as text are what `jsonMoney` prints: two places, read as a number.
    net: Number(centsText(amounts.net)),
    tax: Number(centsText(amounts.tax)),
    total: Number(centsText(amounts.total)),
  };
}

/** A contact with every documented field. */
export function renderContact(contact: StoredContact): Record<string, unknown> {
  return {
    id: contact.id,
    customer_number: contact.customer_number,
    company_name: contact.company_name,
    first_name: contact.first_name,
    last_name: contact.last_name,
    address: contact.address,
    postal_code: contact.postal_code,
    city: contact.city,
    country: contact.country,
    state: contact.state,
    phone: contact.phone,
    fax: contact.fax,
    mobile: contact.mobile,
    email: contact.email,
    website: contact.website,
    notes: contact.notes,
    tax_id: contact.tax_id,
    rating: contact.rating,
    account_access_enabled: contact.account_access_enabled,
    has_account: contact.has_account,
    created_at: contact.created_at,
    updated_at: contact.updated_at,
  };
}

/**
 * A payment. `gateway_id` is the tenant's gateway the key names (`null` for another key); the
 * emulator charges no fees, so the fee is 0 and the net amount the amount.
 */
export function renderPayment(
  state: PlandocketState,
  payment: StoredPayment,
  includes: ReadonlySet<string> = new Set(),
): Record<string, unknown> {
  const rendered: Record<string, unknown> = {
    id: payment.id,
    invoice_id: payment.invoice_id,
    amount: jsonMoney(toDecimal(payment.amount)),
    currency: payment.currency,
    gateway_id: gatewayOfKey(payment.gateway_key)?.id ?? null,
    gateway_key: payment.gateway_key,
    gateway_name: payment.gateway_name,
    transaction_id: payment.transaction_id,
    gateway_fee: 0,
    net_amount: jsonMoney(toDecimal(payment.amount)),
    status: payment.status,
    payment_date: payment.payment_date,
    notes: payment.notes,
    created_at: payment.created_at,
    updated_at: payment.updated_at,
  };
  if (includes.has('invoice')) {
    const invoice = state.invoices.get(payment.invoice_id);
    rendered.invoice = invoice ? renderInvoice(state, invoice) : null;
  }
  return rendered;
}

/** An invoice with its derived amounts, plus the requested `items`, `payments`, `contact`. */
export function renderInvoice(
  state: PlandocketState,
  invoice: StoredInvoice,
  includes: ReadonlySet<string> = new Set(),
): Record<string, unknown> {
  // Each line's amounts once: the total, the open amount and the lines all need them.
  const lines = invoice.items.map((item) => itemCents(item, invoice.is_reverse_charge));
  let totalCents = 0n;
  for (const line of lines) totalCents += line.total;
  const paidCentsOfInvoice = paidCents(state, invoice.id);
  const rendered: Record<string, unknown> = {
    id: invoice.id,
    invoice_number: invoice.invoice_number,
    invoice_type: invoice.invoice_type,
    related_invoice_id: invoice.related_invoice_id,
    status: invoice.status,
    event_participant_id: invoice.event_participant_id,
    total: Number(centsText(totalCents)),
    currency: invoice.currency,
    paid_amount: Number(centsText(paidCentsOfInvoice)),
    open_amount: Number(centsText(totalCents - paidCentsOfInvoice)),
    service_date: invoice.service_date,
    due_date: invoice.due_date,
    is_reverse_charge: invoice.is_reverse_charge,
    is_locked: invoice.is_locked,
    locked_at: invoice.locked_at,
    reminder_sent_at: invoice.reminder_sent_at,
    reminder_count: invoice.reminder_count,
    notes: invoice.notes,
    created_at: invoice.created_at,
    updated_at: invoice.updated_at,
  };
  if (includes.has('items')) {
    rendered.items = invoice.items.map((item, index) => renderItem(item, invoice, lines[index]));
  }
  if (includes.has('payments')) {
    rendered.payments = state.payments
      .lookup('invoice', invoice.id)
      .map((payment) => renderPayment(state, payment));
  }
  if (includes.has('contact')) {
    const contact = contactOfInvoice(state, invoice);
    rendered.contact = contact ? renderContact(contact) : null;
  }
  return rendered;
}

/** A participant (read-only in the emulator). */
export function renderParticipant(participant: StoredParticipant): Record<string, unknown> {
  return {
    id: participant.id,
    event_id: participant.event_id,
    contact_id: participant.contact_id,
    is_confirmed: participant.is_confirmed,
    created_at: participant.created_at,
    updated_at: participant.updated_at,
  };
}
