/**
 * Polls `find` every 25 ms until it gives something (`undefined` and `false` mean "not yet");
 * a timeout names what was waited for.
 */
export async function until<T>(
  find: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs: number,
  what = 'the condition',
): Promise<T> {
  const endsAt = Date.now() + timeoutMs;
  for (;;) {
    const found = await find();
    if (found !== undefined && found !== false) return found;
    if (Date.now() > endsAt) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
