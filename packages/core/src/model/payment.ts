import { z } from 'zod';
import { DecimalStringSchema, IsoDateSchema } from './primitives';

/**
 * How a payment was made, in one vocabulary across vendors: `transfer` (bank transfer), `card`,
 * `cash`, `direct_debit`, `paypal`, `cheque`, `prepayment` (paid in advance), `other` (a method
 * the vendor names that none of these is; the vendor's word is in `methodRaw`).
 */
export const PAYMENT_METHODS = [
  'transfer',
  'card',
  'cash',
  'direct_debit',
  'paypal',
  'cheque',
  'prepayment',
  'other',
] as const;
/** One of {@link PAYMENT_METHODS}. */
export const PaymentMethodSchema = z.enum(PAYMENT_METHODS);
/** The type `PaymentMethodSchema` validates and returns. */
export type PaymentMethod = z.infer<typeof PaymentMethodSchema>;

/** A payment received against an invoice: each one its own record, with its own date. */
export const PaymentSchema = z.object({
  /** The vendor's id of the payment; `null` where the vendor keeps payments without ids. */
  id: z.string().nullable(),
  provider: z.string(),
  invoiceId: z.string().nullable(),
  amount: DecimalStringSchema,
  currency: z.string(),
  date: IsoDateSchema.nullable(),
  method: PaymentMethodSchema.nullable(),
  /** The vendor's name for the method, exactly as sent. */
  methodRaw: z.string().nullable(),
  /** Transaction id, bank reference or note the vendor keeps with the payment. */
  reference: z.string().nullable(),
  raw: z.unknown(),
});
/**
 * A payment received against an invoice: each one its own record, with its own date (what
 * `PaymentSchema` returns).
 */
export type Payment = z.infer<typeof PaymentSchema>;
