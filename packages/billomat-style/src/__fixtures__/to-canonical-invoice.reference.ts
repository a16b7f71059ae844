import {
  Decimal,
  formatFixed,
  formatMinimal,
  isCurrencyCode,
  amountDue,
  readInvoiceState,
  type EarlyPaymentDiscount,
  type Payment,
  taxBreakdownOf,
  toDecimal,
  type Invoice,
  type Line,
  type TaxRate,
  type InvoiceStatus,
} from '@invoicekit/core';
import { BILLOMAT_STYLE } from '../provider-id';
import { InvoiceWire, type ItemWire } from '../wire/invoice';
import { addressOf } from '../mapping/address';
import { deliveryDateOf } from '../mapping/delivery-date';
import { readWire } from '../wire/read-wire';
import { rawStatus } from '../mapping/status';
import { paymentWithoutRecord } from '../mapping/payment-without-record';
import { toCanonicalPayment } from '../mapping/to-canonical-payment';
import { placesOf } from '../mapping/vendor-money';

/**
 * The wire → canonical mapping as it was before its fast path (zod wire schemas, a Decimal per
 * amount), kept as the reference the fast `toCanonicalInvoice` is tested against.
 */

function money(value: string | null | undefined, currency: string): string {
  return formatFixed(toDecimal(value ?? '0'), placesOf(currency));
}

function toCanonicalStatus(facts: {
  type: string | null | undefined;
  isCanceled: boolean | null | undefined;
  paidDate: string | null | undefined;
  outstanding: string | null | undefined;
  total: string | null | undefined;
}): InvoiceStatus {
  if (facts.type === 'draft') return 'draft';
  if (facts.isCanceled) return 'canceled';
  if (facts.paidDate) return 'paid';
  if (
    facts.outstanding !== null &&
    facts.outstanding !== undefined &&
    facts.total !== null &&
    facts.total !== undefined
  ) {
    const outstanding = toDecimal(facts.outstanding);
    const total = toDecimal(facts.total);
    if (outstanding.lessThanOrEqualTo(0) && total.greaterThan(0)) return 'paid';
    if (outstanding.lessThan(total)) return 'partially_paid';
  }
  if (facts.type === 'outgoing' || facts.type === 'credit') return 'issued';
  return 'unknown';
}

function taxRateOf(percent: string | null | undefined): TaxRate {
  return { kind: 'percent', value: percent ? formatMinimal(percent) : '0' };
}

/**
 * Items carry no price kind; an invoice written with `IS_GROSS` has gross unit prices. Whichever
 * of net and gross quantity × unit price makes is the kind.
 */
function priceKindOf(
  item: ItemWire,
  net: string,
  gross: string,
  currency: string,
): 'net' | 'gross' {
  if (net === gross || item.UNIT_PRICE === null || item.UNIT_PRICE === undefined) return 'net';
  const extended = money(
    toDecimal(item.UNIT_PRICE)
      .times(toDecimal(item.QUANTITY ?? '1'))
      .toString(),
    currency,
  );
  return extended === gross && extended !== net ? 'gross' : 'net';
}

function toLine(item: ItemWire, currency: string): Line {
  const net = money(item.COMPLETE_NET, currency);
  const gross =
    item.COMPLETE_GROSS !== null && item.COMPLETE_GROSS !== undefined
      ? money(item.COMPLETE_GROSS, currency)
      : money(
          toDecimal(item.COMPLETE_NET ?? '0')
            .plus(toDecimal(item.VAT_VALUE ?? '0'))
            .toString(),
          currency,
        );
  return {
    id: item.INVOICE_ITEM_ID ?? null,
    description: item.DESCRIPTION ?? '',
    sku: item.ARTICLE_NUMBER || null,
    productId: null,
    quantity: item.QUANTITY ?? '1',
    unit: item.UNIT || null,
    unitPrice: item.UNIT_PRICE ?? '0',
    unitPriceKind: priceKindOf(item, net, gross, currency),
    taxRate: taxRateOf(item.VAT_PERCENT),
    discount: null,
    totals: {
      net,
      tax: formatFixed(toDecimal(gross).minus(toDecimal(net)), placesOf(currency)),
      gross,
      discount: money('0', currency),
    },
  };
}

/** The entries of a list field as received (before lenient parsing), for each payment's `raw`. */
function receivedList(raw: unknown, key: string): readonly unknown[] {
  const value =
    typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[key] : [];
  if (Array.isArray(value)) return value;
  return typeof value === 'object' && value !== null ? [value] : [];
}

/** Oldest first; a payment without a date keeps its place after the dated ones. */
function oldestFirst(payments: Payment[]): Payment[] {
  return payments
    .map((payment, index) => ({ payment, index }))
    .sort(
      (a, b) =>
        (a.payment.date ?? '9999-99-99').localeCompare(b.payment.date ?? '9999-99-99') ||
        a.index - b.index,
    )
    .map(({ payment }) => payment);
}

/** `"14"` → 14; anything that is not whole days → `null`. */
function wholeDays(value: string | null | undefined): number | null {
  return value && /^\d+$/.test(value.trim()) ? Number(value.trim()) : null;
}

/** CASH_DISCOUNT_PERCENT / _DAYS; the vendor's `"0.00"` / `"0"` means there is none. */
function earlyPaymentDiscountOf(wire: InvoiceWire): EarlyPaymentDiscount | null {
  const percent = wire.CASH_DISCOUNT_PERCENT;
  if (!percent || toDecimal(percent).isZero()) return null;
  return { percent: formatMinimal(percent), days: wholeDays(wire.CASH_DISCOUNT_DAYS) ?? 0 };
}

