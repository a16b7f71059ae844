import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/errors';
import { parseInput } from '../validation/parse-input';
import { CustomerCreateInputSchema, CustomerUpdateInputSchema } from './customer';
import {
  InvoiceCreateInputSchema,
  InvoiceUpdateInputSchema,
  type InvoiceCreateInput,
} from './invoice-input';
import { MarkPaidInputSchema } from './operation-input';
import { TaxRateInputSchema } from './tax-rate';

const valid: InvoiceCreateInput = {
  currency: 'eur',
  customer: { snapshot: { name: 'Buyer GmbH' } },
  lines: [{ description: 'Work', unitPrice: '100.00', taxRate: 19 }],
};

function issuesOf(
  input: unknown,
  schema = InvoiceCreateInputSchema,
): { path: string; message: string }[] {
  try {
    parseInput(schema, input, { provider: 'core', operation: 'invoices.create' });
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return [...(error as ValidationError).issues];
  }
}

describe('tax rates a tax office could have set', () => {
  it.each([[1000], ['1000'], [-19], ['-19'], [1e-7], ['0.00001'], [100.00001]])(
    'refuses %j before anything is sent',
    (rate) => {
      expect(
        issuesOf({ ...valid, lines: [{ ...valid.lines[0], taxRate: rate }] }).map(
          (issue) => issue.path,
        ),
      ).toContain('lines.0.taxRate');
    },
  );

  it.each([
    [19, '19'],
    [7.7, '7.7'],
    ['0', '0'],
    [100, '100'],
    ['2.1234', '2.1234'],
  ])('accepts %j as %s percent', (rate, value) => {
    expect(TaxRateInputSchema.parse(rate)).toEqual({ kind: 'percent', value });
  });

  it('refuses an out-of-range canonical object too', () => {
    expect(TaxRateInputSchema.safeParse({ kind: 'percent', value: '1000' }).success).toBe(false);
  });
});

describe('invoice create input', () => {
  it('normalises and fills defaults', () => {
    const parsed = InvoiceCreateInputSchema.parse(valid);
    expect(parsed.currency).toBe('EUR');
    expect(parsed.type).toBe('invoice');
    expect(parsed.lines[0]).toMatchObject({
      quantity: '1',
      unitPriceKind: 'net',
      taxRate: { kind: 'percent', value: '19' },
    });
    expect(parsed.customer.snapshot?.kind).toBe('company');
  });

  it.each([
    [{ ...valid, currency: 'EURO' }, 'currency'],
    [{ ...valid, lines: [] }, 'lines'],
    [
      { ...valid, lines: [{ description: 'x', unitPrice: 12.5, taxRate: 19 }] },
      'lines.0.unitPrice',
    ],
    [
      { ...valid, lines: [{ description: 'x', unitPrice: '1,50', taxRate: 19 }] },
      'lines.0.unitPrice',
    ],
    [
      { ...valid, lines: [{ description: 'x', unitPrice: '1', quantity: '-2', taxRate: 19 }] },
      'lines.0.quantity',
    ],
    [
      { ...valid, lines: [{ description: 'x', unitPrice: '1', taxRate: 'seventeen' }] },
      'lines.0.taxRate',
    ],
    [
      {
        ...valid,
        lines: [
          {
            description: 'x',
            unitPrice: '10',
            taxRate: 19,
            discount: { kind: 'percent', value: '120' },
          },
        ],
      },
      'lines.0.discount.value',
    ],
    [
      {
        ...valid,
        lines: [
          {
            description: 'x',
            unitPrice: '10',
            taxRate: 19,
            discount: { kind: 'amount', value: '10.01' },
          },
        ],
      },
      'lines.0.discount.value',
    ],
    [{ ...valid, issueDate: '2026-02-30' }, 'issueDate'],
    [{ ...valid, issueDate: '2026-03-10', dueDate: '2026-03-01' }, 'dueDate'],
    [{ ...valid, customer: {} }, 'customer'],
    [
      { ...valid, customer: { snapshot: { name: 'B', email: 'not-an-email' } } },
      'customer.snapshot.email',
    ],
    [{ ...valid, type: 'credit_note' }, 'relatedInvoiceId'],
    [{ ...valid, colour: 'red' }, ''],
  ])('names the field path of a bad value (%#)', (input, path) => {
    expect(issuesOf(input).map((issue) => issue.path)).toContain(path);
  });

  it('puts the operation and every path in the message', () => {
    expect(() =>
      parseInput(
        InvoiceCreateInputSchema,
        { ...valid, currency: 'XX', lines: [] },
        { provider: 'core', operation: 'invoices.create' },
      ),
    ).toThrow(/^invoices\.create: invalid input: .*currency.*lines/);
  });

  it('normalises decimal spellings so that equal amounts are equal strings', () => {
    const parsed = InvoiceCreateInputSchema.parse({
      ...valid,
      lines: [{ description: 'x', quantity: '+2', unitPrice: '.50', taxRate: '19.' }],
    });
    expect(parsed.lines[0]).toMatchObject({
      quantity: '2',
      unitPrice: '0.50',
      taxRate: { kind: 'percent', value: '19' },
    });
  });

  it('accepts non-numeric tax kinds by name and the canonical object', () => {
    expect(TaxRateInputSchema.parse('reverse_charge')).toEqual({ kind: 'reverse_charge' });
    expect(TaxRateInputSchema.parse({ kind: 'exempt' })).toEqual({ kind: 'exempt' });
    expect(TaxRateInputSchema.parse('7.7')).toEqual({ kind: 'percent', value: '7.7' });
  });

  it('updates need at least one field and do not invent defaults', () => {
    expect(issuesOf({}, InvoiceUpdateInputSchema as never)).toHaveLength(1);
    expect(InvoiceUpdateInputSchema.parse({ notes: 'x' })).toEqual({ notes: 'x' });
    expect(CustomerUpdateInputSchema.parse({ email: 'a@b.example' })).toEqual({
      email: 'a@b.example',
    });
  });
});

