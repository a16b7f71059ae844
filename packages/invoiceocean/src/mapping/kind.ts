import type { InvoiceType } from '@invoicekit/core';

/**
 * InvoiceOcean `kind` → canonical type. VAT-like documents are invoices; corrections are credit
 * notes; Polish cash documents (kp/kw), the Fakturownia-only kinds and `canceled` (the kind a
 * canceled invoice takes, hiding its original kind) are `other`, with the vendor value in `raw`.
 */
export const KIND_TO_TYPE: Readonly<Record<string, InvoiceType>> = {
  vat: 'invoice',
  vat_mp: 'invoice',
  vat_margin: 'invoice',
  vat_rr: 'invoice',
  bill: 'invoice',
  proforma: 'proforma',
  estimate: 'estimate',
  client_order: 'estimate',
  receipt: 'receipt',
  advance: 'advance',
  final: 'final',
  correction: 'credit_note',
  correction_note: 'credit_note',
};

/** Canonical type → the kind an invoice is created with. */
export const TYPE_TO_KIND: Readonly<Record<InvoiceType, string>> = {
  invoice: 'vat',
  credit_note: 'correction',
  proforma: 'proforma',
  estimate: 'estimate',
  receipt: 'receipt',
  advance: 'advance',
  final: 'final',
  other: 'invoice_other',
};

export function toCanonicalType(kind: string | null | undefined): InvoiceType {
  return (kind && KIND_TO_TYPE[kind]) || 'other';
}
