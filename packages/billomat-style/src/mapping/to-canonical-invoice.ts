import {
  isCurrencyCode,
  readInvoiceState,
  type EarlyPaymentDiscount,
  type Payment,
  taxBreakdownOf,
  type Invoice,
  type Line,
  type TaxRate,
} from '@invoicekit/core';
import { BILLOMAT_STYLE } from '../provider-id';
import { readInvoice, type InvoiceWire, type ItemWire } from '../wire/records';
import { listEntries, readRecord } from '../wire/wire-reader';
import { addressOf } from './address';
import { deliveryDateOf } from './delivery-date';
import { rawStatus, toCanonicalStatus } from './status';
import { paymentWithoutRecord } from './payment-without-record';
import { toCanonicalPayment } from './to-canonical-payment';
import {
  exactOf,
  isZeroText,
  minimalText,
  moneyUnits,
  placesOf,
  plusExact,
  textOfUnits,
  timesExact,
  unitsAt,
} from './vendor-money';

// Amounts are rounded, added and compared as BigInt units of the currency (vendor-money): exact,
// and without a Decimal per amount.

function taxRateOf(percent: string | null | undefined): TaxRate {
  return { kind: 'percent', value: percent ? minimalText(percent) : '0' };
}

/**
 * Items carry no price kind; an invoice written with `IS_GROSS` has gross unit prices. Whichever
 * of net and gross quantity × unit price makes is the kind.
 */
function priceKindOf(item: ItemWire, net: bigint, gross: bigint, places: number): 'net' | 'gross' {
  if (net === gross || item.UNIT_PRICE === null || item.UNIT_PRICE === undefined) return 'net';
  const extended = unitsAt(
    timesExact(exactOf(item.UNIT_PRICE), exactOf(item.QUANTITY ?? '1')),
    places,
  );
  return extended === gross && extended !== net ? 'gross' : 'net';
}

function toLine(item: ItemWire, places: number, zero: string): Line {
  const net = moneyUnits(item.COMPLETE_NET, places);
  const gross =
    item.COMPLETE_GROSS !== null && item.COMPLETE_GROSS !== undefined
      ? moneyUnits(item.COMPLETE_GROSS, places)
      : unitsAt(
          plusExact(exactOf(item.COMPLETE_NET ?? '0'), exactOf(item.VAT_VALUE ?? '0')),
          places,
        );
  return {
    id: item.INVOICE_ITEM_ID ?? null,
    description: item.DESCRIPTION ?? '',
    sku: item.ARTICLE_NUMBER || null,
    productId: null,
    quantity: item.QUANTITY ?? '1',
    unit: item.UNIT || null,
    unitPrice: item.UNIT_PRICE ?? '0',
    unitPriceKind: priceKindOf(item, net, gross, places),
    taxRate: taxRateOf(item.VAT_PERCENT),
    discount: null,
    totals: {
      net: textOfUnits(net, places),
      tax: textOfUnits(gross - net, places),
      gross: textOfUnits(gross, places),
      discount: zero,
    },
  };
}

/** The entries of a list field as received (before lenient parsing), for each payment's `raw`. */
function receivedList(raw: unknown, key: string): readonly unknown[] {
  // The reader's own list reading, so each payment's `raw` is the very entry it was read from
  // (a PHP index-keyed list included).
  return typeof raw === 'object' && raw !== null
    ? listEntries((raw as Record<string, unknown>)[key])
    : [];
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
  if (!percent || isZeroText(percent)) return null;
  return { percent: minimalText(percent), days: wholeDays(wire.CASH_DISCOUNT_DAYS) ?? 0 };
}

/** A method-style invoice → canonical; the vendor object stays in `raw`. */
export function toCanonicalInvoice(raw: unknown, context: { today: string }): Invoice {
  const wire = readRecord(readInvoice, raw, 'invoice');
  const id = wire.INVOICE_ID ?? '';
  const currency = (wire.CURRENCY_CODE ?? 'EUR').toUpperCase();
  const places = placesOf(currency);
  const zero = textOfUnits(0n, places);
  const lines = (wire.ITEMS ?? []).map((item) => toLine(item, places, zero));
  const gross = moneyUnits(wire.TOTAL, places);
  const net = moneyUnits(wire.SUB_TOTAL, places);
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
  let paid = 0n;
  if (isDraft) paid = 0n;
  else if (recorded.length > 0) {
    // Summed exactly, rounded once: a payment may be in another currency's places.
    let sum = exactOf('0');
    for (const payment of recorded) sum = plusExact(sum, exactOf(payment.amount));
    paid = unitsAt(sum, places);
  } else if (isCanceled && !paidDate) paid = 0n;
  else if (outstanding !== null) {
    const left = gross - moneyUnits(outstanding, places);
    paid = left > 0n ? left : 0n;
  }
  // A draft owes nothing yet: its total is simply due once issued. A canceled invoice owes
  // nothing, whatever the vendor still shows open.
  const grossText = textOfUnits(gross, places);
  const paidText = textOfUnits(paid, places);
  const due = isDraft
    ? grossText
    : outstanding !== null && !isCanceled
      ? textOfUnits(moneyUnits(outstanding, places), places)
      : // core's amountDue, on units: nothing when canceled, otherwise gross − paid.
        textOfUnits(isCanceled ? 0n : gross - paid, places);
  const totals = {
    net: textOfUnits(net, places),
    tax: textOfUnits(gross - net, places),
    gross: grossText,
    paid: paidText,
    due,
  };
  const facts = {
    type: wire.TYPE,
    isCanceled: wire.IS_CANCELED,
    paidDate,
    // Compared to the cent: the unrounded TOTAL (9.653399) against "9,65" is not a part payment.
    outstanding:
      wire.OUTSTANDING_AMOUNT === null || wire.OUTSTANDING_AMOUNT === undefined
        ? wire.OUTSTANDING_AMOUNT
        : textOfUnits(moneyUnits(wire.OUTSTANDING_AMOUNT, places), places),
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
      recorded.length > 0 || paid === 0n
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
