import type { InvoicekitError } from '@invoicekit/core';
import Bottleneck from 'bottleneck';
import { Redis } from 'ioredis';

/**
 * How long one `acquire` may wait for Redis to hand out its slot — connecting, bottleneck's
 * `submit` and `register` scripts — before it fails with a `NetworkError`. bottleneck itself waits
 * for its connection forever, and a job whose `register` failed stays queued until some later
 * job drains it: without this bound an `acquire` could hang while Redis is unreachable. The wait
 * for the slot itself, once reserved, is a local timer and is not bounded (it is the budget).
 */
export const SLOT_ANSWER_TIMEOUT_MS = 10_000;

/**
 * How long bottleneck's keys outlive the last slot handed out (its `timeout` option, a Redis TTL
 * refreshed by every grant): an idle budget leaves nothing in Redis after a minute.
 */
export const KEY_EXPIRY_MS = 60_000;

/** What a session needs from the limiter that opens it. */
export interface BudgetSessionParts {
  /** A connection the session owns and closes: opened from the URL, or a duplicate of the caller's client. */
  readonly client: Redis;
  /** bottleneck's `id`: prefix + key, so its keys are `b_<prefix><key>_settings`, … */
  readonly id: string;
  /** The interval between two slots, in ms. */
  readonly minTimeMs: number;
  /** Turns whatever failed (an ioredis error, a BottleneckError) into the package's typed error, redacted. */
  readonly describe: (error: unknown, lastConnectionFailure: string | undefined) => InvoicekitError;
  /** The typed error of an acquire Redis did not answer in time. */
  readonly unanswered: () => InvoicekitError;
  /** Redacts a message of Redis's (a connection failure) for later errors. */
  readonly redactText: (text: string) => string;
  /** Called once when the session fails, so that the next acquire opens a new one. */
  readonly onFailed: () => void;
}

interface Waiter {
  readonly grant: () => void;
  readonly fail: (error: Error) => void;
  /** Running until Redis has reserved the waiter's slot. */
  readonly answerTimer: NodeJS.Timeout;
}

/**
 * One connection to the shared budget: a Bottleneck on Redis (`datastore: 'ioredis'`) with its two
 * connections (commands, and bottleneck's pub/sub), the waiters of one limiter, and how they end.
 *
 * A session that fails — a connection error, a script error, no answer in time — fails every
 * waiter at once with that error and closes: the next `acquire` opens a new one, so a Redis that
 * comes back is tried again, and a waiter queued behind a failure is not left to find it out one
 * reconnection attempt at a time. The slots Redis reserved for those waiters stay spent.
 */
export class BudgetSession {
  readonly #bottleneck: Bottleneck;
  readonly #connection: Bottleneck.IORedisConnection;
  readonly #parts: BudgetSessionParts;
  readonly #waiters = new Map<string, Waiter>();
  #jobs = 0;
  #ready = false;
  #ended = false;
  #lastConnectionFailure: string | undefined;

