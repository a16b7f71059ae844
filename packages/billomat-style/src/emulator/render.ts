import { Decimal, taxRateKey, toDecimal } from '@invoicekit/core';
import type { MethodStyleState, StoredInvoice, StoredItem } from './state';
import { toVendorDueDate } from '../wire/vendor-values';
import { paidSoFar, renderPayment } from './payments';
import { ZERO_DATE, fixed, germanAmount, jsonNumber } from './values';

export interface ItemAmounts {
  readonly net: Decimal;
  readonly vat: Decimal;
  readonly gross: Decimal;
}

/**
 * The vendor keeps full precision on lines and totals (docs/vendors/method-style.md §10.4): no
 * rounding here.
 */
export function itemAmounts(item: StoredItem, isGross: boolean): ItemAmounts {
  const rate = toDecimal(item.vatPercent).dividedBy(100);
  if (item.completeGross !== undefined) {
    const gross = toDecimal(item.completeGross);
    const net = gross.dividedBy(rate.plus(1));
    return { net, vat: gross.minus(net), gross };
  }
  const total = toDecimal(item.quantity).times(toDecimal(item.unitPrice));
  const net = isGross ? total.dividedBy(rate.plus(1)) : total;
  const vat = net.times(rate);
  return { net, vat, gross: net.plus(vat) };
}

/** An invoice's totals, by rate, and each line's amounts (computed once per render). */
export interface InvoiceAmounts {
  net: Decimal;
  vat: Decimal;
  gross: Decimal;
  byRate: Map<string, { percent: string; net: Decimal; vat: Decimal }>;
  byItem: Map<StoredItem, ItemAmounts>;
}

export function invoiceAmounts(invoice: StoredInvoice): InvoiceAmounts {
  let net = new Decimal(0);
  let vat = new Decimal(0);
  const byRate = new Map<string, { percent: string; net: Decimal; vat: Decimal }>();
  const byItem = new Map<StoredItem, ItemAmounts>();
  for (const item of invoice.items) {
    const amounts = itemAmounts(item, invoice.isGross);
    byItem.set(item, amounts);
    net = net.plus(amounts.net);
    vat = vat.plus(amounts.vat);
    const key = taxRateKey({ kind: 'percent', value: item.vatPercent });
    const group = byRate.get(key) ?? {
      percent: item.vatPercent,
      net: new Decimal(0),
      vat: new Decimal(0),
    };
    group.net = group.net.plus(amounts.net);
    group.vat = group.vat.plus(amounts.vat);
    byRate.set(key, group);
  }
  return { net, vat, gross: net.plus(vat), byRate, byItem };
}

/** {@link invoiceAmounts}, computed once per list of lines (see `MethodStyleState.amounts`). */
export function memoisedAmounts(invoice: StoredInvoice, state: MethodStyleState): InvoiceAmounts {
  const known = state.amounts.get(invoice.items);
  if (known && known.isGross === invoice.isGross) return known.amounts;
  const amounts = invoiceAmounts(invoice);
  state.amounts.set(invoice.items, { isGross: invoice.isGross, amounts });
  return amounts;
}

/** What is left to pay; `amounts` when the caller has them already (a render computes them once). */
export function outstandingOf(invoice: StoredInvoice, amounts?: InvoiceAmounts): Decimal {
  if (invoice.type === 'draft' || invoice.paidDate || invoice.isCanceled) return new Decimal(0);
  return Decimal.max(
    (amounts ?? invoiceAmounts(invoice)).gross
      .toDecimalPlaces(2)
      .minus(toDecimal(invoice.canceledAmount))
      .minus(paidSoFar(invoice)),
    0,
  );
}

export function renderItem(
  item: StoredItem,
  invoice: StoredInvoice,
  amounts: ItemAmounts = itemAmounts(item, invoice.isGross),
): Record<string, unknown> {
  return {
    INVOICE_ITEM_ID: String(item.id),
    ARTICLE_NUMBER: item.articleNumber,
    DESCRIPTION: item.description,
    QUANTITY: fixed(item.quantity, 2),
    // The Monsum capture's line has no unit and no UNIT tag; a line with one carries it.
    ...(item.unit ? { UNIT: item.unit } : {}),
    UNIT_PRICE: fixed(item.unitPrice, 8),
    VAT_PERCENT: fixed(item.vatPercent, 2),
    VAT_VALUE: jsonNumber(amounts.vat),
    COMPLETE_NET: jsonNumber(amounts.net),
    COMPLETE_GROSS: jsonNumber(amounts.gross),
    SORT_ORDER: item.sortOrder,
  };
}

/**
 * The lines in the order of their SORT_ORDER (the vendor's invoice page: "Sortierschlüssel"), ties
 * as entered.
 */
export function sortedItems(invoice: StoredInvoice): StoredItem[] {
  return [...invoice.items].sort((a, b) => a.sortOrder - b.sortOrder);
}

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The customer's payment term (14 days unless its DAYS_FOR_PAYMENT says otherwise). */
function daysForPaymentOf(invoice: StoredInvoice, state: MethodStyleState): number {
  const days = state.customers.get(invoice.customerId)?.fields.DAYS_FOR_PAYMENT;
  return Number(days ?? '14') || 14;
}

