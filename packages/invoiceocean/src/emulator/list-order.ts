/**
 * Sorts a list by the vendor's `order=` parameter (`updated_at`, `updated_at.desc`,
 * docs/vendors/invoiceocean.md §6): the timestamps compared as instants (their Warsaw offsets
 * differ across DST), ties by id, so pages do not overlap. Any other order keeps insertion order.
 */
export function orderedBy<T extends { id: number; updated_at: string; created_at: string }>(
  records: readonly T[],
  order: string | null,
): T[] {
  const [field, direction] = (order ?? '').split('.');
  if (field !== 'updated_at' && field !== 'created_at') return [...records];
  const sign = direction === 'desc' ? -1 : 1;
  return [...records].sort(
    (left, right) =>
      sign * (Date.parse(left[field]) - Date.parse(right[field]) || left.id - right.id),
  );
}
