import {
  InvoiceCreateInputSchema,
  InvoiceUpdateInputSchema,
  UnsupportedOperationError,
  ValidationError,
  describeFieldRules,
  type FieldRules,
  type InvoiceCreateInput,
} from '@invoicekit/core';
import { describe, expect, it } from 'vitest';
import {
  BILLOMAT_STYLE_INVOICE_RULES,
  writeInvoice,
  type BillomatStyleInvoiceFields,
  type InvoiceData,
  type InvoiceWriteContext,
} from './invoice-writer';

const base: InvoiceCreateInput = {
  currency: 'EUR',
  customer: { id: '42' },
  lines: [{ description: 'Beratung', quantity: '2', unitPrice: '100.00', taxRate: 19 }],
};
const CREATE: InvoiceWriteContext = { mode: 'create', keepsExternalIds: true };
const create = (input: Partial<InvoiceCreateInput>) =>
  writeInvoice(InvoiceCreateInputSchema.parse({ ...base, ...input }), undefined, CREATE);

describe('canonical invoice → method-style DATA', () => {
  it('maps header and lines onto the vendor tags', () => {
    const { data, warnings } = create({
      issueDate: '2026-11-02',
      serviceDate: '2026-10-31',
      notes: 'Vielen Dank',
      externalId: 'order-77',
      lines: [
        {
          description: 'Beratung',
          sku: 'B-1',
          quantity: '2',
          unit: 'h',
          unitPrice: '100.00',
          taxRate: 19,
        },
        { description: 'Buch', unitPrice: '20', taxRate: '7' },
      ],
    });
    expect(data).toEqual({
      INVOICE_EXT_UID: 'order-77',
      CURRENCY_CODE: 'EUR',
      INVOICE_DATE: '2026-11-02',
      DELIVERY_DATE: '31.10.2026',
      INTROTEXT: 'Vielen Dank',
      IS_GROSS: 0,
      ITEMS: [
        {
          DESCRIPTION: 'Beratung',
          ARTICLE_NUMBER: 'B-1',
          QUANTITY: '2',
          UNIT: 'h',
          UNIT_PRICE: '100',
          VAT_PERCENT: '19',
          SORT_ORDER: 1,
        },
        { DESCRIPTION: 'Buch', QUANTITY: '1', UNIT_PRICE: '20', VAT_PERCENT: '7', SORT_ORDER: 2 },
      ],
    });
    expect(warnings).toEqual([]);
  });

  it('folds discounts into the unit price and sends non-numeric taxes as 0 %, with warnings', () => {
    const { data, warnings } = create({
      lines: [
        {
          description: 'Rabattiert',
          quantity: '3',
          unitPrice: '10.00',
          taxRate: 'reverse_charge',
          discount: { kind: 'percent', value: '15' },
        },
        {
          description: 'Minus 1',
          quantity: '3',
          unitPrice: '10.00',
          taxRate: 19,
          discount: { kind: 'amount', value: '1.00' },
        },
      ],
    });
    expect(data.ITEMS?.map((item) => [item.UNIT_PRICE, item.VAT_PERCENT])).toEqual([
      ['8.5', '0'],
      ['9.66666667', '19'],
    ]);
    expect(warnings.map((warning) => ('path' in warning ? warning.path : ''))).toEqual([
      'lines.0.taxRate',
      'lines.0.discount',
      'lines.1.discount',
    ]);
    expect(warnings.every((warning) => warning.type === 'approximated')).toBe(true);
  });

  it('prices a gross invoice with IS_GROSS and refuses mixed price kinds', () => {
    const gross = create({
      lines: [{ description: 'Brutto', unitPrice: '119.00', unitPriceKind: 'gross', taxRate: 19 }],
    });
    expect(gross.data.IS_GROSS).toBe(1);
    const mixed = (() => {
      try {
        create({
          lines: [
            { description: 'net', unitPrice: '1', taxRate: 19 },
            { description: 'gross', unitPrice: '1', unitPriceKind: 'gross', taxRate: 19 },
          ],
        });
        return undefined;
      } catch (error) {
        return error;
      }
    })();
    expect(mixed).toBeInstanceOf(ValidationError);
    expect((mixed as ValidationError).issues).toEqual([
      { path: 'lines.1.unitPriceKind', message: 'differs from line 0 (net)' },
    ]);
  });

  it('warns for everything the vendor cannot hold, and refuses other document types', () => {
    const { warnings } = create({
      dueDate: '2026-12-01',
      orderId: 'PO-1',
      language: 'de',
      seller: { name: 'Wir GmbH' },
      customer: { id: '42', snapshot: { name: 'Kunde' } },
    });
    expect(warnings.map((warning) => ('path' in warning ? warning.path : ''))).toEqual([
      'seller',
      'dueDate',
      'orderId',
      'language',
      'customer.snapshot',
    ]);
    expect(() => create({ type: 'proforma' })).toThrow(UnsupportedOperationError);
  });

  it('an update replaces the lines (DELETE_EXISTING_ITEMS) and passes vendor options', () => {
    const { data } = writeInvoice(
      InvoiceUpdateInputSchema.parse({ lines: base.lines }),
      { TEMPLATE_ID: '3', EU_DELIVERY: true },
      { mode: 'update', keepsExternalIds: true },
    );
    expect(data).toMatchObject({ TEMPLATE_ID: '3', EU_DELIVERY: 1, DELETE_EXISTING_ITEMS: 1 });
    expect(data.ITEMS).toHaveLength(1);
  });
});

