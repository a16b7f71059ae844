import { describeFieldRules, writeFields, type FieldRules } from '@invoicekit/core';
import { describe, expect, it } from 'vitest';
import type { ContactBody } from '../client/plandocket-client';
import { PLANDOCKET_CUSTOMER_RULES, type PlandocketCustomerFields } from './customer-writer';

const write = (input: PlandocketCustomerFields) =>
  writeFields(PLANDOCKET_CUSTOMER_RULES, input, {
    provider: 'plandocket',
    operation: 'customers.create',
    context: undefined,
  });

describe('the customer writer: canonical customer → contact body', () => {
  it('a company is its company_name; the address goes into the contact fields', () => {
    expect(
      write({
        kind: 'company',
        name: 'Neu AG',
        email: 'info@neu.example',
        address: {
          street: 'Ring 1',
          city: 'Bonn',
          postalCode: '53111',
          region: 'NRW',
          country: 'DE',
        },
        customerNumber: 'K-99',
        notes: 'Messekunde',
      }),
    ).toEqual({
      body: {
        company_name: 'Neu AG',
        email: 'info@neu.example',
        address: 'Ring 1',
        city: 'Bonn',
        postal_code: '53111',
        state: 'NRW',
        country: 'DE',
        customer_number: 'K-99',
        notes: 'Messekunde',
      },
      warnings: [],
    });
  });

  it('a person is first and last name; the name alone is the last name', () => {
    expect(write({ kind: 'person', name: 'Mustermann' }).body).toEqual({ last_name: 'Mustermann' });
    expect(
      write({
        kind: 'person',
        name: 'Erika Mustermann',
        firstName: 'Erika',
        lastName: 'Mustermann',
      }).body,
    ).toEqual({ first_name: 'Erika', last_name: 'Mustermann' });
  });

  it('bank details and an external id are not sent, warned about in that order', () => {
    expect(
      write({
        kind: 'company',
        name: 'X',
        externalId: 'ext-1',
        bank: { iban: 'DE89370400440532013000' },
      }).warnings,
    ).toEqual([
      { type: 'unsupported_field', path: 'bank', reason: 'contacts hold no bank details' },
      {
        type: 'unsupported_field',
        path: 'externalId',
        reason: 'contacts have no external id; customerNumber is the key',
      },
    ]);
  });

  it('has one rule for every canonical customer field', () => {
    expect(describeFieldRules(PLANDOCKET_CUSTOMER_RULES).map((field) => field.path)).toEqual([
      'kind',
      'name',
      'firstName',
      'lastName',
      'taxId',
      'email',
      'phone',
      'address.street',
      'address.city',
      'address.postalCode',
      'address.region',
      'address.country',
      'bank',
      'customerNumber',
      'externalId',
      'notes',
    ]);
  });

  it('does not compile when the canonical input gains a field it has no rule for', () => {
    type Grown = PlandocketCustomerFields & { loyaltyTier?: string };
    // @ts-expect-error the writer has no rule for the new `loyaltyTier` field.
    const grown: FieldRules<Grown, Grown, ContactBody, undefined> = PLANDOCKET_CUSTOMER_RULES;
    const today: FieldRules<
      PlandocketCustomerFields,
      PlandocketCustomerFields,
      ContactBody,
      undefined
    > = PLANDOCKET_CUSTOMER_RULES;
    expect(grown).toBe(today);
    expect(Object.keys(PLANDOCKET_CUSTOMER_RULES)).not.toContain('loyaltyTier');
  });
});

describe('the customer writer: a kind without a name', () => {
  it('says the kind was not carried instead of dropping it', () => {
    const input: PlandocketCustomerFields = { kind: 'person', email: 'erika@example.com' };
    const { body, warnings } = writeFields(PLANDOCKET_CUSTOMER_RULES, input, {
      provider: 'plandocket',
      operation: 'customers.update',
      context: undefined,
    });
    expect(body).toEqual({ email: 'erika@example.com' });
    expect(warnings).toEqual([
      expect.objectContaining({ type: 'unsupported_field', path: 'kind' }),
    ]);
  });
});
