import type { EmulatorResponse } from '@invoicekit/core/emulator';
import type { RouteContext } from '../context';
import {
  failure,
  noContent,
  notFound,
  ok,
  okList,
  validationFailed,
  type FieldErrors,
} from '../envelope';
import { addError, hasErrors, readText } from '../fields';
import { paginate, queryText, sortRows, type SortFields } from '../query';
import { renderContact } from '../render';
import {
  CONTACT_TEXT_FIELDS,
  participantKey,
  type PlandocketState,
  type StoredContact,
} from '../state';
import { queueContactWebhook } from '../webhooks';

/** The documented sort fields (docs/vendors/plandocket.md §4). */
const SORT_FIELDS: SortFields<StoredContact> = {
  company_name: (contact) => contact.company_name,
  last_name: (contact) => contact.last_name,
  first_name: (contact) => contact.first_name,
  email: (contact) => contact.email,
  customer_number: (contact) => contact.customer_number,
  city: (contact) => contact.city,
  created_at: (contact) => contact.created_at,
};

/** The fields `search` looks in. */
const SEARCHED: readonly (keyof StoredContact)[] = [
  'company_name',
  'first_name',
  'last_name',
  'email',
  'customer_number',
];

/** A deliberately loose address check: something @ a domain with a dot. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The next free `K-NNNNN`. Seeded or client-chosen numbers may already occupy a slot, so the
 * counter skips taken ones instead of colliding.
 */
export function nextCustomerNumber(state: PlandocketState): string {
  for (;;) {
    const candidate = `K-${state.counters.customerNumber++}`;
    if (!state.contacts.first('customerNumber', candidate)) return candidate;
  }
}

/** A contact with no data yet: text fields `null`, no rating, no portal account. */
export function blankContact(customerNumber: string, timestamp: string): Omit<StoredContact, 'id'> {
  const text = Object.fromEntries(CONTACT_TEXT_FIELDS.map((field) => [field, null])) as Record<
    string,
    null
  >;
  return {
    ...text,
    customer_number: customerNumber,
    rating: null,
    account_access_enabled: false,
    has_account: false,
    created_at: timestamp,
    updated_at: timestamp,
  } as Omit<StoredContact, 'id'>;
}

function isBlank(value: string | null): boolean {
  return value === null || value.trim() === '';
}

/**
 * Reads the writable fields of a body and checks the merged result: a name (company or last
 * name), a plausible e-mail, a customer number nobody else has.
 */
function readContact(
  context: RouteContext,
  current: Omit<StoredContact, 'id'>,
  selfId: number | undefined,
): { contact: Omit<StoredContact, 'id'>; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const changes: Partial<Record<string, unknown>> = {};
  for (const field of CONTACT_TEXT_FIELDS) {
    const value = readText(context.body, field, errors);
    if (value !== undefined) changes[field] = value;
  }
  if (Object.hasOwn(context.body, 'rating')) {
    const rating = context.body.rating;
    if (rating === null || (typeof rating === 'number' && Number.isInteger(rating))) {
      changes.rating = rating;
    } else addError(errors, 'rating', 'must be an integer');
  }
  if (Object.hasOwn(context.body, 'account_access_enabled')) {
    const enabled = context.body.account_access_enabled;
    if (typeof enabled === 'boolean') changes.account_access_enabled = enabled;
    else addError(errors, 'account_access_enabled', 'must be a boolean');
  }
  const contact = { ...current, ...changes } as Omit<StoredContact, 'id'>;
  // An emptied customer number means "assign one", as on create.
  if (isBlank(contact.customer_number)) contact.customer_number = '';

  if (isBlank(contact.company_name) && isBlank(contact.last_name)) {
    addError(errors, 'company_name', 'company_name or last_name is required');
  }
  if (!isBlank(contact.email) && !EMAIL.test(contact.email?.trim() ?? '')) {
    addError(errors, 'email', 'must be a valid email address');
  }
  const number = contact.customer_number;
  if (
    number !== '' &&
    context.state.contacts.lookup('customerNumber', number).some((other) => other.id !== selfId)
  ) {
    addError(errors, 'customer_number', 'has already been taken');
  }
  return { contact, errors };
}

/** GET /contacts: `search`; `event_key` (contacts taking part in that event); sort; paging. */
export function listContacts(context: RouteContext): EmulatorResponse {
  const { query } = context.request;
  const { state } = context;
  const search = queryText(query, 'search')?.toLowerCase();
  const eventKey = queryText(query, 'event_key');
  // category_key is accepted and ignored: the emulator models no categories.
  const eventId =
    eventKey === undefined ? undefined : (state.events.first('eventKey', eventKey)?.id ?? null);
  const rows = state.contacts.all().filter((contact) => {
    if (
      search !== undefined &&
      !SEARCHED.some((field) =>
        String(contact[field] ?? '')
          .toLowerCase()
          .includes(search),
      )
    ) {
      return false;
    }
    if (eventId === undefined) return true;
    return (
      eventId !== null &&
      state.participants.first('contactEvent', participantKey(contact.id, eventId)) !== undefined
    );
  });
  const sorted = sortRows(rows, query, SORT_FIELDS, 'created_at');
  if (!sorted.ok) return failure(context, 400, sorted.message);
  const page = paginate(sorted.rows, context.request, context.options.pagination);
  return okList(context, { ...page, rows: page.rows.map(renderContact) });
}

/** GET /contacts/{id}. */
export function getContact(context: RouteContext): EmulatorResponse {
  const contact = context.state.contacts.get(context.id);
  return contact ? ok(context, renderContact(contact)) : notFound(context);
}

/** POST /contacts → 201 with the new contact. */
export function createContact(context: RouteContext): EmulatorResponse {
  const { contact, errors } = readContact(context, blankContact('', context.timestamp), undefined);
  if (hasErrors(errors)) return validationFailed(context, errors);
  if (contact.customer_number === '') contact.customer_number = nextCustomerNumber(context.state);
  const created = context.state.contacts.insert(contact);
  queueContactWebhook(context.state, 'contact.created', created, context.timestamp);
  return ok(context, renderContact(created), 201);
}

/** PUT / PATCH /contacts/{id}: the given fields change, the others stay. */
export function updateContact(context: RouteContext): EmulatorResponse {
  const current = context.state.contacts.get(context.id);
  if (!current) return notFound(context);
  const { contact, errors } = readContact(context, current, current.id);
  if (hasErrors(errors)) return validationFailed(context, errors);
  if (contact.customer_number === '') contact.customer_number = nextCustomerNumber(context.state);
  const updated = context.state.contacts.update(current.id, {
    ...contact,
    updated_at: context.timestamp,
  });
  if (updated) queueContactWebhook(context.state, 'contact.updated', updated, context.timestamp);
  return ok(context, renderContact(updated ?? current));
}

/**
 * DELETE /contacts/{id} → 204. Invoices of a deleted contact stay (they cannot be deleted) and
 * then show `contact: null`; the vendor's behaviour here is undocumented.
 */
export function deleteContact(context: RouteContext): EmulatorResponse {
  return context.state.contacts.delete(context.id) ? noContent(context) : notFound(context);
}
