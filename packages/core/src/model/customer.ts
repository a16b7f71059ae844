import { z } from 'zod';
import { AddressInputSchema, AddressSchema } from './address';
import { PartyKindSchema } from './party';
import { EmailSchema, IdSchema, IsoTimestampSchema } from './primitives';

/** Bank details of a customer. */
export const BankDetailsSchema = z.object({
  bankName: z.string().nullable(),
  iban: z.string().nullable(),
  bic: z.string().nullable(),
});
/** Bank details of a customer (what `BankDetailsSchema` returns). */
export type BankDetails = z.infer<typeof BankDetailsSchema>;

/** A customer record as the vendor keeps it. */
export const CustomerSchema = z.object({
  id: IdSchema,
  provider: z.string(),
  kind: PartyKindSchema,
  /** Company name for a company; the display name for a person. */
  name: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  /** Tax or VAT identification number, as printed. */
  taxId: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: AddressSchema.nullable(),
  bank: BankDetailsSchema.nullable(),
  customerNumber: z.string().nullable(),
  /** The caller's own id for this customer, where the vendor can store one. */
  externalId: z.string().nullable(),
  notes: z.string().nullable(),
  createdAt: IsoTimestampSchema.nullable(),
  updatedAt: IsoTimestampSchema.nullable(),
  /** The vendor's object exactly as received. */
  raw: z.unknown(),
});
/** A customer record as the vendor keeps it (what `CustomerSchema` returns). */
export type Customer = z.infer<typeof CustomerSchema>;

const IbanSchema = z
  .string()
  .transform((iban) => iban.replace(/\s+/g, '').toUpperCase())
  .refine((iban) => /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban), { message: 'must be an IBAN' });

/** Bank details as written: an IBAN and a BIC are checked for their form. */
export const BankDetailsInputSchema = z.strictObject({
  bankName: z.string().optional(),
  iban: IbanSchema.optional(),
  bic: z
    .string()
    .regex(/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/, { message: 'must be a BIC' })
    .optional(),
});

const CustomerFieldsInputSchema = z.strictObject({
  kind: PartyKindSchema.optional(),
  name: z.string().trim().min(1),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  taxId: z.string().optional(),
  email: EmailSchema.optional(),
  phone: z.string().optional(),
  address: AddressInputSchema.optional(),
  bank: BankDetailsInputSchema.optional(),
  customerNumber: z.string().optional(),
  externalId: z.string().optional(),
  notes: z.string().optional(),
  /** Vendor-specific extras keyed by provider id, validated by that provider. */
  providerOptions: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
});

/** Input of `customers.create`. */
export const CustomerCreateInputSchema = CustomerFieldsInputSchema.extend({
  kind: PartyKindSchema.default('company'),
});
/** What `CustomerCreateInputSchema` accepts: the input, before defaults and transforms. */
export type CustomerCreateInput = z.input<typeof CustomerCreateInputSchema>;
/**
 * What `CustomerCreateInputSchema` returns: the input with defaults applied and values normalised.
 */
export type ParsedCustomerCreateInput = z.output<typeof CustomerCreateInputSchema>;

/** Input of `customers.update`: only the fields to change. */
export const CustomerUpdateInputSchema = CustomerFieldsInputSchema.partial().refine(
  (input) => Object.keys(input).length > 0,
  { message: 'an update must change at least one field' },
);
/** What `CustomerUpdateInputSchema` accepts: the input, before defaults and transforms. */
export type CustomerUpdateInput = z.input<typeof CustomerUpdateInputSchema>;
/**
 * What `CustomerUpdateInputSchema` returns: the input with defaults applied and values normalised.
 */
export type ParsedCustomerUpdateInput = z.output<typeof CustomerUpdateInputSchema>;
