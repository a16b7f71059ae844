/**
 * Runs creates with one external id one at a time.
 *
 * The vendor documents no uniqueness of `INVOICE_EXT_UID`: two creates racing on one external
 * id both find nothing in their look-up and both create. An adapter serialises its own creates
 * per id; adapters that should wait for each other (several adapters or workers on one account
 * in one process) are built from one descriptor that holds a shared serialiser
 * (`defineBillomatStyleProvider({ createSerializer })`). Across processes
 * nothing on the client can prevent the race; concurrent migrations are kept apart by the
 * migration journal's lock.
 */
export class CreateSerializer {
  private readonly running = new Map<string, Promise<unknown>>();

  /** Runs `task` after every earlier task with the same `key` has settled. */
  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.running.get(key) ?? Promise.resolve();
    // An earlier failure is that call's business: the next one still runs (and looks up first).
    const current = previous.then(
      () => task(),
      () => task(),
    );
    this.running.set(key, current);
    try {
      return await current;
    } finally {
      // The last one out leaves no entry behind.
      if (this.running.get(key) === current) this.running.delete(key);
    }
  }
}
