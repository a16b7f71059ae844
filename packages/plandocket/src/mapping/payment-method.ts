import type { PaymentMethod } from '@invoicekit/core';

/**
 * Plandocket names a payment's method by its gateway (`gateway_key`, `gateway_name`); the keys
 * are configured per tenant and not documented. These are the keys the adapter writes, one per
 * canonical method (`other` has none: it names no method a gateway could stand for).
 */
export const GATEWAY_KEY_OF_METHOD: Readonly<Record<Exclude<PaymentMethod, 'other'>, string>> = {
  transfer: 'bank_transfer',
  card: 'credit_card',
  cash: 'cash',
  direct_debit: 'sepa_direct_debit',
  paypal: 'paypal',
  cheque: 'cheque',
  prepayment: 'prepayment',
};

/**
 * Gateway keys and names as a tenant may spell them (normalised: lower case, runs of anything
 * else than letters and digits as one `_`) → canonical method. Card processors count as card.
 */
const METHOD_OF_GATEWAY: Readonly<Record<string, PaymentMethod>> = {
  bank_transfer: 'transfer',
  transfer: 'transfer',
  bank: 'transfer',
  wire_transfer: 'transfer',
  ueberweisung: 'transfer',
  überweisung: 'transfer',
  credit_card: 'card',
  card: 'card',
  kreditkarte: 'card',
  stripe: 'card',
  sumup: 'card',
  cash: 'cash',
  bar: 'cash',
  barzahlung: 'cash',
  sepa_direct_debit: 'direct_debit',
  sepa_debit: 'direct_debit',
  sepa: 'direct_debit',
  direct_debit: 'direct_debit',
  lastschrift: 'direct_debit',
  sepa_lastschrift: 'direct_debit',
  paypal: 'paypal',
  cheque: 'cheque',
  check: 'cheque',
  scheck: 'cheque',
  prepayment: 'prepayment',
  vorkasse: 'prepayment',
};

function normalised(word: string): string {
  return word
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_|_$/g, '');
}

/**
 * A payment's gateway → canonical method and the vendor's word for it: the key when there is
 * one (it is what the adapter writes), else the name. A gateway neither spelling names is
 * `other`; a payment without a gateway has no method.
 */
export function methodOfGateway(gateway: {
  readonly key: string | null | undefined;
  readonly name: string | null | undefined;
}): { readonly method: PaymentMethod | null; readonly methodRaw: string | null } {
  const key = gateway.key?.trim() || null;
  const name = gateway.name?.trim() || null;
  const methodRaw = key ?? name;
  if (methodRaw === null) return { method: null, methodRaw: null };
  const method =
    (key !== null ? METHOD_OF_GATEWAY[normalised(key)] : undefined) ??
    (name !== null ? METHOD_OF_GATEWAY[normalised(name)] : undefined) ??
    'other';
  return { method, methodRaw };
}
