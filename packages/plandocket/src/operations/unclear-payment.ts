import { OutcomeUnknownError, ProviderError } from '@invoicekit/core';
import type { VendorRecord } from '../client/plandocket-client';
import { PLANDOCKET } from '../provider-id';

/** Finds the payment this call sent, by its transaction id; `undefined` when there is none. */
export type PaymentLookup = (signal?: AbortSignal) => Promise<{ data: VendorRecord } | undefined>;

/** Which payment a caller must look for before paying again. */
export interface PaymentToCheck {
  readonly invoiceNumber: string;
  readonly transactionId: string;
  readonly signal: AbortSignal | undefined;
}

/**
 * A payment call that failed in a way that may have paid: never answered "failed", which would
 * invite a second payment. The transport's `OutcomeUnknownError` (its look-ups found nothing) is
 * given the exact payment to look for. A payment the vendor accepted (2xx) but answered
 * unreadably is committed: it is looked up once, and without a match its outcome is unknown.
 * Any other error is rethrown as it is. The payment itself is never sent again here.
 */
export async function settleUnclearPayment(
  error: unknown,
  findPayment: PaymentLookup,
  context: PaymentToCheck,
): Promise<{ requestId: string | undefined; payment: VendorRecord }> {
  const check = `a payment with transaction_id ${context.transactionId} on invoice ${context.invoiceNumber}`;
  if (error instanceof OutcomeUnknownError) {
    throw new OutcomeUnknownError({
      provider: PLANDOCKET,
      operation: 'invoices.markPaid',
      causeCode: error.causeCode,
      check,
      message: `invoices.markPaid: the outcome is unknown (${error.causeCode}); check for ${check} before paying again`,
      status: error.status,
      requestId: error.requestId,
      request: error.request,
      cause: error,
    });
  }
  const accepted =
    error instanceof ProviderError &&
    error.status !== undefined &&
    error.status >= 200 &&
    error.status < 300;
  if (!accepted) throw error;
  let found: { data: VendorRecord } | undefined;
  try {
    found = await findPayment(context.signal);
  } catch (lookupError) {
    if (context.signal?.aborted) throw lookupError;
    found = undefined;
  }
  if (found) return { requestId: error.requestId, payment: found.data };
  throw new OutcomeUnknownError({
    provider: PLANDOCKET,
    operation: 'invoices.markPaid',
    causeCode: error.code,
    check,
    message: `invoices.markPaid: the vendor accepted the payment with an unreadable answer and a look-up did not find it; check for ${check} before paying again`,
    status: error.status,
    requestId: error.requestId,
    cause: error,
  });
}