  constructor(parts: BudgetSessionParts) {
    this.#parts = parts;
    // A connection made here (rather than bottleneck's `clientOptions`) so that the session knows
    // which clients it owns: `IORedisConnection.disconnect()` quits the client it was given AND
    // the subscriber it duplicated from it — which is why a caller's client is never given to it.
    this.#connection = new Bottleneck.IORedisConnection({ client: parts.client, Redis });
    // Connection errors reach the caller through acquire, redacted; with a listener neither
    // ioredis nor bottleneck prints them.
    this.#connection.on('error', (error: unknown) => {
      this.#lastConnectionFailure = parts.redactText(
        error instanceof Error ? error.message : String(error),
      );
      this.#fail(error);
    });
    // Whose clock orders the slots — checked in node_modules/bottleneck/lib/lua.json and
    // RedisDatastore.js: not Redis's TIME. Every script starts `local now = tonumber(ARGV[1])`,
    // and runScript fills ARGV[1] with this process's Date.now(); get_time.lua (which reads
    // TIME) is shipped but in no script's headers. So hosts' clocks must agree to within the
    // safety margin — the README says so.
    this.#bottleneck = new Bottleneck({
      id: parts.id,
      datastore: 'ioredis',
      connection: this.#connection,
      minTime: parts.minTimeMs,
      // Spacing only: how many requests are in flight at once is the adapter's concern.
      maxConcurrent: null,
      // Never: it would wipe the budget of every other process of the key on start-up.
      clearDatastore: false,
      timeout: KEY_EXPIRY_MS,
    });
    // A heartbeat or a drain that fails (Redis gone) is reported only as an event.
    this.#bottleneck.on('error', (error: unknown) => this.#fail(error));
    // Redis has reserved the job's slot: what remains is bottleneck's local timer until it.
    this.#bottleneck.on('scheduled', (info: Bottleneck.EventInfo) => {
      const waiter = this.#waiters.get(info.options.id);
      if (waiter) clearTimeout(waiter.answerTimer);
    });
    this.#bottleneck.ready().then(
      () => (this.#ready = true),
      // Failing to start up is reported by the jobs waiting for it (and by the error events).
      () => undefined,
    );
  }

  /**
   * Resolves when Redis's slot for this caller comes. A signal that aborts first rejects at once
   * with its reason; the slot Redis gave (or is about to give) the job is then spent unused —
   * bottleneck 2.19.5 cannot take a queued job back.
   */
  take(signal: AbortSignal | undefined): Promise<void> {
    const taken = new Promise<void>((resolve, reject) => {
      this.#jobs += 1;
      const id = `acquire-${this.#jobs}`;
      const settle = (): void => {
        this.#waiters.delete(id);
        clearTimeout(answerTimer);
        signal?.removeEventListener('abort', onAbort);
      };
      const onAbort = (): void => {
        settle();
        reject(signal?.reason as Error);
      };
      const answerTimer = setTimeout(
        () => this.#fail(this.#parts.unanswered()),
        SLOT_ANSWER_TIMEOUT_MS,
      );
      this.#waiters.set(id, {
        grant: () => {
          settle();
          resolve();
        },
        fail: (error) => {
          settle();
          reject(error);
        },
        answerTimer,
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#bottleneck
        // The job is the grant: it runs at the slot bottleneck reserved for it in Redis.
        .schedule({ id }, () => {
          this.#waiters.get(id)?.grant();
          return Promise.resolve();
        })
        // A job bottleneck could not queue (its `submit` script failed) is dropped with the error;
        // jobs dropped by stop() after the session ended have been failed already.
        .catch((error: unknown) => this.#fail(error));
    });
    // A waiter failed by close() or by a session failure before its caller awaits it is not an
    // unhandled rejection: the caller still sees it when it does.
    taken.catch(() => undefined);
    return taken;
  }

  /** Fails every waiter with `error` and closes: the session is over. */
  #fail(error: unknown): void {
    if (this.#ended) return;
    this.#parts.onFailed();
    void this.end(this.#parts.describe(error, this.#lastConnectionFailure));
  }

  /**
   * Fails the waiters with `reason`, stops the Bottleneck and closes both connections (they are
   * the session's own). Idempotent.
   */
  async end(reason: Error): Promise<void> {
    if (this.#ended) return;
    this.#ended = true;
    for (const waiter of [...this.#waiters.values()]) waiter.fail(reason);
    // Drops the jobs still waiting for their slot, and their timers. Not awaited: it waits for
    // bottleneck's submit lock, which a job stuck on an unreachable Redis holds for good.
    this.#bottleneck.stop({ dropWaitingJobs: true }).catch(() => undefined);
    // The connection first: once it is terminated, bottleneck's own disconnect no longer
    // unsubscribes (on a broken connection that rejects with nobody to hear it).
    if (this.#ready) {
      // QUIT lets a command in flight finish; a connection that breaks meanwhile is dropped.
      await this.#connection.disconnect(true).catch(() => this.#connection.disconnect(false));
    } else await this.#connection.disconnect(false);
    // Clears bottleneck's heartbeat (also when its start-up finished while the QUIT was on its
    // way). With a connection of its own making it returns nothing, whatever its typings say.
    await Promise.resolve(this.#bottleneck.disconnect(false)).catch(() => undefined);
  }
}
