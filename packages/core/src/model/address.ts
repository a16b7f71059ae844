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
export type Address = z.infer<typeof AddressSchema>;

export const AddressInputSchema = z.strictObject({
  street: z.string().optional(),
  city: z.string().optional(),
  postalCode: z.string().optional(),
  region: z.string().optional(),
  country: CountryCodeSchema.optional(),
});
export type AddressInput = z.input<typeof AddressInputSchema>;
