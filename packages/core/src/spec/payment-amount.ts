import { ValidationError } from '../errors/errors';
import type { Invoice } from '../model/invoice';
import { toDecimal } from '../money/decimal';
import type { WriteResult } from './results';

/** What `markPaid` does with an invoice: pay an amount, or nothing because nothing is due. */
export type PaymentPlan =
  | { readonly kind: 'pay'; readonly amount: string }
  | { readonly kind: 'nothing-due'; readonly result: WriteResult<Invoice> };

/**
 * The amount `markPaid` records: the whole amount due, or the part asked for — never more than
 * is due (a `ValidationError` on `amount`). With nothing due (paid already, a credit note), the
 * answer is the invoice unchanged with a warning: paying would record a zero or negative payment,
 * which is exactly what a blind retry after a lost answer would do.
 */
export function planPayment(
  invoice: Invoice,
  requested: string | undefined,
  provider: string,
): PaymentPlan {
  const due = toDecimal(invoice.totals.due);
  if (due.lessThanOrEqualTo(0)) {
    return {
      kind: 'nothing-due',
      result: {
        data: invoice,
        warnings: [
          {
            type: 'other',
            message: `nothing is due on invoice ${invoice.id}; no payment was recorded`,
          },
        ],
      },
    };
  }
  const amount = requested ?? invoice.totals.due;
  if (toDecimal(amount).greaterThan(due)) {
    throw new ValidationError({
      provider,
      issues: [
        {
          path: 'amount',
          message: `exceeds the amount due (${invoice.totals.due} ${invoice.currency})`,
        },
      ],
    });
  }
  return { kind: 'pay', amount };
}
