import type { CustomerCreateFields, CustomerUpdateFields, FieldRules } from '@invoicekit/core';

/** A canonical customer write as the writer reads it: a create or an update. */
export type CustomerFields = CustomerCreateFields | CustomerUpdateFields;

/**
 * Canonical customer → the vendor's `client` object, one rule per canonical field. Rule order is
 * warning order, and also the order of the vendor's fields (an XML body lists them so): name,
 * contact, address, bank, references.
 */
export const CUSTOMER_RULES = {
  customerNumber: { unsupported: 'InvoiceOcean clients have no customer number' },
  name: { write: (name) => ({ name }) },
  firstName: { write: (firstName) => ({ first_name: firstName }) },
  lastName: { write: (lastName) => ({ last_name: lastName }) },
  kind: { write: (kind) => ({ company: kind === 'company' }) },
  taxId: { write: (taxId) => ({ tax_no: taxId }) },
  email: { write: (email) => ({ email }) },
  phone: { write: (phone) => ({ phone }) },
  address: {
    fields: {
      // Reading joins street and street_no; writing the joined street clears the number, or the
      // vendor would print it twice.
      street: { write: (street) => ({ street, street_no: '' }) },
      city: { write: (city) => ({ city }) },
      postalCode: { write: (postCode) => ({ post_code: postCode }) },
      region: { unsupported: 'InvoiceOcean addresses have no region' },
      country: { write: (country) => ({ country }) },
    },
  },
  bank: {
    fields: {
      bankName: { write: (bank) => ({ bank }) },
      iban: { write: (iban) => ({ bank_account: iban }) },
      bic: { write: (swift) => ({ swift }) },
    },
  },
  externalId: { write: (externalId) => ({ external_id: externalId }) },
  notes: { write: (note) => ({ note }) },
} satisfies FieldRules<CustomerFields, CustomerFields, Record<string, unknown>, undefined>;
