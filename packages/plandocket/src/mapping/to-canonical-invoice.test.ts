import { readFileSync } from 'node:fs';
import { statusesOf } from '@invoicekit/core';
import { describe, expect, it } from 'vitest';
import { dataOf } from '../codec/envelope';
import { losslessJsonCodec } from '../codec/lossless-json';
import { toCanonicalInvoice } from './to-canonical-invoice';

const fixture = (name: string): unknown =>
  losslessJsonCodec.decode(
    readFileSync(new URL(`../__fixtures__/${name}`, import.meta.url), 'utf8'),
  );

describe('the vendor’s published example → canonical', () => {
  it('reads invoice_id and epoch-second timestamps exactly', () => {
    const invoice = toCanonicalInvoice(dataOf(fixture('docs_de_invoices_example_response.json')), {
      today: '2026-11-21',
    });
    expect(invoice).toMatchObject({
      id: '1',
      provider: 'plandocket',
      number: null,
      type: 'invoice',
      status: { canonical: 'unknown', raw: null },
      currency: 'EUR',
      issueDate: '2024-01-01',
      createdAt: '2024-01-01T00:00:00Z',
      updatedAt: '2024-01-01T00:00:00Z',
      totals: { net: '0.00', tax: '0.00', gross: '0.00', paid: '0.00', due: '0.00' },
      lines: [],
    });
  });
});

