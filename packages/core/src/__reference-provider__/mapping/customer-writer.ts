import type { FieldRules } from '../../spec/field-writer';
import type { CustomerCreateFields, CustomerUpdateFields } from '../../spec/provider-v1';

/** A canonical customer write as the writer reads it: a create or an update. */
export type AcmeCustomerFields = CustomerCreateFields | CustomerUpdateFields;

/** Canonical customer → Acme `customer` body, one rule per canonical field. */
export const ACME_CUSTOMER_RULES = {
  kind: { write: (type) => ({ type }) },
  name: { write: (name) => ({ name }) },
  firstName: { write: (first_name) => ({ first_name }) },
  lastName: { write: (last_name) => ({ last_name }) },
  taxId: { write: (tax_id) => ({ tax_id }) },
  email: { write: (email) => ({ email }) },
  phone: { write: (phone) => ({ phone }) },
  address: {
    write: (address, scope) => {
      if (address.region !== undefined)
        scope.unsupported('acme addresses have no region', 'region');
      return {
        address: {
          street: address.street,
          city: address.city,
          zip: address.postalCode,
          country: address.country,
        },
      };
    },
  },
  bank: { unsupported: 'acme customers have no bank' },
  customerNumber: { unsupported: 'acme customers have no customerNumber' },
  externalId: { write: (external_id) => ({ external_id }) },
  notes: { unsupported: 'acme customers have no notes' },
} satisfies FieldRules<AcmeCustomerFields, AcmeCustomerFields, Record<string, unknown>, undefined>;
