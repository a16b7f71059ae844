import { CustomerCreateInputSchema, type FieldRules } from '@invoicekit/core';
import { describe, expect, it } from 'vitest';
import {
  BILLOMAT_STYLE_CUSTOMER_RULES,
  writeCustomer,
  type BillomatStyleCustomerFields,
  type CustomerTags,
  type CustomerWriteContext,
} from './customer-writer';

const write = (input: unknown) =>
  writeCustomer(CustomerCreateInputSchema.parse(input), 'customers.create');

describe('canonical customer → method-style DATA', () => {
  it('a company is its ORGANIZATION; a person needs a LAST_NAME', () => {
    const company = write({
      name: 'Muster GmbH',
      taxId: 'DE1',
      email: 'a@muster.example',
      address: {
        street: 'Weg 1',
        city: 'Köln',
        postalCode: '50667',
        country: 'DE',
        region: 'NRW',
      },
      externalId: 'crm-1',
    });
    expect(company.data).toEqual({
      CUSTOMER_TYPE: 'business',
      ORGANIZATION: 'Muster GmbH',
      VAT_ID: 'DE1',
      EMAIL: 'a@muster.example',
      ADDRESS: 'Weg 1',
      CITY: 'Köln',
      ZIPCODE: '50667',
      COUNTRY_CODE: 'DE',
      CUSTOMER_EXT_UID: 'crm-1',
    });
    expect(company.warnings).toEqual([
      {
        type: 'unsupported_field',
        path: 'address.region',
        reason: 'customer addresses have no region',
      },
    ]);
    const person = write({ kind: 'person', name: 'Erika Mustermann' });
    expect(person.data).toEqual({
      CUSTOMER_TYPE: 'consumer',
      FIRST_NAME: '',
      LAST_NAME: 'Erika Mustermann',
    });
    const withFirstName = write({
      kind: 'person',
      name: 'Erika Mustermann',
      firstName: 'Erika',
    });
    // Read back as FIRST_NAME + ' ' + LAST_NAME: never "Erika Erika Mustermann".
    expect(withFirstName.data).toMatchObject({ FIRST_NAME: 'Erika', LAST_NAME: 'Mustermann' });
  });
});

describe('every canonical customer field has a rule', () => {
  it('does not compile when the canonical input gains a field it has no rule for', () => {
    type Grown = BillomatStyleCustomerFields & { loyaltyTier?: string };
    // @ts-expect-error the writer has no rule for the new `loyaltyTier` field.
    const grown: FieldRules<Grown, Grown, CustomerTags, CustomerWriteContext> =
      BILLOMAT_STYLE_CUSTOMER_RULES;
    // Today's canonical input is covered field for field.
    const today: FieldRules<
      BillomatStyleCustomerFields,
      BillomatStyleCustomerFields,
      CustomerTags,
      CustomerWriteContext
    > = BILLOMAT_STYLE_CUSTOMER_RULES;
    expect(grown).toBe(today);
    expect(Object.keys(BILLOMAT_STYLE_CUSTOMER_RULES)).not.toContain('loyaltyTier');
  });

  it('an update without kind writes the name where the current kind puts it', () => {
    expect(writeCustomer({ name: 'Erika Musterfrau' }, 'customers.update', 'person').data).toEqual({
      FIRST_NAME: '',
      LAST_NAME: 'Erika Musterfrau',
    });
    expect(writeCustomer({ name: 'Muster AG' }, 'customers.update', 'company').data).toEqual({
      ORGANIZATION: 'Muster AG',
    });
  });
});

describe('a consumer named otherwise than first and last name', () => {
  it('keeps first and last name and says the name is approximated', () => {
    const same = writeCustomer(
      { kind: 'person', name: 'Erika Mustermann', firstName: 'Erika', lastName: 'Mustermann' },
      'customers.create',
    );
    expect(same.warnings).toEqual([]);
    const other = writeCustomer(
      { kind: 'person', name: 'Dr. Erika Mustermann', firstName: 'Erika', lastName: 'Mustermann' },
      'customers.create',
    );
    expect(other.data).toMatchObject({ FIRST_NAME: 'Erika', LAST_NAME: 'Mustermann' });
    expect(other.warnings).toEqual([
      expect.objectContaining({ type: 'approximated', path: 'name' }),
    ]);
  });
});
