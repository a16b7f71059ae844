import { describe, expect, expectTypeOf, it } from 'vitest';
import { UnsupportedOperationError } from '../errors/errors';
import { ACME_CUSTOMER_RULES } from '../__reference-provider__/mapping/customer-writer';
import { ACME_INVOICE_RULES } from '../__reference-provider__/mapping/invoice-writer';
import { describeFieldRules, writeFields, type FieldRules } from './field-writer';
import type { CustomerCreateFields, InvoiceCreateFields, InvoiceUpdateFields } from './provider-v1';

interface Parcel {
  readonly label: string;
  readonly weightKg?: string | undefined;
  readonly address?: { readonly street?: string; readonly region?: string } | undefined;
  readonly items?: readonly { readonly sku: string; readonly note?: string }[] | undefined;
  readonly secretCode?: string | undefined;
  readonly tracking?: string | undefined;
}

const PARCEL_RULES = {
  label: { write: (label) => ({ title: label.toUpperCase() }) },
  weightKg: {
    approximates: 'weighed in whole kilograms',
    write: (weight, scope) => {
      if (weight.includes('.')) scope.approximate('weighed in whole kilograms');
      return { kg: weight.split('.')[0] };
    },
  },
  address: {
    fields: {
      street: { write: (street) => ({ street }) },
      region: { unsupported: 'no regions' },
    },
  },
  items: {
    each: {
      sku: { write: (sku, scope) => ({ code: `${scope.context.prefix}${sku}` }) },
      note: { unsupported: 'items have no notes' },
    },
    place: (items, scope) => ({ lines: items, count: scope.parent.length }),
  },
  secretCode: { refused: 'the code cannot be changed once set' },
  tracking: { consumed: 'the operation uses it as the dedupe key' },
} satisfies FieldRules<Parcel, Parcel, Record<string, unknown>, { prefix: string }>;

const options = { provider: 'parcels', operation: 'parcels.create', context: { prefix: 'P-' } };

describe('writeFields', () => {
  it('writes every present field by its rule and warns at the field path, in rule order', () => {
    const { body, warnings } = writeFields(
      PARCEL_RULES,
      {
        label: 'box',
        weightKg: '2.5',
        address: { street: 'Main St 1', region: 'Bavaria' },
        items: [{ sku: 'A' }, { sku: 'B', note: 'fragile' }],
        tracking: 'T-1',
      },
      options,
    );
    expect(body).toEqual({
      title: 'BOX',
      kg: '2',
      street: 'Main St 1',
      lines: [{ code: 'P-A' }, { code: 'P-B' }],
      count: 2,
    });
    expect(warnings).toEqual([
      { type: 'approximated', path: 'weightKg', reason: 'weighed in whole kilograms' },
      { type: 'unsupported_field', path: 'address.region', reason: 'no regions' },
      { type: 'unsupported_field', path: 'items.1.note', reason: 'items have no notes' },
    ]);
  });

  it('runs no rule for an absent field, so an update sends only what it changes', () => {
    expect(writeFields(PARCEL_RULES, { label: 'x' }, options)).toEqual({
      body: { title: 'X' },
      warnings: [],
    });
  });

  it('refuses the whole write, naming every refused field, when one is given', () => {
    const attempt = () => writeFields(PARCEL_RULES, { label: 'x', secretCode: '1234' }, options);
    expect(attempt).toThrow(UnsupportedOperationError);
    expect(attempt).toThrow(/parcels\.create: parcels cannot change secretCode/);
    try {
      attempt();
    } catch (error) {
      expect((error as UnsupportedOperationError).issues).toEqual([
        { path: 'secretCode', message: 'the code cannot be changed once set' },
      ]);
      // The refused value itself is never quoted.
      expect(String(error)).not.toContain('1234');
    }
  });

  it('warns about a value no rule covers (a wider record passed structurally), never drops it silently', () => {
    const wider = { label: 'x', colour: 'red', address: { street: 'A', floor: '3' } };
    // A structurally wider value is still a Parcel to the compiler.
    const parcel: Parcel = wider;
    const { body, warnings } = writeFields(PARCEL_RULES, parcel, options);
    expect(body).toEqual({ title: 'X', street: 'A' });
    expect(warnings).toEqual([
      expect.objectContaining({ type: 'unsupported_field', path: 'address.floor' }),
      expect.objectContaining({ type: 'unsupported_field', path: 'colour' }),
    ]);
  });

  it('drops vendor fields a rule set to undefined', () => {
    const rules = {
      label: { write: () => ({ title: undefined, kept: 1 }) },
      weightKg: { unsupported: '-' },
      address: { unsupported: '-' },
      items: { unsupported: '-' },
      secretCode: { unsupported: '-' },
      tracking: { unsupported: '-' },
    } satisfies FieldRules<Parcel, Parcel, Record<string, unknown>, undefined>;
    expect(writeFields(rules, { label: 'x' }, { ...options, context: undefined }).body).toEqual({
      kept: 1,
    });
  });

  it('describes how each field path is handled, from the rules alone', () => {
    expect(describeFieldRules(PARCEL_RULES)).toEqual([
      { path: 'label', handling: 'written' },
      { path: 'weightKg', handling: 'approximated', reason: 'weighed in whole kilograms' },
      { path: 'address.street', handling: 'written' },
      { path: 'address.region', handling: 'unsupported', reason: 'no regions' },
      { path: 'items.*.sku', handling: 'written' },
      { path: 'items.*.note', handling: 'unsupported', reason: 'items have no notes' },
      { path: 'secretCode', handling: 'refused', reason: 'the code cannot be changed once set' },
      {
        path: 'tracking',
        handling: 'consumed',
        reason: 'the operation uses it as the dedupe key',
      },
    ]);
  });
});

