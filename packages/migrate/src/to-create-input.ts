import type {
  AdapterWarning,
  Invoice,
  InvoiceCreateInput,
  Line,
  LineInput,
} from '@invoicekit/core';

/**
 * The idempotency key of a migrated invoice: the same source invoice always gets the same key, so
 * the target's own dedupe (InvoiceOcean `oid`, Monsum `INVOICE_EXT_UID`) makes a repeat harmless.
 */
export function migrationKey(sourceProvider: string, sourceId: string): string {
  return `invoicekit:${sourceProvider}:${sourceId}`;
}

function toLineInput(line: Line): LineInput {
  return {
    description: line.description || '—',
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    unitPriceKind: line.unitPriceKind,
    taxRate: line.taxRate,
    ...(line.sku !== null ? { sku: line.sku } : {}),
    ...(line.unit !== null ? { unit: line.unit } : {}),
    ...(line.discount !== null ? { discount: line.discount } : {}),
  };
}

/**
 * The type to write. Some vendors hide a canceled invoice's type (InvoiceOcean's kind becomes
 * `canceled`, read as `other`); such an invoice is written as an invoice — see
 * {@link hiddenTypeWarning}.
 */
export function typeOf(source: Invoice): Invoice['type'] {
  return source.type === 'other' && source.status.canonical === 'canceled'
    ? 'invoice'
    : source.type;
}

/** The warning that goes with {@link typeOf} guessing, or `undefined`. */
export function hiddenTypeWarning(source: Invoice): AdapterWarning | undefined {
  return typeOf(source) === source.type
    ? undefined
    : {
        type: 'approximated',
        path: 'type',
        reason: 'the source hides the type of canceled invoices; written as an invoice',
      };
}

/**
 * A source invoice → the canonical create input for the target: the same lines, dates, notes and
 * currency, the target's customer, and the migration key as `externalId`. A source invoice
 * without lines (a vendor that returns none) becomes one line carrying its net total.
 */
export function toCreateInput(
  source: Invoice,
  context: { sourceProvider: string; targetCustomerId: string; relatedInvoiceId?: string },
): InvoiceCreateInput {
  const lines =
    source.lines.length > 0
      ? source.lines.map(toLineInput)
      : [
          {
            description: `Invoice ${source.number ?? source.id}`,
            unitPrice: source.totals.net,
            taxRate: source.taxBreakdown[0]?.rate ?? { kind: 'percent', value: '0' },
          } satisfies LineInput,
        ];
  return {
    type: typeOf(source),
    currency: source.currency,
    customer: { id: context.targetCustomerId },
    lines,
    externalId: migrationKey(context.sourceProvider, source.id),
    ...(source.issueDate !== null ? { issueDate: source.issueDate } : {}),
    ...(source.serviceDate !== null ? { serviceDate: source.serviceDate } : {}),
    ...(source.dueDate !== null && (source.issueDate === null || source.dueDate >= source.issueDate)
      ? { dueDate: source.dueDate }
      : {}),
    ...(source.notes !== null ? { notes: source.notes } : {}),
    ...(context.relatedInvoiceId !== undefined
      ? { relatedInvoiceId: context.relatedInvoiceId }
      : {}),
  };
}
