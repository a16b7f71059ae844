import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fieldCapabilityTable, withCurrentFieldTable } from './field-capability-table';

/** The cells of the table row whose first cell is `field` (in backticks). */
function rowOf(table: string, field: string): string[] {
  const line = table.split('\n').find((candidate) => candidate.startsWith(`| \`${field}\` `));
  expect(line, `a row for ${field}`).toBeDefined();
  return (line ?? '')
    .split('|')
    .slice(2, -1)
    .map((cell) => cell.trim());
}

describe('the field capability table', () => {
  it('is generated from the writers: one row per canonical field, a reason for each gap', () => {
    const table = fieldCapabilityTable();
    for (const field of [
      'lines.*.unit',
      'exchangeRate',
      'internalNotes',
      'payments (each its own: amount, date, method)',
    ])
      expect(rowOf(table, field)).toHaveLength(3);
    // InvoiceOcean lets the caller number invoices; method-style numbers them itself; Plandocket
    // cannot create invoices — each gap with a numbered note.
    const [io, methodStyle, plandocket] = rowOf(table, 'number');
    expect(io).toBe('carried');
    expect(methodStyle).toMatch(/^not held \[\d+\]$/);
    expect(plandocket).toMatch(/^not held \[\d+\]$/);
    const notes = table.split('\n').filter((line) => /^\d+\. /.test(line));
    const noteOf = (cell: string | undefined) =>
      notes.find((note) => note.startsWith(`${/\[(\d+)\]/.exec(cell ?? '')?.[1] ?? '?'}. `));
    expect(noteOf(plandocket)).toContain('cannot create invoices');
    // Every reference has its note and every note is referenced.
    const references = new Set([...table.matchAll(/\[(\d+)\]/g)].map((match) => match[1]));
    expect(references.size).toBe(notes.length);
  });

  it('in the README is current (run `pnpm invoicekit capabilities --update README.md`)', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    expect(withCurrentFieldTable(readme)).toBe(readme);
  });
});
