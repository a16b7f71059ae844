import {
  Decimal,
  IsoDateSchema,
  readVendorRecord,
  reconcileStatus,
  taxBreakdownOf,
  toDecimal,
  isCurrencyCode,
  type Invoice,
  type Line,
  type TaxRate,
} from '@invoicekit/core';
import { DEFAULT_CALCULATING_STRATEGY, type CalculatingStrategy } from '../config';
import { INVOICEOCEAN } from '../provider-id';
import { InvoiceWire } from '../wire/invoice';
import type { InvoiceWire as InvoiceWireType } from '../wire/invoice';
import type { PositionWire } from '../wire/position';
import { recordAnswer, requireId, type AnswerContext } from '../wire/answer';
import { toCanonicalType } from './kind';
import { canonicalMoney } from './money';
import { flatParty, toPartySnapshot } from './party';
import { toRoundingStrategy } from './rounding-strategy';
import { toCanonicalStatus } from './status';
import { toCanonicalTaxRate } from './tax';
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

/** The `discount_kind` values under which a position's `discount_percent` applies (§7.4). */
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
  const onePlus = taxFraction(taxRate).plus(1);
  const totalGross = toDecimal(position.total_price_gross ?? '0');
  // The invoice's discount_kind decides which field applies ("Field: discount_kind", docs/vendor-dialects.md §1):
  // a percentage invoice's positions also carry the computed amount in `discount`, and an
  // amount invoice may carry a stale `discount_percent`. Without a kind the amount wins.
  const percentKind = discountKind !== null && PERCENT_KINDS.has(discountKind);
  const amountKind = discountKind === 'amount';
  const percent = amountKind ? null : activeDiscount(position.discount_percent, showDiscount);
  const amount = percentKind ? null : activeDiscount(position.discount, showDiscount);
  const discountGross =
    amount ?? (percent ? round2(totalGross.times(percent).dividedBy(100)) : null);
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
    const gross = totalGross.minus(discountGross);
    const net = round2(gross.dividedBy(onePlus));
    // The canonical discount is in the line's price kind: a net-priced line reads it as net.
    const discount =
      unitPriceKind === 'gross' ? discountGross : round2(discountGross.dividedBy(onePlus));
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
                : round2(amount.dividedBy(onePlus)).toString(),
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
  const wire = readVendorRecord(InvoiceWire, recordAnswer(raw, answerContext), {
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
  const totals = {
    net: money(wire.price_net),
    tax: money(wire.price_tax),
    gross,
    paid,
    due: money(toDecimal(gross).minus(toDecimal(paid)).toString()),
  };
  const dueDate = dateOrNull(wire.payment_to);
  const canonicalStatus = toCanonicalStatus(wire.status, wire.kind);
  const buyer = toPartySnapshot(flatParty(raw as Record<string, unknown>, 'buyer'));
  return {
    id,
    provider: INVOICEOCEAN,
    number: wire.number ?? null,
    type: toCanonicalType(wire.kind),
    status: {
      canonical: reconcileStatus(canonicalStatus, { totals, dueDate, today: context.today }),
      raw: wire.status ?? null,
    },
    currency,
    issueDate: dateOrNull(wire.issue_date),
    serviceDate: dateOrNull(wire.sell_date),
    dueDate,
    paidDate: dateOrNull(wire.paid_date),
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
    notes: notesOf(wire),
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
