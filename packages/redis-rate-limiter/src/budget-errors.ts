import { InvoicekitError, NetworkError, UnavailableError, type Redactor } from '@invoicekit/core';
import { REDIS_RATE_LIMITER } from './provider-id';

/** What a budget error says about where it happened; all of it free of credentials. */
export interface BudgetErrorContext {
  /** The Redis location, credentials left out ({@link describeRedisUrl}). */
  readonly location: string;
  /** The budget key. */
  readonly key: string;
  /** Knows the credentials of the connection, to strip them from Redis's own words. */
  readonly redactor: Redactor;
  /** The last connection failure the client reported, when it had one (already redacted). */
  readonly lastConnectionFailure?: string | undefined;
}

/** Socket-level failures: Redis was not reached, or the connection broke; trying later may work. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
]);

/** ioredis's own words for a connection that is not there (it gives them no `code`). */
const CONNECTION_MESSAGES = [
  'Connection is closed',
  "Stream isn't writeable",
  'Command timed out',
  'Reached the max retries per request limit',
];

/** Redis answers that pass: loading a dataset, a failover, a busy script, memory pressure. */
const TRANSIENT_REPLIES = new Set([
  'LOADING',
  'BUSY',
  'TRYAGAIN',
  'MASTERDOWN',
  'READONLY',
  'OOM',
  'CLUSTERDOWN',
]);

/** Redis answers about credentials: trying again with the same ones gives the same answer. */
const CREDENTIAL_REPLIES = new Set(['NOAUTH', 'WRONGPASS', 'NOPERM']);

/**
 * The error a failed budget call raises, from core's vocabulary: a {@link NetworkError}
 * (retryable, `notSent`: no vendor request went out) when Redis could not be reached, an
 * {@link UnavailableError} when it answered with an error — retryable when the answer is one that
 * passes (`LOADING`, `READONLY` during a failover, …), not when it is about the credentials or
 * the key. Every message is redacted; the underlying error is not attached as `cause`, since
 * ioredis keeps the failed command's arguments on it (an `AUTH` carries the password).
 */
export function budgetError(error: unknown, context: BudgetErrorContext): InvoicekitError {
  if (InvoicekitError.isInvoicekitError(error)) return error;
  const where = `the shared rate budget "${context.key}" at ${context.location}`;
  const said = context.redactor.redactText(error instanceof Error ? error.message : String(error));
  const name = error instanceof Error ? error.name : '';
  const code =
    typeof error === 'object' && error !== null && 'code' in error
      ? String((error as { code: unknown }).code)
      : '';

  if (name === 'ReplyError') {
    const reply = said.split(/\s/, 1)[0] ?? '';
    if (CREDENTIAL_REPLIES.has(reply)) {
      return new UnavailableError({
        provider: REDIS_RATE_LIMITER,
        retryable: false,
        message: `${where} refused the limiter's credentials: ${said}`,
      });
    }
    return new UnavailableError({
      provider: REDIS_RATE_LIMITER,
      retryable: TRANSIENT_REPLIES.has(reply),
      message: `${where} answered with an error: ${said}`,
    });
  }

  if (
    CONNECTION_CODES.has(code) ||
    name === 'MaxRetriesPerRequestError' ||
    CONNECTION_MESSAGES.some((text) => said.startsWith(text))
  ) {
    // "max retries reached" says nothing of why: the client's last connection failure does.
    const reason = context.lastConnectionFailure ?? said;
    return new NetworkError({
      provider: REDIS_RATE_LIMITER,
      notSent: true,
      message: `${where} could not be reached: ${reason}`,
    });
  }

  return new UnavailableError({
    provider: REDIS_RATE_LIMITER,
    retryable: false,
    message: `${where} failed: ${said}`,
  });
}

/** The error of an `acquire` on a closed limiter, and of every waiter when it is closed. */
export function closedError(key: string): UnavailableError {
  return new UnavailableError({
    provider: REDIS_RATE_LIMITER,
    retryable: false,
    message: `the shared rate budget "${key}" was closed`,
  });
}

/**
 * The error of an `acquire` whose slot Redis did not hand out within `ms` (connecting included):
 * bottleneck puts no time limit on waiting for its connection or on a job whose registration
 * failed, so the limiter bounds it itself.
 */
export function unansweredError(
  context: Pick<BudgetErrorContext, 'key' | 'location'>,
  ms: number,
): NetworkError {
  return new NetworkError({
    provider: REDIS_RATE_LIMITER,
    notSent: true,
    message: `the shared rate budget "${context.key}" at ${context.location} could not be reached: no answer within ${ms / 1000} s`,
  });
}
