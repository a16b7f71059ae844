import { toCountryCode, type Customer, type PartySnapshot } from '@invoicekit/core';
import { PLANDOCKET } from '../provider-id';
import type { ContactWire } from '../wire/records';
import { readContactWire } from '../wire/fast-records';
import { requireId } from '../wire/read-wire';

/** A contact as the party of a record: company or person, with its address. */
export function toPartySnapshot(contact: ContactWire): PartySnapshot {
  const personName = [contact.first_name, contact.last_name].filter(Boolean).join(' ');
  const hasAddress = Boolean(
    contact.address || contact.city || contact.postal_code || contact.country,
  );
  return {
    kind: contact.company_name ? 'company' : 'person',
    name: contact.company_name || personName,
    firstName: contact.first_name || null,
    lastName: contact.last_name || null,
    taxId: contact.tax_id || null,
    email: contact.email || null,
    phone: contact.phone || contact.mobile || null,
    address: hasAddress
      ? {
          street: contact.address || null,
          city: contact.city || null,
          postalCode: contact.postal_code || null,
          region: contact.state || null,
          country: toCountryCode(contact.country),
        }
      : null,
  };
}

/** A Plandocket contact → canonical customer. */
export function toCanonicalCustomer(raw: unknown): Customer {
  const wire = readContactWire(raw);
  const id = requireId(wire.id, 'contact');
  const party = toPartySnapshot(wire);
  return {
    id,
    provider: PLANDOCKET,
    ...party,
    bank: null,
    customerNumber: wire.customer_number ?? null,
    externalId: null,
    notes: wire.notes ?? null,
    createdAt: wire.created_at ?? null,
    updatedAt: wire.updated_at ?? null,
    raw,
  };
}