describe('customer and payment input', () => {
  it('normalises IBAN and country, and rejects malformed ones by path', () => {
    const parsed = CustomerCreateInputSchema.parse({
      name: 'Buyer',
      address: { country: 'de' },
      bank: { iban: 'de89 3704 0044 0532 0130 00' },
    });
    expect(parsed.address?.country).toBe('DE');
    expect(parsed.bank?.iban).toBe('DE89370400440532013000');
    const error = (() => {
      try {
        parseInput(
          CustomerCreateInputSchema,
          { name: 'B', address: { country: 'Germany' }, bank: { bic: 'x' } },
          {
            provider: 'core',
            operation: 'customers.create',
          },
        );
      } catch (caught) {
        return caught as ValidationError;
      }
      return undefined;
    })();
    expect(error?.issues.map((issue) => issue.path)).toEqual(['address.country', 'bank.bic']);
  });

  it('markPaid amounts are decimal strings, never negative, never zero', () => {
    expect(MarkPaidInputSchema.safeParse({ amount: '-1' }).success).toBe(false);
    for (const zero of ['0', '0.00', '.0'])
      expect(issuesOf({ amount: zero }, MarkPaidInputSchema as never)).toEqual([
        { path: 'amount', message: 'must be greater than zero' },
      ]);
    expect(MarkPaidInputSchema.parse({ amount: '0.01' })).toEqual({ amount: '0.01' });
    expect(MarkPaidInputSchema.safeParse({ amount: 10 }).success).toBe(false);
    expect(MarkPaidInputSchema.parse({ amount: '10.5', date: '2026-11-21' })).toEqual({
      amount: '10.5',
      date: '2026-11-21',
    });
  });
});

describe('book fields of an invoice input', () => {
  const base = {
    currency: 'EUR',
    customer: { id: '1' },
    lines: [{ description: 'Work', unitPrice: '10.00', taxRate: 19 }],
  };
  it('takes number, terms, bank account, exchange rate and internal notes', () => {
    const parsed = InvoiceCreateInputSchema.parse({
      ...base,
      number: 'FV/2025/0042',
      issueDate: '2025-03-01',
      dueDate: '2025-03-15',
      paymentTermsDays: 14,
      earlyPaymentDiscount: { percent: '2', days: 7 },
      bankAccount: { iban: 'DE89 3704 0044 0532 0130 00', bic: 'COBADEFFXXX' },
      exchangeRate: { currency: 'PLN', rate: '4.3012', source: 'nbp' },
      internalNotes: 'call before sending',
    });
    expect(parsed.number).toBe('FV/2025/0042');
    expect(parsed.bankAccount?.iban).toBe('DE89370400440532013000');
    expect(parsed.exchangeRate).toEqual({ currency: 'PLN', rate: '4.3012', source: 'nbp' });
  });

  it('refuses terms that contradict the dates, a rate into its own currency, a zero rate', () => {
    const result = InvoiceCreateInputSchema.safeParse({
      ...base,
      issueDate: '2025-03-01',
      dueDate: '2025-03-15',
      paymentTermsDays: 30,
      exchangeRate: { currency: 'eur', rate: '1' },
    });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['paymentTermsDays', 'exchangeRate.currency']));
    expect(
      InvoiceCreateInputSchema.safeParse({ ...base, exchangeRate: { currency: 'PLN', rate: '0' } })
        .error?.issues[0]?.path,
    ).toEqual(['exchangeRate', 'rate']);
    expect(
      InvoiceCreateInputSchema.safeParse({ ...base, number: '   ' }).error?.issues[0]?.path,
    ).toEqual(['number']);
  });
});
