import { InvoicekitError } from '@invoicekit/core';
import { safeAccount } from '@invoicekit/migrate';

/**
 * What a failure is recorded as — in the status table, in pg-boss's job row, in a worker's log:
 * an invoicekit error's code and message (redacted by the transport that raised it), anything
 * else by its name and a message with URL credentials removed, never its stack or fields.
 */
export function errorText(error: unknown): string {
  if (error instanceof InvoicekitError) return `${error.code}: ${error.message}`.slice(0, 2000);
  if (error instanceof Error) return `${error.name}: ${safeAccount(error.message)}`;
  return 'a value that is not an error was thrown';
}
