/**
 * Core figures: validating a canonical 10-line invoice input and computing its totals (in minor
 * units, and on the decimal.js reference path), against a bare JSON round-trip of the same object
 * (the cheapest "copy and check" anyone would write). Interleaved rounds, min and median.
 */
import { compareInterleaved } from '../../../bench/harness';
import {
  DEFAULT_ROUNDING_STRATEGY,
  InvoiceCreateInputSchema,
  InvoiceSchema,
  computeInvoiceTotals,
  computeInvoiceTotalsWithDecimals,
  type Invoice,
  type InvoiceCreateInput,
} from '../src/index';

const RATES = ['19', '7', '0', '19', '7', '19', '19', '0', '7', '19'];

const input: InvoiceCreateInput = {
  type: 'invoice',
  currency: 'EUR',
  issueDate: '2026-11-02',
  dueDate: '2026-11-16',
  customer: {
    id: '12345',
    snapshot: {
      kind: 'company',
      name: 'Müller & Söhne GmbH',
      taxId: 'DE123456789',
      email: 'billing@mueller.example',
      address: { street: 'Hauptstraße 5', city: 'Berlin', postalCode: '10115', country: 'DE' },
    },
  },
  lines: RATES.map((rate, index) => ({
    description: `Service item ${index + 1}`,
    sku: `SKU-${index + 1}`,
    quantity: `${index + 1}.5`,
    unit: 'h',
    unitPrice: `${(index + 1) * 13}.37`,
    unitPriceKind: index % 3 === 0 ? ('gross' as const) : ('net' as const),
    taxRate: rate,
    ...(index % 4 === 0 ? { discount: { kind: 'percent' as const, value: '5' } } : {}),
  })),
  notes: 'Thank you for your business.',
  externalId: 'bench-invoice-1',
};

const validateAndTotal = (): unknown => {
  const parsed = InvoiceCreateInputSchema.parse(input);
  return computeInvoiceTotals(parsed.lines, {
    currency: parsed.currency,
    strategy: DEFAULT_ROUNDING_STRATEGY,
  });
};

// A canonical invoice as an adapter returns it, to measure strict output validation too.
const parsed = InvoiceCreateInputSchema.parse(input);
const computed = computeInvoiceTotals(parsed.lines, {
  currency: 'EUR',
  strategy: DEFAULT_ROUNDING_STRATEGY,
});
const canonical: Invoice = {
  id: '1',
  provider: 'bench',
  number: 'RE-2026-0001',
  type: 'invoice',
  status: { canonical: 'issued', raw: 'open' },
  state: { lifecycle: 'issued', payment: 'unpaid', due: 'open' },
  currency: 'EUR',
  issueDate: '2026-11-02',
  serviceDate: null,
  dueDate: '2026-11-16',
  paidDate: null,
  paymentTermsDays: 14,
  earlyPaymentDiscount: null,
  bankAccount: null,
  exchangeRate: null,
  customer: { id: '12345', snapshot: null },
  seller: null,
  lines: parsed.lines.map((line, index) => ({
    id: String(index + 1),
    description: line.description,
    sku: line.sku ?? null,
    productId: null,
    quantity: line.quantity,
    unit: line.unit ?? null,
    unitPrice: line.unitPrice,
    unitPriceKind: line.unitPriceKind,
    taxRate: line.taxRate,
    discount: line.discount ?? null,
    totals: computed.lines[index] as Invoice['lines'][number]['totals'],
  })),
  totals: computed.totals,
  taxBreakdown: [...computed.taxBreakdown],
  payments: [],
  notes: null,
  internalNotes: null,
  externalId: null,
  orderId: null,
  relatedInvoiceId: null,
  language: null,
  createdAt: '2026-11-02T10:00:00.000+01:00',
  updatedAt: null,
  raw: {},
};

await compareInterleaved(
  '@invoicekit/core — per 10-line invoice',
  [
    {
      name: 'baseline: JSON.parse(JSON.stringify(input))',
      fn: () => JSON.parse(JSON.stringify(input)),
      allocation: true,
    },
    {
      name: 'validate input (zod)',
      fn: () => InvoiceCreateInputSchema.parse(input),
      allocation: true,
    },
    {
      name: 'compute totals (minor units)',
      fn: () =>
        computeInvoiceTotals(parsed.lines, {
          currency: 'EUR',
          strategy: DEFAULT_ROUNDING_STRATEGY,
        }),
      allocation: true,
    },
    {
      name: 'compute totals (decimal.js reference path)',
      fn: () =>
        computeInvoiceTotalsWithDecimals(parsed.lines, {
          currency: 'EUR',
          strategy: DEFAULT_ROUNDING_STRATEGY,
        }),
      allocation: true,
    },
    { name: 'validate input + compute totals', fn: validateAndTotal },
    { name: 'validate canonical Invoice output (zod)', fn: () => InvoiceSchema.parse(canonical) },
  ],
  { baseline: 'baseline: JSON.parse(JSON.stringify(input))' },
);
