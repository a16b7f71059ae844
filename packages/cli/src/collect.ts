/**
 * Drains an async iterable into an array — for the demo's small books. Not taken from
 * `@invoicekit/core/testing`, which needs vitest (the CommonJS build could not be required).
 */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}