describe('a full invoice (include=items,payments,contact) → canonical', () => {
  const raw = {
    id: '41',
    invoice_number: 'RE-2026-0041',
    invoice_type: 'credit_note',
    related_invoice_id: '40',
    status: 'partially_paid',
    total: '238',
    currency: 'EUR',
    paid_amount: '100',
    open_amount: '138',
    service_date: '2026-10-15',
    due_date: '2026-12-31',
    is_reverse_charge: false,
    notes: 'Stand B12',
    created_at: '2026-11-02T09:00:00Z',
    items: [
      {
        id: '1',
        product_id: '77',
        unit: 'h',
        description: 'Standmiete',
        quantity: '2',
        unit_price: '100',
        tax_rate: '19',
        net: '200',
        tax: '38',
        total: '238',
      },
    ],
    payments: [
      {
        id: '5',
        invoice_id: '41',
        amount: '100',
        currency: 'EUR',
        gateway_key: 'bank_transfer',
        gateway_name: 'Banküberweisung',
        transaction_id: 'SEPA-2026-11-10-01',
        status: 'completed',
        payment_date: '2026-11-10T00:00:00Z',
        notes: null,
      },
    ],
    contact: {
      id: '12',
      customer_number: 'K-10012',
      company_name: 'Messe GmbH',
      city: 'Köln',
      country: 'Deutschland',
      email: 'a@messe.example',
    },
  };

  it('maps amounts, lines, breakdown, customer and the credit-note link', () => {
    const invoice = toCanonicalInvoice(raw, { today: '2026-11-21' });
    expect(invoice).toMatchObject({
      id: '41',
      number: 'RE-2026-0041',
      type: 'credit_note',
      relatedInvoiceId: '40',
      status: { canonical: 'partially_paid', raw: 'partially_paid' },
      serviceDate: '2026-10-15',
      dueDate: '2026-12-31',
      paidDate: null,
      // The vendor documents its notes as internal: they are never printed remarks.
      notes: null,
      internalNotes: 'Stand B12',
      state: { lifecycle: 'issued', payment: 'partially_paid', due: 'open' },
      paymentTermsDays: null,
      earlyPaymentDiscount: null,
      bankAccount: null,
      exchangeRate: null,
      seller: null,
      orderId: null,
      language: null,
      externalId: null,
      totals: { net: '200.00', tax: '38.00', gross: '238.00', paid: '100.00', due: '138.00' },
      customer: {
        id: '12',
        snapshot: {
          kind: 'company',
          name: 'Messe GmbH',
          email: 'a@messe.example',
          address: { city: 'Köln', country: 'DE' },
        },
      },
    });
    expect(invoice.payments).toEqual([
      {
        id: '5',
        provider: 'plandocket',
        invoiceId: '41',
        amount: '100.00',
        currency: 'EUR',
        date: '2026-11-10',
        method: 'transfer',
        methodRaw: 'bank_transfer',
        reference: 'SEPA-2026-11-10-01',
        raw: raw.payments[0],
      },
    ]);
    expect(invoice.lines[0]).toMatchObject({
      description: 'Standmiete',
      productId: '77',
      unit: 'h',
      quantity: '2',
      unitPrice: '100',
      taxRate: { kind: 'percent', value: '19' },
      totals: { net: '200.00', tax: '38.00', gross: '238.00' },
    });
    expect(invoice.taxBreakdown).toEqual([
      { rate: { kind: 'percent', value: '19' }, net: '200.00', tax: '38.00', gross: '238.00' },
    ]);
  });

  it('paid in full: the last completed payment dates it; reverse charge lines carry no tax', () => {
    const paid = toCanonicalInvoice(
      {
        ...raw,
        status: 'paid',
        paid_amount: '238',
        open_amount: '0',
        is_reverse_charge: true,
        items: [{ description: 'Stand', quantity: '1', unit_price: '238' }],
        payments: [
          { amount: '100', status: 'completed', payment_date: '2026-11-10T00:00:00Z' },
          { amount: '138', status: 'completed', payment_date: '2026-11-18T00:00:00Z' },
          { amount: '5', status: 'failed', payment_date: '2026-11-19T00:00:00Z' },
        ],
      },
      { today: '2026-11-21' },
    );
    // Two completed payments stay two records with their own dates; the failed one is not one.
    expect(paid.payments.map((payment) => [payment.amount, payment.date])).toEqual([
      ['100.00', '2026-11-10'],
      ['138.00', '2026-11-18'],
    ]);
    expect(paid).toMatchObject({
      status: { canonical: 'paid' },
      paidDate: '2026-11-18',
      totals: { net: '238.00', tax: '0.00', due: '0.00' },
    });
    expect(paid.lines[0]?.taxRate).toEqual({ kind: 'reverse_charge' });
  });

  it('a canceled invoice owes nothing, though the vendor still shows an open amount', () => {
    const canceled = toCanonicalInvoice(
      { ...raw, status: 'cancelled', paid_amount: '0', open_amount: '238' },
      { today: '2026-11-21' },
    );
    expect(canceled).toMatchObject({
      status: { canonical: 'canceled' },
      state: { lifecycle: 'canceled', due: 'none' },
      type: 'credit_note',
      totals: { paid: '0.00', due: '0.00' },
    });
  });

  it('a canceled invoice with a payment still owes nothing (amountDue, not gross − paid)', () => {
    const canceled = toCanonicalInvoice(
      { ...raw, type: undefined, invoice_type: 'invoice', status: 'cancelled' },
      { today: '2026-11-21' },
    );
    expect(canceled.totals).toMatchObject({ paid: '100.00', due: '0.00' });
    // Owing nothing is not being paid in full: no paid date.
    expect(canceled.paidDate).toBeNull();
    expect(canceled.state).toMatchObject({ lifecycle: 'canceled', due: 'none' });
  });

  it('a draft reads as a draft, not as an issued invoice, and owes nothing yet', () => {
    const draft = toCanonicalInvoice(
      { ...raw, status: 'draft', paid_amount: '0', open_amount: '238', payments: [] },
      { today: '2026-11-21' },
    );
    expect(draft.state).toEqual({ lifecycle: 'draft', payment: 'unpaid', due: 'none' });
    expect(draft.status).toEqual({ canonical: 'draft', raw: 'draft' });
  });

  it('overdue and partly paid: both facts hold, so a partially_paid filter finds it', () => {
    const both = toCanonicalInvoice(
      { ...raw, invoice_type: 'invoice', status: 'overdue', due_date: '2026-11-01' },
      { today: '2026-11-21' },
    );
    expect(both.state).toEqual({ lifecycle: 'issued', payment: 'partially_paid', due: 'overdue' });
    expect(statusesOf(both.state)).toEqual(expect.arrayContaining(['partially_paid', 'overdue']));
  });

  it.each([
    ['a reminder went out', { reminder_sent_at: '2026-11-15T08:00:00Z', reminder_count: 1 }],
    ['it was locked on sending', { is_locked: true, locked_at: '2026-11-02T10:00:00Z' }],
  ])('a paid invoice stays sent when %s', (_why, delivery) => {
    const paid = toCanonicalInvoice(
      { ...raw, status: 'paid', paid_amount: '238', open_amount: '0', ...delivery },
      { today: '2026-11-21' },
    );
    expect(paid.state).toEqual({ lifecycle: 'sent', payment: 'paid', due: 'none' });
    expect(statusesOf(paid.state)).toContain('sent');
  });

  it('a paid invoice without any trace of delivery is issued, not sent', () => {
    const paid = toCanonicalInvoice(
      { ...raw, status: 'paid', paid_amount: '238', open_amount: '0', is_locked: false },
      { today: '2026-11-21' },
    );
    expect(paid.state.lifecycle).toBe('issued');
  });

  it('a sent invoice past its due date with money open reads as overdue', () => {
    const overdue = toCanonicalInvoice(
      { ...raw, status: 'sent', paid_amount: '0', open_amount: '238', due_date: '2026-11-01' },
      { today: '2026-11-21' },
    );
    expect(overdue.status).toEqual({ canonical: 'overdue', raw: 'sent' });
  });
});
