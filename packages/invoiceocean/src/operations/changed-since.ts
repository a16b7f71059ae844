/**
 * The records of a list ordered by `updated_at` newest first, up to the first one updated before
 * `since`: every later one is older still, so the pages after it are never asked for. A record
 * without a readable update time does not stop the list (core lists it anyway).
 */
export async function* newestUntil<T>(
  records: AsyncIterable<T>,
  since: string,
  updatedAtOf: (record: T) => string | null,
): AsyncGenerator<T, void, undefined> {
  const instant = Date.parse(since);
  for await (const record of records) {
    const updatedAt = updatedAtOf(record);
    // Leaving the loop ends the pagination: no further page is fetched.
    if (updatedAt !== null && Date.parse(updatedAt) < instant) return;
    yield record;
  }
}
