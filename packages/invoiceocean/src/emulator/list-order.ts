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
  // Each timestamp parsed once, not once per comparison (a list sorts the whole book).
  const keyed = records.map((record) => ({ record, at: Date.parse(record[field]) }));
  keyed.sort((left, right) => sign * (left.at - right.at || left.record.id - right.record.id));
  return keyed.map(({ record }) => record);
}
