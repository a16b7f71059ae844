/**
 * The webhook kinds the vendor lets an account register (`/webhooks.json`, `kind`):
 * docs/vendors/invoiceocean.md §5.8.
 */
export const INVOICEOCEAN_WEBHOOK_KINDS = [
  'invoice:create',
  'invoice:update',
  'invoice:destroy',
  'client:create',
  'client:update',
  'client:destroy',
  'product:create',
  'product:update',
  'product:destroy',
] as const;

/** One of {@link INVOICEOCEAN_WEBHOOK_KINDS}. */
export type InvoiceOceanWebhookKind = (typeof INVOICEOCEAN_WEBHOOK_KINDS)[number];

/** Whether a string is one of the vendor's webhook kinds. */
export function isInvoiceOceanWebhookKind(value: unknown): value is InvoiceOceanWebhookKind {
  return (INVOICEOCEAN_WEBHOOK_KINDS as readonly unknown[]).includes(value);
}
