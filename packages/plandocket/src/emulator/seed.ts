import { formatFixed, toDecimal } from '@invoicekit/core';
import { paidAmount } from './amounts';
import { gatewayOfKey } from './gateways';
import { settleInvoice, statusChange } from './lifecycle';
import { blankContact, nextCustomerNumber } from './routes/contacts';
import {
  participantKey,
  type ContactTextField,
  type PlandocketState,
  type StoredInvoice,
  type StoredParticipant,
} from './state';
import { addDays, readDate, readTimestamp } from './values';
import { queueInvoiceWebhook } from './webhooks';

/**
 * A contact to seed, under the vendor's field names (docs/vendors/plandocket.md §4); all fields
 * optional.
 */
export type PlandocketContactSeed = {
  readonly id?: number;
} & Partial<Readonly<Record<ContactTextField, string | null>>>;

/** One invoice line to seed; amounts are decimal strings. */
export interface PlandocketInvoiceItemSeed {
  readonly description: string;
  /** `'1'` by default. */
  readonly quantity?: string;
  readonly unit_price: string;
  /** Percent; `'19'` by default. */
  readonly tax_rate?: string;
  readonly unit?: string;
  /** The service the line was made from. */
  readonly product_id?: number;
}

/**
 * An invoice to seed. Invoices can only be seeded: the API cannot create them
 * (docs/vendors/plandocket.md §2.1). Credit notes carry positive items like invoices;
 * `invoice_type` tells them apart.
 */
export interface PlandocketInvoiceSeed {
  readonly id?: number;
  /** `RE-<year of created_at>-0001`, `-0002` … by default. */
  readonly invoice_number?: string;
  readonly invoice_type?: 'invoice' | 'credit_note';
  readonly related_invoice_id?: number | null;
  /** `'sent'` by default (which locks the invoice). */
  readonly status?: string;
  /** The customer: a contact id (seeded in the same or an earlier call). */
  readonly contact_id?: number;
  /** The event the customer's participation belongs to. */
  readonly event_key?: string;
  /** `'EUR'` by default. */
  readonly currency?: string;
  /** One line 'Standmiete' 1 × 100.00 at 19 % by default. */
  readonly items?: readonly PlandocketInvoiceItemSeed[];
  readonly service_date?: string | null;
  /** 14 days after the creation date by default. */
  readonly due_date?: string | null;
  readonly is_reverse_charge?: boolean;
  /** When the last reminder went out (an ISO date or date-time); none by default. */
  readonly reminder_sent_at?: string | null;
  /** How many reminders went out; 1 when `reminder_sent_at` is given, else 0, by default. */
  readonly reminder_count?: number;
  readonly notes?: string | null;
  /** An ISO date or date-time; the emulator's `now` by default. */
  readonly created_at?: string;
}

/** A payment to seed, against an invoice named by id or number; `amount` is a decimal string. */
export interface PlandocketPaymentSeed {
  readonly id?: number;
  readonly invoice_id?: number;
  readonly invoice_number?: string;
  readonly amount: string;
  /** The invoice's currency by default. */
  readonly currency?: string;
  /** `'completed'` by default. */
  readonly status?: string;
  /** An ISO date or date-time; the creation time by default. */
  readonly payment_date?: string;
  readonly notes?: string | null;
  readonly gateway_key?: string | null;
  /** The tenant's name of the gateway the key names (`null` for an unknown key) by default. */
  readonly gateway_name?: string | null;
  readonly transaction_id?: string | null;
  /** An ISO date or date-time; the emulator's `now` by default. */
  readonly created_at?: string;
}

/** What `emulator.seed()` accepts; seeded in this order: contacts, invoices, payments. */
export interface PlandocketSeed {
  readonly contacts?: readonly PlandocketContactSeed[];
  readonly invoices?: readonly PlandocketInvoiceSeed[];
  readonly payments?: readonly PlandocketPaymentSeed[];
}

/** A seed mistake is a bug in the test that wrote it: fail loudly at once. */
function seedError(message: string): never {
  throw new Error(`plandocket emulator seed: ${message}`);
}

function timestampOf(value: string | undefined, fallback: string): string {
  if (value === undefined) return fallback;
  return readTimestamp(value) ?? seedError(`not an ISO date or date-time: ${value}`);
}

function dateOf(value: string | null | undefined, fallback: string | null): string | null {
  if (value === undefined) return fallback;
  if (value === null) return null;
  return readDate(value) ?? seedError(`not an ISO date: ${value}`);
}

function seedContacts(
  state: PlandocketState,
  seeds: readonly PlandocketContactSeed[],
  now: string,
): void {
  for (const { id, ...fields } of seeds) {
    const contact = { ...blankContact('', now), ...fields } as ReturnType<typeof blankContact>;
    if (!contact.customer_number) contact.customer_number = nextCustomerNumber(state);
    if (id === undefined) state.contacts.insert(contact);
    else state.contacts.put({ ...contact, id });
  }
}

/** The participant for a contact at an event, shared by all its invoices there. */
function participantFor(
  state: PlandocketState,
  contactId: number,
  eventKey: string | undefined,
  timestamp: string,
): StoredParticipant {
  let eventId: number | null = null;
  if (eventKey !== undefined) {
    const event =
      state.events.first('eventKey', eventKey) ??
      state.events.insert({ event_key: eventKey, created_at: timestamp });
    eventId = event.id;
  }
  return (
    state.participants.first('contactEvent', participantKey(contactId, eventId)) ??
    state.participants.insert({
      event_id: eventId,
      contact_id: contactId,
      is_confirmed: true,
      created_at: timestamp,
      updated_at: timestamp,
    })
  );
}

