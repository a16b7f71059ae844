/** A payment gateway a tenant has set up: its key (what payments name), id and display name. */
export interface EmulatedGateway {
  readonly id: number;
  readonly key: string;
  readonly name: string;
}

/**
 * The gateways of the emulated tenant. Plandocket's gateways are configured per tenant and the
 * API does not document their keys; these are the emulator's own, covering the usual methods.
 * A payment naming another key keeps it, without gateway id or name.
 */
export const EMULATED_GATEWAYS: readonly EmulatedGateway[] = [
  { id: 1, key: 'bank_transfer', name: 'Banküberweisung' },
  { id: 2, key: 'credit_card', name: 'Kreditkarte' },
  { id: 3, key: 'stripe', name: 'Stripe' },
  { id: 4, key: 'paypal', name: 'PayPal' },
  { id: 5, key: 'cash', name: 'Barzahlung' },
  { id: 6, key: 'sepa_direct_debit', name: 'SEPA-Lastschrift' },
  { id: 7, key: 'cheque', name: 'Scheck' },
  { id: 8, key: 'prepayment', name: 'Vorkasse' },
];

/** The gateway a payment's key names, if the tenant has it. */
export function gatewayOfKey(key: string | null): EmulatedGateway | undefined {
  return key === null ? undefined : EMULATED_GATEWAYS.find((gateway) => gateway.key === key);
}
