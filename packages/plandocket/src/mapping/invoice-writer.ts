import type { FieldRules, InvoiceUpdateFields } from '@invoicekit/core';
import type { InvoicePatch } from '../client/plandocket-client';

/** A canonical invoice update as the writer reads it (the API cannot create invoices). */
export type PlandocketInvoiceFields = InvoiceUpdateFields;

/**
 * Why a field cannot change: the API's `PATCH /invoices/{id}` writes notes, due date and status
 * only. Silently keeping the old lines or customer would be worse than failing, so such an update
 * is refused before anything is sent.
 */
const UPDATES_ONLY = 'the vendor updates only notes, due date and status';

/**
 * Canonical invoice update → the vendor's `PATCH` body, one rule per canonical field (in the
 * canonical order, which is the order refused fields are named in). The compiler refuses this
 * table when the canonical input gains a field it does not handle.
 */
export const PLANDOCKET_INVOICE_RULES = {
  type: { refused: UPDATES_ONLY },
  currency: { refused: UPDATES_ONLY },
  issueDate: { refused: UPDATES_ONLY },
  serviceDate: { refused: UPDATES_ONLY },
  // A sent (locked) invoice keeps its due date: the update checks the lock before sending.
  dueDate: { write: (due_date) => ({ due_date }) },
  customer: { refused: UPDATES_ONLY },
  seller: { refused: UPDATES_ONLY },
  lines: { refused: UPDATES_ONLY },
  notes: { write: (notes) => ({ notes }) },
  externalId: { refused: UPDATES_ONLY },
  orderId: { refused: UPDATES_ONLY },
  relatedInvoiceId: { refused: UPDATES_ONLY },
  language: { refused: UPDATES_ONLY },
} satisfies FieldRules<PlandocketInvoiceFields, PlandocketInvoiceFields, InvoicePatch, undefined>;
