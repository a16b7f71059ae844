/** PAYMENT_TYPE codes and the German names older data carry (seed 002; reference §10.1). */
export const PAYMENT_TYPES: Readonly<Record<string, string>> = {
  '1': 'transfer',
  '2': 'direct_debit',
  '3': 'cash',
  '4': 'paypal',
  '5': 'prepayment',
  '6': 'card',
};

const GERMAN_NAMES: Readonly<Record<string, string>> = {
  ueberweisung: '1',
  lastschrift: '2',
  bar: '3',
  paypal: '4',
  vorkasse: '5',
  kreditkarte: '6',
};

/** `"1"` or `"ueberweisung"` → `transfer`; unknown values are returned as given. */
export function paymentMethodName(value: string | null | undefined): string | null {
  if (!value) return null;
  const code = GERMAN_NAMES[value.toLowerCase()] ?? value;
  return PAYMENT_TYPES[code] ?? value;
}
