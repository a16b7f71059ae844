import {
  Decimal,
  IsoDateSchema,
  amountDue,
  normalizeDecimalString,
  readInvoiceState,
  taxBreakdownOf,
  toDecimal,
  isCurrencyCode,
  type ExchangeRate,
  type Invoice,
  type InvoiceBankAccount,
  type EarlyPaymentDiscount,
  type Line,
  type TaxRate,
} from '@invoicekit/core';
import { DEFAULT_CALCULATING_STRATEGY, type CalculatingStrategy } from '../config';
import { INVOICEOCEAN } from '../provider-id';
import { readWireRecord } from '../wire/field-reader';
import type { InvoiceWire as InvoiceWireType } from '../wire/invoice';
import { INVOICE_RECORD } from '../wire/invoice-reader';
import type { PositionWire } from '../wire/position';
import { recordAnswer, requireId, type AnswerContext } from '../wire/answer';
import { kindBeforeCancel } from './cancel-reason';
import { toCanonicalType } from './kind';
import { canonicalMoney } from './money';
import { flatParty, toPartySnapshot } from './party';
import { toRoundingStrategy } from './rounding-strategy';
import { toCanonicalStatus } from './status';
import { toCanonicalTaxRate } from './tax';
import { toCanonicalPayments } from './to-canonical-payment';
import { taxFraction } from '@invoicekit/core';

/** What reading an invoice needs besides the invoice. */
export interface ReadContext {
  /** The account's strategy, used when the invoice carries none. */
  readonly strategy?: CalculatingStrategy;
  /** `YYYY-MM-DD` today, for `overdue`. */
  readonly today: string;
  /** The operation that read it, for error messages (`invoices.get`). */
  readonly operation?: string;
}

