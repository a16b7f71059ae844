import {
  AddressInputSchema,
  BankDetailsInputSchema,
  CustomerCreateInputSchema,
  type FieldRules,
} from '@invoicekit/core';
import { describe, expect, it } from 'vitest';
import { CUSTOMER_RULES, type CustomerFields } from './customer-writer';

type Widened = CustomerFields & { loyaltyTier?: string };

const keysOf = (shape: Record<string, unknown>): string[] => Object.keys(shape).sort();

describe('the customer writer has one rule per canonical field', () => {
  it('does not compile when the canonical customer gains a field it does not handle', () => {
    // The table as it is compiles: the error below is the extra field's alone.
    const exact: FieldRules<
      CustomerFields,
      CustomerFields,
      Record<string, unknown>,
      undefined
    > = CUSTOMER_RULES;
    expect(exact).toBe(CUSTOMER_RULES);
    // @ts-expect-error `loyaltyTier` has no rule: a new canonical field must be handled.
    const widened: FieldRules<
      Widened,
      Widened,
      Record<string, unknown>,
      undefined
    > = CUSTOMER_RULES;
    expect(widened).toBe(CUSTOMER_RULES);
  });

  it('covers every field of the canonical schema at run time too', () => {
    const { providerOptions: _options, ...shape } = CustomerCreateInputSchema.shape;
    expect(keysOf(CUSTOMER_RULES)).toEqual(keysOf(shape));
    expect(keysOf(CUSTOMER_RULES.address.fields)).toEqual(keysOf(AddressInputSchema.shape));
    expect(keysOf(CUSTOMER_RULES.bank.fields)).toEqual(keysOf(BankDetailsInputSchema.shape));
  });
});
