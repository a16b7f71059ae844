import { EntityStore, type EmulatorWebhook } from '@invoicekit/core/emulator';
import { CONTACT_TEXT_FIELDS } from '../wire/records';
import { IndexedStore } from './indexed-store';

// The contact fields that are free text: one list with the adapter's wire reader.
export { CONTACT_TEXT_FIELDS };

/** One of the free-text contact fields. */
export type ContactTextField = (typeof CONTACT_TEXT_FIELDS)[number];

/** A contact (customer) as the emulator keeps it, under the vendor's field names. */
export type StoredContact = { id: number; customer_number: string } & Record<
  Exclude<ContactTextField, 'customer_number'>,
  string | null
> & {
    rating: number | null;
    account_access_enabled: boolean;
    has_account: boolean;
    created_at: string;
    updated_at: string;
  };

/** An event; only its key matters to invoices (the `event_key` filter). */
export interface StoredEvent {
  id: number;
  event_key: string;
  created_at: string;
}

/** A contact's participation in an event: what an invoice's `event_participant_id` points to. */
export interface StoredParticipant {
  id: number;
  /** `null` when the invoice was seeded without an event. */
  event_id: number | null;
  contact_id: number;
  is_confirmed: boolean;
  created_at: string;
  updated_at: string;
}

/** An invoice line; amounts stay decimal strings so no float ever enters the maths. */
export interface StoredItem {
  id: number;
  description: string;
  /** The service the line was made from (the emulator's own `include=items` field). */
  product_id: number | null;
  quantity: string;
  unit: string | null;
  unit_price: string;
  tax_rate: string;
}

/**
 * An invoice. Paid and open amounts are not stored: they are derived from the payments on every
 * read, so they cannot drift from them.
 */
export interface StoredInvoice {
  id: number;
  invoice_number: string;
  invoice_type: 'invoice' | 'credit_note';
  related_invoice_id: number | null;
  status: string;
  event_participant_id: number | null;
  currency: string;
  items: StoredItem[];
  /** `YYYY-MM-DD` or `null`. */
  service_date: string | null;
  /** `YYYY-MM-DD` or `null`. */
  due_date: string | null;
  is_reverse_charge: boolean;
  is_locked: boolean;
  locked_at: string | null;
  reminder_sent_at: string | null;
  reminder_count: number;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

/** A payment against one invoice. */
export interface StoredPayment {
  id: number;
  invoice_id: number;
  /** Decimal string, two places at most. */
  amount: string;
  currency: string;
  gateway_key: string | null;
  /** The gateway's display name: the tenant's name for a known key, or as seeded. */
  gateway_name: string | null;
  transaction_id: string | null;
  status: string;
  /** ISO timestamp `YYYY-MM-DDTHH:MM:SSZ`. */
  payment_date: string;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

/** A registered webhook: where its deliveries go, which events, and the secret they are signed with. */
export interface StoredWebhook {
  id: number;
  url: string;
  events: string[];
  secret: string;
  is_active: boolean;
  created_at: string;
  updated_at: string;
}

/** Everything one emulated tenant holds. */
export interface PlandocketState {
  /** Indexed by customer number. */
  readonly contacts: IndexedStore<StoredContact, 'customerNumber'>;
  /** Indexed by event key. */
  readonly events: IndexedStore<StoredEvent, 'eventKey'>;
  /** Indexed by contact and event together ({@link participantKey}). */
  readonly participants: IndexedStore<StoredParticipant, 'contactEvent'>;
  /** Indexed by invoice number. */
  readonly invoices: IndexedStore<StoredInvoice, 'number'>;
  /** Indexed by invoice id. */
  readonly payments: IndexedStore<StoredPayment, 'invoice'>;
  readonly webhooks: EntityStore<StoredWebhook>;
  /**
   * The invoices in the order of the last listing's sort, for as long as no invoice changed
   * (`invoices.version`): paging through a book sorts it once, not once per page.
   */
  invoiceOrder: { version: number; sort: string; rows: StoredInvoice[] } | undefined;
  /** Signed deliveries waiting for the toolkit to send them (`takeWebhooks` empties it). */
  readonly outbox: EmulatorWebhook[];
  /** Next item id, next `RE-YYYY-NNNN` sequence, next `K-NNNNN`, next `req_<n>`. */
  readonly counters: {
    item: number;
    invoiceNumber: number;
    customerNumber: number;
    request: number;
  };
}

/** The participants index key: one contact at one event (or at none). */
export function participantKey(contactId: number, eventId: number | null): string {
  return `${contactId}:${eventId ?? ''}`;
}

/**
 * A fresh tenant. Each table starts its ids in its own range, so a client that sends an invoice id
 * where a contact id belongs gets a 404 instead of silently hitting another record.
 */
export function createState(): PlandocketState {
  return {
    contacts: new IndexedStore<StoredContact, 'customerNumber'>(501, {
      customerNumber: (contact) => contact.customer_number,
    }),
    events: new IndexedStore<StoredEvent, 'eventKey'>(11, { eventKey: (event) => event.event_key }),
    participants: new IndexedStore<StoredParticipant, 'contactEvent'>(301, {
      contactEvent: (participant) => participantKey(participant.contact_id, participant.event_id),
    }),
    invoices: new IndexedStore<StoredInvoice, 'number'>(1001, {
      number: (invoice) => invoice.invoice_number,
    }),
    payments: new IndexedStore<StoredPayment, 'invoice'>(9001, {
      invoice: (payment) => payment.invoice_id,
    }),
    webhooks: new EntityStore<StoredWebhook>(71),
    invoiceOrder: undefined,
    outbox: [],
    counters: { item: 1, invoiceNumber: 1, customerNumber: 10001, request: 1 },
  };
}
