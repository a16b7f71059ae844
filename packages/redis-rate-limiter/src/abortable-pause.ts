/**
 * Waits `ms`, or rejects with the reason of the first of `signals` to abort: a waiter that gives
 * up (or a limiter that closes) does not sit out its whole wait.
 */
export function abortablePause(
  ms: number,
  signals: readonly (AbortSignal | undefined)[],
): Promise<void> {
  const active = signals.filter((signal): signal is AbortSignal => signal !== undefined);
  return new Promise<void>((resolve, reject) => {
    const aborted = active.find((signal) => signal.aborted);
    if (aborted) {
      reject(aborted.reason as Error);
      return;
    }
    const cleanUp = (): void => {
      clearTimeout(timer);
      for (const signal of active) signal.removeEventListener('abort', onAbort);
    };
    const onAbort = (event: Event): void => {
      cleanUp();
      reject((event.target as AbortSignal).reason as Error);
    };
    const timer = setTimeout(() => {
      cleanUp();
      resolve();
    }, ms);
    for (const signal of active) signal.addEventListener('abort', onAbort, { once: true });
  });
}
