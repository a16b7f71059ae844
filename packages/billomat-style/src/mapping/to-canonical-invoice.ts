import {
  Decimal,
  formatFixed,
  formatMinimal,
  isCurrencyCode,
  reconcileStatus,
  taxBreakdownOf,
  toDecimal,
  type Invoice,
  type Line,
  type TaxRate,
} from '@invoicekit/core';
import { BILLOMAT_STYLE } from '../provider-id';
import { InvoiceWire, type ItemWire } from '../wire/invoice';
import { addressOf } from './address';
import { deliveryDateOf } from './delivery-date';
import { readWire } from '../wire/read-wire';
import { rawStatus, toCanonicalStatus } from './status';
import { money, placesOf } from './vendor-money';

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
    sku: item.ARTICLE_NUMBER ?? null,
    productId: null,
    quantity: item.QUANTITY ?? '1',
    unit: item.UNIT ?? null,
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

/** A method-style invoice → canonical; the vendor object stays in `raw`. */
export function toCanonicalInvoice(raw: unknown, context: { today: string }): Invoice {
  const wire = readWire(InvoiceWire, raw, 'invoice');
  const currency = (wire.CURRENCY_CODE ?? 'EUR').toUpperCase();
  const lines = (wire.ITEMS ?? []).map((item) => toLine(item, currency));
  const places = placesOf(currency);
  const gross = toDecimal(money(wire.TOTAL, currency));
  const net = toDecimal(money(wire.SUB_TOTAL, currency));
  const paidDate = wire.PAID_DATE ?? null;
  // Monsum says what is left to pay; without it, a paid date means everything was paid.
  const outstanding = wire.OUTSTANDING_AMOUNT ?? (paidDate ? '0' : null);
  // A canceled invoice owes nothing, and nothing was paid on it unless it carries a paid date.
  // A draft owes nothing yet and nothing was paid on it: its total is simply due once issued.
  const isDraft = wire.TYPE === 'draft';
  const canceledUnpaid = wire.IS_CANCELED === true && !paidDate;
  const due = isDraft
    ? gross
    : canceledUnpaid
      ? toDecimal('0')
      : outstanding !== null
        ? toDecimal(money(outstanding, currency))
        : gross;
  const paid = canceledUnpaid ? toDecimal('0') : Decimal.max(gross.minus(due), 0);
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
  const name = wire.ORGANIZATION || [wire.FIRST_NAME, wire.LAST_NAME].filter(Boolean).join(' ');
  return {
    id: wire.INVOICE_ID ?? '',
    provider: BILLOMAT_STYLE,
    number: wire.INVOICE_NUMBER || null,
    type: wire.TYPE === 'credit' ? 'credit_note' : 'invoice',
    status: {
      canonical: reconcileStatus(toCanonicalStatus(facts), {
        totals,
        dueDate,
        today: context.today,
      }),
      raw: rawStatus(wire.STATUS, facts),
    },
    currency,
    issueDate: wire.INVOICE_DATE ?? null,
    serviceDate: deliveryDateOf(wire.DELIVERY_DATE),
    dueDate,
    paidDate,
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
    notes: wire.INTROTEXT || wire.COMMENT || wire.COMMENT_ || null,
    externalId: wire.INVOICE_EXT_UID || null,
    orderId: null,
    relatedInvoiceId: null,
    language: null,
    createdAt: wire.CREATED ?? null,
    updatedAt: wire.LASTUPDATE ?? null,
    raw,
  };
}
