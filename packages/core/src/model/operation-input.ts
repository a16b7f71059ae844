import { z } from 'zod';
import { InvoiceStatusSchema } from './invoice-status';
import { InvoiceTypeSchema } from './invoice-type';
import { PaymentMethodSchema } from './payment';
import { EmailSchema, IdSchema, IsoDateSchema, NonNegativeDecimalStringSchema } from './primitives';

/**
 * Input of `invoices.markPaid`. Without `amount` the whole amount due is paid. A zero amount is
 * refused: it would record a payment of nothing, which is never what a caller meant.
 */
export const MarkPaidInputSchema = z.strictObject({
  amount: NonNegativeDecimalStringSchema.refine((value) => !/^[0.]+$/.test(value), {
    message: 'must be greater than zero',
  }).optional(),
  date: IsoDateSchema.optional(),
  method: PaymentMethodSchema.optional(),
  /** Transaction id or bank reference kept with the payment. */
  reference: z.string().optional(),
});
/** What `MarkPaidInputSchema` accepts: the input, before defaults and transforms. */
export type MarkPaidInput = z.input<typeof MarkPaidInputSchema>;
/** What `MarkPaidInputSchema` returns: the input with defaults applied and values normalised. */
export type ParsedMarkPaidInput = z.output<typeof MarkPaidInputSchema>;

/** Input of `invoices.send` (by e-mail). Without `to` the vendor uses the customer's address. */
export const SendInvoiceInputSchema = z.strictObject({
  to: z.array(EmailSchema).min(1).optional(),
  cc: z.array(EmailSchema).optional(),
  subject: z.string().optional(),
  message: z.string().optional(),
  attachPdf: z.boolean().default(true),
});
/** What `SendInvoiceInputSchema` accepts: the input, before defaults and transforms. */
export type SendInvoiceInput = z.input<typeof SendInvoiceInputSchema>;
/** What `SendInvoiceInputSchema` returns: the input with defaults applied and values normalised. */
export type ParsedSendInvoiceInput = z.output<typeof SendInvoiceInputSchema>;

/**
 * Filters of `invoices.list`. Every filter is optional; none means every invoice. Each has one
 * meaning on every vendor (core checks it again on what the vendor lists): `status` and `type`
 * any of the values given (`status` matches every status word that holds: an overdue, partly paid, sent invoice is found by `overdue`, `partially_paid` and `sent`); `customerId`, `number` and `externalId` equal; `issuedFrom` /
 * `issuedTo` inclusive, and an invoice without an issue date matches neither; `updatedSince` at or
 * after the instant (a provider receives it resolved to an ISO 8601 UTC instant, a cursor
 * included).
 */
export const InvoiceListQuerySchema = z.strictObject({
  status: z.array(InvoiceStatusSchema).optional(),
  type: z.array(InvoiceTypeSchema).optional(),
  customerId: IdSchema.optional(),
  number: z.string().optional(),
  externalId: z.string().optional(),
  issuedFrom: IsoDateSchema.optional(),
  issuedTo: IsoDateSchema.optional(),
  /**
   * Only invoices changed at or after this: an ISO 8601 timestamp with offset, or the `cursor()`
   * an earlier listing of the same adapter returned (a change cursor, `ikc1.…`). An invoice
   * without an update time is always listed.
   */
  updatedSince: z.string().min(1).optional(),
  /** Page size requested from the vendor (clamped to the vendor's maximum). */
  pageSize: z.number().int().positive().max(1000).optional(),
});
/** What `InvoiceListQuerySchema` accepts: the input, before defaults and transforms. */
export type InvoiceListQuery = z.input<typeof InvoiceListQuerySchema>;
/** What `InvoiceListQuerySchema` returns: the input with defaults applied and values normalised. */
export type ParsedInvoiceListQuery = z.output<typeof InvoiceListQuerySchema>;

/**
 * Filters of `customers.list`, with one meaning on every vendor (core checks them again on what
 * the vendor lists): `name` a case-insensitive part of the name; `email` the whole address,
 * case-insensitively; `taxId` and `externalId` equal.
 */
export const CustomerListQuerySchema = z.strictObject({
  /** A case-insensitive part of the customer's name. */
  name: z.string().optional(),
  /** The whole e-mail address, compared case-insensitively. */
  email: z.string().optional(),
  /** The tax id exactly as the vendor holds it. */
  taxId: z.string().optional(),
  externalId: z.string().optional(),
  /** Only customers changed at or after this: a timestamp with offset, or a change cursor. */
  updatedSince: z.string().min(1).optional(),
  pageSize: z.number().int().positive().max(1000).optional(),
});
/** What `CustomerListQuerySchema` accepts: the input, before defaults and transforms. */
export type CustomerListQuery = z.input<typeof CustomerListQuerySchema>;
/**
 * What `CustomerListQuerySchema` returns: the input with defaults applied and values normalised.
 */
export type ParsedCustomerListQuery = z.output<typeof CustomerListQuerySchema>;

/** Options of `invoices.downloadPdf`. */
export const PdfOptionsSchema = z.strictObject({
  /** Vendor print variant (e.g. `original`, `copy`, `duplicate`), passed through. */
  variant: z.string().optional(),
  language: z.string().optional(),
});
/** What `PdfOptionsSchema` accepts: the input, before defaults and transforms. */
export type PdfOptions = z.input<typeof PdfOptionsSchema>;
/** What `PdfOptionsSchema` returns: the input with defaults applied and values normalised. */
export type ParsedPdfOptions = z.output<typeof PdfOptionsSchema>;
