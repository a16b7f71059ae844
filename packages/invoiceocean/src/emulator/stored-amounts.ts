import type { StoredInvoice } from './state';
import { computeInvoiceAmounts, type InvoiceAmounts } from './invoice-maths';

function isOn(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 'true' || value === 'yes';
}

/** A stored invoice's amounts under its own strategy, currency discount switch and kind. */
export function amountsOf(invoice: StoredInvoice): InvoiceAmounts {
  return computeInvoiceAmounts(
    invoice.positions,
    invoice.strategy,
    String(invoice.attributes.currency ?? 'PLN'),
    isOn(invoice.attributes.show_discount),
    typeof invoice.attributes.discount_kind === 'string' ? invoice.attributes.discount_kind : null,
  );
}
