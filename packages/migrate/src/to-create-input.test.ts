import {
  InvoiceCreateInputSchema,
  type Invoice,
  type InvoiceCreateInput,
  type Line,
} from '@invoicekit/core';
import { describe, expect, it } from 'vitest';
import { toCustomerInput, toCustomerWrite } from './customer-mapper';
import {
  CREATE_INPUT_FROM_SOURCE,
  INVOICE_SOURCE_FIELDS,
  type Filled,
  LINE_SOURCE_FIELDS,
  planCreateInput,
  toCreateInput,
  uncarriedFieldWarnings,
  type SourceFieldTable,
} from './to-create-input';

const line: Line = {
  id: '11',
  description: 'Consulting',
  sku: 'C-1',
  productId: '501',
  quantity: '3',
  unit: 'h',
  unitPrice: '120.00',
  unitPriceKind: 'net',
  taxRate: { kind: 'percent', value: '19' },
  discount: { kind: 'percent', value: '10' },
  totals: { net: '324.00', tax: '61.56', gross: '385.56', discount: '36.00' },
};

const source: Invoice = {
  id: '42',
  provider: 'plandocket',
  number: 'RE-2025-0001',
  type: 'invoice',
  status: { canonical: 'issued', raw: 'open' },
  state: { lifecycle: 'issued', payment: 'unpaid', due: 'open' },
  currency: 'EUR',
  issueDate: '2025-03-01',
  serviceDate: '2025-02-28',
  dueDate: '2025-03-15',
  paidDate: null,
  paymentTermsDays: 14,
  earlyPaymentDiscount: { percent: '2.00', days: 7 },
  bankAccount: { bankName: 'Commerzbank', iban: 'DE89370400440532013000', bic: null },
  exchangeRate: { currency: 'PLN', rate: '4.3012', source: 'nbp' },
  customer: { id: '7', snapshot: null },
  seller: {
    kind: 'company',
    name: 'Acme GmbH',
    firstName: null,
    lastName: null,
    taxId: 'DE999999999',
    email: 'billing@acme.example',
    phone: null,
    address: {
      street: 'Hauptstr. 1',
      city: 'Berlin',
      postalCode: '10115',
      region: null,
      country: 'DE',
    },
  },
  lines: [line],
  totals: { net: '324.00', tax: '61.56', gross: '385.56', paid: '0.00', due: '385.56' },
  taxBreakdown: [
    { rate: { kind: 'percent', value: '19' }, net: '324.00', tax: '61.56', gross: '385.56' },
  ],
  payments: [],
  notes: 'Thank you',
  internalNotes: 'VIP',
  externalId: 'shop-17',
  orderId: 'PO-9',
  relatedInvoiceId: null,
  language: 'de',
  createdAt: null,
  updatedAt: null,
  raw: {},
};

const context = { sourceProvider: 'plandocket', targetCustomerId: '900' };

