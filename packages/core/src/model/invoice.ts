import { z } from 'zod';
import { InvoiceStatusValueSchema } from './invoice-status';
import { InvoiceTypeSchema } from './invoice-type';
import { LineSchema } from './line';
import { PartySnapshotSchema } from './party';
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
  status: InvoiceStatusValueSchema,
  currency: z.string(),
  issueDate: IsoDateSchema.nullable(),
  /** Date of supply / service (German "Leistungsdatum", Polish "data sprzedaży"). */
  serviceDate: IsoDateSchema.nullable(),
  dueDate: IsoDateSchema.nullable(),
  paidDate: IsoDateSchema.nullable(),
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
  notes: z.string().nullable(),
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
export type Invoice = z.infer<typeof InvoiceSchema>;
