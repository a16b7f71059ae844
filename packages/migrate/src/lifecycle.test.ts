import type { Invoice, InvoiceStatus } from '@invoicekit/core';
import { describe, expect, it } from 'vitest';
import { planLifecycle, type TargetAbilities } from './lifecycle';
import { reconcile, verdictOf } from './reconcile';

const invoice = (status: InvoiceStatus, paid = '0.00', gross = '119.00'): Invoice =>
  ({
    id: '1',
    status: { canonical: status, raw: status },
    currency: 'EUR',
    paidDate: paid === '0.00' ? null : '2026-11-10',
    lines: [{}],
    totals: {
      net: '100.00',
      tax: '19.00',
      gross,
      paid,
      due: (Number.parseInt(gross, 10) - Number.parseInt(paid, 10)).toString(),
    },
  }) as unknown as Invoice;

const everything: TargetAbilities = {
  finalize: true,
  markPaid: true,
  partialPayments: true,
  cancel: true,
};

describe('lifecycle replay, planned from both states', () => {
  it('a draft target is finalized, paid what it lacks, or canceled', () => {
    expect(planLifecycle(invoice('issued'), invoice('draft'), everything).steps).toEqual([
      { kind: 'finalize' },
    ]);
    expect(planLifecycle(invoice('paid', '119.00'), invoice('draft'), everything).steps).toEqual([
      { kind: 'finalize' },
      { kind: 'pay', amount: '119', date: '2026-11-10' },
    ]);
    expect(planLifecycle(invoice('canceled'), invoice('draft'), everything).steps).toEqual([
      { kind: 'finalize' },
      { kind: 'cancel' },
    ]);
  });

  it('after a crash, only the missing steps remain', () => {
    expect(planLifecycle(invoice('paid', '119.00'), invoice('issued'), everything).steps).toEqual([
      { kind: 'pay', amount: '119', date: '2026-11-10' },
    ]);
    expect(
      planLifecycle(invoice('paid', '119.00'), invoice('paid', '119.00'), everything).steps,
    ).toEqual([]);
    // A part already recorded: only the rest is paid.
    expect(
      planLifecycle(
        invoice('partially_paid', '60.00'),
        invoice('partially_paid', '40.00'),
        everything,
      ).steps,
    ).toEqual([{ kind: 'pay', amount: '20', date: '2026-11-10' }]);
  });

  it('names what the target cannot do instead of doing it', () => {
    const wholeOnly = { ...everything, partialPayments: false };
    const plan = planLifecycle(invoice('partially_paid', '40.00'), invoice('issued'), wholeOnly);
    expect(plan.steps).toEqual([]);
    expect(plan.cannot).toEqual([
      {
        field: 'paid',
        reason: 'the target records whole payments only; 40.00 paid is not carried',
      },
    ]);
    expect(
      planLifecycle(invoice('issued'), invoice('draft'), { ...everything, finalize: false }).cannot,
    ).toEqual([
      { field: 'status', reason: 'the target cannot finalize: the invoice stays a draft' },
    ]);
  });
});

describe('reconciliation', () => {
  it('compares amounts to the cent, and the verdict tells announced differences apart', () => {
    expect(reconcile(invoice('paid', '119.00'), invoice('paid', '119.00'))).toEqual([]);
    const differences = reconcile(invoice('paid', '119.00'), invoice('issued', '0.00'));
    expect(differences).toEqual([{ field: 'paid', source: '119.00', target: '0.00' }]);
    expect(verdictOf(differences)).toBe('mismatched');
    expect(verdictOf(differences.map((difference) => ({ ...difference, explained: 'why' })))).toBe(
      'explained',
    );
    expect(verdictOf([])).toBe('exact');
  });
});
