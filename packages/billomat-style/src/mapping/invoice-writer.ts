import {
  formatMinimal,
  toDecimal,
  UnsupportedOperationError,
  ValidationError,
  writeFields,
  type AdapterWarning,
  type FieldRules,
  type FieldScope,
  type InvoiceCreateFields,
  type InvoiceUpdateFields,
  type ParsedLineInput,
} from '@invoicekit/core';
import type { BillomatStyleInvoiceOptions } from '../provider-options';
import { BILLOMAT_STYLE } from '../provider-id';
import { VAT_PERCENT_RULE, isVatPercent } from '../wire/vat-percent';
import { toDeliveryDateText } from './delivery-date';
import { minimalText } from './vendor-money';

/** A canonical invoice write as the writer reads it: a create or an update. */
export type BillomatStyleInvoiceFields = InvoiceCreateFields | InvoiceUpdateFields;

/** Invoice DATA for `invoice.create` / `invoice.update`, without `CUSTOMER_ID` / `INVOICE_ID`. */
export type InvoiceData = Record<string, unknown> & { ITEMS?: Record<string, unknown>[] };

/** What the invoice rules need to know besides the input. */
export interface InvoiceWriteContext {
  readonly mode: 'create' | 'update';
  /** Monsum keeps `INVOICE_EXT_UID`; classic FastBill has no such field. */
  readonly keepsExternalIds: boolean;
}

type Scope = FieldScope<unknown, unknown, unknown>;

/**
 * The unit price after the line's discount: the vendor's items carry no discount. Written with
 * `formatMinimal`, never `toString()`: decimal.js switches to exponent notation for very small and
 * very large values (`1e-41`), which the vendor would misread.
 */
function discountedUnitPrice(line: ParsedLineInput): string {
  // Without a discount the price is only printed: by its digits, no Decimal.
  if (!line.discount) return minimalText(line.unitPrice);
  const price = toDecimal(line.unitPrice);
  const value = toDecimal(line.discount.value);
  if (line.discount.kind === 'percent')
    return formatMinimal(price.times(toDecimal('100').minus(value)).dividedBy('100'));
  const quantity = toDecimal(line.quantity);
  // Spread over the quantity; the vendor keeps unit prices to (at least) 8 places.
  return quantity.isZero()
    ? formatMinimal(price)
    : formatMinimal(price.minus(value.dividedBy(quantity)).toDecimalPlaces(8));
}

/**
 * A line's percentage as VAT_PERCENT: plain digits, 0 to 100, at most 4 decimals. The core's
 * input schema refuses anything else; this is checked again because the writer is public and a
 * wrong rate must never reach the vendor's books.
 */
function vatPercentOf(line: ParsedLineInput, scope: Scope): string {
  if (line.taxRate.kind !== 'percent') {
    scope.approximate(
      `the vendor has only VAT percentages; "${line.taxRate.kind}" is sent as 0 % (set VAT_CASE in providerOptions for the legal wording)`,
    );
    return '0';
  }
  if (!isVatPercent(line.taxRate.value))
    throw new ValidationError({
      provider: BILLOMAT_STYLE,
      issues: [{ path: scope.path, message: `must be ${VAT_PERCENT_RULE}` }],
    });
  return minimalText(line.taxRate.value);
}

/** One invoice is priced either net or gross (`IS_GROSS`), never both. */
function grossFlag(lines: readonly ParsedLineInput[]): 0 | 1 {
  const kinds = new Set(lines.map((line) => line.unitPriceKind));
  if (kinds.size > 1) {
    throw new ValidationError({
      provider: BILLOMAT_STYLE,
      message: 'the vendor prices a whole invoice net or gross (IS_GROSS), not line by line',
      issues: lines.flatMap((line, index) =>
        line.unitPriceKind === lines[0]?.unitPriceKind
          ? []
          : [
              {
                path: `lines.${index}.unitPriceKind`,
                message: `differs from line 0 (${lines[0]?.unitPriceKind ?? 'net'})`,
              },
            ],
      ),
    });
  }
  return kinds.has('gross') ? 1 : 0;
}

/**
 * One rule per canonical line field → an `ITEMS` entry. Rule order is warning order: a line's
 * tax rate, then its discount, then its product id.
 */
const LINE_RULES = {
  description: { write: (DESCRIPTION) => ({ DESCRIPTION }) },
  sku: { write: (ARTICLE_NUMBER) => ({ ARTICLE_NUMBER }) },
  quantity: { write: (QUANTITY) => ({ QUANTITY }) },
  unit: { write: (UNIT) => ({ UNIT }) },
  unitPrice: { write: (_price, scope) => ({ UNIT_PRICE: discountedUnitPrice(scope.parent) }) },
  unitPriceKind: { consumed: 'IS_GROSS, set for the whole invoice when the lines are placed' },
  taxRate: { write: (_rate, scope) => ({ VAT_PERCENT: vatPercentOf(scope.parent, scope) }) },
  discount: {
    write: (_discount, scope) => {
      // The discounted price is written by the unitPrice rule.
      scope.approximate(
        'the vendor has no line discounts; the discount is folded into the unit price',
      );
      return undefined;
    },
  },
  productId: { unsupported: 'items name an article by ARTICLE_NUMBER (sku), not by id' },
} satisfies FieldRules<
  ParsedLineInput,
  BillomatStyleInvoiceFields,
  Record<string, unknown>,
  InvoiceWriteContext
