// readme:imports
import {
  InvoiceCreateInputSchema,
  ValidationError,
  computeInvoiceTotals,
  parseInput,
} from '@invoicekit/core';
// readme:imports-end
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { readmeExampleIn } from './testing/readme-example';

it('runs the README example, which the README shows as it is here', async () => {
  const printed: string[] = [];
  const console = { log: (...values: unknown[]) => printed.push(values.join(' ')) };

  // readme:start
  // Public input is validated with zod: a bad field is a ValidationError naming its path.
  const context = { provider: 'example', operation: 'invoices.create' };
  const input = parseInput(
    InvoiceCreateInputSchema,
    {
      currency: 'EUR',
      customer: { snapshot: { name: 'Müller & Söhne GmbH' } },
      lines: [
        { description: 'Pencil', unitPrice: '0.33', taxRate: 19 },
        { description: 'Eraser', unitPrice: '0.33', taxRate: 19 },
        { description: 'Ruler', unitPrice: '0.33', taxRate: 19 },
      ],
    },
    context,
  );

  // Money is decimal strings, rounded half-up to the currency as the vendor rounds: tax per line
  // (sum_lines) or once per rate (keep_net).
  for (const document of ['sum_lines', 'keep_net'] as const) {
    const { totals } = computeInvoiceTotals(input.lines, {
      currency: input.currency,
      strategy: { line: 'net_first', document },
    });
    // sum_lines 0.99 0.18 1.17, then keep_net 0.99 0.19 1.18
    console.log(document, totals.net, totals.tax, totals.gross);
  }

  const bad = { currency: 'EUR', lines: [{ unitPrice: 'ten' }] };
  try {
    parseInput(InvoiceCreateInputSchema, bad, context);
  } catch (error) {
    // customer, lines.0.description, lines.0.unitPrice, lines.0.taxRate
    if (error instanceof ValidationError) console.log(error.issues.map((issue) => issue.path));
  }
  // readme:end

  expect(printed).toEqual([
    'sum_lines 0.99 0.18 1.17',
    'keep_net 0.99 0.19 1.18',
    'customer,lines.0.description,lines.0.unitPrice,lines.0.taxRate',
  ]);
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  expect(readme).toContain(readmeExampleIn(readFileSync(new URL(import.meta.url), 'utf8')));
});
