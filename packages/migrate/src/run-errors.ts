import { InvoicekitError, type OutcomeUnknownError } from '@invoicekit/core';

/**
 * The error as a report holds it. A typed error's message is redacted where it is made; any other
 * error's text is withheld — a parser's or a library's message may quote a vendor's answer, and
 * with it a credential the vendor echoed.
 */
export function errorOf(error: unknown): { code: string; message: string } {
  if (InvoicekitError.isInvoicekitError(error)) return { code: error.code, message: error.message };
  const name = error instanceof Error ? error.name : typeof error;
  return {
    code: 'internal',
    message: `an unexpected ${name} (its text is withheld: it may quote a vendor's answer)`,
  };
}

export function isOutcomeUnknown(error: unknown): error is OutcomeUnknownError {
  return InvoicekitError.isInvoicekitError(error) && error.code === 'outcome_unknown';
}