/** The reference mapping. */
export function referenceToCanonicalInvoice(raw: unknown, context: { today: string }): Invoice {
  const wire = readWire(InvoiceWire, raw, 'invoice');
  const id = wire.INVOICE_ID ?? '';
  const currency = (wire.CURRENCY_CODE ?? 'EUR').toUpperCase();
  const lines = (wire.ITEMS ?? []).map((item) => toLine(item, currency));
  const places = placesOf(currency);
  const gross = toDecimal(money(wire.TOTAL, currency));
  const net = toDecimal(money(wire.SUB_TOTAL, currency));
  const paidDate = wire.PAID_DATE ?? null;
  const received = receivedList(raw, 'PAYMENTS');
  const recorded = oldestFirst(
    (wire.PAYMENTS ?? []).map((payment, index) =>
      toCanonicalPayment(payment, received[index] ?? payment, { id, currency }),
    ),
  );
  // Monsum says what is left to pay; without it, a paid date means everything was paid.
  const outstanding = wire.OUTSTANDING_AMOUNT ?? (paidDate ? '0' : null);
  const isDraft = wire.TYPE === 'draft';
  const isCanceled = wire.IS_CANCELED === true;
  // Nothing was paid on a draft, nor on a canceled invoice unless it carries a paid date or
  // payments. Payment records are what was paid; without them, total − outstanding.
  const paid = isDraft
    ? toDecimal('0')
    : recorded.length > 0
      ? recorded.reduce((sum, payment) => sum.plus(toDecimal(payment.amount)), toDecimal('0'))
      : isCanceled && !paidDate
        ? toDecimal('0')
        : outstanding !== null
          ? Decimal.max(gross.minus(toDecimal(money(outstanding, currency))), 0)
          : toDecimal('0');
  // A draft owes nothing yet: its total is simply due once issued. A canceled invoice owes
  // nothing, whatever the vendor still shows open.
  const due = isDraft
    ? gross
    : outstanding !== null && !isCanceled
      ? toDecimal(money(outstanding, currency))
      : toDecimal(
          amountDue({ gross: gross.toString(), paid: paid.toString(), canceled: isCanceled }),
        );
  const totals = {
    net: formatFixed(net, places),
    tax: formatFixed(gross.minus(net), places),
    gross: formatFixed(gross, places),
    paid: formatFixed(paid, places),
    due: formatFixed(due, places),
  };
  const facts = {
    type: wire.TYPE,
    isCanceled: wire.IS_CANCELED,
    paidDate,
    // Compared to the cent: the unrounded TOTAL (9.653399) against "9,65" is not a part payment.
    outstanding:
      wire.OUTSTANDING_AMOUNT === null || wire.OUTSTANDING_AMOUNT === undefined
        ? wire.OUTSTANDING_AMOUNT
        : money(wire.OUTSTANDING_AMOUNT, currency),
    total: totals.gross,
  };
  const dueDate = wire.DUE_DATE ?? null;
  const { state, status } = readInvoiceState(toCanonicalStatus(facts), {
    totals,
    dueDate,
    today: context.today,
    raw: rawStatus(wire.STATUS, facts),
  });
  const name = wire.ORGANIZATION || [wire.FIRST_NAME, wire.LAST_NAME].filter(Boolean).join(' ');
  return {
    id,
    provider: BILLOMAT_STYLE,
    number: wire.INVOICE_NUMBER || null,
    type: wire.TYPE === 'credit' ? 'credit_note' : 'invoice',
    status,
    state,
    currency,
    issueDate: wire.INVOICE_DATE ?? null,
    serviceDate: deliveryDateOf(wire.DELIVERY_DATE),
    dueDate,
    paidDate,
    // DAYS_FOR_PAYMENT is copied onto the invoice from the customer: the terms it was issued on.
    paymentTermsDays: wholeDays(wire.DAYS_FOR_PAYMENT),
    earlyPaymentDiscount: earlyPaymentDiscountOf(wire),
    // The invoice's BANK_* fields are the buyer's (copied from the customer, for direct debit);
    // the seller's account is printed from the account settings and is not in the answer.
    bankAccount: null,
    exchangeRate: null,
    customer: {
      id: wire.CUSTOMER_ID ?? null,
      snapshot: name
        ? {
            kind: wire.ORGANIZATION ? 'company' : 'person',
            name,
            firstName: wire.FIRST_NAME || null,
            lastName: wire.LAST_NAME || null,
            taxId: wire.VAT_ID || null,
            email: null,
            phone: null,
            address: addressOf(wire),
          }
        : null,
    },
    seller: null,
    lines,
    totals,
    taxBreakdown: isCurrencyCode(currency)
      ? taxBreakdownOf(lines, { currency, strategy: { line: 'net_first', document: 'sum_lines' } })
      : [],
    payments:
      recorded.length > 0 || paid.isZero()
        ? recorded
        : [paymentWithoutRecord(wire, { id, currency, amount: totals.paid, date: paidDate })],
    // INTROTEXT is printed above the lines; COMMENT / COMMENT_ sit among the customer's fields
    // (the customer record's comment), so they are not this invoice's remarks.
    notes: wire.INTROTEXT || null,
    // Classic FastBill's NOTE: the invoice's note in the vendor's UI, not printed.
    internalNotes: wire.NOTE || null,
    externalId: wire.INVOICE_EXT_UID || null,
    orderId: null,
    relatedInvoiceId: null,
    language: null,
    createdAt: wire.CREATED ?? null,
    updatedAt: wire.LASTUPDATE ?? null,
    raw,
  };
}
