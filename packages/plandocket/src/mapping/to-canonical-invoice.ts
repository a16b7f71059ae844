import {
  currencyExponent,
  formatFixed,
  isCurrencyCode,
  readInvoiceState,
  taxBreakdownOf,
  toDecimal,
  type Invoice,
  type Line,
  type TaxRate,
} from '@invoicekit/core';
import { PLANDOCKET } from '../provider-id';
import type { InvoiceWire, ItemWire } from '../wire/records';
import { readInvoiceWire } from '../wire/fast-records';
import { toCanonicalStatus } from './status';
import { toCanonicalPayments } from './to-canonical-payment';
import { toPartySnapshot } from './to-canonical-customer';
import { requireId } from '../wire/read-wire';

function placesOf(currency: string): number {
  return isCurrencyCode(currency) ? currencyExponent(currency) : 2;
}

/** The shortest spelling of a decimal (as `Decimal#toString` and the wire readers write it). */
const MINIMAL_DECIMAL = /^-?(?:0|[1-9]\d*)(?:\.\d*[1-9])?$/;

/** A vendor amount, rounded half-up to `places` (the vendor's floats carry binary noise). */
function money(value: string | null | undefined, places: number): string {
  const text = value ?? '0';
  // Nearly every amount has no more places than the currency: padding it is all there is to do.
  if (text !== '-0' && MINIMAL_DECIMAL.test(text)) {
    const point = text.indexOf('.');
    const fraction = point < 0 ? 0 : text.length - point - 1;
    if (fraction <= places)
      return places === 0 ? text : `${text}${point < 0 ? '.' : ''}${'0'.repeat(places - fraction)}`;
  }
  return formatFixed(text, places);
}

/** Amounts already written with `places` decimals, as integers of the last place. */
function minorOf(fixed: string, places: number): bigint {
  return BigInt(places > 0 ? fixed.replace('.', '') : fixed);
}

/** Integers of the last place back to text with `places` decimals (no negative zero). */
function fixedOf(units: bigint, places: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(places + 1, '0');
  const text = places > 0 ? `${digits.slice(0, -places)}.${digits.slice(-places)}` : digits;
  return negative ? `-${text}` : text;
}

function rateText(percent: string): string {
  return MINIMAL_DECIMAL.test(percent) && percent !== '-0'
    ? percent
    : toDecimal(percent).toString();
}

function toLine(item: ItemWire, places: number, zero: string, reverseCharge: boolean): Line {
  const quantity = item.quantity ?? '1';
  const unitPrice = item.unit_price ?? item.price ?? '0';
  const percent = item.tax_rate ?? item.vat_rate ?? '0';
  const taxRate: TaxRate = reverseCharge
    ? { kind: 'reverse_charge' }
    : { kind: 'percent', value: rateText(percent) };
  // The vendor's own line amounts when it sends them (it does); computed only when it does not.
  const net = money(item.net ?? toDecimal(quantity).times(toDecimal(unitPrice)).toString(), places);
  const tax =
    item.tax !== null && item.tax !== undefined
      ? money(item.tax, places)
      : reverseCharge
        ? zero
        : money(toDecimal(net).times(toDecimal(percent)).dividedBy(100).toString(), places);
  const gross =
    item.total !== null && item.total !== undefined
      ? money(item.total, places)
      : fixedOf(minorOf(net, places) + minorOf(tax, places), places);
  return {
    id: item.id ?? null,
    description: item.description ?? item.name ?? '',
    sku: null,
    productId: item.product_id ?? null,
    quantity,
    unit: item.unit ?? null,
    unitPrice,
    unitPriceKind: 'net',
    taxRate,
    discount: null,
    totals: { net, tax, gross, discount: zero },
  };
}

/**
 * Whether the vendor records that the invoice reached the buyer apart from its status: a reminder
 * was sent, or it was locked — Plandocket locks an invoice when it is sent (GoBD, admin guide), and
 * the lock stays when a payment later moves the status on to paid.
 */
function wasSent(wire: InvoiceWire): boolean {
  return (
    Boolean(wire.reminder_sent_at) ||
    (wire.reminder_count ?? 0) > 0 ||
    Boolean(wire.locked_at) ||
    wire.is_locked === true
  );
}

