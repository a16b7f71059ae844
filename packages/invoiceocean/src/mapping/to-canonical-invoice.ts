import {
  IsoDateSchema,
  ProviderError,
  reconcileStatus,
  taxBreakdownOf,
  toDecimal,
  formatMoney,
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
}

/**
 * One position → one canonical line. The vendor's position totals are before the discount (the
 * discount lands in the invoice totals); canonical line totals are after it, so a discounted
 * position's gross is reduced by the discount and re-split at its rate.
 */
function toCanonicalLine(
  position: PositionWire,
  currency: string,
  priceKind: 'net' | 'gross',
): Line {
  const taxRate: TaxRate = toCanonicalTaxRate(position.tax);
  const totalGross = toDecimal(position.total_price_gross ?? '0');
  const discountAmount = position.discount
    ? toDecimal(position.discount)
    : position.discount_percent
      ? totalGross.times(toDecimal(position.discount_percent)).dividedBy(100)
      : toDecimal('0');
  const hasDiscount = !discountAmount.isZero();
  const money = (value: string | null | undefined): string => canonicalMoney(value, currency);

  let totals: Line['totals'];
  if (!hasDiscount) {
    totals = {
      net: money(position.total_price_net),
      tax: money(position.total_price_tax),
      gross: money(position.total_price_gross),
      discount: money('0'),
    };
  } else {
    const gross = totalGross.minus(discountAmount);
    const fraction = taxFraction(taxRate);
    const net = isCurrencyCode(currency)
      ? toDecimal(formatMoney(gross.dividedBy(fraction.plus(1)), currency))
      : gross.dividedBy(fraction.plus(1));
    totals = {
      net: money(net.toString()),
      tax: money(gross.minus(net).toString()),
      gross: money(gross.toString()),
      discount: money(discountAmount.toString()),
    };
  }
  const grossPriced =
    priceKind === 'gross' && position.price_gross !== null && position.price_gross !== undefined;
  return {
    id: position.id ?? null,
    description: position.name ?? position.description ?? '',
    sku: position.code ?? null,
    productId: position.product_id ?? null,
    quantity: position.quantity ?? '1',
    unit: position.quantity_unit ?? null,
    unitPrice:
      (grossPriced ? position.price_gross : position.price_net) ?? position.price_gross ?? '0',
    unitPriceKind:
      grossPriced || (position.price_net == null && position.price_gross != null) ? 'gross' : 'net',
    taxRate,
    discount: position.discount_percent
      ? { kind: 'percent', value: position.discount_percent }
      : position.discount
        ? { kind: 'amount', value: position.discount }
        : null,
    totals,
  };
}

/** All remarks, one paragraph each; `description` alone repeats only the first. */
function notesOf(wire: InvoiceWireType): string | null {
  const contents = (wire.descriptions ?? []).flatMap((description) =>
    description.content ? [description.content] : [],
  );
  if (contents.length > 0) return contents.join('\n\n');
  return wire.description ?? null;
}

function dateOrNull(value: string | null | undefined): string | null {
  return value && IsoDateSchema.safeParse(value).success ? value : null;
}

/**
 * An InvoiceOcean invoice (as parsed JSON, or XML normalised to the same shape) → the canonical
 * invoice. The vendor object is kept whole in `raw`. Document totals are the vendor's own.
 */
export function toCanonicalInvoice(raw: unknown, context: ReadContext): Invoice {
  const parsed = InvoiceWire.safeParse(raw);
  if (!parsed.success) {
    throw new ProviderError({
      provider: INVOICEOCEAN,
      message: `unreadable InvoiceOcean invoice: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
    });
  }
  const wire = parsed.data;
  const currency = (wire.currency ?? '').toUpperCase();
  const strategy = wire.calculating_strategy ?? context.strategy ?? DEFAULT_CALCULATING_STRATEGY;
  const lines = (wire.positions ?? [])
    .filter((position) => position.kind !== 'text_separator' && position.kind !== 'subtotal')
    .map((position) => toCanonicalLine(position, currency, strategy.invoice_form_price_kind));
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
    id: wire.id ?? '',
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
    taxBreakdown: isCurrencyCode(currency)
      ? taxBreakdownOf(lines, { currency, strategy: toRoundingStrategy(strategy) })
      : [],
    notes: notesOf(wire),
    externalId: wire.oid ?? null,
    orderId: null,
    relatedInvoiceId: wire.from_invoice_id ?? wire.invoice_id ?? null,
    language: wire.lang ?? null,
    createdAt: wire.created_at ?? null,
    updatedAt: wire.updated_at ?? null,
    raw,
  };
}
