import { z } from 'zod';
import { InvoiceTypeSchema } from './invoice-type';
import { LineInputSchema } from './line';
import { PartySnapshotInputSchema } from './party';
import { CurrencyCodeSchema, IdSchema, IsoDateSchema } from './primitives';

/** Vendor-specific extras keyed by provider id; each provider validates its own entry. */
export const ProviderOptionsSchema = z.record(z.string(), z.record(z.string(), z.unknown()));
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
  type: InvoiceTypeSchema.optional(),
  currency: CurrencyCodeSchema,
  issueDate: IsoDateSchema.optional(),
  serviceDate: IsoDateSchema.optional(),
  dueDate: IsoDateSchema.optional(),
  customer: InvoiceCustomerInputSchema,
  seller: PartySnapshotInputSchema.optional(),
  lines: z.array(LineInputSchema).min(1, { message: 'an invoice needs at least one line' }),
  notes: z.string().optional(),
  /** Your own id for this invoice; adapters use it as the vendor's dedupe key where one exists. */
  externalId: z.string().min(1).max(255).optional(),
  orderId: z.string().optional(),
  relatedInvoiceId: IdSchema.optional(),
  /** IETF language tag for the printed document (`de`, `en-GB`). */
  language: z.string().optional(),
  providerOptions: ProviderOptionsSchema.optional(),
});

/** Input of `invoices.create`. */
export const InvoiceCreateInputSchema = InvoiceFieldsSchema.extend({
  type: InvoiceTypeSchema.default('invoice'),
}).superRefine((input, ctx) => {
  if (input.issueDate && input.dueDate && input.dueDate < input.issueDate) {
    ctx.addIssue({ code: 'custom', path: ['dueDate'], message: 'must not be before issueDate' });
  }
  if (input.type === 'credit_note' && input.relatedInvoiceId === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['relatedInvoiceId'],
      message: 'a credit note must name the invoice it corrects',
    });
  }
});
export type InvoiceCreateInput = z.input<typeof InvoiceCreateInputSchema>;
export type ParsedInvoiceCreateInput = z.output<typeof InvoiceCreateInputSchema>;

/** Input of `invoices.update`: only the fields to change; `lines` replaces all lines. */
export const InvoiceUpdateInputSchema = InvoiceFieldsSchema.partial().refine(
  (input) => Object.keys(input).length > 0,
  { message: 'an update must change at least one field' },
);
export type InvoiceUpdateInput = z.input<typeof InvoiceUpdateInputSchema>;
export type ParsedInvoiceUpdateInput = z.output<typeof InvoiceUpdateInputSchema>;