/** Two decimals, half-up: the vendor's rounding for every amount, whatever the currency. */
function round2(value: Decimal): Decimal {
  return value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/**
 * The `discount_kind` values under which a position's `discount_percent` applies
 * (docs/vendors/invoiceocean.md §7.4).
 */
const PERCENT_KINDS: ReadonlySet<string> = new Set([
  'percent_unit',
  'percent_unit_gross',
  'percent_total',
]);

/** A discount value the vendor actually applies: present, non-zero, and discounts switched on. */
function activeDiscount(value: string | null | undefined, showDiscount: boolean): Decimal | null {
  if (!showDiscount || value === null || value === undefined) return null;
  const decimal = toDecimal(value);
  return decimal.isZero() ? null : decimal;
}

/**
 * One position → one canonical line. The vendor's position totals are before the discount (the
 * discount lands in the invoice totals, taken off the gross); canonical line totals are after it,
 * so a discounted position's gross is reduced and split again at its rate. Discounts count only
 * when the invoice has them switched on (`show_discount`).
 */
function toCanonicalLine(
  position: PositionWire,
  currency: string,
  priceKind: 'net' | 'gross',
  showDiscount: boolean,
  discountKind: string | null,
): Line {
  const taxRate: TaxRate = toCanonicalTaxRate(position.tax);
  // The invoice's discount_kind decides which field applies ("Field: discount_kind", docs/vendor-dialects.md §1):
  // a percentage invoice's positions also carry the computed amount in `discount`, and an
  // amount invoice may carry a stale `discount_percent`. Without a kind the amount wins.
  const percentKind = discountKind !== null && PERCENT_KINDS.has(discountKind);
  const amountKind = discountKind === 'amount';
  const percent = amountKind ? null : activeDiscount(position.discount_percent, showDiscount);
  const amount = percentKind ? null : activeDiscount(position.discount, showDiscount);
  // Decimals only for a discounted line: the others print the vendor's strings.
  const discountGross =
    amount ??
    (percent
      ? round2(
          toDecimal(position.total_price_gross ?? '0')
            .times(percent)
            .dividedBy(100),
        )
      : null);
  const onePlus = discountGross ? taxFraction(taxRate).plus(1) : undefined;
  const money = (value: Decimal | string | null | undefined): string =>
    canonicalMoney(value === null || value === undefined ? value : value.toString(), currency);

  const grossPriced =
    priceKind === 'gross' && position.price_gross !== null && position.price_gross !== undefined;
  const unitPriceKind =
    grossPriced || (position.price_net == null && position.price_gross != null) ? 'gross' : 'net';
  let totals: Line['totals'];
  if (!discountGross) {
    totals = {
      net: money(position.total_price_net),
      tax: money(position.total_price_tax),
      gross: money(position.total_price_gross),
      discount: money('0'),
    };
  } else {
    const divisor = onePlus as Decimal;
    const gross = toDecimal(position.total_price_gross ?? '0').minus(discountGross);
    const net = round2(gross.dividedBy(divisor));
    // The canonical discount is in the line's price kind: a net-priced line reads it as net.
    const discount =
      unitPriceKind === 'gross' ? discountGross : round2(discountGross.dividedBy(divisor));
    totals = {
      net: money(net),
      tax: money(gross.minus(net)),
      gross: money(gross),
      discount: money(discount),
    };
  }
  return {
    id: position.id ?? null,
    description: position.name ?? position.description ?? '',
    sku: position.code ?? null,
    productId: position.product_id ?? null,
    quantity: position.quantity ?? '1',
    unit: position.quantity_unit ?? null,
    unitPrice:
      (grossPriced ? position.price_gross : position.price_net) ?? position.price_gross ?? '0',
    unitPriceKind,
    taxRate,
    discount: percent
      ? { kind: 'percent', value: percent.toString() }
      : amount
        ? {
            kind: 'amount',
            value:
              unitPriceKind === 'gross'
                ? amount.toString()
                : round2(amount.dividedBy(onePlus as Decimal)).toString(),
          }
        : null,
    totals,
  };
}

function dateOrNull(value: string | null | undefined): string | null {
  return value && IsoDateSchema.safeParse(value).success ? value : null;
}

/** All remarks, one paragraph each; `description` alone repeats only the first. */
function notesOf(wire: InvoiceWireType): string | null {
  const contents = (wire.descriptions ?? []).flatMap((description) =>
    description.content ? [description.content] : [],
  );
  if (contents.length > 0) return contents.join('\n\n');
  return wire.description ?? null;
}

/** Whole days from one `YYYY-MM-DD` to another, on the calendar. */
function daysBetween(from: string, to: string): number {
  // Both are UTC midnights: the difference is a whole number of days.
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

/** `payment_to_kind` holds the terms in days when it is a whole number (else `other_date` / `off`). */
function paymentTermsOf(wire: InvoiceWireType): number | null {
  const kind = wire.payment_to_kind;
  return kind && /^\d+$/.test(kind) ? Number(kind) : null;
}

/** The vendor's skonto: a percentage off until a date; canonically, days from the issue date. */
function earlyPaymentDiscountOf(wire: InvoiceWireType): EarlyPaymentDiscount | null {
  const issueDate = dateOrNull(wire.issue_date);
  const until = dateOrNull(wire.skonto_discount_date);
  const percent = wire.skonto_discount_value;
  if (wire.skonto_active === false || !issueDate || !until || !percent) return null;
  if (toDecimal(percent).isZero()) return null;
  return { percent: normalizeDecimalString(percent), days: daysBetween(issueDate, until) };
}

/** The seller's account printed on the invoice: number, bank and (VosFactures) SWIFT. */
function bankAccountOf(wire: InvoiceWireType): InvoiceBankAccount | null {
  const iban = wire.seller_bank_account ?? null;
  const bankName = wire.seller_bank ?? null;
  const bic = wire.seller_bank_swift ?? null;
  return iban === null && bankName === null && bic === null ? null : { bankName, iban, bic };
}

/**
 * The conversion into `exchange_currency`: the caller's own rate (`exchange_kind: own`) is
 * `exchange_currency_rate`; a bank's rate is what the vendor fetched, `exchange_rate` per
 * `exchange_rate_den` units. No target currency (or the invoice's own): none.
 */
function exchangeRateOf(wire: InvoiceWireType, currency: string): ExchangeRate | null {
  const target = wire.exchange_currency?.toUpperCase();
  if (!target || target === currency) return null;
  const source = wire.exchange_kind ?? null;
  let rate: string | null = null;
  if (source === 'own') rate = wire.exchange_currency_rate ?? null;
  else if (wire.exchange_rate) {
    const den = toDecimal(wire.exchange_rate_den ?? '1');
    rate = den.isZero() ? null : toDecimal(wire.exchange_rate).dividedBy(den).toString();
  }
  return rate === null ? null : { currency: target, rate: normalizeDecimalString(rate), source };
}

/**
 * An InvoiceOcean invoice (as parsed JSON, or XML normalised to the same shape) → the canonical
 * invoice. The vendor object is kept whole in `raw`. Document totals are the vendor's own. Anything
 * but an invoice record with an id is a `ProviderError`.
 */
export function toCanonicalInvoice(raw: unknown, context: ReadContext): Invoice {
  const answerContext: AnswerContext = {
    operation: context.operation ?? 'invoices.read',
    what: 'invoice',
  };
  // Reads the fields it keeps without copying the ~85 the vendor sends; `raw` stays as received.
  const wire = readWireRecord(INVOICE_RECORD, recordAnswer(raw, answerContext), {
    provider: INVOICEOCEAN,
    what: 'InvoiceOcean invoice',
  });
  const id = requireId(wire.id, raw, answerContext);
  const currency = (wire.currency ?? '').toUpperCase();
  const strategy = wire.calculating_strategy ?? context.strategy ?? DEFAULT_CALCULATING_STRATEGY;
  // Only an explicit "off" disables discounts: exports without the key show them applied.
  const showDiscount = wire.show_discount !== false;
  const lines = (wire.positions ?? [])
    .filter((position) => position.kind !== 'text_separator' && position.kind !== 'subtotal')
    .map((position) =>
      toCanonicalLine(
        position,
        currency,
        strategy.invoice_form_price_kind,
        showDiscount,
        wire.discount_kind ?? null,
      ),
    );
  const money = (value: string | null | undefined): string => canonicalMoney(value, currency);
  const gross = money(wire.price_gross);
  const paid = money(wire.paid);
  // Canceling sets kind `canceled` (a document may also carry the `cancelled` flag instead).
  const canceled = wire.kind === 'canceled' || wire.cancelled === true;
  const kind = wire.kind === 'canceled' ? kindBeforeCancel(wire.cancel_reason) : wire.kind;
  const totals = {
    net: money(wire.price_net),
    tax: money(wire.price_tax),
    gross,
    paid,
    due: money(amountDue({ gross, paid, canceled })),
  };
  const dueDate = dateOrNull(wire.payment_to);
  const { state, status } = readInvoiceState(
    toCanonicalStatus(wire.status, canceled ? 'canceled' : wire.kind),
    {
      totals,
      dueDate,
      today: context.today,
      raw: wire.status ?? null,
      // The vendor records an e-mailed invoice's sending time apart from its status, which a
      // payment later overwrites with `paid` / `partial`.
      sent: Boolean(wire.sent_time) || wire.email_status === 'sent',
    },
  );
  const number = wire.number ?? null;
  const buyer = toPartySnapshot(flatParty(raw as Record<string, unknown>, 'buyer'));
  return {
    id,
    provider: INVOICEOCEAN,
    number,
    type: toCanonicalType(kind),
    status,
    state,
    currency,
    issueDate: dateOrNull(wire.issue_date),
    serviceDate: dateOrNull(wire.sell_date),
    dueDate,
    paidDate: dateOrNull(wire.paid_date),
    paymentTermsDays: paymentTermsOf(wire),
    earlyPaymentDiscount: earlyPaymentDiscountOf(wire),
    bankAccount: bankAccountOf(wire),
    exchangeRate: exchangeRateOf(wire, currency),
    customer: { id: wire.client_id ?? null, snapshot: buyer },
    seller: toPartySnapshot(flatParty(raw as Record<string, unknown>, 'seller')),
    lines,
    totals,
    // With discounts the vendor splits each rate's discounted gross again (as keep_gross does).
    taxBreakdown: isCurrencyCode(currency)
      ? taxBreakdownOf(lines, {
          currency,
          strategy: lines.some((line) => line.discount !== null)
            ? { line: 'net_first', document: 'keep_gross' }
            : toRoundingStrategy(strategy),
        })
      : [],
    payments: toCanonicalPayments(wire.connected_payments ?? [], { id, number, currency }),
    notes: notesOf(wire),
    internalNotes: wire.internal_note ?? null,
    // The vendor has one order id: it is the caller's externalId (the dedupe key) and the order id.
    externalId: wire.oid ?? null,
    orderId: wire.oid ?? null,
    relatedInvoiceId: wire.from_invoice_id ?? wire.invoice_id ?? null,
    language: wire.lang ?? null,
    createdAt: wire.created_at ?? null,
    updatedAt: wire.updated_at ?? null,
    raw,
  };
}
