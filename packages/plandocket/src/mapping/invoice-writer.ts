import type { FieldRules, InvoiceUpdateFields } from '@invoicekit/core';
import type { InvoicePatch } from '../client/plandocket-client';

/** A canonical invoice update as the writer reads it (the API cannot create invoices). */
export type PlandocketInvoiceFields = InvoiceUpdateFields;

/**
 * Why a field cannot change: the API's `PATCH /invoices/{id}` writes notes, due date and status
 * only. Silently keeping the old lines or customer would be worse than failing, so such an update
 * is refused before anything is sent.
 */
const UPDATES_ONLY = 'the vendor updates only its internal notes, the due date and the status';

/**
 * Canonical invoice update → the vendor's `PATCH` body, one rule per canonical field (in the
 * canonical order, which is the order warnings and refused fields are named in). The compiler
 * refuses this table when the canonical input gains a field it does not handle. The vendor's
 * `notes` are documented as internal notes: `internalNotes` writes them, and printed remarks
 * have no place.
 */
export const PLANDOCKET_INVOICE_RULES = {
  number: { refused: UPDATES_ONLY },
  type: { refused: UPDATES_ONLY },
  currency: { refused: UPDATES_ONLY },
  issueDate: { refused: UPDATES_ONLY },
  serviceDate: { refused: UPDATES_ONLY },
  // A sent (locked) invoice keeps its due date: the update checks the lock before sending.
  dueDate: { write: (due_date) => ({ due_date }) },
  paymentTermsDays: { refused: UPDATES_ONLY },
  earlyPaymentDiscount: { refused: UPDATES_ONLY },
  bankAccount: { refused: UPDATES_ONLY },
  exchangeRate: { refused: UPDATES_ONLY },
  customer: { refused: UPDATES_ONLY },
  seller: { refused: UPDATES_ONLY },
  lines: { refused: UPDATES_ONLY },
  notes: {
    unsupported:
      'Plandocket invoices have no printed remarks: their notes are internal (use internalNotes)',
  },
  internalNotes: { write: (notes) => ({ notes }) },
  externalId: { refused: UPDATES_ONLY },
  orderId: { refused: UPDATES_ONLY },
  relatedInvoiceId: { refused: UPDATES_ONLY },
  language: { refused: UPDATES_ONLY },
} satisfies FieldRules<PlandocketInvoiceFields, PlandocketInvoiceFields, InvoicePatch, undefined>;
