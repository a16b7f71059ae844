import type {
  CustomerCreateFields,
  CustomerUpdateFields,
  FieldRules,
  FieldScope,
} from '@invoicekit/core';
import type { ContactBody } from '../client/plandocket-client';

/** A canonical customer write as the writer reads it: a create or an update. */
export type PlandocketCustomerFields = CustomerCreateFields | CustomerUpdateFields;

type Scope = FieldScope<PlandocketCustomerFields, unknown, undefined>;

/** The contact's address fields, one per canonical address field. */
const ADDRESS_RULES = {
  street: { write: (address) => ({ address }) },
  city: { write: (city) => ({ city }) },
  postalCode: { write: (postal_code) => ({ postal_code }) },
  region: { write: (state) => ({ state }) },
  country: { write: (country) => ({ country }) },
} satisfies FieldRules<
  NonNullable<PlandocketCustomerFields['address']>,
  PlandocketCustomerFields,
  ContactBody,
  undefined
>;

/**
 * A company is its `company_name`; a person is first and last name, and a person's name alone is
 * the last name (a `lastName` given beside it is written by its own rule, after this one).
 */
function nameOf(name: string, scope: Scope): Partial<ContactBody> {
  return scope.root.kind === 'person' ? { last_name: name } : { company_name: name };
}

/**
 * Canonical customer → Plandocket contact body, one rule per canonical field. Rule order is
 * warning order (`bank` before `externalId`); `lastName` follows `name`, so that it wins.
 */
export const PLANDOCKET_CUSTOMER_RULES = {
  // The name rule reads the kind (a company is its company_name, a person its names); a kind
  // given without a name has nothing to change.
  kind: {
    write: (_kind, scope) => {
      if (scope.parent.name === undefined)
        scope.unsupported(
          'a contact is a company or a person by its name fields; give the name with it',
        );
      return undefined;
    },
  },
  name: { write: nameOf },
  firstName: { write: (first_name) => ({ first_name }) },
  lastName: { write: (last_name) => ({ last_name }) },
  taxId: { write: (tax_id) => ({ tax_id }) },
  email: { write: (email) => ({ email }) },
  phone: { write: (phone) => ({ phone }) },
  address: { fields: ADDRESS_RULES },
  bank: { unsupported: 'contacts hold no bank details' },
  customerNumber: { write: (customer_number) => ({ customer_number }) },
  externalId: { unsupported: 'contacts have no external id; customerNumber is the key' },
  notes: { write: (notes) => ({ notes }) },
} satisfies FieldRules<PlandocketCustomerFields, PlandocketCustomerFields, ContactBody, undefined>;
