/** Maps each item of a lazily paged list, page by page as it is read. */
export async function* mapItems<From, To>(
  items: AsyncIterable<From>,
  map: (item: From) => To,
): AsyncIterable<To> {
  for await (const item of items) yield map(item);
}
