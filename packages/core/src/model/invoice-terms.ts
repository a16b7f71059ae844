import { z } from 'zod';
import { toDecimal } from '../money/decimal';
import { BankDetailsInputSchema, BankDetailsSchema } from './customer';
import {
  CurrencyCodeSchema,
  DecimalStringSchema,
  NonNegativeDecimalStringSchema,
} from './primitives';

/**
 * An early-payment discount ("Skonto"): `percent` off when paid within `days` of the issue date.
 * A payment term, not a price reduction — the invoice totals do not include it.
 */
export const EarlyPaymentDiscountSchema = z.object({
  percent: DecimalStringSchema,
  days: z.number().int(),
});
/** An early-payment discount ("Skonto") (what `EarlyPaymentDiscountSchema` returns). */
export type EarlyPaymentDiscount = z.infer<typeof EarlyPaymentDiscountSchema>;

/** An early-payment discount as written: up to 100 percent, within 0–3650 days. */
export const EarlyPaymentDiscountInputSchema = z.strictObject({
  percent: NonNegativeDecimalStringSchema.refine(
    (value) => toDecimal(value).lessThanOrEqualTo(100),
    {
      message: 'cannot exceed 100',
    },
  ),
  days: z.number().int().min(0).max(3650),
});

/**
 * The seller's bank account printed on the invoice for the buyer to pay into (not the buyer's:
 * that is the customer's `bank`).
 */
export const InvoiceBankAccountSchema = BankDetailsSchema;
/**
 * The seller's bank account printed on the invoice for the buyer to pay into (what
 * `InvoiceBankAccountSchema` returns).
 */
export type InvoiceBankAccount = z.infer<typeof InvoiceBankAccountSchema>;
/** The seller's bank account as written on an invoice (the same fields as a customer's). */
export const InvoiceBankAccountInputSchema = BankDetailsInputSchema;

/**
 * The rate a foreign-currency invoice is converted at for the seller's books: one unit of the
 * invoice currency is `rate` units of `currency` (an EUR invoice of a Polish seller: `4.3012`
 * PLN). `source` names where the rate came from (`ecb`, `nbp`, `own`), as the vendor says.
 */
export const ExchangeRateSchema = z.object({
  currency: z.string(),
  rate: DecimalStringSchema,
  source: z.string().nullable(),
});
/**
 * The rate a foreign-currency invoice is converted at for the seller's books (what
 * `ExchangeRateSchema` returns).
 */
export type ExchangeRate = z.infer<typeof ExchangeRateSchema>;

/** An exchange rate as written: an ISO 4217 currency and a rate greater than zero. */
export const ExchangeRateInputSchema = z.strictObject({
  currency: CurrencyCodeSchema,
  rate: NonNegativeDecimalStringSchema.refine((value) => !/^[0.]+$/.test(value), {
    message: 'must be greater than zero',
  }),
  source: z.string().min(1).optional(),
});
