import { TimeoutError } from '../errors/errors';
import type { InvoicekitError } from '../errors/invoicekit-error';
import type { Clock } from './clock';
import type { TransportRequest } from './request';

/**
 * The deadline of one transport call: a signal that aborts every attempt, wait and look-up of
 * the call when it passes (or when the caller's own signal aborts), and the time left by the
 * transport's clock. Disposed when the call ends, so no timer outlives it.
 */
export class CallDeadline {
  /** Aborts at the deadline or with the caller's signal. */
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout>;
  private readonly endsAt: number;
  private timedOut = false;

  constructor(
    private readonly clock: Clock,
    private readonly limitMs: number,
    callerSignal: AbortSignal | undefined,
  ) {
    this.endsAt = clock.now() + limitMs;
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort(new Error(`call deadline of ${limitMs} ms passed`));
    }, limitMs);
    // The caller's signal is followed by a listener removed on dispose (not AbortSignal.any,
    // which keeps a little per call alive on a long-lived caller signal).
    this.signal = this.controller.signal;
    if (callerSignal?.aborted) this.controller.abort(callerSignal.reason);
    else if (callerSignal) {
      this.callerSignal = callerSignal;
      callerSignal.addEventListener('abort', this.followCaller, { once: true });
    }
  }

  private callerSignal: AbortSignal | undefined;
  private readonly followCaller = (): void => this.controller.abort(this.callerSignal?.reason);

  /** True once the deadline has passed. */
  get expired(): boolean {
    return this.timedOut || this.clock.now() >= this.endsAt;
  }

  /** Milliseconds left, never negative. */
  remainingMs(): number {
    return this.timedOut ? 0 : Math.max(0, this.endsAt - this.clock.now());
  }

  /** The error for a call that ran out of time. */
  timeoutError(provider: string, request: TransportRequest, redactedUrl: string): InvoicekitError {
    return new TimeoutError({
      provider,
      message: `${request.method} ${redactedUrl} failed: no answer within the call deadline of ${this.limitMs} ms`,
      request: { method: request.method, url: redactedUrl },
    });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.callerSignal?.removeEventListener('abort', this.followCaller);
  }
}
