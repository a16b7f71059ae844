import {
  UnsupportedOperationError,
  describeFieldRules,
  writeFields,
  type FieldRules,
} from '@invoicekit/core';
import { describe, expect, it } from 'vitest';
import type { InvoicePatch } from '../client/plandocket-client';
import { PLANDOCKET_INVOICE_RULES, type PlandocketInvoiceFields } from './invoice-writer';

const write = (input: PlandocketInvoiceFields) =>
  writeFields(PLANDOCKET_INVOICE_RULES, input, {
    provider: 'plandocket',
    operation: 'invoices.update',
    context: undefined,
  });

describe('the invoice writer: notes and due date, every other field refused', () => {
  it('writes notes and due date into the PATCH body, with no warning', () => {
    expect(write({ notes: 'Zahlung angekündigt', dueDate: '2027-01-31' })).toEqual({
      body: { due_date: '2027-01-31', notes: 'Zahlung angekündigt' },
      warnings: [],
    });
  });

  it('refuses every field the vendor cannot change, naming them in canonical order', () => {
    const error = (() => {
      try {
        write({ notes: 'x', lines: [], currency: 'USD', customer: { id: '1' } });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(UnsupportedOperationError);
    expect((error as UnsupportedOperationError).issues).toEqual([
      { path: 'currency', message: 'the vendor updates only notes, due date and status' },
      { path: 'customer', message: 'the vendor updates only notes, due date and status' },
      { path: 'lines', message: 'the vendor updates only notes, due date and status' },
    ]);
  });

  it('has one rule for every canonical invoice field', () => {
    expect(describeFieldRules(PLANDOCKET_INVOICE_RULES)).toEqual(
      expect.arrayContaining([
        { path: 'notes', handling: 'written' },
        { path: 'dueDate', handling: 'written' },
      ]),
    );
    expect(
      describeFieldRules(PLANDOCKET_INVOICE_RULES).filter(
        (field) => field.handling !== 'refused' && field.handling !== 'written',
      ),
    ).toEqual([]);
  });

  it('does not compile when the canonical input gains a field it has no rule for', () => {
    type Grown = PlandocketInvoiceFields & { loyaltyTier?: string };
    // @ts-expect-error the writer has no rule for the new `loyaltyTier` field.
    const grown: FieldRules<Grown, Grown, InvoicePatch, undefined> = PLANDOCKET_INVOICE_RULES;
    // Today's canonical input is covered field for field.
    const today: FieldRules<
      PlandocketInvoiceFields,
      PlandocketInvoiceFields,
      InvoicePatch,
      undefined
    > = PLANDOCKET_INVOICE_RULES;
    expect(grown).toBe(today);
    expect(Object.keys(PLANDOCKET_INVOICE_RULES)).not.toContain('loyaltyTier');
  });
});
