import {
  formatFixed,
  readInvoiceState,
  toDecimal,
  type Invoice,
  type InvoiceStatus,
  type Payment,
} from '@invoicekit/core';
import { describe, expect, it } from 'vitest';
import { planLifecycle, type TargetAbilities } from './lifecycle';

const payment = (
  amount: string,
  date: string | null,
  method: Payment['method'] = null,
): Payment => ({
  id: null,
  provider: 'test',
  invoiceId: '1',
  amount,
  currency: 'EUR',
  date,
  method,
  methodRaw: method,
  reference: null,
  raw: {},
});

/** An invoice of 500.00 gross in the given vendor status with the given payments. */
const invoice = (status: InvoiceStatus, payments: Payment[] = []): Invoice => {
  const paid = payments.reduce((sum, entry) => sum.plus(toDecimal(entry.amount)), toDecimal('0'));
  const gross = '500.00';
  const canceled = status === 'canceled';
  const totals = {
    net: '420.17',
    tax: '79.83',
    gross,
    paid: formatFixed(paid, 2),
    due: canceled ? '0.00' : formatFixed(toDecimal(gross).minus(paid), 2),
  };
  const { state, status: value } = readInvoiceState(status, {
    totals,
    dueDate: '2026-03-31',
    today: '2026-03-20',
    raw: status,
  });
  return {
    id: '1',
    number: null,
    status: value,
    state,
    currency: 'EUR',
    paidDate:
      toDecimal(totals.due).isZero() && payments.length > 0
        ? (payments.at(-1)?.date ?? null)
        : null,
    payments,
    lines: [],
    totals,
  } as unknown as Invoice;
};

const everything: TargetAbilities = {
  finalize: true,
  markPaid: true,
  partialPayments: true,
  cancel: true,
};
const wholeOnly: TargetAbilities = { ...everything, partialPayments: false };

const card = payment('300.00', '2026-03-05', 'card');
const transfer = payment('200.00', '2026-03-10', 'transfer');

describe('lifecycle replay, planned from both states', () => {
  it('pays every source payment on its own, with its date and method', () => {
    const { steps, cannot } = planLifecycle(
      invoice('paid', [card, transfer]),
      invoice('draft'),
      everything,
    );
    expect(steps).toEqual([
      { kind: 'finalize' },
      {
        kind: 'pay',
        index: 0,
        amount: '300.00',
        date: '2026-03-05',
        method: 'card',
        reference: null,
      },
      {
        kind: 'pay',
        index: 1,
        amount: '200.00',
        date: '2026-03-10',
        method: 'transfer',
        reference: null,
      },
    ]);
    expect(cannot).toEqual([]);
  });

  it('after a crash between two payments, pays only the one still missing', () => {
    const { steps } = planLifecycle(
      invoice('paid', [card, transfer]),
      invoice('partially_paid', [card]),
      everything,
    );
    expect(steps).toEqual([
      {
        kind: 'pay',
        index: 1,
        amount: '200.00',
        date: '2026-03-10',
        method: 'transfer',
        reference: null,
      },
    ]);
    expect(
      planLifecycle(
        invoice('paid', [card, transfer]),
        invoice('paid', [card, transfer]),
        everything,
      ).steps,
    ).toEqual([]);
  });

  it('on a target of whole payments, carries a paid book as one payment and says so', () => {
    const { steps, cannot } = planLifecycle(
      invoice('paid', [card, transfer]),
      invoice('issued'),
      wholeOnly,
    );
    expect(steps).toEqual([
      {
        kind: 'pay',
        index: 0,
        amount: '500.00',
        date: '2026-03-10',
        method: 'transfer',
        reference: null,
      },
    ]);
    expect(cannot).toEqual([
      {
        field: 'payments',
        reason: expect.stringContaining('2 payments carried as one of 500.00 EUR on 2026-03-10'),
      },
    ]);
    // Partly paid: nothing can be recorded, and both the payments and the paid total say why.
    const partly = planLifecycle(invoice('partially_paid', [card]), invoice('issued'), wholeOnly);
    expect(partly.steps).toEqual([]);
    expect(partly.cannot.map((entry) => entry.field)).toEqual(['payments', 'totals.paid']);
  });

  it('a paid amount without payment records is one payment on the paid date', () => {
    const source = { ...invoice('paid', [card, transfer]), payments: [] } as Invoice;
    expect(planLifecycle(source, invoice('issued'), everything).steps).toEqual([
      {
        kind: 'pay',
        index: 0,
        amount: '500.00',
        date: '2026-03-10',
        method: null,
        reference: null,
      },
    ]);
  });

  it('announces an undated payment: the target dates it the day it is carried', () => {
    const { cannot } = planLifecycle(
      invoice('paid', [payment('500.00', null)]),
      invoice('issued'),
      everything,
    );
    expect(cannot).toEqual([
      { field: 'payments.0.date', reason: expect.stringContaining('no payment date') },
    ]);
  });

  it('drafts: kept as drafts, or issued with the number and lifecycle announced', () => {
    expect(planLifecycle(invoice('draft'), invoice('draft'), everything, 'as-draft')).toEqual({
      steps: [],
      cannot: [],
    });
    const issued = planLifecycle(invoice('draft'), invoice('draft'), everything, 'issue');
    expect(issued.steps).toEqual([{ kind: 'finalize' }]);
    expect(issued.cannot.map((entry) => entry.field)).toEqual(['state.lifecycle', 'number']);
  });

  it('cancels after finalizing; a sent or refunded source is announced, never e-mailed', () => {
    expect(planLifecycle(invoice('canceled'), invoice('draft'), everything).steps).toEqual([
      { kind: 'finalize' },
      { kind: 'cancel' },
    ]);
    const sent = {
      ...invoice('issued'),
      state: { lifecycle: 'sent', payment: 'unpaid', due: 'open' },
    };
    expect(planLifecycle(sent as Invoice, invoice('issued'), everything).cannot).toEqual([
      { field: 'state.lifecycle', reason: expect.stringContaining('does not e-mail') },
    ]);
    expect(
      planLifecycle(invoice('canceled'), invoice('issued'), { ...everything, cancel: false })
        .cannot,
    ).toEqual([{ field: 'state.lifecycle', reason: 'the target cannot cancel' }]);
  });
});