describe('FieldRules — exhaustive at compile time', () => {
  it('refuses a table that forgets a field, or invents one', () => {
    // @ts-expect-error `tracking` has no rule: the table does not compile.
    const forgotten: FieldRules<Parcel, Parcel, Record<string, unknown>, { prefix: string }> = {
      label: { consumed: '-' },
      weightKg: { consumed: '-' },
      address: { consumed: '-' },
      items: { consumed: '-' },
      secretCode: { consumed: '-' },
    };
    const invented = {
      ...PARCEL_RULES,
      // @ts-expect-error `colour` is not a field of the input.
      colour: { unsupported: 'no such canonical field' },
    } satisfies FieldRules<Parcel, Parcel, Record<string, unknown>, { prefix: string }>;
    expect(Object.keys(forgotten)).not.toContain('tracking');
    expect(Object.keys(invented)).toContain('colour');
  });

  it('makes a new canonical invoice or customer field a compile error in a real writer', () => {
    type GrownInvoice = (InvoiceCreateFields | InvoiceUpdateFields) & { loyaltyTier?: string };
    type GrownCustomer = CustomerCreateFields & { loyaltyTier?: string };
    // @ts-expect-error the reference writer has no rule for the new `loyaltyTier` field.
    const invoiceRules: FieldRules<
      GrownInvoice,
      GrownInvoice,
      Record<string, unknown>,
      undefined
    > = ACME_INVOICE_RULES;
    // @ts-expect-error the same for customers.
    const customerRules: FieldRules<
      GrownCustomer,
      GrownCustomer,
      Record<string, unknown>,
      undefined
    > = ACME_CUSTOMER_RULES;
    // Today's canonical inputs are covered field for field.
    expectTypeOf(ACME_INVOICE_RULES).toMatchTypeOf<
      FieldRules<
        InvoiceCreateFields | InvoiceUpdateFields,
        InvoiceCreateFields | InvoiceUpdateFields,
        Record<string, unknown>,
        undefined
      >
    >();
    expect(Object.keys(invoiceRules)).not.toContain('loyaltyTier');
    expect(Object.keys(customerRules)).not.toContain('loyaltyTier');
  });

  it('types each rule by its field: a write of a string field gets a string', () => {
    expectTypeOf<Parameters<typeof PARCEL_RULES.label.write>[0]>().toEqualTypeOf<string>();
    expectTypeOf<
      Parameters<typeof PARCEL_RULES.items.each.sku.write>[1]['context']
    >().toEqualTypeOf<{ prefix: string }>();
  });
});
