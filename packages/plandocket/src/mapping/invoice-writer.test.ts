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

const refusedPaths = (input: PlandocketInvoiceFields): unknown => {
  try {
    write(input);
  } catch (caught) {
    return caught instanceof UnsupportedOperationError
      ? caught.issues.map((issue) => issue.path)
      : caught;
  }
  return undefined;
};

const UPDATES_ONLY = 'the vendor updates only its internal notes, the due date and the status';

describe('the invoice writer: internal notes and due date, every other field refused', () => {
  it('writes internal notes into the vendor’s notes and the due date, with no warning', () => {
    expect(write({ internalNotes: 'Zahlung angekündigt', dueDate: '2027-01-31' })).toEqual({
      body: { due_date: '2027-01-31', notes: 'Zahlung angekündigt' },
      warnings: [],
    });
  });

  it('printed notes have no place: not sent, and the warning says why', () => {
    expect(write({ notes: 'Vielen Dank für Ihren Auftrag' })).toEqual({
      body: {},
      warnings: [
        {
          type: 'unsupported_field',
          path: 'notes',
          reason:
            'Plandocket invoices have no printed remarks: their notes are internal (use internalNotes)',
        },
      ],
    });
  });

  it('refuses every field the vendor cannot change, naming them in canonical order', () => {
    const error = (() => {
      try {
        write({ internalNotes: 'x', lines: [], currency: 'USD', customer: { id: '1' } });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(UnsupportedOperationError);
    expect((error as UnsupportedOperationError).issues).toEqual([
      { path: 'currency', message: UPDATES_ONLY },
      { path: 'customer', message: UPDATES_ONLY },
      { path: 'lines', message: UPDATES_ONLY },
    ]);
  });

  it('refuses the new book fields: number, terms, discount, bank account, exchange rate', () => {
    expect(
      refusedPaths({
        number: 'RE-2026-0099',
        paymentTermsDays: 14,
        earlyPaymentDiscount: { percent: '2', days: 10 },
        bankAccount: { iban: 'DE02120300000000202051' },
        exchangeRate: { currency: 'PLN', rate: '4.3012' },
        seller: { kind: 'company', name: 'Messe AG' },
        orderId: 'PO-1',
        language: 'de',
      } as PlandocketInvoiceFields),
    ).toEqual([
      'number',
      'paymentTermsDays',
      'earlyPaymentDiscount',
      'bankAccount',
      'exchangeRate',
      'seller',
      'orderId',
      'language',
    ]);
  });

  it('has one rule for every canonical invoice field', () => {
    const described = describeFieldRules(PLANDOCKET_INVOICE_RULES);
    expect(described.filter((field) => field.handling === 'written')).toEqual([
      { path: 'dueDate', handling: 'written' },
      { path: 'internalNotes', handling: 'written' },
    ]);
    expect(described.filter((field) => field.handling === 'unsupported')).toEqual([
      {
        path: 'notes',
        handling: 'unsupported',
        reason:
          'Plandocket invoices have no printed remarks: their notes are internal (use internalNotes)',
      },
    ]);
    expect(
      described.filter(
        (field) =>
          field.handling !== 'refused' &&
          field.handling !== 'written' &&
          field.handling !== 'unsupported',
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
