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

/**
 * Pulls up to `ahead` items of `items` before they are asked for, so that a paged source fetches
 * its next page while the items already read are worked on (a worker never waits for the
 * vendor's page round trip while some are queued). At most `ahead` items are held beyond those
 * taken; an error of the source is thrown where it happened, after the items before it.
 * Returning (or breaking) stops the pulling and closes the source.
 */
export async function* readAhead<T>(items: AsyncIterable<T>, ahead: number): AsyncGenerator<T> {
  const iterator = items[Symbol.asyncIterator]();
  const queue: Promise<IteratorResult<T>>[] = [];
  let ended = false;
  // Pulls one at a time (async iterators must not be advanced concurrently), in order.
  let last: Promise<unknown> = Promise.resolve();
  const pull = (): void => {
    const result = last.then(() => iterator.next());
    // A rejection is seen by whoever takes this item; the chain itself goes on.
    result.catch(() => undefined);
    last = result.then(
      (step) => {
        if (step.done) ended = true;
      },
      () => {
        ended = true;
      },
    );
    queue.push(result);
  };
  let finished = false;
  try {
    for (;;) {
      while (!ended && queue.length < Math.max(1, ahead) + 1) pull();
      const next = queue.shift();
      if (!next) return;
      const step = await next;
      if (step.done) {
        finished = true;
        return;
      }
      yield step.value;
    }
  } catch (error) {
    finished = true;
    throw error;
  } finally {
    if (!finished) {
      // Stopped early: let the pulls in flight settle, then close the source.
      await last;
      await iterator.return?.();
    }
  }
}
