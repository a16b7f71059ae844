import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ROUNDING_STRATEGY, InvoiceCreateInputSchema, computeInvoiceTotals } from './index';

describe('the README example', () => {
  it('computes the totals the README prints', () => {
    const input = InvoiceCreateInputSchema.parse({
      currency: 'EUR',
      issueDate: '2026-11-02',
      customer: { snapshot: { name: 'Müller & Söhne GmbH', taxId: 'DE123456789' } },
      lines: [
        { description: 'Consulting', quantity: '3', unit: 'h', unitPrice: '120.00', taxRate: 19 },
        { description: 'Travel', unitPrice: '59.50', unitPriceKind: 'gross', taxRate: '7' },
        { description: 'Export service', unitPrice: '200.00', taxRate: 'reverse_charge' },
      ],
      externalId: 'order-991',
    });
    const { totals } = computeInvoiceTotals(input.lines, {
      currency: input.currency,
      strategy: DEFAULT_ROUNDING_STRATEGY,
    });
    expect(totals).toEqual({
      net: '615.61',
      tax: '72.29',
      gross: '687.90',
      paid: '0.00',
      due: '687.90',
    });
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(
      "// → { net: '615.61', tax: '72.29', gross: '687.90', paid: '0.00', due: '687.90' }",
    );
  });
});
