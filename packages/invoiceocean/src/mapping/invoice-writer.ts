import {
  Decimal,
  UnsupportedOperationError,
  formatFixed,
  taxFraction,
  toDecimal,
  type FieldRules,
  type InvoiceCreateFields,
  type InvoiceUpdateFields,
} from '@invoicekit/core';
import type { Brand } from '../config';
import type { InvoiceOceanInvoiceOptions } from '../provider-options';
import { INVOICEOCEAN } from '../provider-id';
import { TYPE_TO_KIND } from './kind';
import { partyFields } from './party-writer';
import { fromCanonicalTaxRate } from './tax';

/** A canonical invoice write as the writer reads it: a create or an update. */
export type InvoiceFields = InvoiceCreateFields | InvoiceUpdateFields;
type Line = InvoiceCreateFields['lines'][number];

/** A position of the invoice a credit note corrects: what the line was before. */
export interface CorrectedPosition {
  readonly name: string | null;
  readonly quantity: string;
}

/** What writing an invoice needs besides the input, read by the operation beforehand. */
export interface InvoiceWriteContext {
  readonly operation: string;
  /** `providerOptions.invoiceocean`, validated. */
  readonly options: InvoiceOceanInvoiceOptions | undefined;
  /** For a credit note: the corrected invoice's positions (before/after records). */
  readonly corrected?: readonly CorrectedPosition[] | undefined;
  /** For an update: the invoice's current kind. */
  readonly currentKind?: string | null | undefined;
  /** For an update that does not change it: the invoice's issue date (skonto counts from it). */
  readonly currentIssueDate?: string | null | undefined;
  /** Today, `YYYY-MM-DD`: the issue date the vendor gives a create without one. */
  readonly today?: string | undefined;
}

/** `YYYY-MM-DD` plus whole days, on the calendar. */
function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const SWIFT_REASON =
  'only VosFactures keeps the seller’s SWIFT on an invoice (seller_bank_swift); not sent';

const ONE_ORDER_ID =
  'InvoiceOcean keeps one order id (oid) for externalId and orderId: each reads back as the other';

const RATE_SOURCE_REASON =
  'the vendor uses a given rate only as its own (exchange_kind own); a named source is sent as own, with the rate kept';

const OVERRIDE_REASON =
  'InvoiceOcean prints the client card of customer.id; pass providerOptions.invoiceocean.buyerOverride to print the snapshot (it also updates the card)';

/**
 * One rule per canonical line field → a plain vendor position. A credit note's positions are
 * made into correction positions from these by {@link placePositions}.
 */
const LINE_RULES = {
  description: { write: (name) => ({ name }) },
  sku: { write: (code) => ({ code }) },
  productId: { write: (productId) => ({ product_id: Number(productId) }) },
  unit: { write: (unit) => ({ quantity_unit: unit }) },
  quantity: { write: (quantity) => ({ quantity }) },
  unitPrice: {
    write: (price, scope) =>
      scope.parent.unitPriceKind === 'gross' ? { price_gross: price } : { price_net: price },
  },
  unitPriceKind: { consumed: 'unitPrice: the price goes to price_net or price_gross' },
  taxRate: { write: (rate, scope) => ({ tax: fromCanonicalTaxRate(rate, scope.path) }) },
  /**
   * The vendor takes an amount discount off the gross (docs/vendors/invoiceocean.md §11.4); the canonical amount is
   * in the line's price kind, so a net-priced line's amount is grossed up at its rate — with a
   * warning when the vendor's two decimals cannot hold the exact value.
   */
  discount: {
    write: (discount, scope) => {
      if (discount.kind === 'percent') return { discount_percent: discount.value };
      if (scope.parent.unitPriceKind === 'gross') return { discount: discount.value };
      const exact = toDecimal(discount.value).times(taxFraction(scope.parent.taxRate).plus(1));
      const sent = exact.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
      if (!sent.equals(exact)) {
        scope.approximate(
          `the vendor takes amount discounts off the gross: ${discount.value} net is sent as ${formatFixed(sent, 2)} gross`,
          'value',
        );
      }
      return { discount: formatFixed(sent, 2) };
    },
  },
} satisfies FieldRules<Line, InvoiceFields, Record<string, unknown>, InvoiceWriteContext>;

/** The fields a plain position and both sides of a correction share. */
const IDENTITY_KEYS = ['code', 'product_id', 'quantity_unit'] as const;
const DISCOUNT_KEYS = ['discount_percent', 'discount'] as const;

function pick(record: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => key in record).map((key) => [key, record[key]]));
}

