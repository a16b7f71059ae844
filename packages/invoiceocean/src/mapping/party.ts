import { toCountryCode, type Address, type PartySnapshot } from '@invoicekit/core';

/** The vendor's flat `{prefix}_name`, `{prefix}_street` … fields of one party. */
export interface FlatParty {
  readonly name?: string | null | undefined;
  readonly first_name?: string | null | undefined;
  readonly last_name?: string | null | undefined;
  readonly company?: boolean | null | undefined;
  readonly tax_no?: string | null | undefined;
  readonly email?: string | null | undefined;
  readonly phone?: string | null | undefined;
  readonly street?: string | null | undefined;
  readonly city?: string | null | undefined;
  readonly post_code?: string | null | undefined;
  readonly country?: string | null | undefined;
}

/** Reads `buyer_*` or `seller_*` fields of an invoice. */
export function flatParty(record: Record<string, unknown>, prefix: 'buyer' | 'seller'): FlatParty {
  const text = (key: string): string | null | undefined =>
    record[`${prefix}_${key}`] as string | null | undefined;
  return {
    name: text('name'),
    first_name: text('first_name'),
    last_name: text('last_name'),
    company: record[`${prefix}_company`] as boolean | null | undefined,
    tax_no: text('tax_no'),
    email: text('email'),
    phone: text('phone'),
    street: text('street'),
    city: text('city'),
    post_code: text('post_code'),
    country: text('country'),
  };
}

export function toCanonicalAddress(party: FlatParty): Address | null {
  if (!party.street && !party.city && !party.post_code && !party.country) return null;
  return {
    street: party.street ?? null,
    city: party.city ?? null,
    postalCode: party.post_code ?? null,
    region: null,
    country: toCountryCode(party.country),
  };
}

/** A party snapshot, or `null` when the vendor sent no name at all. */
export function toPartySnapshot(party: FlatParty): PartySnapshot | null {
  const personName = [party.first_name, party.last_name].filter(Boolean).join(' ');
  const name = party.name ?? (personName || null);
  if (!name) return null;
  return {
    kind: party.company === false ? 'person' : 'company',
    name,
    firstName: party.first_name ?? null,
    lastName: party.last_name ?? null,
    taxId: party.tax_no ?? null,
    email: party.email ?? null,
    phone: party.phone ?? null,
    address: toCanonicalAddress(party),
  };
}
