import type { TaxRate } from '../../model/tax-rate';
import type { FieldRules, FieldScope } from '../../spec/field-writer';
import type { InvoiceCreateFields, InvoiceUpdateFields } from '../../spec/provider-v1';

/** A canonical invoice write as the writer reads it: a create or an update. */
export type AcmeInvoiceFields = InvoiceCreateFields | InvoiceUpdateFields;
type Line = InvoiceCreateFields['lines'][number];

function toWireTaxRate(rate: TaxRate, scope: FieldScope<unknown, unknown, unknown>): string {
  if (rate.kind === 'percent') return rate.value;
  if (rate.kind !== 'exempt') scope.approximate(`acme has no "${rate.kind}" rate; sent as exempt`);
  return 'exempt';
}

/** One rule per canonical line field → an Acme line. */
const LINE_RULES = {
  description: { write: (title) => ({ title }) },
  sku: { unsupported: 'acme lines have no SKU' },
  productId: { unsupported: 'acme has no product catalogue' },
  quantity: { write: (qty) => ({ qty }) },
  unit: { unsupported: 'acme lines have no unit' },
  unitPrice: { write: (unit_price) => ({ unit_price }) },
  unitPriceKind: { write: (price_kind) => ({ price_kind }) },
  taxRate: { write: (rate, scope) => ({ tax_rate: toWireTaxRate(rate, scope) }) },
  discount: {
    write: (discount) =>
      discount.kind === 'percent'
        ? { discount_percent: discount.value }
        : { discount_amount: discount.value },
  },
} satisfies FieldRules<Line, AcmeInvoiceFields, Record<string, unknown>, undefined>;

/**
 * Canonical invoice → Acme `invoice` body, one rule per canonical field: the compiler refuses
 * this table when the canonical input gains a field it does not handle.
 */
export const ACME_INVOICE_RULES = {
  number: { unsupported: 'acme numbers an invoice itself when it is finalized' },
  type: {
    write: (type, scope) => {
      if (type !== 'invoice' && type !== 'credit_note')
        scope.approximate(`acme has no "${type}" documents; created as invoice`);
      return { kind: type === 'credit_note' ? 'credit_note' : 'invoice' };
    },
  },
  currency: { write: (currency) => ({ currency }) },
  issueDate: { write: (issued_on) => ({ issued_on }) },
  serviceDate: { unsupported: 'acme has no service date' },
  dueDate: { write: (due_on) => ({ due_on }) },
  paymentTermsDays: { unsupported: 'acme keeps a due date, not payment terms' },
  earlyPaymentDiscount: { unsupported: 'acme has no early-payment discount' },
  bankAccount: { unsupported: 'acme prints the account’s own bank details' },
  exchangeRate: { unsupported: 'acme keeps no exchange rate' },
  customer: {
    fields: {
      id: { write: (customer_id) => ({ customer_id }) },
      snapshot: {
        write: (snapshot, scope) => {
          if (snapshot.kind !== 'company') scope.approximate('acme buyers are companies', 'kind');
          for (const field of ['firstName', 'lastName', 'phone'] as const)
            if (snapshot[field] !== undefined)
              scope.unsupported(`acme buyer snapshots have no ${field}`, field);
          if (snapshot.address !== undefined)
            scope.unsupported('acme prints the address of the customer record', 'address');
          return { buyer: { name: snapshot.name, tax_id: snapshot.taxId, email: snapshot.email } };
        },
      },
    },
  },
  seller: { unsupported: 'acme always prints the account as seller' },
  notes: { write: (notes) => ({ notes }) },
  internalNotes: { unsupported: 'acme has printed notes only' },
  externalId: { write: (external_id) => ({ external_id }) },
  orderId: { unsupported: 'acme has no order reference' },
  relatedInvoiceId: { write: (related_invoice_id) => ({ related_invoice_id }) },
  language: { unsupported: 'acme prints in the account language' },
  // Last, so that the lines' warnings follow the invoice's.
  lines: { each: LINE_RULES, place: (lines) => ({ lines }) },
} satisfies FieldRules<AcmeInvoiceFields, AcmeInvoiceFields, Record<string, unknown>, undefined>;
