import { collect } from '@invoicekit/core/testing';
import { paginate } from '@invoicekit/core';
import { describe, expect, it } from 'vitest';
import { lenientPagingStrategy, nextCursor, pageHintsOf, type LenientCursor } from './paging';

/** Pages through `total` numbered items served by `answer(page, perPage)`. */
async function pagesRead(
  total: number,
  perPage: number,
  answer: (page: number, perPage: number) => unknown,
): Promise<{ items: number[]; pagesAsked: number[] }> {
  const pagesAsked: number[] = [];
  const items = await collect(
    paginate({
      provider: 'plandocket',
      strategy: lenientPagingStrategy(perPage),
      idOf: (item: number) => String(item),
      onRepeatedPage: 'stop',
      fetchPage: (cursor: LenientCursor) => {
        pagesAsked.push(cursor.page);
        const body = answer(cursor.page, cursor.perPage) as { data: number[] };
        return Promise.resolve({
          items: body.data,
          next: nextCursor(cursor, pageHintsOf(body), body.data.length),
        });
      },
    }),
  );
  expect(items.length).toBeLessThanOrEqual(total);
  return { items, pagesAsked };
}

const all = (total: number) => Array.from({ length: total }, (_, index) => index + 1);
const slice = (total: number, page: number, perPage: number) =>
  all(total).slice((page - 1) * perPage, page * perPage);

describe('lenient paging', () => {
  it('follows meta.pagination.total_pages, even when the last page is full', async () => {
    const { items, pagesAsked } = await pagesRead(6, 3, (page, perPage) => ({
      data: slice(6, page, perPage),
      meta: { pagination: { current_page: page, per_page: perPage, total: 6, total_pages: 2 } },
    }));
    expect(items).toEqual(all(6));
    expect(pagesAsked).toEqual([1, 2]);
  });

  it('follows links.next until it is null', async () => {
    const { items, pagesAsked } = await pagesRead(7, 3, (page, perPage) => ({
      data: slice(7, page, perPage),
      links: { next: page < 3 ? `/api/v1/invoices?page=${page + 1}` : null },
    }));
    expect(items).toEqual(all(7));
    expect(pagesAsked).toEqual([1, 2, 3]);
  });

  it('links.next: null ends the list, even after pages of equal length', async () => {
    const { items, pagesAsked } = await pagesRead(6, 3, (page, perPage) => ({
      data: slice(6, page, perPage),
      links: { next: page < 2 ? `/api/v1/invoices?page=${page + 1}` : null },
    }));
    expect(items).toEqual(all(6));
    expect(pagesAsked).toEqual([1, 2]);
    expect(pageHintsOf({ links: { next: null }, meta: { pagination: {} } })).toEqual({
      next: null,
    });
  });

  it('without metadata, stops on a page shorter than the longest seen', async () => {
    const { items, pagesAsked } = await pagesRead(7, 3, (page, perPage) => ({
      data: slice(7, page, perPage),
    }));
    expect(items).toEqual(all(7));
    expect(pagesAsked).toEqual([1, 2, 3]);
  });

  it('a server that caps per_page below what was asked loses nothing', async () => {
    // Asked for 10 per page; the server sends at most 3.
    const { items, pagesAsked } = await pagesRead(7, 10, (page) => ({ data: slice(7, page, 3) }));
    expect(items).toEqual(all(7));
    expect(pagesAsked).toEqual([1, 2, 3]);
  });

  it('without metadata, an exact multiple ends on an empty page', async () => {
    const { pagesAsked } = await pagesRead(6, 3, (page, perPage) => ({
      data: slice(6, page, perPage),
    }));
    expect(pagesAsked).toEqual([1, 2, 3]);
  });

  it('a vendor that ignores page (returns everything) is read once and stopped', async () => {
    const { items, pagesAsked } = await pagesRead(5, 3, () => ({ data: all(5) }));
    expect(items).toEqual(all(5));
    expect(pagesAsked).toEqual([1, 2]);
  });
});
