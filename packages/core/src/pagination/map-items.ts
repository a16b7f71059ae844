/**
 * Maps each item of a lazily paged list as it is read: one vendor page in memory at a time, and
 * stopping early stops the paging (the source's `return` runs).
 */
export async function* mapItems<From, To>(
  items: AsyncIterable<From>,
  map: (item: From) => To,
): AsyncIterable<To> {
  for await (const item of items) yield map(item);
}
