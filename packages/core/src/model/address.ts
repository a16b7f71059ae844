import { z } from 'zod';
import { CountryCodeSchema } from './primitives';

/** A postal address. `country` is ISO 3166-1 alpha-2. */
export const AddressSchema = z.object({
  street: z.string().nullable(),
  city: z.string().nullable(),
  postalCode: z.string().nullable(),
  region: z.string().nullable(),
  country: CountryCodeSchema.nullable(),
});
/** A postal address. `country` is ISO 3166-1 alpha-2 (what `AddressSchema` returns). */
export type Address = z.infer<typeof AddressSchema>;

/** A postal address as written: every field optional, `country` ISO 3166-1 alpha-2. */
export const AddressInputSchema = z.strictObject({
  street: z.string().optional(),
  city: z.string().optional(),
  postalCode: z.string().optional(),
  region: z.string().optional(),
  country: CountryCodeSchema.optional(),
});
/** What `AddressInputSchema` accepts: the input, before defaults and transforms. */
export type AddressInput = z.input<typeof AddressInputSchema>;