/** The due date (Berlin calendar date): the invoice date plus the customer's payment term. */
export function dueDateOf(invoice: StoredInvoice, state: MethodStyleState): string {
  return addDays(invoice.invoiceDate, daysForPaymentOf(invoice, state));
}

/** An invoice in the field order and value formats of the Monsum capture. */
export function renderInvoice(
  invoice: StoredInvoice,
  state: MethodStyleState,
  baseUrl: string,
): Record<string, unknown> {
  const customer = state.customers.get(invoice.customerId)?.fields ?? {};
  const text = (key: string, fallback = ''): string =>
    customer[key] === undefined || customer[key] === null ? fallback : String(customer[key]);
  const amounts = memoisedAmounts(invoice, state);
  const daysForPayment = daysForPaymentOf(invoice, state);
  const dueDate = addDays(invoice.invoiceDate, daysForPayment);
  return {
    INVOICE_ID: String(invoice.id),
    STATUS: invoice.status,
    TYPE: invoice.type,
    CUSTOMER_ID: String(invoice.customerId),
    CUSTOMER_NUMBER: text('CUSTOMER_NUMBER'),
    CUSTOMER_COSTCENTER_ID: '0',
    ORGANIZATION: text('ORGANIZATION'),
    SALUTATION: text('SALUTATION'),
    FIRST_NAME: text('FIRST_NAME'),
    LAST_NAME: text('LAST_NAME'),
    ADDRESS: text('ADDRESS'),
    ADDRESS_2: text('ADDRESS_2'),
    ZIPCODE: text('ZIPCODE'),
    CITY: text('CITY'),
    COMMENT: '',
    PAYMENT_TYPE: text('PAYMENT_TYPE', '1'),
    DAYS_FOR_PAYMENT: String(daysForPayment),
    BANK_NAME: customer.BANK_NAME ?? null,
    BANK_ACCOUNT_NUMBER: null,
    BANK_CODE: null,
    BANK_ACCOUNT_OWNER: null,
    BANK_IBAN: customer.BANK_IBAN ?? null,
    BANK_BIC: customer.BANK_BIC ?? null,
    AFFILIATE: null,
    COUNTRY_CODE: text('COUNTRY_CODE'),
    VAT_ID: text('VAT_ID'),
    CURRENCY_CODE: invoice.currency,
    TEMPLATE_ID: invoice.templateId,
    SUBSCRIPTION_ID: '0',
    SUBSCRIPTION_INVOICE_COUNTER: '0',
    INVOICE_NUMBER: invoice.number,
    INVOICE_EXT_UID: invoice.extUid,
    INVOICE_TITLE: invoice.title,
    INTROTEXT: invoice.introtext,
    OUTSTANDING_AMOUNT: germanAmount(outstandingOf(invoice, amounts)),
    PAID_DATE: invoice.paidDate ? `${invoice.paidDate} 00:00:00` : ZERO_DATE,
    IS_CANCELED: invoice.isCanceled ? '1' : '0',
    INVOICE_DATE: invoice.invoiceDate,
    DUE_DATE: toVendorDueDate(dueDate),
    DELIVERY_DATE: invoice.deliveryDate,
    // Classic's place for it: the Berlin wall time of the last change, which every write restamps.
    LASTUPDATE: invoice.updated,
    CASH_DISCOUNT_PERCENT: invoice.cashDiscountPercent,
    CASH_DISCOUNT_DAYS: invoice.cashDiscountDays,
    SUB_TOTAL: jsonNumber(amounts.net),
    VAT_TOTAL: jsonNumber(amounts.vat),
    VAT_ITEMS: [...amounts.byRate.values()].map((group) => ({
      VAT_PERCENT: fixed(group.percent, 2),
      COMPLETE_NET: jsonNumber(group.net),
      VAT_VALUE: jsonNumber(group.vat),
    })),
    ITEMS: sortedItems(invoice).map((item) => renderItem(item, invoice, amounts.byItem.get(item))),
    TOTAL: jsonNumber(amounts.gross),
    // Where the reference places PAYMENTS[]; the (unpaid) Monsum capture has none and no tag.
    ...(invoice.payments.length > 0 ? { PAYMENTS: invoice.payments.map(renderPayment) } : {}),
    PAYMENT_INFO: '',
    DOCUMENT_URL: `${baseUrl}/document/${invoice.id}.pdf`,
    PAYPAL_URL: `${baseUrl}/paypal/${invoice.id}`,
    SHIPMENTS: [],
    TRANSACTION_ID: '',
  };
}

/**
 * The REQUEST echo, as the vendor returns it after an XML round trip: `null` becomes `[]`, a list of
 * one element becomes that element, an empty object `[]` (docs/vendors/method-style.md §4). Never
 * to be relied upon.
 */
export function echo(value: unknown): unknown {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.length === 1 ? echo(value[0]) : value.map(echo);
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return entries.length === 0
      ? []
      : Object.fromEntries(entries.map(([key, inner]) => [key, echo(inner)]));
  }
  return value;
}
