/** Table cells for console.table: fixed digits for the eye, the raw figures stay in the rows. */
import type { InterleavedRow } from './interleaved';

const micros = (value: number): string =>
  value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);

/** The printed form of a row. */
export function formatRows(rows: readonly InterleavedRow[]): Record<string, string | number>[] {
  return rows.map((row) => ({
    task: row.task,
    'min µs': micros(row.minMicros),
    'median µs': micros(row.medianMicros),
    '× baseline (min)': `${row.ratioMin.toFixed(2)}×`,
    '× baseline (median)': `${row.ratioMedian.toFixed(2)}×`,
    ...(row.kibPerCall === undefined ? {} : { 'KiB / call': row.kibPerCall.toFixed(1) }),
  }));
}
