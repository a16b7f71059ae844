import { z } from 'zod';
import { AddressInputSchema, AddressSchema } from './address';
import { EmailSchema } from './primitives';

/** Whether a party is a company or a person. */
export const PartyKindSchema = z.enum(['company', 'person']);
/** The type `PartyKindSchema` validates and returns. */
export type PartyKind = z.infer<typeof PartyKindSchema>;

/**
 * The buyer or seller as printed on one invoice — a snapshot, which may differ from the customer
 * record today.
 */
export const PartySnapshotSchema = z.object({
  kind: PartyKindSchema,
  name: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  taxId: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: AddressSchema.nullable(),
});
/**
 * The buyer or seller as printed on one invoice — a snapshot, which may differ from the customer
 * record today (what `PartySnapshotSchema` returns).
 */
export type PartySnapshot = z.infer<typeof PartySnapshotSchema>;

/** A buyer or seller as written on one invoice: a name at least, `kind` `company` by default. */
export const PartySnapshotInputSchema = z.strictObject({
  kind: PartyKindSchema.default('company'),
  name: z.string().trim().min(1),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  taxId: z.string().optional(),
  email: EmailSchema.optional(),
  phone: z.string().optional(),
  address: AddressInputSchema.optional(),
});
/** What `PartySnapshotInputSchema` accepts: the input, before defaults and transforms. */
export type PartySnapshotInput = z.input<typeof PartySnapshotInputSchema>;
