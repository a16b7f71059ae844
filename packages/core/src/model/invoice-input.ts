import { z } from 'zod';
import {
  EarlyPaymentDiscountInputSchema,
  ExchangeRateInputSchema,
  InvoiceBankAccountInputSchema,
} from './invoice-terms';
import { InvoiceTypeSchema } from './invoice-type';
import { LineInputSchema } from './line';
import { PartySnapshotInputSchema } from './party';
import { CurrencyCodeSchema, IdSchema, IsoDateSchema } from './primitives';

/** Vendor-specific extras keyed by provider id; each provider validates its own entry. */
export const ProviderOptionsSchema = z.record(z.string(), z.record(z.string(), z.unknown()));
/**
 * Vendor-specific extras keyed by provider id; each provider validates its own entry (what
 * `ProviderOptionsSchema` returns).
 */
export type ProviderOptions = z.infer<typeof ProviderOptionsSchema>;

/** Which customer an invoice is for: an existing record, a one-off buyer, or both. */
export const InvoiceCustomerInputSchema = z
  .strictObject({
    id: IdSchema.optional(),
    snapshot: PartySnapshotInputSchema.optional(),
  })
  .refine((customer) => customer.id !== undefined || customer.snapshot !== undefined, {
    message: 'give the customer id, the buyer snapshot, or both',
  });

const InvoiceFieldsSchema = z.strictObject({
  /**
   * The printed number. Kept where the vendor lets the caller set it; where it numbers documents
   * itself, the write warns and the vendor's number stands. Absent: the vendor numbers it.
   */
  number: z.string().trim().min(1).max(255).optional(),
  type: InvoiceTypeSchema.optional(),
  currency: CurrencyCodeSchema,
  issueDate: IsoDateSchema.optional(),
  serviceDate: IsoDateSchema.optional(),
  dueDate: IsoDateSchema.optional(),
  /** Days from the issue date to the due date (the vendor computes the due date from them). */
  paymentTermsDays: z.number().int().min(0).max(3650).optional(),
  earlyPaymentDiscount: EarlyPaymentDiscountInputSchema.optional(),
  /** The seller's bank account to print for the buyer to pay into. */
  bankAccount: InvoiceBankAccountInputSchema.optional(),
  /** For a foreign-currency invoice: the rate into the seller's book currency. */
  exchangeRate: ExchangeRateInputSchema.optional(),
  customer: InvoiceCustomerInputSchema,
  seller: PartySnapshotInputSchema.optional(),
  lines: z.array(LineInputSchema).min(1, { message: 'an invoice needs at least one line' }),
  /** Remarks printed on the document. */
  notes: z.string().optional(),
  /** Notes kept with the invoice and never printed. */
  internalNotes: z.string().optional(),
  /** Your own id for this invoice; adapters use it as the vendor's dedupe key where one exists. */
  externalId: z.string().min(1).max(255).optional(),
  orderId: z.string().optional(),
  relatedInvoiceId: IdSchema.optional(),
  /** IETF language tag for the printed document (`de`, `en-GB`). */
  language: z.string().optional(),
  providerOptions: ProviderOptionsSchema.optional(),
});

/** `YYYY-MM-DD` plus whole days, on the calendar (no time zone is involved). */
function addDays(date: string, days: number): string {
  const time = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(time).toISOString().slice(0, 10);
}

/** Input of `invoices.create`. */
export const InvoiceCreateInputSchema = InvoiceFieldsSchema.extend({
  type: InvoiceTypeSchema.default('invoice'),
}).superRefine((input, ctx) => {
  if (input.issueDate && input.dueDate && input.dueDate < input.issueDate) {
    ctx.addIssue({ code: 'custom', path: ['dueDate'], message: 'must not be before issueDate' });
  }
  if (input.issueDate && input.dueDate && input.paymentTermsDays !== undefined) {
    const expected = addDays(input.issueDate, input.paymentTermsDays);
    if (expected !== input.dueDate)
      ctx.addIssue({
        code: 'custom',
        path: ['paymentTermsDays'],
        message: `${input.paymentTermsDays} days from issueDate is ${expected}, not dueDate ${input.dueDate}`,
      });
  }
  if (input.exchangeRate && input.exchangeRate.currency === input.currency) {
    ctx.addIssue({
      code: 'custom',
      path: ['exchangeRate', 'currency'],
      message: 'an exchange rate converts into another currency than the invoice’s',
    });
  }
  if (input.type === 'credit_note' && input.relatedInvoiceId === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['relatedInvoiceId'],
      message: 'a credit note must name the invoice it corrects',
    });
  }
});
/** What `InvoiceCreateInputSchema` accepts: the input, before defaults and transforms. */
export type InvoiceCreateInput = z.input<typeof InvoiceCreateInputSchema>;
/**
 * What `InvoiceCreateInputSchema` returns: the input with defaults applied and values normalised.
 */
export type ParsedInvoiceCreateInput = z.output<typeof InvoiceCreateInputSchema>;

/** Input of `invoices.update`: only the fields to change; `lines` replaces all lines. */
export const InvoiceUpdateInputSchema = InvoiceFieldsSchema.partial().refine(
  (input) => Object.keys(input).length > 0,
  { message: 'an update must change at least one field' },
);
/** What `InvoiceUpdateInputSchema` accepts: the input, before defaults and transforms. */
export type InvoiceUpdateInput = z.input<typeof InvoiceUpdateInputSchema>;
/**
 * What `InvoiceUpdateInputSchema` returns: the input with defaults applied and values normalised.
 */
export type ParsedInvoiceUpdateInput = z.output<typeof InvoiceUpdateInputSchema>;
