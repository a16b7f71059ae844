import { InvoicekitError } from '@invoicekit/core';

/**
 * Runs that look like a token (16 or more URL-safe or Base64 characters, with letters and digits
 * both): what an error from the caller's own code — its adapter factory, its secret store —
 * could quote of a credential the fleet cannot know.
 */
const TOKEN_LIKE = /[A-Za-z0-9_\-+/=.]{16,}/g;

/** `scheme://user:password@` in a URL: the user info is a credential. */
const URL_USER_INFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]*@/gi;

function withoutUserInfo(text: string): string {
  return text.replace(URL_USER_INFO, '$1');
}

function maskTokenLike(text: string): string {
  return text.replace(TOKEN_LIKE, (run) =>
    /[A-Za-z]/.test(run) && /\d/.test(run) ? '[REDACTED]' : run,
  );
}

/**
 * What a failure is recorded as — in the status table, in pg-boss's job row, in a worker's
 * events: an invoicekit error's code and message (redacted by the transport that raised it,
 * URL credentials removed again), anything else by its name and a message with URL credentials
 * and token-like runs masked; never a stack or an error's fields.
 */
export function errorText(error: unknown): string {
  if (error instanceof InvoicekitError)
    return `${error.code}: ${withoutUserInfo(error.message)}`.slice(0, 2000);
  if (error instanceof Error)
    return `${error.name}: ${maskTokenLike(withoutUserInfo(error.message))}`.slice(0, 2000);
  return 'a value that is not an error was thrown';
}