/**
 * A credit-note line as a correction position: the position carries the difference (negative
 * quantity for a credit) and before/after records say what changed. "Before" is the corrected
 * invoice's line of the same name (so 2 units credited 1 reads 2 → 1, as in the vendor's example);
 * without one, the line is recorded as going from the credited units to none, with a warning.
 */
function correctionPosition(
  line: Line,
  position: Record<string, unknown>,
  corrected: readonly CorrectedPosition[] | undefined,
  approximate: (reason: string) => void,
): Record<string, unknown> {
  const quantity = toDecimal(line.quantity);
  const price = toDecimal(line.unitPrice);
  const isCredit = quantity.times(price).isNegative();
  const delta = isCredit ? quantity.abs().negated() : quantity.abs();
  const original = corrected?.find((item) => item.name === line.description);
  const before = original
    ? toDecimal(original.quantity)
    : isCredit
      ? quantity.abs()
      : toDecimal('0');
  if (!original) {
    approximate(
      `the corrected invoice has no line named ${JSON.stringify(line.description)}; recorded as ${before.toString()} → ${before.plus(delta).toString()} units`,
    );
  }
  const priceKey = line.unitPriceKind === 'gross' ? 'price_gross' : 'price_net';
  const unit = price.abs().toString();
  const identity = pick(position, IDENTITY_KEYS);
  const side = (kind: 'correction_before' | 'correction_after', count: string) => ({
    name: line.description,
    ...identity,
    quantity: count,
    [priceKey]: unit,
    tax: position.tax,
    kind,
  });
  return {
    name: line.description,
    kind: 'correction',
    ...identity,
    quantity: delta.toString(),
    [priceKey]: unit,
    tax: position.tax,
    ...pick(position, DISCOUNT_KEYS),
    correction_before_attributes: side('correction_before', before.toString()),
    correction_after_attributes: side('correction_after', before.plus(delta).toString()),
  };
}

/**
 * The vendor applies one discount mode per invoice (`discount_kind`), so percentage and amount
 * discounts cannot be mixed on one invoice: that would change the money, so it is an error.
 */
function invoiceDiscountFields(lines: readonly Line[], operation: string): Record<string, unknown> {
  const kinds = new Set(lines.flatMap((line) => (line.discount ? [line.discount.kind] : [])));
  if (kinds.size === 0) return {};
  if (kinds.size > 1) {
    throw new UnsupportedOperationError({
      provider: INVOICEOCEAN,
      operation,
      issues: lines.flatMap((line, index) =>
        line.discount ? [{ path: `lines.${index}.discount`, message: line.discount.kind }] : [],
      ),
      message:
        'InvoiceOcean applies one discount kind per invoice: use percentage or amount discounts, not both',
    });
  }
  // A canonical percentage is taken off the line total, which is the vendor's `percent_total`
  // ("calculated from the total price", "Field: discount_kind", docs/vendor-dialects.md §1).
  return { show_discount: true, discount_kind: kinds.has('percent') ? 'percent_total' : 'amount' };
}

/**
 * Canonical invoice → the vendor's `invoice` object (create or update), one rule per canonical
 * field: the compiler refuses this table when the canonical input gains a field it does not
 * handle. Rule order is warning order: the header (number, dates, terms, skonto, bank account,
 * rate, notes), the order id, the buyer, the seller, then the lines. `invoiceRulesFor`
 * gives VosFactures its own (it keeps the seller's SWIFT).
 */
