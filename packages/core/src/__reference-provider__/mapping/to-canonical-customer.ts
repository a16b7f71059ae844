import type { Customer } from '../../model/customer';
import { ACME } from '../provider-id';
import type { AcmeCustomerWire } from '../wire/records';

/** Acme customer → canonical customer. */
export function toCanonicalCustomer(wire: AcmeCustomerWire): Customer {
  const address = wire.address
    ? {
        street: wire.address.street ?? null,
        city: wire.address.city ?? null,
        postalCode: wire.address.zip ?? null,
        region: null,
        country: wire.address.country ? wire.address.country.toUpperCase() : null,
      }
    : null;
  return {
    id: wire.id,
    provider: ACME,
    kind: wire.type,
    name: wire.name,
    firstName: wire.first_name ?? null,
    lastName: wire.last_name ?? null,
    taxId: wire.tax_id ?? null,
    email: wire.email ?? null,
    phone: wire.phone ?? null,
    address,
    bank: null,
    customerNumber: null,
    externalId: wire.external_id ?? null,
    notes: null,
    createdAt: wire.created_at ?? null,
    updatedAt: wire.updated_at ?? null,
    raw: wire,
  };
}
