import { z } from 'zod';
import { DecimalStringSchema, IdSchema, IsoDateSchema, IsoTimestampSchema } from './primitives';

/** A payment reminder (dunning letter) sent for an invoice. */
export const ReminderSchema = z.object({
  id: IdSchema,
  provider: z.string(),
  invoiceId: IdSchema,
  /** Dunning level, 1 for the first reminder; `null` when the vendor does not count. */
  level: z.number().int().positive().nullable(),
  sentAt: IsoTimestampSchema.nullable(),
  dueDate: IsoDateSchema.nullable(),
  fee: DecimalStringSchema.nullable(),
  raw: z.unknown(),
});
/** A payment reminder (dunning letter) sent for an invoice (what `ReminderSchema` returns). */
export type Reminder = z.infer<typeof ReminderSchema>;
