import type { Invoice } from '../../model/invoice';
import { amountDue, readInvoiceState } from '../../model/invoice-state';
import type { Line } from '../../model/line';
import { PaymentMethodSchema, type PaymentMethod } from '../../model/payment';
import type { TaxRate } from '../../model/tax-rate';
import { formatMoney } from '../../money/rounding';
import { computeInvoiceTotals } from '../../money/document-totals';
import { DEFAULT_ROUNDING_STRATEGY } from '../../money/rounding-strategy';
import { toDecimal } from '../../money/decimal';
import { ACME } from '../provider-id';
import type { AcmeInvoiceWire, AcmeLineWire } from '../wire/records';
import { toCanonicalStatus } from './status';

function toTaxRate(wire: string): TaxRate {
  return wire === 'exempt' ? { kind: 'exempt' } : { kind: 'percent', value: wire };
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

/** Acme stores the canonical method words; anything else is `other`. */
function methodOf(raw: string | null): PaymentMethod | null {
  if (raw === null) return null;
  const parsed = PaymentMethodSchema.safeParse(raw);
  return parsed.success ? parsed.data : 'other';
}

/** Acme invoice → canonical invoice; `today` (`YYYY-MM-DD`) decides the due state. */
export function toCanonicalInvoice(wire: AcmeInvoiceWire, today: string): Invoice {
  const currency = wire.currency.toUpperCase();
  const lines = wire.lines.map((line) => toLine(line, currency));
  const { taxBreakdown } = computeInvoiceTotals(lines, {
    currency,
    strategy: DEFAULT_ROUNDING_STRATEGY,
  });
  const gross = toDecimal(wire.gross_total);
  const paid = toDecimal(wire.paid_total ?? '0');
  const dueDate = wire.due_on ?? null;
  const totals = {
    net: formatMoney(wire.net_total, currency),
    tax: formatMoney(wire.tax_total, currency),
    gross: formatMoney(gross, currency),
    paid: formatMoney(paid, currency),
    due: formatMoney(
      amountDue({
        gross: gross.toString(),
        paid: paid.toString(),
        canceled: wire.status === 'void',
      }),
      currency,
    ),
  };
  const { state, status } = readInvoiceState(toCanonicalStatus(wire.status), {
    totals,
    dueDate,
    today,
    raw: wire.status,
  });
  return {
    id: wire.id,
    provider: ACME,
    number: wire.number ?? null,
    type:
      wire.kind === 'credit_note' ? 'credit_note' : wire.kind === 'invoice' ? 'invoice' : 'other',
    status,
    state,
    currency,
    issueDate: wire.issued_on ?? null,
    serviceDate: null,
    dueDate,
    paidDate: wire.paid_on ?? null,
    paymentTermsDays: null,
    earlyPaymentDiscount: null,
    bankAccount: null,
    exchangeRate: null,
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
    totals,
    taxBreakdown: [...taxBreakdown],
    payments: (wire.payments ?? []).map((payment) => ({
      id: payment.id,
      provider: ACME,
      invoiceId: wire.id,
      amount: formatMoney(payment.amount, currency),
      currency,
      date: payment.date ?? null,
      method: methodOf(payment.method ?? null),
      methodRaw: payment.method ?? null,
      reference: payment.reference ?? null,
      raw: payment,
    })),
    notes: wire.notes ?? null,
    internalNotes: null,
    externalId: wire.external_id ?? null,
    orderId: null,
    relatedInvoiceId: wire.related_invoice_id ?? null,
    language: null,
    createdAt: wire.created_at ?? null,
    updatedAt: wire.updated_at ?? null,
    raw: wire,
  };
}