describe('toCreateInput', () => {
  it('carries every field the canonical create input has a place for', () => {
    const input = toCreateInput(source, context);
    expect(input).toEqual({
      number: 'RE-2025-0001',
      type: 'invoice',
      currency: 'EUR',
      issueDate: '2025-03-01',
      serviceDate: '2025-02-28',
      dueDate: '2025-03-15',
      paymentTermsDays: 14,
      earlyPaymentDiscount: { percent: '2.00', days: 7 },
      bankAccount: { bankName: 'Commerzbank', iban: 'DE89370400440532013000' },
      exchangeRate: { currency: 'PLN', rate: '4.3012', source: 'nbp' },
      customer: { id: '900' },
      seller: {
        kind: 'company',
        name: 'Acme GmbH',
        taxId: 'DE999999999',
        email: 'billing@acme.example',
        address: { street: 'Hauptstr. 1', city: 'Berlin', postalCode: '10115', country: 'DE' },
      },
      lines: [
        {
          description: 'Consulting',
          sku: 'C-1',
          quantity: '3',
          unit: 'h',
          unitPrice: '120.00',
          unitPriceKind: 'net',
          taxRate: { kind: 'percent', value: '19' },
          discount: { kind: 'percent', value: '10' },
        },
      ],
      notes: 'Thank you',
      internalNotes: 'VIP',
      externalId: 'invoicekit:plandocket:42',
      orderId: 'PO-9',
      language: 'de',
    });
    // What it builds is valid canonical input.
    expect(() => InvoiceCreateInputSchema.parse(input)).not.toThrow();
  });

  it('reports what it cannot carry, by path, only where the source holds a value', () => {
    expect(uncarriedFieldWarnings(source)).toEqual([
      expect.objectContaining({ type: 'unsupported_field', path: 'externalId' }),
      expect.objectContaining({ type: 'unsupported_field', path: 'lines.0.productId' }),
    ]);
    const bare = {
      ...source,
      externalId: null,
      lines: [{ ...line, productId: null }],
    };
    expect(uncarriedFieldWarnings(bare)).toEqual([]);
  });

  it('declares every field of a source invoice and line — a new field does not compile', () => {
    type GrownInvoice = Invoice & { loyaltyTier: string | null };
    type GrownLine = Line & { warehouse: string | null };
    // @ts-expect-error the table does not say where the new invoice field goes.
    const invoiceTable: SourceFieldTable<GrownInvoice> = INVOICE_SOURCE_FIELDS;
    // @ts-expect-error the same for a new line field.
    const lineTable: SourceFieldTable<GrownLine> = LINE_SOURCE_FIELDS;
    expect(Object.keys(invoiceTable)).not.toContain('loyaltyTier');
    expect(Object.keys(lineTable)).not.toContain('warehouse');
    // Every canonical field of today's model is declared.
    const declared: SourceFieldTable<Invoice> = INVOICE_SOURCE_FIELDS;
    expect(Object.keys(declared).sort()).toEqual(Object.keys(source).sort());
  });

  it('carries a negative-quantity correction line at a negative price, announcing both fields', () => {
    const correction = { ...line, quantity: '-1.0', unitPrice: '105.04', discount: null };
    const { input, warnings } = planCreateInput({ ...source, lines: [correction] }, context);
    expect(input.lines[0]).toMatchObject({ quantity: '1.0', unitPrice: '-105.04' });
    expect(warnings.map((warning) => ('path' in warning ? warning.path : ''))).toEqual(
      expect.arrayContaining(['lines.0.quantity', 'lines.0.unitPrice']),
    );
    expect(() => InvoiceCreateInputSchema.parse(input)).not.toThrow();
  });

  it('says so when a due date before the issue date is left to the target', () => {
    const { input, warnings } = planCreateInput({ ...source, dueDate: '2025-02-01' }, context);
    expect(input).not.toHaveProperty('dueDate');
    expect(warnings).toContainEqual(expect.objectContaining({ path: 'dueDate' }));
  });

  it('writes a credit note against the migrated id of the invoice it corrects', () => {
    const input: InvoiceCreateInput = toCreateInput(
      { ...source, relatedInvoiceId: '40', type: 'credit_note' },
      { ...context, relatedInvoiceId: '77' },
    );
    expect(input).toMatchObject({ type: 'credit_note', relatedInvoiceId: '77' });
  });

  it('fills every field of the create input — a new input field does not compile', () => {
    type GrownInput = InvoiceCreateInput & { loyaltyTier?: string };
    // @ts-expect-error no filler for the new field.
    const table: Filled<GrownInput> = CREATE_INPUT_FROM_SOURCE;
    expect(Object.keys(table)).not.toContain('loyaltyTier');
  });
});

describe('toCustomerInput', () => {
  it("carries a source customer's bank details, number and notes as well as its contact fields", () => {
    const input = toCustomerInput(
      {
        id: '7',
        provider: 'plandocket',
        kind: 'company',
        name: 'Müller GmbH',
        firstName: null,
        lastName: null,
        taxId: 'DE123456789',
        email: 'ap@mueller.example',
        phone: '+49 30 1234',
        address: {
          street: 'Weg 2',
          city: 'Köln',
          postalCode: '50667',
          region: null,
          country: 'DE',
        },
        bank: { bankName: 'Sparkasse', iban: 'DE89370400440532013000', bic: null },
        customerNumber: 'K-100',
        externalId: 'crm-5',
        notes: 'pays late',
        createdAt: null,
        updatedAt: null,
        raw: {},
      },
      'invoicekit:plandocket:customer:7',
    );
    expect(input).toEqual({
      kind: 'company',
      name: 'Müller GmbH',
      taxId: 'DE123456789',
      email: 'ap@mueller.example',
      phone: '+49 30 1234',
      address: { street: 'Weg 2', city: 'Köln', postalCode: '50667', country: 'DE' },
      bank: { bankName: 'Sparkasse', iban: 'DE89370400440532013000' },
      customerNumber: 'K-100',
      externalId: 'invoicekit:plandocket:customer:7',
      notes: 'pays late',
    });
  });
});

