import { describe, expect, it } from 'vitest';
import { invoiceMatches } from '../spec/list-filters';
import { InvoiceListQuerySchema } from './operation-input';
import type { Invoice } from './invoice';
import { amountDue, readInvoiceState, statusesOf } from './invoice-state';

const today = '2026-03-20';
const totals = (gross: string, paid: string) => ({
  gross,
  paid,
  due: amountDue({ gross, paid, canceled: false }),
});

describe('readInvoiceState', () => {
  it('keeps an overdue, partly paid, sent invoice all three at once', () => {
    const { state, status } = readInvoiceState('overdue', {
      totals: totals('500.00', '300.00'),
      dueDate: '2026-03-15',
      today,
      raw: 'partial',
      sent: true,
    });
    expect(state).toEqual({ lifecycle: 'sent', payment: 'partially_paid', due: 'overdue' });
    expect(status).toEqual({ canonical: 'overdue', raw: 'partial' });
    expect(statusesOf(state)).toEqual(['sent', 'partially_paid', 'overdue']);
  });

  it('lets the amounts decide payment: a vendor "paid" with money due is partially paid', () => {
    const { state } = readInvoiceState('paid', {
      totals: totals('100.00', '40.00'),
      dueDate: null,
      today,
      raw: 'paid',
    });
    expect(state).toEqual({ lifecycle: 'issued', payment: 'partially_paid', due: 'open' });
  });

  it('owes nothing on a canceled document or a draft', () => {
    expect(
      readInvoiceState('canceled', {
        totals: { gross: '100.00', paid: '0.00', due: '0' },
        dueDate: '2026-01-01',
        today,
        raw: 'void',
      }).state,
    ).toEqual({ lifecycle: 'canceled', payment: 'unpaid', due: 'none' });
    expect(
      readInvoiceState('draft', {
        totals: totals('100.00', '0.00'),
        dueDate: '2026-01-01',
        today,
        raw: 'draft',
      }).state.due,
    ).toBe('none');
    expect(amountDue({ gross: '100.00', paid: '20.00', canceled: true })).toBe('0');
    // Partly paid, then canceled: owes nothing, and is still partly paid, not paid.
    expect(
      readInvoiceState('canceled', {
        totals: { gross: '100.00', paid: '20.00', due: '0' },
        dueDate: null,
        today,
        raw: 'canceled',
      }).state,
    ).toEqual({ lifecycle: 'canceled', payment: 'partially_paid', due: 'none' });
  });

  it('summarises a paid, sent invoice as paid and keeps "sent" among its statuses', () => {
    const { state, status } = readInvoiceState('paid', {
      totals: totals('100.00', '100.00'),
      dueDate: '2026-01-01',
      today,
      raw: 'paid',
      sent: true,
    });
    expect(status.canonical).toBe('paid');
    expect(statusesOf(state)).toEqual(['sent', 'paid']);
  });
});

describe('readInvoiceState for a credit note', () => {
  it('reads a credit note whose money was paid back as paid, by the size of its amounts', () => {
    expect(
      readInvoiceState('paid', {
        totals: { gross: '-119.00', paid: '-119.00', due: '0.00' },
        dueDate: null,
        today,
        raw: 'paid',
      }).state.payment,
    ).toBe('paid');
    expect(
      readInvoiceState('issued', {
        totals: { gross: '-119.00', paid: '-19.00', due: '-100.00' },
        dueDate: null,
        today,
        raw: 'issued',
      }).state.payment,
    ).toBe('partially_paid');
  });
});

describe('invoiceMatches on status', () => {
  it('finds an overdue, partly paid invoice by partially_paid, overdue and issued', () => {
    const { state, status } = readInvoiceState('partially_paid', {
      totals: totals('500.00', '300.00'),
      dueDate: '2026-03-15',
      today,
      raw: 'partial',
    });
    const invoice = { state, status } as unknown as Invoice;
    const query = (statuses: string[]) => InvoiceListQuerySchema.parse({ status: statuses });
    expect(status.canonical).toBe('overdue');
    expect(invoiceMatches(invoice, query(['partially_paid']))).toBe(true);
    expect(invoiceMatches(invoice, query(['overdue']))).toBe(true);
    expect(invoiceMatches(invoice, query(['issued']))).toBe(true);
    expect(invoiceMatches(invoice, query(['paid', 'draft']))).toBe(false);
  });
});
