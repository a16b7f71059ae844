import {
  UnsupportedOperationError,
  planPayment,
  toDecimal,
  type AdapterWarning,
  type Invoice,
  type ParsedMarkPaidInput,
  type ProviderWriteResult,
  type WritePlan,
} from '@invoicekit/core';
import type { SetPaidData } from '../client/service-inputs';
import type { MethodStyleEndpoint } from '../features';
import { vendorPaymentMethod } from '../mapping/payment-type';
import { BILLOMAT_STYLE } from '../provider-id';

/**
 * `invoices.markPaid` prepared on the invoice as it is now: `setpaid` marks a whole invoice paid,
 * so an amount other than what is due is refused before anything is sent; nothing due is
 * answered without a write. The vendor books the payment as a record of its own on PAID_DATE.
 * Classic FastBill records a free-text PAYMENT_METHOD (sent as the vendor's name for the
 * canonical method: `ueberweisung`, `kreditkarte`, …), Monsum none.
 */
export function planWholePayment(
  current: Invoice,
  input: ParsedMarkPaidInput,
  endpoint: MethodStyleEndpoint,
  setPaid: (data: Omit<SetPaidData, 'INVOICE_ID'>) => Promise<ProviderWriteResult<Invoice>>,
): WritePlan<Invoice> {
  const payment = planPayment(current, undefined, BILLOMAT_STYLE);
  if (payment.kind === 'nothing-due') {
    const { result } = payment;
    return { warnings: [], send: () => Promise.resolve(result) };
  }
  const { due } = current.totals;
  if (input.amount !== undefined && !toDecimal(input.amount).equals(toDecimal(due)))
    throw new UnsupportedOperationError({
      provider: BILLOMAT_STYLE,
      operation: 'invoices.markPaid',
      issues: [
        {
          path: 'amount',
          message: `the vendor marks a whole invoice paid; ${due} ${current.currency} is due`,
        },
      ],
      message: `invoices.markPaid: partial payments are not supported (${due} ${current.currency} is due)`,
    });
  const warnings: AdapterWarning[] = [];
  const sendsMethod = input.method !== undefined && endpoint === 'fastbill';
  if (input.method !== undefined && !sendsMethod)
    warnings.push({
      type: 'unsupported_field',
      path: 'method',
      reason: "Monsum's setpaid records no payment method",
    });
  if (input.reference !== undefined)
    warnings.push({
      type: 'unsupported_field',
      path: 'reference',
      reason: 'setpaid records no payment reference',
    });
  return {
    warnings,
    send: () =>
      setPaid({
        ...(input.date !== undefined ? { PAID_DATE: input.date } : {}),
        ...(sendsMethod && input.method !== undefined
          ? { PAYMENT_METHOD: vendorPaymentMethod(input.method) }
          : {}),
      }),
  };
}
