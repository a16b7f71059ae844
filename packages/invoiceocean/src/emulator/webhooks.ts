import type { EmulatorWebhook } from '@invoicekit/core/emulator';
import type { InvoiceOceanWebhookKind } from '../webhooks/webhook-kinds';
import { formatBigDecimal } from './big-decimal';
import type { EmulatorSettings } from './context';
import { renderClient, renderInvoice } from './render';
import type { InvoiceOceanState, StoredClient, StoredInvoice, StoredRecord } from './state';
import { amountsOf } from './stored-amounts';

/** The records a request may change, as they were before it (only kept while webhooks exist). */
export interface WebhookSnapshot {
  readonly invoices: ReadonlyMap<number, StoredInvoice>;
  readonly clients: ReadonlyMap<number, StoredClient>;
}

function activeWebhooks(state: InvoiceOceanState): StoredRecord[] {
  return (state.records.get('webhooks')?.all() ?? []).filter(
    (webhook) => webhook.attributes.active !== false && webhook.attributes.active !== 'false',
  );
}

/**
 * The invoices and clients before a request, when some webhook is active; `undefined` otherwise
 * (an account without webhooks pays nothing for them).
 */
export function snapshotForWebhooks(state: InvoiceOceanState): WebhookSnapshot | undefined {
  if (activeWebhooks(state).length === 0) return undefined;
  return {
    invoices: new Map(state.invoices.all().map((invoice) => [invoice.id, invoice])),
    clients: new Map(state.clients.all().map((client) => [client.id, client])),
  };
}

/** The client as a client webhook carries it (docs/vendors/invoiceocean.md §16). */
function clientPayload(client: StoredClient): Record<string, unknown> {
  return {
    ...renderClient(client),
    external_ids: { fakturownia: client.id },
    buyer: {},
    skip_webhooks: true,
  };
}

/** The invoice as an invoice webhook carries it: the `deal` of the 2018 capture, not an invoice. */
function dealPayload(
  state: InvoiceOceanState,
  invoice: StoredInvoice,
  settings: EmulatorSettings,
): Record<string, unknown> {
  const rendered = renderInvoice(invoice, {
    publicBase: settings.publicBase,
    includePositions: false,
  });
  const attributes = invoice.attributes;
  const card =
    attributes.client_id === undefined || attributes.client_id === null
      ? undefined
      : state.clients.get(Number(attributes.client_id));
  return {
    name: attributes.number ?? null,
    description: attributes.description ?? null,
    price: formatBigDecimal(amountsOf(invoice).gross),
    paid: attributes.status === 'paid',
    url: rendered.view_url,
    date: attributes.issue_date ?? null,
    invoice_no: attributes.number ?? null,
    kind: attributes.kind ?? null,
    external_ids: { fakturownia: invoice.id },
    client: card
      ? { ...renderClient(card), external_ids: { fakturownia: card.id } }
      : { name: attributes.buyer_name ?? null, external_ids: {} },
    skip_webhooks: true,
  };
}

type Change = 'create' | 'update' | 'destroy';

/** What changed between the snapshot and now, per record: new, replaced (or restamped), or gone. */
function changesOf<T extends { id: number; updated_at: string }>(
  before: ReadonlyMap<number, T>,
  after: readonly T[],
): { change: Change; record: T }[] {
  const changes: { change: Change; record: T }[] = [];
  const seen = new Set<number>();
  for (const record of after) {
    seen.add(record.id);
    const old = before.get(record.id);
    if (!old) changes.push({ change: 'create', record });
    // Every write replaces the stored object; the stamp covers an in-place one.
    else if (old !== record || old.updated_at !== record.updated_at)
      changes.push({ change: 'update', record });
  }
  for (const [id, record] of before) if (!seen.has(id)) changes.push({ change: 'destroy', record });
  return changes;
}

/**
 * Queues a delivery to every active webhook of the kind of each change the request made: clients
 * first (an invoice's new buyer card exists before the invoice), then invoices. Each carries the
 * webhook's own `api_token`, as the vendor's payloads do.
 */
export function queueWebhooks(
  state: InvoiceOceanState,
  before: WebhookSnapshot,
  settings: EmulatorSettings,
  locale: string,
): void {
  const events: { kind: InvoiceOceanWebhookKind; payload: Record<string, unknown> }[] = [
    ...changesOf(before.clients, state.clients.all()).map(({ change, record }) => ({
      kind: `client:${change}` as const,
      payload: { client: clientPayload(record) },
    })),
    ...changesOf(before.invoices, state.invoices.all()).map(({ change, record }) => ({
      kind: `invoice:${change}` as const,
      payload: { deal: dealPayload(state, record, settings) },
    })),
  ];
  const webhooks = activeWebhooks(state);
  for (const { kind, payload } of events) {
    for (const webhook of webhooks.filter((candidate) => candidate.attributes.kind === kind)) {
      const delivery: EmulatorWebhook = {
        url: String(webhook.attributes.url),
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          ...payload,
          app_name: 'fakturownia',
          api_token: webhook.attributes.api_token ?? null,
          locale,
        }),
      };
      state.webhookQueue.push(delivery);
    }
  }
}

/** Hands the queued deliveries to the toolkit, emptying the queue. */
export function takeWebhooks(state: InvoiceOceanState): EmulatorWebhook[] {
  return state.webhookQueue.splice(0, state.webhookQueue.length);
}
