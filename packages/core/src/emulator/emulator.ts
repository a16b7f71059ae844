import { setTimeout as delay } from 'node:timers/promises';
import { FaultInjector } from './faults';
import {
  WebhookOutbox,
  type EmulatorWebhook,
  type EmulatorWebhooks,
  type WebhookSender,
} from './webhook-outbox';
import {
  jsonResponse,
  type EmulatorHandler,
  type EmulatorOutcome,
  type EmulatorRequest,
} from './types';

/** A request the emulator received, kept for assertions in tests. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string | string[]>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** A fixed-window request limit, off unless configured (most vendors document none). */
export interface EmulatorRateLimit {
  readonly limit: number;
  readonly windowMs: number;
  /** Whether the 429 carries `Retry-After` (seconds to the end of the window). */
  readonly sendRetryAfter: boolean;
}

/** A running vendor emulator: stateful, seedable, resettable, with faults on demand. */
export interface Emulator<Seed = unknown> {
  readonly name: string;
  /** Handles one request, applying armed faults and the rate limit. */
  handle(request: EmulatorRequest): Promise<EmulatorOutcome>;
  /** Adds records to the current state. */
  seed(data: Seed): void;
  /** Back to the empty initial state; faults and the request journal are cleared. */
  reset(): void;
  readonly faults: FaultInjector;
  /** The most recent requests (up to `journalSize`), oldest first. */
  readonly requests: readonly RecordedRequest[];
  /** Every request handled since the last reset, including those dropped by faults. */
  readonly requestCount: number;
  /** Switches the rate limit on (or off with `undefined`). */
  setRateLimit(limit: EmulatorRateLimit | undefined): void;
  /** The webhooks it sent to the URLs registered with it (vendors that send webhooks). */
  readonly webhooks: EmulatorWebhooks;
}

/** What a vendor emulator is made of. */
export interface EmulatorDefinition<State, Seed> {
  readonly name: string;
  /** A fresh, empty state. Called at start and on every reset. */
  readonly createState: () => State;
  readonly seed: (state: State, data: Seed) => void;
  readonly handler: EmulatorHandler<State>;
  /** The vendor's 429 body; `{ error: 'Rate limit exceeded' }` by default. */
  readonly rateLimitBody?: unknown;
  /** The vendor's 5xx body; a JSON error by default. */
  readonly serverErrorBody?: unknown;
  /** How many requests the journal keeps; 1000 by default. */
  readonly journalSize?: number;
  readonly rateLimit?: EmulatorRateLimit;
  /** The clock for the rate-limit window; `Date.now` by default. */
  readonly now?: () => number;
  /**
   * Takes the webhooks the state has queued (and empties its queue): called after every request
   * that ran, including one whose response a fault then drops — the vendor committed, so it
   * notifies. Absent for vendors that send none.
   */
  readonly takeWebhooks?: (state: State) => readonly EmulatorWebhook[];
  /** How webhooks are sent; `fetch` POSTs by default. */
  readonly sendWebhook?: WebhookSender;
}

/**
 * Builds an emulator from a vendor definition. The handler is where the vendor's behaviour lives;
 * this wrapper adds what every emulator shares: faults, rate limiting, the journal, seeding and
 * reset.
 */
export function defineEmulator<State, Seed>(
  definition: EmulatorDefinition<State, Seed>,
): Emulator<Seed> {
  const faults = new FaultInjector();
  const journalSize = definition.journalSize ?? 1000;
  const now = definition.now ?? Date.now;
  let state = definition.createState();
  let journal: RecordedRequest[] = [];
  let requestCount = 0;
  let rateLimit = definition.rateLimit;
  let window = { startedAt: now(), count: 0 };
  const outbox = new WebhookOutbox(definition.sendWebhook);

  const record = (request: EmulatorRequest): void => {
    requestCount += 1;
    journal.push({
      method: request.method,
      path: request.path,
      query: queryToRecord(request.query),
      headers: request.headers,
      body: request.body,
    });
    if (journal.length > journalSize) journal = journal.slice(-journalSize);
  };

  const rateLimited = (): EmulatorOutcome | undefined => {
    if (!rateLimit) return undefined;
    const at = now();
    if (at - window.startedAt >= rateLimit.windowMs) window = { startedAt: at, count: 0 };
    window.count += 1;
    if (window.count <= rateLimit.limit) return undefined;
    const seconds = Math.max(1, Math.ceil((window.startedAt + rateLimit.windowMs - at) / 1000));
    return {
      kind: 'response',
      response: jsonResponse(
        429,
        definition.rateLimitBody ?? { error: 'Rate limit exceeded' },
        rateLimit.sendRetryAfter ? { 'retry-after': String(seconds) } : {},
      ),
    };
  };

  const run = async (request: EmulatorRequest): Promise<EmulatorOutcome> => {
    try {
      return { kind: 'response', response: await definition.handler(request, state) };
    } finally {
      const queued = definition.takeWebhooks?.(state);
      if (queued && queued.length > 0) outbox.enqueue(queued);
    }
  };

  return {
    name: definition.name,
    faults,
    webhooks: outbox,
    get requests() {
      return journal;
    },
    get requestCount() {
      return requestCount;
    },
    setRateLimit(limit) {
      rateLimit = limit;
      window = { startedAt: now(), count: 0 };
    },
    seed(data) {
      definition.seed(state, data);
    },
    reset() {
      state = definition.createState();
      faults.clear();
      outbox.clear();
      journal = [];
      requestCount = 0;
      window = { startedAt: now(), count: 0 };
    },
    async handle(request) {
      record(request);
      const fault = faults.take(request.method, request.path, request.body);
      switch (fault?.kind) {
        case 'latency':
          await delay(fault.ms);
          return rateLimited() ?? run(request);
        case 'rate_limit': {
          const headers: Record<string, string> = {};
          if (typeof fault.retryAfter === 'number')
            headers['retry-after'] = String(fault.retryAfter);
          if (fault.retryAfter instanceof Date)
            headers['retry-after'] = fault.retryAfter.toUTCString();
          return {
            kind: 'response',
            response: jsonResponse(
              429,
              fault.body ?? definition.rateLimitBody ?? { error: 'Rate limit exceeded' },
              headers,
            ),
          };
        }
        case 'server_error':
          return {
            kind: 'response',
            response: jsonResponse(
              fault.status ?? 500,
              fault.body ?? definition.serverErrorBody ?? { error: 'Internal Server Error' },
            ),
          };
        case 'connection_reset':
          return { kind: 'drop', reason: 'connection_reset' };
        case 'response_lost':
          await run(request);
          return { kind: 'drop', reason: 'response_lost' };
        case undefined:
          return rateLimited() ?? run(request);
      }
    },
  };
}

function queryToRecord(query: URLSearchParams): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const key of new Set(query.keys())) {
    const values = query.getAll(key);
    result[key] = values.length === 1 ? (values[0] as string) : values;
  }
  return result;
}
