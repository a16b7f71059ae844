import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { renderTable } from './table';

/** The terminal column where each cell of a line starts (two spaces separate columns). */
function columnStarts(line: string): number[] {
  const starts: number[] = [];
  const cells = line.split(/ {2,}/);
  let at = 0;
  let rest = line;
  for (const cell of cells) {
    const index = rest.indexOf(cell);
    at += stringWidth(rest.slice(0, index));
    starts.push(at);
    at += stringWidth(cell);
    rest = rest.slice(index + cell.length);
  }
  return starts;
}

describe('renderTable', () => {
  it('aligns CJK, emoji and combining marks by display width', () => {
    const table = renderTable(
      ['name', 'country', 'gross'],
      [
        ['株式会社テスト', 'JP', '1.00'],
        ['Café 🍰 Bäckerei', 'DE', '22.50'],
        // "e" + COMBINING ACUTE ACCENT: two code units, one column.
        ['Cafe\u0301 Noir', 'FR', '333.00'],
        ['👩‍👩‍👧 Family GmbH', 'AT', '4.00'],
        ['plain', 'PL', '5.00'],
      ],
    );
    const lines = table.split('\n');
    // Left-aligned columns start in the same terminal column on every line.
    const header = columnStarts(lines[0] ?? '').slice(0, 2);
    for (const line of lines.slice(2)) expect(columnStarts(line).slice(0, 2), line).toEqual(header);
    // Right-aligned numbers end in the same column; the rule is as wide as the widest cell.
    const ends = lines.slice(2).map((line) => stringWidth(line));
    expect(new Set(ends).size).toBe(1);
    expect(lines[1]?.split('  ')[0]).toBe('─'.repeat(stringWidth('Café 🍰 Bäckerei')));
    expect(stringWidth('株式会社テスト')).toBe(14);
    expect(table).toMatchInlineSnapshot(`
      "name              country   gross
      ────────────────  ───────  ──────
      株式会社テスト    JP         1.00
      Café 🍰 Bäckerei  DE        22.50
      Café Noir         FR       333.00
      👩‍👩‍👧 Family GmbH    AT         4.00
      plain             PL         5.00"
    `);
  });
});
