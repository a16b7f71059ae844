import type { WebhookProviderV1 } from '@invoicekit/core';
import { toInvoiceOceanWebhookEvent } from './to-webhook-event';
import { verifyInvoiceOceanWebhook } from './verify-webhook';

export { toInvoiceOceanWebhookEvent } from './to-webhook-event';
export { verifyInvoiceOceanWebhook } from './verify-webhook';
export {
  INVOICEOCEAN_WEBHOOK_KINDS,
  isInvoiceOceanWebhookKind,
  type InvoiceOceanWebhookKind,
} from './webhook-kinds';

/**
 * The InvoiceOcean webhooks: the payload's `api_token` checked against the secret, which is the
 * account's API token unless the caller gives the one the webhook was registered with.
 */
export function invoiceOceanWebhooks(accountToken: string | undefined): WebhookProviderV1 {
  return {
    verify: (request, context) => verifyInvoiceOceanWebhook(request, context),
    read: (request) => toInvoiceOceanWebhookEvent(request),
    defaultSecret: () => accountToken,
  };
}
