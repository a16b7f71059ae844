import {
  UnsupportedOperationError,
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
  return {
    [`${prefix}_name`]: party.name,
    [`${prefix}_first_name`]: party.firstName,
    [`${prefix}_last_name`]: party.lastName,
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

function positionFields(line: ParsedLineInput): Record<string, unknown> {
  return {
    name: line.description,
    ...(line.sku !== undefined ? { code: line.sku } : {}),
    ...(line.productId !== undefined ? { product_id: Number(line.productId) } : {}),
    quantity: line.quantity,
    ...(line.unit !== undefined ? { quantity_unit: line.unit } : {}),
    ...(line.unitPriceKind === 'gross'
      ? { price_gross: line.unitPrice }
      : { price_net: line.unitPrice }),
    tax: fromCanonicalTaxRate(line.taxRate),
    ...(line.discount?.kind === 'percent' ? { discount_percent: line.discount.value } : {}),
    ...(line.discount?.kind === 'amount' ? { discount: line.discount.value } : {}),
  };
}

/**
 * A credit-note line as a correction position: the position carries the difference (negative
 * quantity for a credit), and before/after records say what changed — for a credit of q units the
 * line goes from q units to none; an added charge goes from none to q units.
 */
function correctionFields(line: ParsedLineInput): Record<string, unknown> {
  const quantity = toDecimal(line.quantity);
  const price = toDecimal(line.unitPrice);
  const isCredit = quantity.times(price).isNegative();
  const unit = price.abs().toString();
  const units = quantity.abs().toString();
  const priceKey = line.unitPriceKind === 'gross' ? 'price_gross' : 'price_net';
  const tax = fromCanonicalTaxRate(line.taxRate);
  const side = (kind: 'correction_before' | 'correction_after', count: string) => ({
    name: line.description,
    quantity: count,
    [priceKey]: unit,
    tax,
    kind,
  });
  return {
    name: line.description,
    kind: 'correction',
    quantity: isCredit ? `-${units}` : units,
    [priceKey]: unit,
    tax,
    correction_before_attributes: side('correction_before', isCredit ? units : '0'),
    correction_after_attributes: side('correction_after', isCredit ? '0' : units),
  };
}

/**
 * The vendor applies one discount mode per invoice (`discount_kind`), so percentage and amount
 * discounts cannot be mixed on one invoice: that would change the money, so it is an error.
 */
function discountFields(lines: readonly ParsedLineInput[]): Record<string, unknown> {
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
  return { show_discount: true, discount_kind: kinds.has('percent') ? 'percent_unit' : 'amount' };
}

/**
 * Canonical invoice input → the vendor's `invoice` object (create or update), with a warning for
 * every canonical field the vendor cannot hold as given.
 */
export function fromCanonicalInvoice(
  input: ParsedInvoiceCreateInput | ParsedInvoiceUpdateInput,
  options: InvoiceOceanInvoiceOptions | undefined,
  mode: 'create' | 'update',
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
    set(
      'positions',
      input.lines.map(input.type === 'credit_note' ? correctionFields : positionFields),
    );
    Object.assign(invoice, discountFields(input.lines));
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
