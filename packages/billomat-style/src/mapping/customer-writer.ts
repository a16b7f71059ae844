import {
  writeFields,
  type AdapterWarning,
  type CustomerCreateFields,
  type CustomerUpdateFields,
  type FieldRules,
} from '@invoicekit/core';
import { BILLOMAT_STYLE } from '../provider-id';

/** A canonical customer write as the writer reads it: a create or an update. */
export type BillomatStyleCustomerFields = CustomerCreateFields | CustomerUpdateFields;

/** Customer DATA for `customer.create` / `customer.update`, without `CUSTOMER_ID`. */
export type CustomerTags = Record<string, string>;

/** Whether the customer is a business or a consumer: it decides where the name goes. */
export interface CustomerWriteContext {
  readonly kind: 'company' | 'person';
}

/**
 * A consumer's FIRST_NAME / LAST_NAME from the canonical name, so that they read back as that
 * name: the first name is taken off the front of the name, and a name given alone clears the
 * first name. With a `lastName` given, the first and last name rules write both.
 */
function consumerNames(
  name: string,
  input: BillomatStyleCustomerFields,
  scope: { approximate(reason: string): void },
): Partial<CustomerTags> | undefined {
  if (input.lastName !== undefined) {
    // A consumer's name at the vendor is FIRST_NAME LAST_NAME: a different `name` is not held.
    const held = [input.firstName, input.lastName].filter(Boolean).join(' ');
    if (held !== name)
      scope.approximate(
        `a consumer is named by first and last name at the vendor ("firstName lastName")`,
      );
    return undefined;
  }
  if (input.firstName === undefined) return { FIRST_NAME: '', LAST_NAME: name };
  const prefix = `${input.firstName} `;
  return {
    FIRST_NAME: input.firstName,
    LAST_NAME: name.startsWith(prefix) ? name.slice(prefix.length) : name,
  };
}

/**
 * Canonical customer → method-style customer DATA, one rule per canonical field. A company is its
 * ORGANIZATION; a person needs a LAST_NAME, taken from `lastName` or else the whole name.
 */
export const BILLOMAT_STYLE_CUSTOMER_RULES = {
  kind: { write: (kind) => ({ CUSTOMER_TYPE: kind === 'person' ? 'consumer' : 'business' }) },
  name: {
    write: (name, scope) =>
      scope.context.kind === 'person'
        ? consumerNames(name, scope.root, scope)
        : { ORGANIZATION: name },
  },
  firstName: { write: (FIRST_NAME) => ({ FIRST_NAME }) },
  lastName: { write: (LAST_NAME) => ({ LAST_NAME }) },
  taxId: { write: (VAT_ID) => ({ VAT_ID }) },
  email: { write: (EMAIL) => ({ EMAIL }) },
  phone: { write: (PHONE) => ({ PHONE }) },
  address: {
    fields: {
      street: { write: (ADDRESS) => ({ ADDRESS }) },
      city: { write: (CITY) => ({ CITY }) },
      postalCode: { write: (ZIPCODE) => ({ ZIPCODE }) },
      region: { unsupported: 'customer addresses have no region' },
      country: { write: (COUNTRY_CODE) => ({ COUNTRY_CODE }) },
    },
  },
  bank: {
    fields: {
      bankName: { write: (BANK_NAME) => ({ BANK_NAME }) },
      iban: { write: (BANK_IBAN) => ({ BANK_IBAN }) },
      bic: { write: (BANK_BIC) => ({ BANK_BIC }) },
    },
  },
  customerNumber: { write: (CUSTOMER_NUMBER) => ({ CUSTOMER_NUMBER }) },
  externalId: { write: (CUSTOMER_EXT_UID) => ({ CUSTOMER_EXT_UID }) },
  notes: { write: (COMMENT) => ({ COMMENT }) },
} satisfies FieldRules<
  BillomatStyleCustomerFields,
  BillomatStyleCustomerFields,
  CustomerTags,
  CustomerWriteContext
>;

/**
 * A canonical customer write → method-style customer DATA, with warnings. On an update without
 * `kind`, `currentKind` (read from the vendor) says where the name goes; a company otherwise.
 */
export function writeCustomer(
  input: BillomatStyleCustomerFields,
  operation: string,
  currentKind?: 'company' | 'person',
): { data: CustomerTags; warnings: AdapterWarning[] } {
  const { body, warnings } = writeFields<
    BillomatStyleCustomerFields,
    CustomerTags,
    CustomerWriteContext
  >(BILLOMAT_STYLE_CUSTOMER_RULES, input, {
    provider: BILLOMAT_STYLE,
    operation,
    context: { kind: input.kind ?? currentKind ?? 'company' },
  });
  return { data: body, warnings };
}
