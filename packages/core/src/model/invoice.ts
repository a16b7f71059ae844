import { z } from 'zod';
import { InvoiceStateSchema } from './invoice-state';
import { InvoiceStatusValueSchema } from './invoice-status';
import {
  EarlyPaymentDiscountSchema,
  ExchangeRateSchema,
  InvoiceBankAccountSchema,
} from './invoice-terms';
import { InvoiceTypeSchema } from './invoice-type';
import { LineSchema } from './line';
import { PartySnapshotSchema } from './party';
import { PaymentSchema } from './payment';
import { IdSchema, IsoDateSchema, IsoTimestampSchema } from './primitives';
import { InvoiceTotalsSchema, TaxBreakdownEntrySchema } from './totals';

/** An invoice (or credit note, proforma, …) as read from a vendor, in canonical form. */
export const InvoiceSchema = z.object({
  id: IdSchema,
  /** The provider id this invoice was read from (`invoiceocean`, …). */
  provider: z.string(),
  /** The printed number; `null` while a draft has none. */
  number: z.string().nullable(),
  type: InvoiceTypeSchema,
  /**
   * The one word that best describes the state (see `state` for the three facts behind it) and
   * the vendor's own status value.
   */
  status: InvoiceStatusValueSchema,
  /** Lifecycle, payment and due state as separate facts: each is true on its own. */
  state: InvoiceStateSchema,
  currency: z.string(),
  issueDate: IsoDateSchema.nullable(),
  /** Date of supply / service (German "Leistungsdatum", Polish "data sprzedaży"). */
  serviceDate: IsoDateSchema.nullable(),
  dueDate: IsoDateSchema.nullable(),
  /** The day the last payment made it paid in full; `null` while anything is due. */
  paidDate: IsoDateSchema.nullable(),
  /** Days from the issue date to the due date, as the vendor states the terms. */
  paymentTermsDays: z.number().int().nullable(),
  earlyPaymentDiscount: EarlyPaymentDiscountSchema.nullable(),
  /** The seller's bank account printed for the buyer to pay into. */
  bankAccount: InvoiceBankAccountSchema.nullable(),
  /** For a foreign-currency invoice: the rate into the seller's book currency. */
  exchangeRate: ExchangeRateSchema.nullable(),
  customer: z.object({
    /** The vendor's customer id, when the invoice is linked to a customer record. */
    id: z.string().nullable(),
    /** The buyer as printed on this invoice. */
    snapshot: PartySnapshotSchema.nullable(),
  }),
  seller: PartySnapshotSchema.nullable(),
  lines: z.array(LineSchema),
  totals: InvoiceTotalsSchema,
  taxBreakdown: z.array(TaxBreakdownEntrySchema),
  /** Every payment the vendor holds against the invoice, oldest first. */
  payments: z.array(PaymentSchema),
  /** Remarks printed on the document. */
  notes: z.string().nullable(),
  /** Notes kept with the invoice and never printed. */
  internalNotes: z.string().nullable(),
  /** The caller's own id for this invoice (idempotency / migration source id). */
  externalId: z.string().nullable(),
  orderId: z.string().nullable(),
  /** For a credit note or final invoice: the invoice it refers to. */
  relatedInvoiceId: z.string().nullable(),
  language: z.string().nullable(),
  createdAt: IsoTimestampSchema.nullable(),
  updatedAt: IsoTimestampSchema.nullable(),
  /** The vendor's object exactly as received. */
  raw: z.unknown(),
});
/**
 * An invoice (or credit note, proforma, …) as read from a vendor, in canonical form (what
 * `InvoiceSchema` returns).
 */
export type Invoice = z.infer<typeof InvoiceSchema>;
