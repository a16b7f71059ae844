import { CHANGE_CURSOR_OVERLAP_MS, encodeChangeCursor, type ChangeStream } from './change-cursor';

/**
 * What `invoices.list()` and `customers.list()` return: the records, paged lazily, and the cursor
 * to list the changes after them.
 */
export interface RecordListing<T> extends AsyncIterable<T> {
  /**
   * The value to pass as `updatedSince` next time, to list every record changed after this
   * listing began (with {@link CHANGE_CURSOR_OVERLAP_MS} of overlap), in the vendor's time where
   * its `Date` headers show its clock behind ours. It moves on only once the
   * listing has been read to its end; before that — never started, stopped early, failed — it is
   * where this listing started (its own `updatedSince`, or the beginning of time), so a stored
   * cursor never skips a record. Store it after handling what was listed.
   */
  cursor(): string;
}

/** What a listing is, once its query has been read: where it starts and its records. */
export interface OpenedListing<T> {
  /** The instant this listing starts at (its `updatedSince`), or `undefined` for everything. */
  readonly since: string | undefined;
  /** The records; called on the first `next()`. */
  readonly records: () => AsyncIterable<T>;
}

/** Options of {@link recordListing}. */
export interface RecordListingOptions<T> {
  readonly provider: string;
  readonly stream: ChangeStream;
  /** Milliseconds since the epoch; read when the first page is asked for. */
  readonly now: () => number;
  /**
   * Watches how far the vendor's clock is ahead of `now` (negative: behind) while the listing
   * pages: a vendor behind ours moves the cursor back by the most it was seen behind, so its
   * next changes are not skipped.
   */
  readonly watchVendorClock?: () => { minOffsetMs(): number | undefined; stop(): void };
  /**
   * Reads the query (once, on the first `next()` or `cursor()`): a bad query throws there, as an
   * unread listing sends nothing.
   */
  readonly open: () => OpenedListing<T>;
}

/** The beginning of the epoch: a cursor from it lists everything. */
const EVERYTHING = new Date(0).toISOString();

/**
 * Wraps a lazy list into a {@link RecordListing}: notes the time it starts and whether it was read
 * to its end, which is what its cursor is made of.
 */
export function recordListing<T>(options: RecordListingOptions<T>): RecordListing<T> {
  const { provider, stream } = options;
  let opened: OpenedListing<T> | undefined;
  let reached: string | undefined;
  const open = (): OpenedListing<T> => (opened ??= options.open());
  const start = (): string => open().since ?? EVERYTHING;
  return {
    cursor: () => encodeChangeCursor({ provider, stream, since: reached ?? start() }),
    [Symbol.asyncIterator]: () => {
      let inner: AsyncIterator<T> | undefined;
      let startedAt = 0;
      let watch: { minOffsetMs(): number | undefined; stop(): void } | undefined;
      const iterator = (): AsyncIterator<T> => {
        if (!inner) {
          const records = open().records;
          startedAt = options.now();
          watch = options.watchVendorClock?.();
          inner = records()[Symbol.asyncIterator]();
        }
        return inner;
      };
      return {
        next: async () => {
          let result: IteratorResult<T>;
          try {
            result = await iterator().next();
          } catch (error) {
            watch?.stop();
            throw error;
          }
          if (result.done) {
            // In the vendor's time when it is behind ours; never behind where the listing started.
            const behind = Math.min(0, watch?.minOffsetMs() ?? 0);
            watch?.stop();
            const end = new Date(startedAt + behind - CHANGE_CURSOR_OVERLAP_MS).toISOString();
            reached = Date.parse(end) > Date.parse(start()) ? end : start();
          }
          return result;
        },
        return: async (value?: unknown) => {
          watch?.stop();
          return inner?.return ? inner.return(value) : { done: true as const, value: undefined };
        },
      };
    },
  };
}
