import {
  AddressInputSchema,
  InvoiceCreateInputSchema,
  LineInputSchema,
  PartySnapshotInputSchema,
  describeFieldRules,
  writeFields,
  type FieldRules,
} from '@invoicekit/core';
import { describe, expect, it } from 'vitest';
import { INVOICE_RULES, type InvoiceFields, type InvoiceWriteContext } from './invoice-writer';
import { PARTY_RULES, type PartyContext, type PartyFields } from './party-writer';

type Widened = InvoiceFields & { loyaltyTier?: string };
type WidenedParty = PartyFields & { loyaltyTier?: string };

const keysOf = (shape: Record<string, unknown>): string[] => Object.keys(shape).sort();

describe('the invoice writer has one rule per canonical field', () => {
  it('does not compile when the canonical invoice gains a field it does not handle', () => {
    // The table as it is compiles: the errors below are the extra field's alone.
    const exact: FieldRules<
      InvoiceFields,
      InvoiceFields,
      Record<string, unknown>,
      InvoiceWriteContext
    > = INVOICE_RULES;
    expect(exact).toBe(INVOICE_RULES);
    // @ts-expect-error `loyaltyTier` has no rule: a new canonical field must be handled.
    const widened: FieldRules<
      Widened,
      Widened,
      Record<string, unknown>,
      InvoiceWriteContext
    > = INVOICE_RULES;
    // @ts-expect-error the same for a party (buyer snapshot, seller).
    const party: FieldRules<
      WidenedParty,
      WidenedParty,
      Record<string, unknown>,
      PartyContext
    > = PARTY_RULES;
    expect(widened).toBe(INVOICE_RULES);
    expect(party).toBe(PARTY_RULES);
  });

  it('covers every field of the canonical schemas at run time too', () => {
    const { providerOptions: _options, ...invoiceShape } = InvoiceCreateInputSchema.shape;
    expect(keysOf(INVOICE_RULES)).toEqual(keysOf(invoiceShape));
    expect(keysOf(INVOICE_RULES.lines.each)).toEqual(keysOf(LineInputSchema.shape));
    expect(keysOf(PARTY_RULES)).toEqual(keysOf(PartySnapshotInputSchema.shape));
    expect(keysOf(PARTY_RULES.address.fields)).toEqual(keysOf(AddressInputSchema.shape));
    expect(describeFieldRules(INVOICE_RULES)).toContainEqual({
      path: 'lines.*.unitPriceKind',
      handling: 'consumed',
      reason: expect.stringContaining('price_net or price_gross'),
    });
  });

  it('writes in rule order: the order id, the buyer, then the lines', () => {
    const { providerOptions: _options, ...input } = InvoiceCreateInputSchema.parse({
      currency: 'PLN',
      externalId: 'ext-1',
      orderId: 'order-1',
      customer: { id: '7', snapshot: { name: 'B', address: { region: 'Mazowieckie' } } },
      lines: [
        {
          description: 'x',
          unitPrice: '100',
          taxRate: 23,
          discount: { kind: 'amount', value: '0.05' },
        },
      ],
    });
    const { body, warnings } = writeFields(INVOICE_RULES, input, {
      provider: 'invoiceocean',
      operation: 'invoices.create',
      context: { operation: 'invoices.create', options: undefined },
    });
    expect(warnings.map((warning) => ('path' in warning ? warning.path : warning.type))).toEqual([
      'orderId',
      'customer.snapshot.address.region',
      'customer.snapshot',
      'lines.0.discount.value',
    ]);
    expect(body).toMatchObject({ oid: 'ext-1', oid_unique: 'yes', client_id: 7, buyer_name: 'B' });
  });
});

describe('the party writer: a seller who is a person', () => {
  it('is printed as a company, and says so', () => {
    const seller: PartyFields = { kind: 'person', name: 'Erika Mustermann' };
    const context: PartyContext = { prefix: 'seller' };
    const { body, warnings } = writeFields(PARTY_RULES, seller, {
      provider: 'invoiceocean',
      operation: 'invoices.create',
      context,
    });
    expect(body).toEqual({ seller_name: 'Erika Mustermann' });
    expect(warnings).toEqual([expect.objectContaining({ type: 'approximated', path: 'kind' })]);
  });
});