>;

/**
 * Canonical invoice → method-style DATA, one rule per canonical field: the compiler refuses this
 * table when the canonical input gains a field it does not handle. Rule order is warning order.
 * Only invoices can be written: a create always makes a draft of an outgoing invoice.
 */
export const BILLOMAT_STYLE_INVOICE_RULES = {
  type: {
    write: (type, scope) => {
      if (type === 'invoice') return undefined;
      const operation = `invoices.${scope.context.mode}`;
      throw new UnsupportedOperationError({
        provider: BILLOMAT_STYLE,
        operation,
        issues: [{ path: 'type', message: `the vendor's API creates invoices only, not ${type}` }],
        message: `${operation}: the vendor's API creates invoices only, not ${type}`,
      });
    },
  },
  number: {
    unsupported:
      'invoice.create always makes a draft without a number; the vendor numbers it from its number range on invoice.complete',
  },
  seller: { unsupported: 'the seller is the account itself, set in the vendor settings' },
  dueDate: { unsupported: "the due date follows from the customer's DAYS_FOR_PAYMENT" },
  paymentTermsDays: {
    unsupported:
      "invoices take no payment terms: they are the customer's DAYS_FOR_PAYMENT (set on the customer)",
  },
  earlyPaymentDiscount: {
    write: (discount) => ({
      CASH_DISCOUNT_PERCENT: formatMinimal(discount.percent),
      CASH_DISCOUNT_DAYS: discount.days,
    }),
  },
  bankAccount: {
    unsupported:
      "the seller's bank account is printed from the account settings; an invoice's BANK_* fields are the customer's",
  },
  exchangeRate: { unsupported: 'invoices carry no exchange rate' },
  orderId: { unsupported: 'invoices have no order reference' },
  language: { unsupported: 'the language comes from the invoice template (TEMPLATE_ID)' },
  relatedInvoiceId: { unsupported: 'invoices cannot reference another invoice' },
  customer: {
    // CUSTOMER_ID is the operation's: an id as given, or a customer made from a snapshot alone.
    write: (customer, scope) => {
      if (customer.snapshot !== undefined && customer.id !== undefined)
        scope.unsupported(
          'the vendor copies the buyer from the customer record; update the customer instead',
          'snapshot',
        );
      if (scope.context.mode === 'update')
        scope.unsupported('a draft cannot be moved to another customer');
      return undefined;
    },
  },
  currency: { write: (CURRENCY_CODE) => ({ CURRENCY_CODE }) },
  issueDate: { write: (INVOICE_DATE) => ({ INVOICE_DATE }) },
  serviceDate: { write: (date) => ({ DELIVERY_DATE: toDeliveryDateText(date) }) },
  notes: { write: (INTROTEXT) => ({ INTROTEXT }) },
  internalNotes: {
    unsupported:
      "invoice.create and invoice.update take no internal note (the invoice's NOTE is read-only)",
  },
  lines: {
    each: LINE_RULES,
    place: (items, scope) => ({
      IS_GROSS: grossFlag(scope.parent),
      ITEMS: items.map((item, index) => ({ ...item, SORT_ORDER: index + 1 })),
      // The lines given replace the draft's lines, as the canonical model means.
      ...(scope.context.mode === 'update' ? { DELETE_EXISTING_ITEMS: 1 } : {}),
    }),
  },
  // After the lines, as the warning always came.
  externalId: {
    write: (INVOICE_EXT_UID, scope) => {
      if (scope.context.keepsExternalIds) return { INVOICE_EXT_UID };
      scope.unsupported(
        scope.context.mode === 'create'
          ? 'classic FastBill invoices have no INVOICE_EXT_UID; the create is not exactly-once'
          : 'classic FastBill invoices have no INVOICE_EXT_UID',
      );
      return undefined;
    },
  },
} satisfies FieldRules<
  BillomatStyleInvoiceFields,
  BillomatStyleInvoiceFields,
  InvoiceData,
  InvoiceWriteContext
>;

/** `providerOptions['billomat-style']` as DATA tags: booleans as the vendor's 0/1 flags. */
function optionTags(options: BillomatStyleInvoiceOptions | undefined): InvoiceData {
  if (!options) return {};
  return Object.fromEntries(
    Object.entries(options)
      .filter(([, value]) => value !== undefined)
      .map(([tag, value]) => [tag, typeof value === 'boolean' ? (value ? 1 : 0) : value]),
  );
}

/**
 * A canonical invoice write → method-style DATA and the warnings of what the vendor cannot hold:
 * the rules' fields, then the vendor's own tags from `providerOptions['billomat-style']`.
 */
export function writeInvoice(
  input: BillomatStyleInvoiceFields,
  options: BillomatStyleInvoiceOptions | undefined,
  context: InvoiceWriteContext,
): { data: InvoiceData; warnings: AdapterWarning[] } {
  const { body, warnings } = writeFields<
    BillomatStyleInvoiceFields,
    InvoiceData,
    InvoiceWriteContext
  >(BILLOMAT_STYLE_INVOICE_RULES, input, {
    provider: BILLOMAT_STYLE,
    operation: `invoices.${context.mode}`,
    context,
  });
  return { data: { ...body, ...optionTags(options) }, warnings };
}