/** The next free `RE-<year>-NNNN`, skipping numbers seeds already used. */
function nextInvoiceNumber(state: PlandocketState, year: string): string {
  for (;;) {
    const candidate = `RE-${year}-${String(state.counters.invoiceNumber++).padStart(4, '0')}`;
    if (!state.invoices.first('number', candidate)) return candidate;
  }
}

function seedInvoices(
  state: PlandocketState,
  seeds: readonly PlandocketInvoiceSeed[],
  now: string,
): void {
  for (const seed of seeds) {
    const createdAt = timestampOf(seed.created_at, now);
    let participantId: number | null = null;
    if (seed.contact_id !== undefined) {
      if (!state.contacts.get(seed.contact_id)) seedError(`no contact ${seed.contact_id}`);
      participantId = participantFor(state, seed.contact_id, seed.event_key, createdAt).id;
    }
    const items = (
      seed.items ?? [{ description: 'Standmiete', quantity: '1', unit_price: '100.00' }]
    ).map((item) => {
      // Validate now, so a typo fails here and not inside a later request.
      for (const value of [item.quantity ?? '1', item.unit_price, item.tax_rate ?? '19']) {
        toDecimal(value);
      }
      return {
        id: state.counters.item++,
        description: item.description,
        product_id: item.product_id ?? null,
        quantity: item.quantity ?? '1',
        unit: item.unit ?? null,
        unit_price: item.unit_price,
        tax_rate: item.tax_rate ?? '19',
      };
    });
    const base: Omit<StoredInvoice, 'id'> = {
      invoice_number: seed.invoice_number ?? nextInvoiceNumber(state, createdAt.slice(0, 4)),
      invoice_type: seed.invoice_type ?? 'invoice',
      related_invoice_id: seed.related_invoice_id ?? null,
      status: 'draft',
      event_participant_id: participantId,
      currency: seed.currency ?? 'EUR',
      items,
      service_date: dateOf(seed.service_date, null),
      due_date: dateOf(seed.due_date, addDays(createdAt.slice(0, 10), 14)),
      is_reverse_charge: seed.is_reverse_charge ?? false,
      is_locked: false,
      locked_at: null,
      reminder_sent_at:
        seed.reminder_sent_at === undefined || seed.reminder_sent_at === null
          ? null
          : timestampOf(seed.reminder_sent_at, createdAt),
      reminder_count: seed.reminder_count ?? (seed.reminder_sent_at ? 1 : 0),
      notes: seed.notes ?? null,
      created_at: createdAt,
      updated_at: createdAt,
    };
    // The status goes through the same rule as an update, so a seeded `sent` invoice is locked.
    const invoice = {
      ...base,
      ...statusChange(base as StoredInvoice, seed.status ?? 'sent', createdAt),
    };
    const stored =
      seed.id === undefined
        ? state.invoices.insert(invoice)
        : state.invoices.put({ ...invoice, id: seed.id });
    // Invoices come into being only here (the API cannot create them); signed at the seeding
    // moment, so a receiver's time window accepts the delivery the next request sends.
    queueInvoiceWebhook(state, 'invoice.created', stored, now);
  }
}

function seedPayments(
  state: PlandocketState,
  seeds: readonly PlandocketPaymentSeed[],
  now: string,
): void {
  for (const seed of seeds) {
    const invoice =
      seed.invoice_id !== undefined
        ? state.invoices.get(seed.invoice_id)
        : seed.invoice_number === undefined
          ? undefined
          : state.invoices.first('number', seed.invoice_number);
    if (!invoice)
      seedError(`no invoice ${seed.invoice_id ?? seed.invoice_number ?? '(none given)'}`);
    const createdAt = timestampOf(seed.created_at, now);
    const payment = {
      invoice_id: invoice.id,
      amount: formatFixed(seed.amount, 2),
      currency: seed.currency ?? invoice.currency,
      gateway_key: seed.gateway_key ?? null,
      gateway_name:
        seed.gateway_name !== undefined
          ? seed.gateway_name
          : (gatewayOfKey(seed.gateway_key ?? null)?.name ?? null),
      transaction_id: seed.transaction_id ?? null,
      status: seed.status ?? 'completed',
      payment_date: timestampOf(seed.payment_date, createdAt),
      notes: seed.notes ?? null,
      created_at: createdAt,
      updated_at: createdAt,
    };
    const paidBefore = paidAmount(state, invoice.id);
    if (seed.id === undefined) state.payments.insert(payment);
    else state.payments.put({ ...payment, id: seed.id });
    settleInvoice(state, invoice.id, createdAt, paidBefore);
  }
}

/** Adds seed data to the tenant. */
export function seedState(state: PlandocketState, data: PlandocketSeed, at: Date): void {
  const now = readTimestamp(at.toISOString()) ?? seedError('invalid clock');
  seedContacts(state, data.contacts ?? [], now);
  seedInvoices(state, data.invoices ?? [], now);
  seedPayments(state, data.payments ?? [], now);
}