describe('numbers as the vendor reads them: no exponent notation, no absurd VAT', () => {
  // The writer is public: a parsed input that skipped the core's schema still sends no wrong rate.
  const parsedWithRate = (value: string) => {
    const parsed = InvoiceCreateInputSchema.parse(base);
    return {
      ...parsed,
      lines: parsed.lines.map((line) => ({
        ...line,
        taxRate: { kind: 'percent' as const, value },
      })),
    };
  };

  it.each(['1000', '-19', '1e-7', '0.00001', 'NaN'])(
    'refuses the rate %s, naming the line',
    (value) => {
      let error: unknown;
      try {
        writeInvoice(parsedWithRate(value), undefined, CREATE);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual([
        'lines.0.taxRate',
      ]);
    },
  );

  it('writes 0, 100 and 7.75 % as plain digits', () => {
    for (const [value, sent] of [
      ['0', '0'],
      ['100', '100'],
      ['7.750', '7.75'],
    ]) {
      const { data } = writeInvoice(parsedWithRate(value as string), undefined, CREATE);
      expect(data.ITEMS?.[0]?.VAT_PERCENT).toBe(sent);
    }
  });

  it('writes very small and very large unit prices in plain digits', () => {
    const tiny = `0.${'0'.repeat(43)}1`;
    const huge = `1${'0'.repeat(41)}`;
    for (const unitPrice of [tiny, huge]) {
      const { data } = create({ lines: [{ description: 'x', unitPrice, taxRate: 19 }] });
      expect(data.ITEMS?.[0]?.UNIT_PRICE).toBe(unitPrice);
    }
    const { data } = create({
      lines: [
        {
          description: 'x',
          quantity: '3',
          unitPrice: `0.${'0'.repeat(42)}3`,
          taxRate: 19,
          discount: { kind: 'percent', value: '50' },
        },
      ],
    });
    expect(String(data.ITEMS?.[0]?.UNIT_PRICE)).not.toMatch(/e/i);
  });
});

describe('classic FastBill has no INVOICE_EXT_UID', () => {
  it('externalId is a warning there, on create and on update, and is not sent', () => {
    for (const [mode, parsed] of [
      ['create', InvoiceCreateInputSchema.parse({ ...base, externalId: 'erp-1' })],
      ['update', InvoiceUpdateInputSchema.parse({ externalId: 'erp-1' })],
    ] as const) {
      const { data, warnings } = writeInvoice(parsed, undefined, {
        mode,
        keepsExternalIds: false,
      });
      expect(data).not.toHaveProperty('INVOICE_EXT_UID');
      expect(warnings).toEqual([
        expect.objectContaining({ type: 'unsupported_field', path: 'externalId' }),
      ]);
    }
  });
});

describe('every canonical invoice field has a rule', () => {
  it('does not compile when the canonical input gains a field it has no rule for', () => {
    type Grown = BillomatStyleInvoiceFields & { loyaltyTier?: string };
    // @ts-expect-error the writer has no rule for the new `loyaltyTier` field.
    const grown: FieldRules<Grown, Grown, InvoiceData, InvoiceWriteContext> =
      BILLOMAT_STYLE_INVOICE_RULES;
    // Today's canonical input is covered field for field.
    const today: FieldRules<
      BillomatStyleInvoiceFields,
      BillomatStyleInvoiceFields,
      InvoiceData,
      InvoiceWriteContext
    > = BILLOMAT_STYLE_INVOICE_RULES;
    expect(grown).toBe(today);
    expect(Object.keys(BILLOMAT_STYLE_INVOICE_RULES)).not.toContain('loyaltyTier');
  });

  it('lists how each field path is carried', () => {
    const handled = Object.fromEntries(
      describeFieldRules(BILLOMAT_STYLE_INVOICE_RULES).map((field) => [field.path, field.handling]),
    );
    expect(handled).toMatchObject({
      currency: 'written',
      seller: 'unsupported',
      'lines.*.unitPriceKind': 'consumed',
      'lines.*.productId': 'unsupported',
      externalId: 'written',
    });
  });
});

describe('the book fields of issue 12', () => {
  it('sends the early-payment discount as CASH_DISCOUNT_PERCENT / _DAYS', () => {
    const { data, warnings } = create({ earlyPaymentDiscount: { percent: '2.50', days: 10 } });
    expect(data).toMatchObject({ CASH_DISCOUNT_PERCENT: '2.5', CASH_DISCOUNT_DAYS: 10 });
    expect(warnings).toEqual([]);
  });

  it('sends a line’s unit and sku; a product id is a warning naming the line', () => {
    const { data, warnings } = create({
      lines: [
        {
          description: 'Beratung',
          sku: 'B-1',
          productId: 'p-9',
          unit: 'h',
          unitPrice: '100',
          taxRate: 19,
        },
      ],
    });
    expect(data.ITEMS?.[0]).toMatchObject({ ARTICLE_NUMBER: 'B-1', UNIT: 'h' });
    expect(warnings).toEqual([
      expect.objectContaining({ type: 'unsupported_field', path: 'lines.0.productId' }),
    ]);
  });

  it('number, terms, bank account, exchange rate and internal notes: not sent, each a warning, in rule order', () => {
    const { data, warnings } = create({
      number: 'RE-2026-0042',
      issueDate: '2026-11-02',
      paymentTermsDays: 30,
      bankAccount: { iban: 'DE89370400440532013000' },
      exchangeRate: { currency: 'PLN', rate: '4.3012' },
      internalNotes: 'intern',
    });
    for (const tag of ['INVOICE_NUMBER', 'DAYS_FOR_PAYMENT', 'BANK_IBAN', 'NOTE'])
      expect(data).not.toHaveProperty(tag);
    expect(warnings.map((warning) => ('path' in warning ? warning.path : ''))).toEqual([
      'number',
      'paymentTermsDays',
      'bankAccount',
      'exchangeRate',
      'internalNotes',
    ]);
    const number = warnings[0];
    expect(number && 'reason' in number ? number.reason : '').toMatch(/invoice\.complete/);
  });

  it('describes every new field: written where the vendor holds it, else unsupported with a reason', () => {
    const handled = Object.fromEntries(
      describeFieldRules(BILLOMAT_STYLE_INVOICE_RULES).map((field) => [field.path, field]),
    );
    expect(handled.earlyPaymentDiscount?.handling).toBe('written');
    expect(handled['lines.*.unit']?.handling).toBe('written');
    expect(handled['lines.*.sku']?.handling).toBe('written');
    for (const path of [
      'number',
      'paymentTermsDays',
      'bankAccount',
      'exchangeRate',
      'internalNotes',
      'seller',
      'language',
      'orderId',
      'lines.*.productId',
    ]) {
      expect(handled[path]).toMatchObject({ handling: 'unsupported', reason: expect.any(String) });
    }
  });
});
