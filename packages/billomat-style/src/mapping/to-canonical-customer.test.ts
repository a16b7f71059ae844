import { CustomerSchema, ProviderError } from '@invoicekit/core';
import { describe, expect, it } from 'vitest';
import { toCanonicalCustomer } from './to-canonical-customer';

describe('a customer.get record → canonical', () => {
  it('a consumer is named by first and last name; the vendor record stays in raw', () => {
    const raw = {
      CUSTOMER_ID: '7',
      CUSTOMER_TYPE: 'consumer',
      FIRST_NAME: 'Erika',
      LAST_NAME: 'Mustermann',
      ADDRESS: 'Hauptstr. 1',
      ADDRESS_2: 'Hinterhaus',
      ZIPCODE: '50667',
      CITY: 'Köln',
      COUNTRY_CODE: 'de',
      MOBILE: '+49 170 0000000',
      BANK_IBAN: 'DE89370400440532013000',
      CUSTOMER_EXT_UID: 'crm-7',
      CREATED: '2026-03-29 02:30:00',
    };
    const customer = toCanonicalCustomer(raw);
    expect(CustomerSchema.parse(customer)).toEqual(customer);
    expect(customer).toMatchObject({
      id: '7',
      provider: 'billomat-style',
      kind: 'person',
      name: 'Erika Mustermann',
      phone: '+49 170 0000000',
      address: { street: 'Hauptstr. 1, Hinterhaus', city: 'Köln', country: 'DE', region: null },
      bank: { bankName: null, iban: 'DE89370400440532013000', bic: null },
      externalId: 'crm-7',
      raw,
    });
  });

  it('a business is its ORGANIZATION, and has no address when it has none', () => {
    expect(toCanonicalCustomer({ CUSTOMER_ID: 8, ORGANIZATION: 'Muster GmbH' })).toMatchObject({
      id: '8',
      kind: 'company',
      name: 'Muster GmbH',
      address: null,
      bank: null,
    });
  });

  it('a record without a CUSTOMER_ID is a ProviderError naming the field', () => {
    expect(() => toCanonicalCustomer({ ORGANIZATION: 'X' })).toThrow(ProviderError);
    expect(() => toCanonicalCustomer({ ORGANIZATION: 'X' })).toThrow(/CUSTOMER_ID/);
  });
});
