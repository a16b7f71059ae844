import {
  Decimal,
  UnsupportedOperationError,
  formatFixed,
  taxFraction,
  toDecimal,
  type AdapterWarning,
  type ParsedInvoiceCreateInput,
  type ParsedInvoiceUpdateInput,
  type ParsedLineInput,
  type PartySnapshotInput,
} from '@invoicekit/core';
import type { InvoiceOceanInvoiceOptions } from '../provider-options';
import { INVOICEOCEAN } from '../provider-id';
import { TYPE_TO_KIND } from './kind';
import { fromCanonicalTaxRate } from './tax';

type ParsedPartyInput = Exclude<ParsedInvoiceCreateInput['seller'], undefined>;

/** The vendor `invoice` object and what could not be carried. */
export interface InvoiceWriteBody {
  readonly invoice: Record<string, unknown>;
  readonly warnings: AdapterWarning[];
}

function partyFields(
  prefix: 'buyer' | 'seller',
  party: ParsedPartyInput | PartySnapshotInput,
  path: string,
  warnings: AdapterWarning[],
): Record<string, unknown> {
  if (party.address?.region !== undefined) {
    warnings.push({
      type: 'unsupported_field',
      path: `${path}.address.region`,
      reason: 'InvoiceOcean addresses have no region',
    });
  }
  if (prefix === 'seller' && (party.firstName !== undefined || party.lastName !== undefined)) {
    warnings.push({
      type: 'unsupported_field',
      path: `${path}.${party.firstName !== undefined ? 'firstName' : 'lastName'}`,
      reason:
        'the seller has no first or last name at InvoiceOcean; seller_person is the contact person',
    });
  }
  return {
    [`${prefix}_name`]: party.name,
    ...(prefix === 'buyer'
      ? { buyer_first_name: party.firstName, buyer_last_name: party.lastName }
      : {}),
    ...(prefix === 'buyer' ? { buyer_company: party.kind !== 'person' } : {}),
    [`${prefix}_tax_no`]: party.taxId,
    [`${prefix}_email`]: party.email,
    [`${prefix}_phone`]: party.phone,
    [`${prefix}_street`]: party.address?.street,
    [`${prefix}_city`]: party.address?.city,
    [`${prefix}_post_code`]: party.address?.postalCode,
    [`${prefix}_country`]: party.address?.country,
  };
}

/** A position of the invoice a credit note corrects: what the line was before. */
export interface CorrectedPosition {
  readonly name: string | null;
  readonly quantity: string;
}

/** What mapping a line needs besides the line. */
interface LineContext {
  readonly index: number;
  readonly warnings: AdapterWarning[];
  /** The corrected invoice's positions, for a credit note. */
  readonly corrected: readonly CorrectedPosition[] | undefined;
}

/** Catalogue reference, code and unit: the same on a plain and a correction position. */
function identityFields(line: ParsedLineInput): Record<string, unknown> {
  return {
    ...(line.sku !== undefined ? { code: line.sku } : {}),
    ...(line.productId !== undefined ? { product_id: Number(line.productId) } : {}),
    ...(line.unit !== undefined ? { quantity_unit: line.unit } : {}),
  };
}

/**
 * The vendor takes an amount discount off the gross (reference §11.4); the canonical amount is in
 * the line's price kind, so a net-priced line's amount is grossed up at its rate — with a warning
 * when the vendor's two decimals cannot hold the exact value.
 */
function discountFields(line: ParsedLineInput, context: LineContext): Record<string, unknown> {
  if (!line.discount) return {};
  if (line.discount.kind === 'percent') return { discount_percent: line.discount.value };
  if (line.unitPriceKind === 'gross') return { discount: line.discount.value };
  const exact = toDecimal(line.discount.value).times(taxFraction(line.taxRate).plus(1));
  const sent = exact.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  if (!sent.equals(exact)) {
    context.warnings.push({
      type: 'approximated',
      path: `lines.${context.index}.discount.value`,
      reason: `the vendor takes amount discounts off the gross: ${line.discount.value} net is sent as ${formatFixed(sent, 2)} gross`,
    });
  }
  return { discount: formatFixed(sent, 2) };
}

function positionFields(line: ParsedLineInput, context: LineContext): Record<string, unknown> {
  return {
    name: line.description,
    ...identityFields(line),
    quantity: line.quantity,
    ...(line.unitPriceKind === 'gross'
      ? { price_gross: line.unitPrice }
      : { price_net: line.unitPrice }),
    tax: fromCanonicalTaxRate(line.taxRate, `lines.${context.index}.taxRate`),
    ...discountFields(line, context),
  };
}

/**
 * A credit-note line as a correction position: the position carries the difference (negative
 * quantity for a credit) and before/after records say what changed. "Before" is the corrected
 * invoice's line of the same name (so 2 units credited 1 reads 2 → 1, as in the vendor's example);
 * without one, the line is recorded as going from the credited units to none, with a warning.
 */
