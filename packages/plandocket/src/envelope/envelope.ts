/**
 * The vendor hints at `{"data": …, "meta": {"request_id": …}}` but specifies no envelope (reference
 * §3, §8): a body with `data` is unwrapped, any other body is taken as the data itself.
 */
export function dataOf(body: unknown): unknown {
  if (typeof body === 'object' && body !== null && !Array.isArray(body) && 'data' in body)
    return (body as { data: unknown }).data;
  return body;
}

/** A list answer as records: `data` as an array, or one object, or nothing. */
export function listOf(body: unknown): Record<string, unknown>[] {
  const data = dataOf(body);
  if (Array.isArray(data)) return data.filter((item) => typeof item === 'object' && item !== null);
  return typeof data === 'object' && data !== null ? [data as Record<string, unknown>] : [];
}