export const INVOICE_RULES = {
  // The vendor numbers a document itself only when no number is given (docs/vendors/invoiceocean.md §7.1).
  number: { write: (number) => ({ number }) },
  type: { write: (type) => ({ kind: TYPE_TO_KIND[type] }) },
  currency: { write: (currency) => ({ currency }) },
  issueDate: { write: (issueDate) => ({ issue_date: issueDate }) },
  serviceDate: { write: (sellDate) => ({ sell_date: sellDate }) },
  dueDate: { write: (dueDate) => ({ payment_to_kind: 'other_date', payment_to: dueDate }) },
  // After dueDate: days are the vendor's own form of the terms, and core checked they agree.
  paymentTermsDays: { write: (days) => ({ payment_to_kind: days }) },
  // The vendor's skonto is a percentage until a date: the date is counted from the issue date.
  earlyPaymentDiscount: {
    write: (discount, scope) => {
      const issueDate =
        scope.root.issueDate ?? scope.context.currentIssueDate ?? scope.context.today;
      if (!issueDate) {
        scope.unsupported('no issue date to count the skonto days from; not sent');
        return undefined;
      }
      return {
        skonto_active: true,
        skonto_discount_date: addDays(issueDate, discount.days),
        skonto_discount_value: discount.percent,
      };
    },
  },
  bankAccount: {
    fields: {
      bankName: { write: (seller_bank) => ({ seller_bank }) },
      iban: { write: (seller_bank_account) => ({ seller_bank_account }) },
      bic: { unsupported: SWIFT_REASON },
    },
  },
  exchangeRate: {
    approximates: RATE_SOURCE_REASON,
    write: (rate, scope) => {
      if (rate.source !== undefined && rate.source !== 'own')
        scope.approximate(RATE_SOURCE_REASON, 'source');
      return {
        exchange_currency: rate.currency,
        exchange_kind: 'own',
        exchange_currency_rate: rate.rate,
      };
    },
  },
  notes: { write: (description) => ({ description }) },
  // The vendor's private note: "niewidoczna na wydruku" (not printed).
  internalNotes: { write: (internal_note) => ({ internal_note }) },
  language: { write: (lang) => ({ lang }) },
  // `oid` is the vendor's order id and its dedupe key; externalId takes it when both are given.
  externalId: { approximates: ONE_ORDER_ID, write: (oid) => ({ oid, oid_unique: 'yes' }) },
  orderId: {
    approximates: ONE_ORDER_ID,
    write: (orderId, scope) => {
      const externalId = scope.root.externalId;
      if (externalId === undefined) return { oid: orderId };
      if (orderId !== externalId)
        scope.approximate(
          `InvoiceOcean keeps one order id (oid): it holds externalId ${JSON.stringify(externalId)}, not this`,
        );
      return undefined;
    },
  },
  // Corrections, final invoices and VAT invoices made from a proforma all name their source in
  // `from_invoice_id` (the vendor's own correction example does so).
  relatedInvoiceId: { write: (id) => ({ from_invoice_id: Number(id) }) },
  customer: {
    fields: {
      id: { write: (id) => ({ client_id: Number(id) }) },
      snapshot: {
        write: (snapshot, scope) => {
          const fields = partyFields(snapshot, 'buyer', scope, scope.context.operation);
          if (scope.parent.id !== undefined && !scope.context.options?.buyerOverride)
            scope.approximate(OVERRIDE_REASON);
          return fields;
        },
      },
    },
  },
  seller: {
    write: (seller, scope) => partyFields(seller, 'seller', scope, scope.context.operation),
  },
  lines: {
    each: LINE_RULES,
    place: (positions, scope) => {
      const lines = scope.parent;
      // An update of a correction keeps writing correction positions, whatever `type` says.
      const isCorrection =
        scope.root.type === 'credit_note' || scope.context.currentKind === 'correction';
      return {
        positions: isCorrection
          ? positions.map((position, index) =>
              correctionPosition(
                lines[index] as Line,
                position,
                scope.context.corrected,
                (reason) => scope.approximate(reason, String(index)),
              ),
            )
          : positions,
        ...invoiceDiscountFields(lines, scope.context.operation),
      };
    },
  },
} satisfies FieldRules<InvoiceFields, InvoiceFields, Record<string, unknown>, InvoiceWriteContext>;

/**
 * The rules of an account's brand: {@link INVOICE_RULES}, except on VosFactures, which keeps the
 * seller's SWIFT (`bankAccount.bic`, unsupported elsewhere and described so).
 */
export function invoiceRulesFor(brand: Brand) {
  if (brand !== 'vosfactures') return INVOICE_RULES;
  return {
    ...INVOICE_RULES,
    bankAccount: {
      fields: {
        ...INVOICE_RULES.bankAccount.fields,
        // VosFactures documents `seller_bank_swift` among the fields sent in `additional_fields`.
        bic: { write: (seller_bank_swift) => ({ additional_fields: { seller_bank_swift } }) },
      },
    },
  } satisfies FieldRules<
    InvoiceFields,
    InvoiceFields,
    Record<string, unknown>,
    InvoiceWriteContext
  >;
}

/** `providerOptions.invoiceocean` → the vendor's invoice fields. */
export function invoiceOptionFields(
  options: InvoiceOceanInvoiceOptions | undefined,
): Record<string, unknown> {
  if (!options) return {};
  const fields: Record<string, unknown> = {
    department_id: options.departmentId === undefined ? undefined : Number(options.departmentId),
    buyer_override: options.buyerOverride,
    payment_type: options.paymentType,
    place: options.place,
    calculating_strategy: options.calculatingStrategy,
    split_payment: options.splitPayment === undefined ? undefined : options.splitPayment ? 1 : 0,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}
