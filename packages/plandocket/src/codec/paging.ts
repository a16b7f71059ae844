import type { PaginationStrategy } from '@invoicekit/core';

/** Where the next page is, when the vendor says so. */
export interface PageHints {
  /** `meta.pagination.total_pages` (or `last_page`), when sent. */
  readonly totalPages?: number;
  /** `links.next` (or `meta.pagination.links.next`), when sent: `null` means there is none. */
  readonly next?: string | null;
}

/** Reads paging metadata if the answer carries any (none is documented). */
export function pageHintsOf(body: unknown): PageHints {
  if (typeof body !== 'object' || body === null) return {};
  const record = body as {
    meta?: { pagination?: Record<string, unknown> };
    links?: { next?: unknown };
  };
  const pagination = record.meta?.pagination;
  const totalPages = Number(pagination?.total_pages ?? pagination?.last_page ?? Number.NaN);
  // `"next": null` is the vendor saying "no more": `??` would read past it to the other spelling.
  const links = [record.links, pagination?.links].find(
    (candidate): candidate is { next?: unknown } =>
      typeof candidate === 'object' && candidate !== null && 'next' in candidate,
  );
  const next = links?.next;
  return {
    ...(Number.isFinite(totalPages) ? { totalPages } : {}),
    ...(next === null || typeof next === 'string' ? { next } : {}),
  };
}

/** The cursor of the lenient strategy. */
export interface LenientCursor {
  readonly page: number;
  readonly perPage: number;
  /** What the answer said about a next page: more, none, or nothing (`undefined`). */
  readonly hint?: 'more' | 'end';
  /** The vendor's own link to the next page (same origin, path and query), when it sent one. */
  readonly link?: string;
  /** The longest page seen so far: a server may cap `per_page` below what was asked. */
  readonly longest?: number;
}

/** The cursor after the page at `current` of `size` items, carrying what its answer said. */
export function nextCursor(current: LenientCursor, hints: PageHints, size: number): LenientCursor {
  const hint =
    hints.next === null
      ? 'end'
      : hints.totalPages !== undefined
        ? current.page < hints.totalPages
          ? 'more'
          : 'end'
        : typeof hints.next === 'string'
          ? 'more'
          : undefined;
  return {
    page: current.page + 1,
    perPage: current.perPage,
    longest: Math.max(current.longest ?? 0, size),
    ...(hint ? { hint } : {}),
    ...(typeof hints.next === 'string' ? { link: hints.next } : {}),
  };
}

/**
 * Paging without a documented protocol (docs/vendors/plandocket.md §8, §9): ask `page` +
 * `per_page`; follow `meta.pagination` / `links.next` when present (`fetchPage` returns `next:
 * nextCursor(…)` and requests `link` when there is one). Without metadata a page shorter than the
 * longest seen ends the list, an empty page too — never a page merely shorter than asked, since the
 * server may cap `per_page` silently. A vendor that ignores `page` repeats its first page:
 * `paginate` ends the list there (`onRepeatedPage: 'stop'`), since it returned everything at once.
 */
export function lenientPagingStrategy(perPage: number): PaginationStrategy<LenientCursor> {
  return {
    first: { page: 1, perPage },
    following: (page) => {
      const next = page.next;
      if (!next || next.hint === 'end' || page.items.length === 0) return undefined;
      if (next.hint === 'more') return next;
      return page.items.length < (next.longest ?? 0) ? undefined : next;
    },
  };
}
