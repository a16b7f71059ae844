/**
 * Remembers webhook deliveries already accepted, so that a delivery replayed inside the 300 s
 * signature window (same signed timestamp, same signature) is refused. A signature alone cannot
 * tell a replay from the original: only a record of what was seen can.
 *
 * For several processes behind one endpoint the store must be shared and `seen` atomic per id,
 * e.g. Redis `SET <id> 1 NX PXAT <expiresAtMs>` (seen = the SET did nothing).
 */
export interface WebhookReplayStore {
  /**
   * Records `id` until `expiresAtMs` (epoch milliseconds) and says whether it was recorded
   * already and is not expired yet. Returns `true` for a replay, `false` for a first delivery
   * (which is now recorded).
   */
  seen(id: string, expiresAtMs: number): Promise<boolean>;
  /**
   * Drops `id` again, when the delivery could not be handled: the vendor's retry of the same
   * delivery is then accepted. Optional; without it a failed delivery stays recorded.
   */
  forget?(id: string): Promise<void>;
}

/** Options of {@link createMemoryReplayStore}. */
export interface MemoryReplayStoreOptions {
  /**
   * Most deliveries kept; the oldest go first beyond it (10 000 by default). Size it above the
   * deliveries one endpoint receives in ten minutes: an id evicted early could be replayed.
   */
  readonly maxEntries?: number;
  /** The store's clock, epoch milliseconds; `Date.now` by default. */
  readonly now?: () => number;
}

/**
 * A {@link WebhookReplayStore} in this process's memory: bounded in size, each id kept until its
 * signature window has passed (after that the timestamp check refuses the delivery anyway). Good
 * for one process; several processes need a shared store.
 */
export function createMemoryReplayStore(
  options: MemoryReplayStoreOptions = {},
): WebhookReplayStore {
  const maxEntries = Math.max(1, options.maxEntries ?? 10_000);
  const now = options.now ?? Date.now;
  // Insertion order is the eviction order.
  const entries = new Map<string, number>();

  const purgeExpired = (nowMs: number): void => {
    for (const [id, expiresAtMs] of entries) {
      // Roughly in expiry order (timestamps differ by at most the window): stop at a live one.
      if (expiresAtMs > nowMs) break;
      entries.delete(id);
    }
  };

  return {
    seen(id, expiresAtMs) {
      const nowMs = now();
      purgeExpired(nowMs);
      const known = entries.get(id);
      if (known !== undefined && known > nowMs) return Promise.resolve(true);
      entries.delete(id);
      while (entries.size >= maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
      entries.set(id, expiresAtMs);
      return Promise.resolve(false);
    },
    forget(id) {
      entries.delete(id);
      return Promise.resolve();
    },
  };
}
