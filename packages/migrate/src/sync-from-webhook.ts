import { ValidationError, isInvoiceWebhookEvent, type WebhookEvent } from '@invoicekit/core';
import { sync, type SyncOptions } from './sync';
import type { SyncReport } from './sync-report';

/**
 * Syncs the one invoice a webhook event of the source names (created, paid, canceled, edited or
 * deleted there): it is read from the source by id — the payload is only the trigger, so a late,
 * repeated or reordered delivery still brings the target to the source's current state. An event
 * about anything else syncs nothing and resolves to `null`.
 *
 * One journal is one run at a time: while another sync (or a `--watch` round) holds it, this
 * rejects with `JournalLockedError` and nothing is done — answer the vendor with a 503 so that it
 * delivers again, or hand events to one queue that syncs them in turn.
 */
export async function syncFromWebhook(
  event: WebhookEvent,
  options: Omit<SyncOptions, 'invoiceIds' | 'full' | 'since'>,
): Promise<SyncReport | null> {
  if (event.provider !== options.from.id)
    throw new ValidationError({
      provider: options.from.id,
      operation: 'syncFromWebhook',
      issues: [
        {
          path: 'event.provider',
          message: `is ${event.provider}, but the source is ${options.from.id}`,
        },
      ],
    });
  if (!isInvoiceWebhookEvent(event)) return null;
  return sync({ ...options, invoiceIds: [event.invoiceId] });
}
