import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/errors';
import type { Invoice } from '../model/invoice';
import { planPayment } from './payment-amount';

const invoice = (due: string): Invoice =>
  ({
    id: '7',
    currency: 'EUR',
    totals: { net: '100.00', tax: '19.00', gross: '119.00', paid: '0.00', due },
  }) as Invoice;

describe('planPayment', () => {
  it('pays the whole amount due by default, or the part asked for', () => {
    expect(planPayment(invoice('119.00'), undefined, 'p')).toEqual({
      kind: 'pay',
      amount: '119.00',
    });
    expect(planPayment(invoice('119.00'), '19.00', 'p')).toEqual({ kind: 'pay', amount: '19.00' });
  });

  it('refuses more than is due, naming the amount', () => {
    expect(() => planPayment(invoice('19.00'), '19.01', 'p')).toThrow(ValidationError);
    try {
      planPayment(invoice('19.00'), '19.01', 'p');
    } catch (error) {
      expect((error as ValidationError).issues).toEqual([
        { path: 'amount', message: 'exceeds the amount due (19.00 EUR)' },
      ]);
    }
  });

  it('with nothing due, answers the invoice unchanged and says so', () => {
    const paid = invoice('0.00');
    expect(planPayment(paid, '5.00', 'p')).toEqual({
      kind: 'nothing-due',
      result: {
        data: paid,
        warnings: [
          { type: 'other', message: 'nothing is due on invoice 7; no payment was recorded' },
        ],
      },
    });
  });
});
