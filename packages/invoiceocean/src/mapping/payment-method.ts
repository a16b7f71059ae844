import type { PaymentMethod } from '@invoicekit/core';

/**
 * The vendor's `payment_type` words (docs/vendors/invoiceocean.md §7.4; a banking payment's
 * `provider` takes the same) and their canonical method. The vendor also takes any free text: the
 * canonical words it has no value of (`direct_debit`, `prepayment`, `other`) are sent as that text
 * and read back. `off` is "no payment type"; every other word is `other`, with the vendor's word in
 * `methodRaw`.
 */
export const PAYMENT_TYPE_TO_METHOD: Readonly<Record<string, PaymentMethod>> = {
  transfer: 'transfer',
  card: 'card',
  cash: 'cash',
  cheque: 'cheque',
  paypal: 'paypal',
  direct_debit: 'direct_debit',
  prepayment: 'prepayment',
  other: 'other',
};

/** Canonical method → the word the vendor is sent. */
export const METHOD_TO_PAYMENT_TYPE: Readonly<Record<PaymentMethod, string>> = {
  transfer: 'transfer',
  card: 'card',
  cash: 'cash',
  cheque: 'cheque',
  paypal: 'paypal',
  direct_debit: 'direct_debit',
  prepayment: 'prepayment',
  other: 'other',
};

/** The canonical method of a vendor word: `null` for none (or `off`), `other` for one unknown. */
export function toCanonicalMethod(raw: string | null | undefined): PaymentMethod | null {
  if (raw === null || raw === undefined || raw === '' || raw === 'off') return null;
  return PAYMENT_TYPE_TO_METHOD[raw] ?? 'other';
}
