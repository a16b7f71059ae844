import {
  amountDue,
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
import { InvoiceWire, type ItemWire } from '../wire/records';
import { toCanonicalStatus } from './status';
import { toCanonicalPayments } from './to-canonical-payment';
import { toPartySnapshot } from './to-canonical-customer';
import { readWire, requireId } from '../wire/read-wire';

function placesOf(currency: string): number {
  return isCurrencyCode(currency) ? currencyExponent(currency) : 2;
}

/** A vendor amount, rounded half-up to the currency (the vendor's floats carry binary noise). */
function money(value: string | null | undefined, currency: string): string {
  return formatFixed(toDecimal(value ?? '0'), placesOf(currency));
}

function toLine(item: ItemWire, currency: string, reverseCharge: boolean): Line {
  const quantity = item.quantity ?? '1';
  const unitPrice = item.unit_price ?? item.price ?? '0';
  const percent = item.tax_rate ?? item.vat_rate ?? '0';
  const taxRate: TaxRate = reverseCharge
    ? { kind: 'reverse_charge' }
    : { kind: 'percent', value: toDecimal(percent).toString() };
  const net = money(
    item.net ?? toDecimal(quantity).times(toDecimal(unitPrice)).toString(),
    currency,
  );
  const tax =
    item.tax !== null && item.tax !== undefined
      ? money(item.tax, currency)
      : reverseCharge
        ? money('0', currency)
        : money(toDecimal(net).times(toDecimal(percent)).dividedBy(100).toString(), currency);
  const gross =
    item.total !== null && item.total !== undefined
      ? money(item.total, currency)
      : formatFixed(toDecimal(net).plus(toDecimal(tax)), placesOf(currency));
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
    totals: { net, tax, gross, discount: money('0', currency) },
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
  const wire = readWire(InvoiceWire, raw, 'invoice');
  const id = requireId(wire.id ?? wire.invoice_id, 'invoice');
  const currency = (wire.currency ?? 'EUR').toUpperCase();
  const places = placesOf(currency);
  const reverseCharge = wire.is_reverse_charge === true;
  const lines = (wire.items ?? []).map((item) => toLine(item, currency, reverseCharge));
  const vendorStatus = toCanonicalStatus(wire.status);
  const gross = toDecimal(money(wire.total, currency));
  const paid = toDecimal(money(wire.paid_amount, currency));
  const due = toDecimal(
    amountDue({
      gross: gross.toString(),
      paid: paid.toString(),
      // A refunded invoice's money went back: like a canceled one, it owes nothing.
      canceled: vendorStatus === 'canceled' || vendorStatus === 'refunded',
    }),
  );
  const net =
    lines.length > 0
      ? lines.reduce((sum, line) => sum.plus(toDecimal(line.totals.net)), toDecimal('0'))
      : gross;
  const totals = {
    net: formatFixed(net, places),
    tax: formatFixed(gross.minus(net), places),
    gross: formatFixed(gross, places),
    paid: formatFixed(paid, places),
    due: formatFixed(due, places),
  };
  const dueDate = wire.due_date ?? null;
  const rawPayments = (raw as { payments?: unknown } | null)?.payments;
  const payments = toCanonicalPayments(
    Array.isArray(rawPayments) ? rawPayments : (wire.payments ?? []),
    { id, currency },
  );
  // Paid in full by its payments (not merely owing nothing, as a canceled invoice does).
  const paidDate =
    paid.greaterThan(0) && gross.minus(paid).lessThanOrEqualTo(0) && payments.length > 0
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
