import type { ErrorCode } from '../errors/error-code';

/** Passed to `onRequest`: what is about to be sent, credentials redacted. */
export interface RequestEvent {
  readonly provider: string;
  readonly operation: string | undefined;
  readonly attempt: number;
  readonly method: string;
  /** Full URL with query, redacted. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The body as it will be encoded, redacted. */
  readonly body: unknown;
}

/** Passed to `onResponse` for every HTTP answer, successful or not. */
export interface ResponseEvent extends Omit<RequestEvent, 'headers' | 'body'> {
  readonly status: number;
  readonly durationMs: number;
  readonly requestId: string | undefined;
  readonly headers: Readonly<Record<string, string>>;
}

/** Passed to `onRetry` before the transport waits and tries again. */
export interface RetryEvent {
  readonly provider: string;
  readonly operation: string | undefined;
  readonly method: string;
  readonly url: string;
  /** The attempt that failed, from 1. */
  readonly attempt: number;
  readonly delayMs: number;
  readonly reason: ErrorCode;
}

/**
 * Observability hooks for logging and metrics. Payloads are redacted; a hook that throws is
 * logged and ignored, never breaking the request.
 */
export interface HttpHooks {
  onRequest?(event: RequestEvent): void;
  onResponse?(event: ResponseEvent): void;
  onRetry?(event: RetryEvent): void;
}
