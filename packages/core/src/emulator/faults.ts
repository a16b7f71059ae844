/** Which requests a fault applies to. */
export interface FaultMatch {
  readonly method?: string;
  /** Exact path or a pattern. */
  readonly path?: string | RegExp;
  /**
   * A pattern the request body must match: targets one call of an RPC-style API, where every
   * call is a POST to the same path (`/"SERVICE":"invoice.create"/`).
   */
  readonly body?: RegExp;
}

/**
 * A failure the emulator injects, as real vendors and networks produce them:
 * - `latency`: answer normally after `ms`;
 * - `rate_limit`: 429 without running the handler; `retryAfter` in seconds, as an HTTP date, or
 *   absent (vendors that send no header);
 * - `server_error`: a 5xx without running the handler;
 * - `connection_reset`: drop the connection without running the handler (nothing committed);
 * - `response_lost`: run the handler (its changes are committed) and then drop the connection —
 *   the case that turns naive retries into duplicates.
 */
export type FaultKind =
  | { readonly kind: 'latency'; readonly ms: number }
  | { readonly kind: 'rate_limit'; readonly retryAfter?: number | Date; readonly body?: unknown }
  | { readonly kind: 'server_error'; readonly status?: number; readonly body?: unknown }
  | { readonly kind: 'connection_reset' }
  | { readonly kind: 'response_lost' };

/** A fault with where it applies and how many times. */
export type Fault = FaultKind & {
  readonly match?: FaultMatch;
  /** How many matching requests it affects; 1 by default, `Infinity` for all. */
  readonly times?: number;
};

interface ArmedFault {
  readonly fault: Fault;
  remaining: number;
}

/** The faults armed on one emulator, consumed in the order they were injected. */
export class FaultInjector {
  private armed: ArmedFault[] = [];

  /** Arms a fault for the next matching request(s). */
  inject(fault: Fault): this {
    const times = fault.times ?? 1;
    if (!(times > 0)) throw new RangeError('a fault needs times > 0');
    this.armed.push({ fault, remaining: times });
    return this;
  }

  /** Disarms everything. */
  clear(): void {
    this.armed = [];
  }

  /** How many faults are still armed. */
  get pending(): number {
    return this.armed.length;
  }

  /** Takes the first armed fault matching this request, if any. */
  take(method: string, path: string, body = ''): Fault | undefined {
    const index = this.armed.findIndex(({ fault }) => matches(fault.match, method, path, body));
    if (index < 0) return undefined;
    const entry = this.armed[index] as ArmedFault;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.armed.splice(index, 1);
    return entry.fault;
  }
}

function matches(
  match: FaultMatch | undefined,
  method: string,
  path: string,
  body: string,
): boolean {
  if (!match) return true;
  if (match.method && match.method.toUpperCase() !== method.toUpperCase()) return false;
  if (match.body && !match.body.test(body)) return false;
  if (match.path instanceof RegExp) return match.path.test(path);
  if (typeof match.path === 'string') return match.path === path;
  return true;
}
