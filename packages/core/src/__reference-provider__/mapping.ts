import type {
  Customer,
  ParsedCustomerCreateInput,
  ParsedCustomerUpdateInput,
} from '../model/customer';
import type { Invoice } from '../model/invoice';
import type { ParsedInvoiceCreateInput, ParsedInvoiceUpdateInput } from '../model/invoice-input';
import type { Line, ParsedLineInput } from '../model/line';
import type { TaxRate } from '../model/tax-rate';
import { formatMoney } from '../money/rounding';
import { computeInvoiceTotals } from '../money/document-totals';
import { DEFAULT_ROUNDING_STRATEGY } from '../money/rounding-strategy';
import { toDecimal } from '../money/decimal';
import type { AdapterWarning } from '../spec/warnings';
import { toCanonicalStatus } from './status';
import type { AcmeCustomerWire, AcmeInvoiceWire, AcmeLineWire } from './wire';

export const ACME = 'acme';

function toTaxRate(wire: string): TaxRate {
  return wire === 'exempt' ? { kind: 'exempt' } : { kind: 'percent', value: wire };
}

function fromTaxRate(rate: TaxRate, path: string, warnings: AdapterWarning[]): string {
  if (rate.kind === 'percent') return rate.value;
  if (rate.kind !== 'exempt') {
    warnings.push({
      type: 'approximated',
      path,
      reason: `acme has no "${rate.kind}" rate; sent as exempt`,
    });
  }
  return 'exempt';
}

function toLine(wire: AcmeLineWire, currency: string): Line {
  return {
    id: wire.id ?? null,
    description: wire.title,
    sku: null,
    productId: null,
    quantity: wire.qty,
    unit: null,
    unitPrice: wire.unit_price,
    unitPriceKind: wire.price_kind,
    taxRate: toTaxRate(wire.tax_rate),
    discount: wire.discount_percent
      ? { kind: 'percent', value: wire.discount_percent }
      : wire.discount_amount
        ? { kind: 'amount', value: wire.discount_amount }
        : null,
    totals: {
      net: formatMoney(wire.net, currency),
      tax: formatMoney(wire.tax, currency),
      gross: formatMoney(wire.gross, currency),
      discount: formatMoney(wire.discount ?? '0', currency),
    },
  };
}

/** Acme invoice → canonical invoice. */
export function toCanonicalInvoice(wire: AcmeInvoiceWire): Invoice {
  const currency = wire.currency.toUpperCase();
  const lines = wire.lines.map((line) => toLine(line, currency));
  const { taxBreakdown } = computeInvoiceTotals(lines, {
    currency,
    strategy: DEFAULT_ROUNDING_STRATEGY,
  });
  const gross = toDecimal(wire.gross_total);
  const paid = toDecimal(wire.paid_total ?? '0');
  return {
    id: wire.id,
    provider: ACME,
    number: wire.number ?? null,
    type:
      wire.kind === 'credit_note' ? 'credit_note' : wire.kind === 'invoice' ? 'invoice' : 'other',
    status: { canonical: toCanonicalStatus(wire.status), raw: wire.status },
    currency,
    issueDate: wire.issued_on ?? null,
    serviceDate: null,
    dueDate: wire.due_on ?? null,
    paidDate: wire.paid_on ?? null,
    customer: {
      id: wire.customer_id ?? null,
      snapshot: wire.buyer
        ? {
            kind: 'company',
            name: wire.buyer.name,
            firstName: null,
            lastName: null,
            taxId: wire.buyer.tax_id ?? null,
            email: wire.buyer.email ?? null,
            phone: null,
            address: null,
          }
        : null,
    },
    seller: null,
    lines,
    totals: {
      net: formatMoney(wire.net_total, currency),
      tax: formatMoney(wire.tax_total, currency),
      gross: formatMoney(gross, currency),
      paid: formatMoney(paid, currency),
      due: formatMoney(gross.minus(paid), currency),
    },
    taxBreakdown: [...taxBreakdown],
    notes: wire.notes ?? null,
    externalId: wire.external_id ?? null,
    orderId: null,
    relatedInvoiceId: wire.related_invoice_id ?? null,
    language: null,
    createdAt: wire.created_at ?? null,
    updatedAt: wire.updated_at ?? null,
    raw: wire,
  };
}

function fromLine(
  line: ParsedLineInput,
  index: number,
  warnings: AdapterWarning[],
): Record<string, unknown> {
  const path = `lines.${index}`;
  if (line.sku !== undefined)
    warnings.push({
      type: 'unsupported_field',
      path: `${path}.sku`,
      reason: 'acme lines have no SKU',
    });
  if (line.unit !== undefined)
    warnings.push({
      type: 'unsupported_field',
      path: `${path}.unit`,
      reason: 'acme lines have no unit',
    });
  if (line.productId !== undefined) {
    warnings.push({
      type: 'unsupported_field',
      path: `${path}.productId`,
      reason: 'acme has no product catalogue',
    });
  }
  return {
    title: line.description,
    qty: line.quantity,
    unit_price: line.unitPrice,
    price_kind: line.unitPriceKind,
    tax_rate: fromTaxRate(line.taxRate, `${path}.taxRate`, warnings),
    ...(line.discount?.kind === 'percent' ? { discount_percent: line.discount.value } : {}),
    ...(line.discount?.kind === 'amount' ? { discount_amount: line.discount.value } : {}),
  };
}

