/**
 * Creates with one external id, one at a time per account, within this process.
 *
 * The vendor documents no uniqueness of `INVOICE_EXT_UID`: two creates racing on one external
 * id both find nothing in their look-up and both create. Within one process (several adapters
 * or workers on one account) the second waits here until the first has finished, then finds its
 * invoice and returns it as `existed`. Across processes nothing on the client can prevent the
 * race; concurrent migrations are kept apart by the migration journal's lock.
 */
const running = new Map<string, Promise<unknown>>();

/** Runs `task` after every earlier task with the same `key` has settled. */
export async function oneAtATime<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = running.get(key) ?? Promise.resolve();
  // An earlier failure is that call's business: the next one still runs (and looks up first).
  const current = previous.then(
    () => task(),
    () => task(),
  );
  running.set(key, current);
  try {
    return await current;
  } finally {
    // The last one out leaves no entry behind.
    if (running.get(key) === current) running.delete(key);
  }
}
