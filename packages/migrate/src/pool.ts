/**
 * Runs `work` over an async iterable with at most `concurrency` items in flight, pulling the next
 * item only when a worker is free — so a 100 000-item source is never held in memory. Once
 * `signal` aborts, no further item is taken (an item pulled but not started is left alone); the
 * items in flight finish, and the source is closed.
 */
export async function forEachConcurrently<T>(
  items: AsyncIterable<T>,
  concurrency: number,
  work: (item: T) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  const iterator = items[Symbol.asyncIterator]();
  let done = false;
  // One pull at a time: async iterators must not be advanced concurrently.
  let pulling: Promise<unknown> = Promise.resolve();
  const next = (): Promise<IteratorResult<T>> => {
    const result = pulling.then(() => iterator.next());
    pulling = result.catch(() => undefined);
    return result;
  };
  const worker = async (): Promise<void> => {
    while (!done && !signal?.aborted) {
      const result = await next();
      if (result.done) {
        done = true;
        return;
      }
      if (signal?.aborted) return;
      await work(result.value);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  } finally {
    if (!done) await iterator.return?.();
  }
}