/** Canonical create/update input → Acme request body, with a warning for every field dropped. */
export function fromCanonicalInvoice(input: ParsedInvoiceCreateInput | ParsedInvoiceUpdateInput): {
  body: Record<string, unknown>;
  warnings: AdapterWarning[];
} {
  const warnings: AdapterWarning[] = [];
  const unsupported = (path: string, reason: string): void => {
    warnings.push({ type: 'unsupported_field', path, reason });
  };
  if (input.serviceDate !== undefined) unsupported('serviceDate', 'acme has no service date');
  if (input.seller !== undefined) unsupported('seller', 'acme always prints the account as seller');
  if (input.orderId !== undefined) unsupported('orderId', 'acme has no order reference');
  if (input.language !== undefined) unsupported('language', 'acme prints in the account language');
  if (input.providerOptions?.[ACME] !== undefined)
    unsupported(`providerOptions.${ACME}`, 'acme takes no extra options');
  const snapshot = input.customer?.snapshot;
  if (snapshot?.address !== undefined)
    unsupported('customer.snapshot.address', 'acme prints the address of the customer record');
  if (snapshot?.phone !== undefined)
    unsupported('customer.snapshot.phone', 'acme buyer snapshots have no phone');

  const body: Record<string, unknown> = {
    ...(input.type !== undefined
      ? { kind: input.type === 'credit_note' ? 'credit_note' : 'invoice' }
      : {}),
    ...(input.currency !== undefined ? { currency: input.currency } : {}),
    ...(input.issueDate !== undefined ? { issued_on: input.issueDate } : {}),
    ...(input.dueDate !== undefined ? { due_on: input.dueDate } : {}),
    ...(input.customer?.id !== undefined ? { customer_id: input.customer.id } : {}),
    ...(snapshot
      ? { buyer: { name: snapshot.name, tax_id: snapshot.taxId, email: snapshot.email } }
      : {}),
    ...(input.externalId !== undefined ? { external_id: input.externalId } : {}),
    ...(input.relatedInvoiceId !== undefined ? { related_invoice_id: input.relatedInvoiceId } : {}),
    ...(input.notes !== undefined ? { notes: input.notes } : {}),
    ...(input.lines !== undefined
      ? { lines: input.lines.map((line, index) => fromLine(line, index, warnings)) }
      : {}),
  };
  if (input.type !== undefined && !['invoice', 'credit_note'].includes(input.type)) {
    warnings.push({
      type: 'approximated',
      path: 'type',
      reason: `acme has no "${input.type}" documents; created as invoice`,
    });
  }
  return { body, warnings };
}

/** Acme customer → canonical customer. */
export function toCanonicalCustomer(wire: AcmeCustomerWire): Customer {
  const address = wire.address
    ? {
        street: wire.address.street ?? null,
        city: wire.address.city ?? null,
        postalCode: wire.address.zip ?? null,
        region: null,
        country: wire.address.country ? wire.address.country.toUpperCase() : null,
      }
    : null;
  return {
    id: wire.id,
    provider: ACME,
    kind: wire.type,
    name: wire.name,
    firstName: wire.first_name ?? null,
    lastName: wire.last_name ?? null,
    taxId: wire.tax_id ?? null,
    email: wire.email ?? null,
    phone: wire.phone ?? null,
    address,
    bank: null,
    customerNumber: null,
    externalId: wire.external_id ?? null,
    notes: null,
    createdAt: wire.created_at ?? null,
    updatedAt: wire.updated_at ?? null,
    raw: wire,
  };
}

/** Canonical customer input → Acme body. */
export function fromCanonicalCustomer(
  input: ParsedCustomerCreateInput | ParsedCustomerUpdateInput,
): {
  body: Record<string, unknown>;
  warnings: AdapterWarning[];
} {
  const warnings: AdapterWarning[] = [];
  for (const field of ['bank', 'customerNumber', 'notes'] as const) {
    if (input[field] !== undefined)
      warnings.push({
        type: 'unsupported_field',
        path: field,
        reason: `acme customers have no ${field}`,
      });
  }
  if (input.address?.region !== undefined) {
    warnings.push({
      type: 'unsupported_field',
      path: 'address.region',
      reason: 'acme addresses have no region',
    });
  }
  const body: Record<string, unknown> = {
    ...(input.kind !== undefined ? { type: input.kind } : {}),
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.firstName !== undefined ? { first_name: input.firstName } : {}),
    ...(input.lastName !== undefined ? { last_name: input.lastName } : {}),
    ...(input.taxId !== undefined ? { tax_id: input.taxId } : {}),
    ...(input.email !== undefined ? { email: input.email } : {}),
    ...(input.phone !== undefined ? { phone: input.phone } : {}),
    ...(input.externalId !== undefined ? { external_id: input.externalId } : {}),
    ...(input.address !== undefined
      ? {
          address: {
            street: input.address.street,
            city: input.address.city,
            zip: input.address.postalCode,
            country: input.address.country,
          },
        }
      : {}),
  };
  return { body, warnings };
}