describe('payments on a target whose total differs by its rounding', () => {
  it('the last payment of a paid source settles the target, and says so', () => {
    const target = invoice('issued');
    const rounded = { ...target, totals: { ...target.totals, gross: '500.01', due: '500.01' } };
    const { steps, cannot } = planLifecycle(invoice('paid', [card, transfer]), rounded, everything);
    expect(steps.map((step) => (step.kind === 'pay' ? step.amount : step.kind))).toEqual([
      '300.00',
      '200.01',
    ]);
    expect(cannot).toEqual([
      { field: 'payments.1.amount', reason: expect.stringContaining('amount due is 200.01') },
    ]);
  });

  it('never pays more than the target says is due', () => {
    const target = invoice('issued');
    const smaller = { ...target, totals: { ...target.totals, gross: '250.00', due: '250.00' } };
    const { steps, cannot } = planLifecycle(invoice('paid', [card, transfer]), smaller, everything);
    expect(steps.map((step) => (step.kind === 'pay' ? step.amount : step.kind))).toEqual([
      '250.00',
    ]);
    expect(cannot.map((entry) => entry.field)).toEqual(['payments.0.amount', 'payments.1']);
  });
});

describe('payments, resumed or odd', () => {
  it('settles only a rounding difference: a target total far from the source is paid as the source was', () => {
    const target = invoice('issued');
    const larger = { ...target, totals: { ...target.totals, gross: '900.00', due: '900.00' } };
    const { steps, cannot } = planLifecycle(invoice('paid', [card, transfer]), larger, everything);
    expect(steps.map((step) => (step.kind === 'pay' ? step.amount : step.kind))).toEqual([
      '300.00',
      '200.00',
    ]);
    expect(cannot).toEqual([]);
  });

  it('a resumed run announces what the first one did, though it takes no step', () => {
    const source = invoice('paid', [card, transfer]);
    const first = planLifecycle(source, invoice('issued'), wholeOnly);
    const held = invoice('paid', [payment('500.00', '2026-03-10', 'transfer')]);
    const resumed = planLifecycle(source, held, wholeOnly);
    expect(resumed.steps).toEqual([]);
    expect(resumed.cannot).toEqual(first.cannot);
    // A target that kept no method says so from its own state, on every run.
    const noMethod = planLifecycle(
      source,
      invoice('paid', [payment('300.00', '2026-03-05'), payment('200.00', '2026-03-10')]),
      everything,
    );
    expect(noMethod.cannot.map((entry) => entry.field)).toEqual([
      'payments.0.method',
      'payments.1.method',
    ]);
  });

  it('pays nothing more when the target holds a payment the source does not have', () => {
    const { steps } = planLifecycle(
      invoice('paid', [card, transfer]),
      invoice('partially_paid', [payment('120.00', '2026-03-01', 'card')]),
      everything,
    );
    expect(steps).toEqual([]);
  });
});
