import stringWidth from 'string-width';

/**
 * A plain text table: a header row, aligned columns, numbers right-aligned. Widths are terminal
 * columns, not UTF-16 units: a CJK character or an emoji takes two, a combining mark none.
 */
export function renderTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const widths = header.map((title, column) =>
    Math.max(stringWidth(title), ...rows.map((row) => stringWidth(row[column] ?? ''))),
  );
  // A column of numbers stays right-aligned when some cells have none (`-` or empty: no count
  // yet), as long as one cell holds a number.
  const isNumber = (cell: string) => /^-?[\d.,]+$/.test(cell);
  const numeric = header.map(
    (_, column) =>
      rows.some((row) => isNumber(row[column] ?? '')) &&
      rows.every((row) => {
        const cell = row[column] ?? '';
        return cell === '-' || cell === '' || isNumber(cell);
      }),
  );
  const pad = (cell: string, column: number) =>
    ' '.repeat(Math.max(0, (widths[column] ?? 0) - stringWidth(cell)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        numeric[column] ? `${pad(cell, column)}${cell}` : `${cell}${pad(cell, column)}`,
      )
      .join('  ')
      .trimEnd();
  return [
    line(header),
    widths.map((width) => '─'.repeat(width)).join('  '),
    ...rows.map(line),
  ].join('\n');
}
