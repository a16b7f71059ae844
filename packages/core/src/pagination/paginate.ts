import { ProviderError } from '../errors/errors';

/** One page as a provider fetched it. */
export interface Page<T, Cursor> {
  readonly items: readonly T[];
  /** Where the next page starts; `undefined` when the vendor says there is none. */
  readonly next?: Cursor | undefined;
}

/**
 * How a vendor pages. The strategy produces the first cursor, the next one after a page, and
 * decides when a page was the last.
 */
export interface PaginationStrategy<Cursor> {
  readonly first: Cursor;
  /** The cursor after `page`, or `undefined` to stop. */
  following(page: Page<unknown, Cursor>, current: Cursor): Cursor | undefined;
}

/** `page` + `per_page` (InvoiceOcean, Plandocket): stops on a short or empty page. */
export function pageNumberStrategy(options: {
  perPage: number;
  firstPage?: number;
}): PaginationStrategy<{
  page: number;
  perPage: number;
}> {
  const { perPage, firstPage = 1 } = options;
  return {
    first: { page: firstPage, perPage },
    following: (page, current) =>
      page.items.length < perPage ? undefined : { page: current.page + 1, perPage },
  };
}

/** `offset` + `limit` (method-style `LIMIT`/`OFFSET`): stops on a short or empty page. */
export function offsetLimitStrategy(options: {
  limit: number;
}): PaginationStrategy<{ offset: number; limit: number }> {
  const { limit } = options;
  return {
    first: { offset: 0, limit },
    following: (page, current) =>
      page.items.length < limit ? undefined : { offset: current.offset + page.items.length, limit },
  };
}

/** An opaque cursor the vendor returns with each page: stops when there is none. */
export function cursorStrategy<Cursor>(first: Cursor): PaginationStrategy<Cursor> {
  return { first, following: (page) => page.next };
}

/** Options of {@link paginate}. */
export interface PaginateOptions<T, Cursor> {
  readonly strategy: PaginationStrategy<Cursor>;
  readonly fetchPage: (cursor: Cursor, signal?: AbortSignal) => Promise<Page<T, Cursor>>;
  /** The identity of an item, used to detect a vendor that repeats pages. */
  readonly idOf: (item: T) => string;
  /** Names the provider in errors. */
  readonly provider: string;
  /**
   * What to do when a page only repeats the previous one — the vendor ignores the paging
   * parameters. `throw` (default): a {@link ProviderError}, because items beyond the first page
   * may exist and would be missed. `stop`: end the list; right for vendors documented to return
   * the whole list at once when they do not page (Plandocket).
   */
  readonly onRepeatedPage?: 'throw' | 'stop';
  /** Hard stop against runaway paging; 100 000 pages by default. */
  readonly maxPages?: number;
  readonly signal?: AbortSignal;
}

/**
 * Pages lazily through a vendor list: one page is fetched when the previous one has been
 * consumed, so memory stays constant whatever the list size.
 *
 * A vendor that ignores the page parameter would repeat its first page forever. Items already
 * yielded on the previous page are skipped (lists shift while being read), and a page made only of
 * such items ends the iteration — with a {@link ProviderError} by default, or quietly with
 * `onRepeatedPage: 'stop'` — rather than looping forever.
 */
export async function* paginate<T, Cursor>(
  options: PaginateOptions<T, Cursor>,
): AsyncGenerator<T, void, undefined> {
  const maxPages = options.maxPages ?? 100_000;
  let cursor: Cursor | undefined = options.strategy.first;
  let previousIds = new Set<string>();
  for (let pageNumber = 1; cursor !== undefined; pageNumber += 1) {
    if (pageNumber > maxPages) {
      throw new ProviderError({
        provider: options.provider,
        message: `list exceeded ${maxPages} pages; stopped`,
      });
    }
    const page: Page<T, Cursor> = await options.fetchPage(cursor, options.signal);
    const ids = new Set(page.items.map(options.idOf));
    if (pageNumber > 1 && page.items.length > 0 && [...ids].every((id) => previousIds.has(id))) {
      if (options.onRepeatedPage === 'stop') return;
      throw new ProviderError({
        provider: options.provider,
        message: `page ${pageNumber} repeated the previous page: the vendor ignores the paging parameters`,
      });
    }
    for (const item of page.items) {
      if (!previousIds.has(options.idOf(item))) yield item;
    }
    previousIds = ids;
    cursor = options.strategy.following(page, cursor);
  }
}

/**
 * Defers building an iterable until iteration starts, so that input validation inside `factory`
 * rejects the first `next()` — where `for await` reports it — instead of throwing at call time.
 */
export function deferIterable<T>(factory: () => AsyncIterable<T>): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator]: () => {
      let inner: AsyncIterator<T> | undefined;
      const iterator = (): AsyncIterator<T> => (inner ??= factory()[Symbol.asyncIterator]());
      return {
        next: async () => iterator().next(),
        return: async (value?: unknown) =>
          inner?.return ? inner.return(value) : { done: true as const, value: undefined },
      };
    },
  };
}
