import type { AdapterCapabilities, FieldHandling } from '@invoicekit/core';
import { offlineAdapters } from './capability-matrix';

/** One cell: how a provider holds a field, and the reason when not simply carried. */
interface Cell {
  readonly mark: 'carried' | 'approximated' | 'not held';
  readonly reason?: string;
}

function cellOf(handling: FieldHandling | undefined, fallback: string): Cell {
  if (!handling) return { mark: 'not held', reason: fallback };
  switch (handling.handling) {
    case 'written':
      return { mark: 'carried' };
    // Carried by another field's rule or by the operation itself (the reason says where).
    case 'consumed':
      return { mark: 'carried' };
    case 'approximated':
      return { mark: 'approximated', reason: handling.reason };
    case 'unsupported':
    case 'refused':
      return { mark: 'not held', reason: handling.reason };
  }
}

/** Rows the writers do not describe: what the migration does through operations. */
function operationRows(capabilities: AdapterCapabilities): readonly [string, Cell][] {
  const invoices = capabilities.invoices;
  const payments: Cell = !invoices.markPaid
    ? { mark: 'not held', reason: 'the API records no payments' }
    : invoices.partialPayments
      ? { mark: 'carried' }
      : {
          mark: 'approximated',
          reason:
            "whole payments only: a paid invoice gets one payment of what the target says is due, dated the source's paid date; a partly paid one none",
        };
  const drafts: Cell = capabilities.drafts
    ? { mark: 'carried' }
    : {
        mark: 'not held',
        reason: "no drafts: a migration skips source drafts (drafts: 'issue' issues them instead)",
      };
  return [
    ['payments (each its own: amount, date, method)', payments],
    ['draft state', drafts],
  ];
}

/**
 * The field capability table: every canonical field of an invoice and a customer create, by
 * provider — carried, approximated or not held, with the reason as a numbered note — read off the
 * providers' field rules (`describeFields()`) and capabilities, so that it cannot drift from what
 * the writers do (a test keeps the README's copy current).
 */
export function fieldCapabilityTable(): string {
  const adapters = offlineAdapters();
  const rows = new Map<string, Map<string, Cell>>();
  const cell = (row: string, provider: string, value: Cell) => {
    const cells = rows.get(row) ?? new Map<string, Cell>();
    cells.set(provider, value);
    rows.set(row, cells);
  };
  const paths = { invoice: [] as string[], customer: [] as string[] };
  const described = adapters.map(([provider, adapter]) => {
    const fields = adapter.describeFields();
    for (const record of ['invoice', 'customer'] as const)
      for (const field of fields[record] ?? [])
        if (!paths[record].includes(field.path)) paths[record].push(field.path);
    return [provider, fields, adapter.capabilities] as const;
  });
  // A writer that takes an object whole (`bankAccount`) and one that maps its fields one by one
  // (`bankAccount.iban`): the table lists the fields, and the whole rule applies to each.
  for (const record of ['invoice', 'customer'] as const)
    paths[record] = paths[record].filter(
      (path) => !paths[record].some((other) => other.startsWith(`${path}.`)),
    );
  const handlingOf = (fields: readonly FieldHandling[] | null, path: string) =>
    fields?.find((field) => field.path === path) ??
    fields?.find((field) => path.startsWith(`${field.path}.`));
  for (const [provider, fields, capabilities] of described) {
    const noCreate = 'the API cannot create invoices (a source only)';
    for (const path of paths.invoice)
      cell(
        path,
        provider,
        cellOf(
          handlingOf(fields.invoice, path),
          fields.invoice ? 'the writer has no rule' : noCreate,
        ),
      );
    for (const [row, value] of operationRows(capabilities))
      cell(
        row,
        provider,
        capabilities.invoices.create ? value : { mark: 'not held', reason: noCreate },
      );
    for (const path of paths.customer)
      cell(
        `customer: ${path}`,
        provider,
        cellOf(
          handlingOf(fields.customer, path),
          fields.customer ? 'the writer has no rule' : 'the API cannot create customers',
        ),
      );
  }

  // Reasons become numbered notes, one per distinct text, so the table stays narrow.
  const notes: string[] = [];
  const noteOf = (reason: string): number => {
    const index = notes.indexOf(reason);
    if (index >= 0) return index + 1;
    notes.push(reason);
    return notes.length;
  };
  const providers = described.map(([provider]) => provider);
  const header = ['field', ...providers.map((provider) => `\`${provider}\``)];
  const body = [...rows.entries()].map(([row, cells]) => [
    `\`${row}\``,
    ...providers.map((provider) => {
      const value = cells.get(provider) as Cell;
      return value.reason === undefined ? value.mark : `${value.mark} [${noteOf(value.reason)}]`;
    }),
  ]);
  const widths = header.map((title, column) =>
    Math.max(3, title.length, ...body.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((value, column) => value.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  const table = [line(header), line(widths.map((width) => '-'.repeat(width))), ...body.map(line)];
  return [...table, '', ...notes.map((reason, index) => `${index + 1}. ${reason}`)].join('\n');
}

export const FIELD_TABLE_START =
  '<!-- field-capabilities:start (generated by `pnpm invoicekit capabilities --update README.md`) -->';
export const FIELD_TABLE_END = '<!-- field-capabilities:end -->';

/** A document with its field-capability section replaced by the current table. */
export function withCurrentFieldTable(document: string): string {
  const start = document.indexOf(FIELD_TABLE_START);
  const end = document.indexOf(FIELD_TABLE_END);
  if (start < 0 || end < start) throw new Error('the document has no field-capabilities section');
  return `${document.slice(0, start + FIELD_TABLE_START.length)}\n\n${fieldCapabilityTable()}\n\n${document.slice(end)}`;
}