function correctionFields(line: ParsedLineInput, context: LineContext): Record<string, unknown> {
  const quantity = toDecimal(line.quantity);
  const price = toDecimal(line.unitPrice);
  const isCredit = quantity.times(price).isNegative();
  const delta = isCredit ? quantity.abs().negated() : quantity.abs();
  const original = context.corrected?.find((position) => position.name === line.description);
  const before = original
    ? toDecimal(original.quantity)
    : isCredit
      ? quantity.abs()
      : toDecimal('0');
  if (!original) {
    context.warnings.push({
      type: 'approximated',
      path: `lines.${context.index}`,
      reason: `the corrected invoice has no line named ${JSON.stringify(line.description)}; recorded as ${before.toString()} → ${before.plus(delta).toString()} units`,
    });
  }
  const priceKey = line.unitPriceKind === 'gross' ? 'price_gross' : 'price_net';
  const unit = price.abs().toString();
  const tax = fromCanonicalTaxRate(line.taxRate, `lines.${context.index}.taxRate`);
  const side = (kind: 'correction_before' | 'correction_after', count: string) => ({
    name: line.description,
    ...identityFields(line),
    quantity: count,
    [priceKey]: unit,
    tax,
    kind,
  });
  return {
    name: line.description,
    kind: 'correction',
    ...identityFields(line),
    quantity: delta.toString(),
    [priceKey]: unit,
    tax,
    ...discountFields(line, context),
    correction_before_attributes: side('correction_before', before.toString()),
    correction_after_attributes: side('correction_after', before.plus(delta).toString()),
  };
}

/**
 * The vendor applies one discount mode per invoice (`discount_kind`), so percentage and amount
 * discounts cannot be mixed on one invoice: that would change the money, so it is an error.
 */
function invoiceDiscountFields(lines: readonly ParsedLineInput[]): Record<string, unknown> {
  const kinds = new Set(lines.flatMap((line) => (line.discount ? [line.discount.kind] : [])));
  if (kinds.size === 0) return {};
  if (kinds.size > 1) {
    throw new UnsupportedOperationError({
      provider: INVOICEOCEAN,
      operation: 'invoices.create',
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
 * Canonical invoice input → the vendor's `invoice` object (create or update), with a warning for
 * every canonical field the vendor cannot hold as given.
 */
export function fromCanonicalInvoice(
  input: ParsedInvoiceCreateInput | ParsedInvoiceUpdateInput,
  options: InvoiceOceanInvoiceOptions | undefined,
  mode: 'create' | 'update',
  context: {
    /** For a credit note: the corrected invoice's positions (before/after records). */
    readonly corrected?: readonly CorrectedPosition[];
    /** For an update: the invoice's current kind. */
    readonly currentKind?: string | null;
  } = {},
): InvoiceWriteBody {
  const warnings: AdapterWarning[] = [];
  const invoice: Record<string, unknown> = {};
  const set = (key: string, value: unknown): void => {
    if (value !== undefined) invoice[key] = value;
  };

  if (input.type !== undefined) set('kind', TYPE_TO_KIND[input.type]);
  if (mode === 'create') set('number', null);
  set('currency', input.currency);
  set('issue_date', input.issueDate);
  set('sell_date', input.serviceDate);
  if (input.dueDate !== undefined) {
    set('payment_to_kind', 'other_date');
    set('payment_to', input.dueDate);
  }
  set('description', input.notes);
  set('lang', input.language);

  // `oid` is the vendor's order id and its dedupe key; externalId takes it when both are given.
  if (input.externalId !== undefined) {
    set('oid', input.externalId);
    set('oid_unique', 'yes');
    if (input.orderId !== undefined && input.orderId !== input.externalId) {
      warnings.push({
        type: 'unsupported_field',
        path: 'orderId',
        reason: 'InvoiceOcean has one order id (oid), used for externalId',
      });
    }
  } else {
    set('oid', input.orderId);
  }

  // Corrections, final invoices and VAT invoices made from a proforma all name their source in
  // `from_invoice_id` (the vendor's own correction example does so).
  if (input.relatedInvoiceId !== undefined) set('from_invoice_id', Number(input.relatedInvoiceId));

  const customer = input.customer;
  if (customer?.id !== undefined) set('client_id', Number(customer.id));
  if (customer?.snapshot) {
    Object.assign(invoice, partyFields('buyer', customer.snapshot, 'customer.snapshot', warnings));
    if (customer.id !== undefined && !options?.buyerOverride) {
      warnings.push({
        type: 'approximated',
        path: 'customer.snapshot',
        reason:
          'InvoiceOcean prints the client card of customer.id; pass providerOptions.invoiceocean.buyerOverride to print the snapshot (it also updates the card)',
      });
    }
  }
  if (input.seller) Object.assign(invoice, partyFields('seller', input.seller, 'seller', warnings));

  if (input.lines !== undefined) {
    // An update of a correction keeps writing correction positions, whatever `type` says.
    const isCorrection = input.type === 'credit_note' || context.currentKind === 'correction';
    const lines = input.lines;
    set(
      'positions',
      lines.map((line, index) =>
        (isCorrection ? correctionFields : positionFields)(line, {
          index,
          warnings,
          corrected: context.corrected,
        }),
      ),
    );
    Object.assign(invoice, invoiceDiscountFields(input.lines));
  }

  if (options) {
    set(
      'department_id',
      options.departmentId === undefined ? undefined : Number(options.departmentId),
    );
    set('buyer_override', options.buyerOverride);
    set('payment_type', options.paymentType);
    set('place', options.place);
    set('calculating_strategy', options.calculatingStrategy);
    set(
      'split_payment',
      options.splitPayment === undefined ? undefined : options.splitPayment ? 1 : 0,
    );
  }
  return {
    invoice: Object.fromEntries(Object.entries(invoice).filter(([, value]) => value !== undefined)),
    warnings,
  };
}
