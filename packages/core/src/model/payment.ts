import { z } from 'zod';
import { DecimalStringSchema, IdSchema, IsoDateSchema } from './primitives';

/** A payment received against an invoice. */
export const PaymentSchema = z.object({
  id: IdSchema,
  provider: z.string(),
  invoiceId: z.string().nullable(),
  amount: DecimalStringSchema,
  currency: z.string(),
  date: IsoDateSchema.nullable(),
  /** Payment method as the vendor names it (`transfer`, `card`, …). */
  method: z.string().nullable(),
  reference: z.string().nullable(),
  raw: z.unknown(),
});
export type Payment = z.infer<typeof PaymentSchema>;
