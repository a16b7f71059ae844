import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readAhead } from './pool';

/** A source of `items` that fails after `failAt` of them (if given), recording what it did. */
function source(items: readonly number[], failAt: number | undefined) {
  const log = { pulled: 0, closed: false };
  async function* generate(): AsyncGenerator<number> {
    try {
      for (const [index, item] of items.entries()) {
        if (index === failAt) throw new Error(`failed at ${index}`);
        await Promise.resolve();
        log.pulled += 1;
        yield item;
      }
      if (failAt === items.length) throw new Error(`failed at ${failAt}`);
    } finally {
      log.closed = true;
    }
  }
  return { iterable: generate(), log };
}

describe('readAhead', () => {
  it('yields what the source yields, in order, the error where it happened; holds at most `ahead` items more than taken; closes the source when stopped early', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer(), { maxLength: 30 }),
        fc.integer({ min: 0, max: 6 }),
        fc.option(fc.nat(35), { nil: undefined }),
        fc.option(fc.nat(35), { nil: undefined }),
        async (items, ahead, failAtRaw, stopAt) => {
          const failAt = failAtRaw === undefined ? undefined : Math.min(failAtRaw, items.length);
          const { iterable, log } = source(items, failAt);
          const taken: number[] = [];
          let thrown: unknown;
          try {
            for await (const item of readAhead(iterable, ahead)) {
              if (stopAt !== undefined && taken.length === stopAt) break;
              taken.push(item);
              // Taken items plus the read-ahead (and the one being read): never the whole source.
              expect(log.pulled).toBeLessThanOrEqual(taken.length + Math.max(1, ahead) + 1);
            }
          } catch (error) {
            thrown = error;
          }
          const available = failAt === undefined ? items : items.slice(0, failAt);
          const stopped = stopAt !== undefined && stopAt < available.length;
          expect(taken).toEqual(stopped ? available.slice(0, stopAt) : available);
          if (!stopped && failAt !== undefined)
            expect(thrown).toEqual(new Error(`failed at ${failAt}`));
          else expect(thrown).toBeUndefined();
          expect(log.closed).toBe(true);
        },
      ),
    );
  });

  it('reads ahead while the consumer works on what it took', async () => {
    const { iterable, log } = source(
      Array.from({ length: 10 }, (_, index) => index),
      undefined,
    );
    const reader = readAhead(iterable, 3);
    expect(await reader.next()).toEqual({ value: 0, done: false });
    await new Promise((resolve) => setTimeout(resolve, 10));
    // The item taken and three more, before any of them is asked for.
    expect(log.pulled).toBeGreaterThanOrEqual(4);
    await reader.return(undefined);
    expect(log.closed).toBe(true);
  });
});
