import { describe, expect, it } from 'vitest';
import { ProviderError } from '../errors/errors';
import {
  cursorStrategy,
  deferIterable,
  offsetLimitStrategy,
  pageNumberStrategy,
  paginate,
  type Page,
} from './paginate';

interface Item {
  id: string;
}
const items = (from: number, count: number): Item[] =>
  Array.from({ length: count }, (_, i) => ({ id: String(from + i) }));

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const result: T[] = [];
  for await (const item of iterable) result.push(item);
  return result;
}

describe('paginate', () => {
  it('walks page/per_page until a short page, requesting each page once', async () => {
    const requested: number[] = [];
    const all = items(1, 25);
    const result = await collect(
      paginate({
        provider: 'test',
        strategy: pageNumberStrategy({ perPage: 10 }),
        idOf: (item: Item) => item.id,
        fetchPage: ({ page, perPage }) => {
          requested.push(page);
          return Promise.resolve({ items: all.slice((page - 1) * perPage, page * perPage) });
        },
      }),
    );
    expect(result.map((item) => item.id)).toEqual(all.map((item) => item.id));
    expect(requested).toEqual([1, 2, 3]);
  });

  it('asks for one more page after an exactly full last page and stops on the empty one', async () => {
    const requested: number[] = [];
    const all = items(1, 20);
    const result = await collect(
      paginate({
        provider: 'test',
        strategy: pageNumberStrategy({ perPage: 10 }),
        idOf: (item: Item) => item.id,
        fetchPage: ({ page }) => {
          requested.push(page);
          return Promise.resolve({ items: all.slice((page - 1) * 10, page * 10) });
        },
      }),
    );
    expect(result).toHaveLength(20);
    expect(requested).toEqual([1, 2, 3]);
  });

  it('walks offset/limit', async () => {
    const offsets: number[] = [];
    const all = items(1, 7);
    const result = await collect(
      paginate({
        provider: 'test',
        strategy: offsetLimitStrategy({ limit: 3 }),
        idOf: (item: Item) => item.id,
        fetchPage: ({ offset, limit }) => {
          offsets.push(offset);
          return Promise.resolve({ items: all.slice(offset, offset + limit) });
        },
      }),
    );
    expect(result).toHaveLength(7);
    expect(offsets).toEqual([0, 3, 6]);
  });

  it('follows a vendor cursor until there is none', async () => {
    const pages: Record<string, Page<Item, string>> = {
      a: { items: items(1, 2), next: 'b' },
      b: { items: items(3, 2), next: 'c' },
      c: { items: items(5, 1) },
    };
    const result = await collect(
      paginate({
        provider: 'test',
        strategy: cursorStrategy('a'),
        idOf: (item: Item) => item.id,
        fetchPage: (cursor: string) => Promise.resolve(pages[cursor] as Page<Item, string>),
      }),
    );
    expect(result.map((item) => item.id)).toEqual(['1', '2', '3', '4', '5']);
  });

  it('is lazy: fetches the next page only when the consumer gets there', async () => {
    let fetched = 0;
    const iterator = paginate({
      provider: 'test',
      strategy: pageNumberStrategy({ perPage: 2 }),
      idOf: (item: Item) => item.id,
      fetchPage: ({ page }) => {
        fetched += 1;
        return Promise.resolve({ items: items(page * 10, 2) });
      },
    })[Symbol.asyncIterator]();
    await iterator.next();
    await iterator.next();
    expect(fetched).toBe(1);
    await iterator.next();
    expect(fetched).toBe(2);
    await iterator.return?.();
  });

  it('stops a vendor that repeats the same page forever, with a typed error', async () => {
    let fetched = 0;
    const run = collect(
      paginate({
        provider: 'stubborn',
        strategy: pageNumberStrategy({ perPage: 3 }),
        idOf: (item: Item) => item.id,
        fetchPage: () => {
          fetched += 1;
          return Promise.resolve({ items: items(1, 3) });
        },
      }),
    );
    await expect(run).rejects.toBeInstanceOf(ProviderError);
    await expect(run).rejects.toMatchObject({
      provider: 'stubborn',
      message: expect.stringMatching(/repeated/),
    });
    expect(fetched).toBe(2);
  });

  it("with onRepeatedPage: 'stop', ends quietly after a vendor that returned everything at once", async () => {
    const everything = items(1, 40);
    const result = await collect(
      paginate({
        provider: 'unpaged',
        onRepeatedPage: 'stop',
        strategy: pageNumberStrategy({ perPage: 25 }),
        idOf: (item: Item) => item.id,
        fetchPage: () => Promise.resolve({ items: everything }),
      }),
    );
    expect(result).toHaveLength(40);
  });

  it('skips items repeated from the previous page when the list shifted between pages', async () => {
    const pages = [items(1, 3), items(3, 3), items(6, 1)];
    const result = await collect(
      paginate({
        provider: 'test',
        strategy: pageNumberStrategy({ perPage: 3 }),
        idOf: (item: Item) => item.id,
        fetchPage: ({ page }) => Promise.resolve({ items: pages[page - 1] ?? [] }),
      }),
    );
    expect(result.map((item) => item.id)).toEqual(['1', '2', '3', '4', '5', '6']);
  });

  it('refuses to run past maxPages', async () => {
    const run = collect(
      paginate({
        provider: 'test',
        maxPages: 3,
        strategy: pageNumberStrategy({ perPage: 1 }),
        idOf: (item: Item) => item.id,
        fetchPage: ({ page }) => Promise.resolve({ items: items(page, 1) }),
      }),
    );
    await expect(run).rejects.toThrow(/exceeded 3 pages/);
  });
});

describe('deferIterable', () => {
  it('builds nothing until iteration starts, then rejects the first next() with the factory error', async () => {
    let built = 0;
    const failing = deferIterable<number>(() => {
      built += 1;
      throw new Error('bad query');
    });
    expect(built).toBe(0);
    await expect(collect(failing)).rejects.toThrow('bad query');
    expect(built).toBe(1);
  });

  it('passes items and early return through', async () => {
    async function* numbers() {
      yield 1;
      yield 2;
      yield 3;
    }
    expect(await collect(deferIterable(numbers))).toEqual([1, 2, 3]);
    for await (const value of deferIterable(numbers)) {
      expect(value).toBe(1);
      break;
    }
  });
});