describe('values the canonical model refuses', () => {
  it('drops terms that contradict the dates, a bad IBAN, a rate into the same currency — each by path', () => {
    const { input, warnings } = planCreateInput(
      {
        ...source,
        paymentTermsDays: 30,
        bankAccount: { bankName: 'mBank', iban: '11 1140 2004', bic: null },
        exchangeRate: { currency: 'EUR', rate: '1', source: null },
      },
      context,
    );
    expect(input).not.toHaveProperty('paymentTermsDays');
    expect(input).not.toHaveProperty('exchangeRate');
    expect(input.bankAccount).toEqual({ bankName: 'mBank' });
    expect(warnings.map((warning) => ('path' in warning ? warning.path : ''))).toEqual(
      expect.arrayContaining(['paymentTermsDays', 'bankAccount.iban', 'exchangeRate']),
    );
    expect(() => InvoiceCreateInputSchema.parse(input)).not.toThrow();
  });

  it("drops a source customer's domestic account number from bank.iban with a warning, keeping the rest", () => {
    const { input, warnings } = toCustomerWrite(
      {
        kind: 'company',
        name: 'Kowalski Sp. z o.o.',
        firstName: null,
        lastName: null,
        taxId: null,
        email: 'not an address',
        phone: null,
        address: null,
      },
      'invoicekit:invoiceocean:customer:3',
    );
    expect(input).toEqual({
      kind: 'company',
      name: 'Kowalski Sp. z o.o.',
      externalId: 'invoicekit:invoiceocean:customer:3',
    });
    expect(warnings).toEqual([
      expect.objectContaining({ type: 'unsupported_field', path: 'email' }),
    ]);
    const banked = toCustomerWrite(
      {
        id: '3',
        provider: 'invoiceocean',
        kind: 'company',
        name: 'Kowalski Sp. z o.o.',
        firstName: null,
        lastName: null,
        taxId: null,
        email: null,
        phone: null,
        address: null,
        bank: { bankName: 'mBank', iban: '11 1140 2004 0000 3002 0135 5387', bic: null },
        customerNumber: null,
        externalId: null,
        notes: null,
        createdAt: null,
        updatedAt: null,
        raw: {},
      },
      'k',
    );
    expect(banked.input.bank).toEqual({ bankName: 'mBank' });
    expect(banked.warnings).toEqual([
      expect.objectContaining({ type: 'unsupported_field', path: 'bank.iban' }),
    ]);
    // The warning says which rule the value breaks, never the value.
    expect(JSON.stringify(banked.warnings)).not.toContain('1140');
  });

  it('drops a seller value the model refuses, and a seller without a name, with warnings', () => {
    const badEmail = planCreateInput(
      { ...source, seller: { ...(source.seller as NonNullable<Invoice['seller']>), email: 'x@' } },
      context,
    );
    expect(badEmail.input.seller).toMatchObject({ name: 'Acme GmbH' });
    expect(badEmail.input.seller).not.toHaveProperty('email');
    expect(badEmail.warnings).toContainEqual(
      expect.objectContaining({ type: 'unsupported_field', path: 'seller.email' }),
    );
    const nameless = planCreateInput(
      { ...source, seller: { ...(source.seller as NonNullable<Invoice['seller']>), name: ' ' } },
      context,
    );
    expect(nameless.input).not.toHaveProperty('seller');
    expect(nameless.warnings).toContainEqual(
      expect.objectContaining({ type: 'unsupported_field', path: 'seller' }),
    );
    expect(() => InvoiceCreateInputSchema.parse(nameless.input)).not.toThrow();
  });
});
