import { InvoiceCreateInputSchema, InvoiceUpdateInputSchema, writeFields } from '@invoicekit/core';
import { describe, expect, it } from 'vitest';
import type { Brand } from '../config';
import { invoiceRulesFor, type InvoiceFields, type InvoiceWriteContext } from './invoice-writer';

const base = {
  currency: 'EUR',
  customer: { id: '7' },
  lines: [{ description: 'Work', unitPrice: '100', taxRate: 23, unit: 'h', productId: '11' }],
};
const create = (input: Record<string, unknown>) => {
  const { providerOptions: _options, ...parsed } = InvoiceCreateInputSchema.parse({
    ...base,
    ...input,
  });
  return parsed;
};
const write = (
  input: InvoiceFields,
  context: Partial<InvoiceWriteContext> = {},
  brand: Brand = 'invoiceocean',
) =>
  writeFields(invoiceRulesFor(brand), input, {
    provider: 'invoiceocean',
    operation: 'invoices.create',
    context: { operation: 'invoices.create', options: undefined, ...context },
  });
const paths = (warnings: readonly unknown[]) =>
  warnings.map((warning) => (warning as { path?: string }).path);

describe('the invoice writer carries the book fields in the vendor’s names', () => {
  it('writes number, terms in days (after the due date), unit and product id', () => {
    const { body, warnings } = write(
      create({
        number: 'FV/1/2026',
        issueDate: '2026-03-02',
        dueDate: '2026-03-16',
        paymentTermsDays: 14,
      }),
    );
    expect(warnings).toEqual([]);
    expect(body).toMatchObject({
      number: 'FV/1/2026',
      payment_to: '2026-03-16',
      payment_to_kind: 14,
      positions: [expect.objectContaining({ quantity_unit: 'h', product_id: 11 })],
    });
  });

  it('writes the skonto as a date counted from the issue date, the current one, or today', () => {
    const discount = { percent: '3', days: 7 };
    expect(
      write(create({ issueDate: '2026-03-30', earlyPaymentDiscount: discount })).body,
    ).toMatchObject({
      skonto_active: true,
      skonto_discount_date: '2026-04-06',
      skonto_discount_value: '3',
    });
    expect(
      write(create({ earlyPaymentDiscount: discount }), { today: '2026-12-28' }).body,
    ).toMatchObject({ skonto_discount_date: '2027-01-04' });
    const update = InvoiceUpdateInputSchema.parse({ earlyPaymentDiscount: discount });
    expect(write(update, { currentIssueDate: '2026-02-25' }).body).toMatchObject({
      skonto_discount_date: '2026-03-04',
    });
    const blind = write(update);
    expect(blind.body).not.toHaveProperty('skonto_discount_date');
    expect(paths(blind.warnings)).toEqual(['earlyPaymentDiscount']);
  });

  it('writes the seller account; the SWIFT only on VosFactures (in additional_fields)', () => {
    const input = create({
      bankAccount: { bankName: 'BNP', iban: 'FR7630006000011234567890189', bic: 'BNPAFRPP' },
    });
    const elsewhere = write(input);
    expect(elsewhere.body).toMatchObject({
      seller_bank: 'BNP',
      seller_bank_account: 'FR7630006000011234567890189',
    });
    expect(elsewhere.body).not.toHaveProperty('additional_fields');
    expect(elsewhere.warnings).toEqual([
      expect.objectContaining({ type: 'unsupported_field', path: 'bankAccount.bic' }),
    ]);
    const vosfactures = write(input, {}, 'vosfactures');
    expect(vosfactures.warnings).toEqual([]);
    expect(vosfactures.body).toMatchObject({
      additional_fields: { seller_bank_swift: 'BNPAFRPP' },
    });
  });

  it('writes a rate as the vendor’s own; a named source is approximated', () => {
    const own = write(create({ exchangeRate: { currency: 'PLN', rate: '4.3012' } }));
    expect(own.warnings).toEqual([]);
    expect(own.body).toMatchObject({
      exchange_currency: 'PLN',
      exchange_kind: 'own',
      exchange_currency_rate: '4.3012',
    });
    const named = write(create({ exchangeRate: { currency: 'PLN', rate: '4.3', source: 'ecb' } }));
    expect(named.body).toMatchObject({ exchange_kind: 'own', exchange_currency_rate: '4.3' });
    expect(named.warnings).toEqual([
      expect.objectContaining({ type: 'approximated', path: 'exchangeRate.source' }),
    ]);
  });

  it('writes the internal note apart from the printed remarks', () => {
    expect(write(create({ notes: 'printed', internalNotes: 'private' })).body).toMatchObject({
      description: 'printed',
      internal_note: 'private',
    });
  });

  it('has one order id: orderId alone is the oid; beside another externalId it is approximated', () => {
    const alone = write(create({ orderId: 'ORDER-1' }));
    expect(alone.body).toMatchObject({ oid: 'ORDER-1' });
    expect(alone.body).not.toHaveProperty('oid_unique');
    const both = write(create({ externalId: 'EXT-1', orderId: 'ORDER-1' }));
    expect(both.body).toMatchObject({ oid: 'EXT-1', oid_unique: 'yes' });
    expect(both.warnings).toEqual([
      expect.objectContaining({ type: 'approximated', path: 'orderId' }),
    ]);
  });

  it('warns in rule order', () => {
    const { warnings } = write(
      create({
        bankAccount: { bic: 'BNPAFRPP' },
        exchangeRate: { currency: 'PLN', rate: '4.3', source: 'nbp' },
        externalId: 'EXT-1',
        orderId: 'ORDER-1',
      }),
    );
    expect(paths(warnings)).toEqual(['bankAccount.bic', 'exchangeRate.source', 'orderId']);
  });
});