/**
 * A Plandocket invoice → canonical; the vendor object stays in `raw`. Gross and paid are the
 * vendor's `total` and `paid_amount`; due is their difference, and nothing for a canceled or
 * refunded invoice (whatever `open_amount` still shows). Net and tax come from the lines
 * (`include=items`, which the adapter always asks for); without lines they cannot be known, and
 * the invoice reads as net = gross with no tax breakdown. The vendor's `notes` are documented as
 * internal notes: they are `internalNotes`, and the invoice has no printed remarks.
 */
export function toCanonicalInvoice(raw: unknown, context: { today: string }): Invoice {
  const wire = readInvoiceWire(raw);
  const id = requireId(wire.id ?? wire.invoice_id, 'invoice');
  const currency = (wire.currency ?? 'EUR').toUpperCase();
  const places = placesOf(currency);
  const zero = money('0', places);
  const reverseCharge = wire.is_reverse_charge === true;
  const lines = (wire.items ?? []).map((item) => toLine(item, places, zero, reverseCharge));
  const vendorStatus = toCanonicalStatus(wire.status);
  // Every amount below has exactly `places` decimals: integer arithmetic on them is exact.
  const gross = money(wire.total, places);
  const paid = money(wire.paid_amount, places);
  const grossUnits = minorOf(gross, places);
  const paidUnits = minorOf(paid, places);
  // A refunded invoice's money went back: like a canceled one, it owes nothing.
  const owesNothing = vendorStatus === 'canceled' || vendorStatus === 'refunded';
  let netUnits = grossUnits;
  if (lines.length > 0) {
    netUnits = 0n;
    for (const line of lines) netUnits += minorOf(line.totals.net, places);
  }
  const totals = {
    net: fixedOf(netUnits, places),
    tax: fixedOf(grossUnits - netUnits, places),
    gross,
    paid,
    due: owesNothing ? zero : fixedOf(grossUnits - paidUnits, places),
  };
  const dueDate = wire.due_date ?? null;
  const rawPayments = (raw as { payments?: unknown } | null)?.payments;
  const payments = Array.isArray(rawPayments)
    ? // The list as received, each payment with what the invoice's reader already read of it.
      toCanonicalPayments(rawPayments, { id, currency }, wire.payments)
    : toCanonicalPayments(wire.payments ?? [], { id, currency });
  // Paid in full by its payments (not merely owing nothing, as a canceled invoice does).
  const paidDate =
    paidUnits > 0n && grossUnits - paidUnits <= 0n && payments.length > 0
      ? (payments
          .map((payment) => payment.date)
          .filter((date): date is string => date !== null)
          .sort()
          .at(-1) ?? null)
      : null;
  const { state, status } = readInvoiceState(vendorStatus, {
    totals,
    dueDate,
    today: context.today,
    raw: wire.status ?? null,
    sent: wasSent(wire),
  });
  return {
    id,
    provider: PLANDOCKET,
    number: wire.invoice_number || null,
    type: wire.invoice_type === 'credit_note' ? 'credit_note' : 'invoice',
    status,
    state,
    currency,
    // The vendor has no invoice date: the day the invoice was made stands in for it.
    issueDate: wire.created_at ? wire.created_at.slice(0, 10) : null,
    serviceDate: wire.service_date ?? null,
    dueDate,
    paidDate,
    // Plandocket holds a due date, no terms, discount, bank account or exchange rate.
    paymentTermsDays: null,
    earlyPaymentDiscount: null,
    bankAccount: null,
    exchangeRate: null,
    customer: {
      id: wire.contact?.id ?? null,
      snapshot: wire.contact ? toPartySnapshot(wire.contact) : null,
    },
    seller: null,
    lines,
    totals,
    taxBreakdown:
      isCurrencyCode(currency) && lines.length > 0
        ? taxBreakdownOf(lines, {
            currency,
            strategy: { line: 'net_first', document: 'sum_lines' },
          })
        : [],
    payments,
    notes: null,
    internalNotes: wire.notes ?? null,
    externalId: null,
    orderId: null,
    relatedInvoiceId: wire.related_invoice_id ?? null,
    language: null,
    createdAt: wire.created_at ?? null,
    updatedAt: wire.updated_at ?? null,
    raw,
  };
}
