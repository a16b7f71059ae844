import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebhookRejectedError, type WebhookEvent } from '@invoicekit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { IO_TOKEN, closeAll, startInvoiceOcean, startMethodStyle } from './__fixtures__/loopback';
import { migrate } from './migrate';
import { syncFromWebhook } from './sync-from-webhook';
import type { SyncReport } from './sync-report';

const HOOK_TOKEN = 'io-hook-secret-2207';

/** A backend's webhook endpoint: every delivery as received, raw. */
async function receiver() {
  const received: { url: string; headers: IncomingHttpHeaders; body: string }[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ url: request.url ?? '', headers: request.headers, body });
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    received,
    base,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((thing) => thing.close()));
  await closeAll();
});

describe('webhooks drive the sync of the one invoice they name', () => {
  it("InvoiceOcean's own deliveries: a payment, a new invoice and a deletion reach the target; a forged one is refused", async () => {
    const source = await startInvoiceOcean();
    const target = await startMethodStyle();
    const endpoint = await receiver();
    opened.push(endpoint);
    const customer = (
      await source.adapter.customers.create({ name: 'Kunde AG', taxId: 'DE999999999' })
    ).data;
    const lines = [{ description: 'Beratung', quantity: '2', unitPrice: '100.00', taxRate: 19 }];
    const issue = async (number: string) =>
      (
        await source.adapter.invoices.create({
          number,
          currency: 'EUR',
          issueDate: '2026-11-02',
          dueDate: '2026-12-31',
          customer: { id: customer.id },
          lines,
        })
      ).data;
    const paid = await issue('W-1');
    const deleted = await issue('W-2');
    const journal = join(mkdtempSync(join(tmpdir(), 'invoicekit-webhook-')), 'journal.jsonl');
    await migrate({ from: source.adapter, to: target.adapter, journal });

    // The backend registers its endpoint for invoice events, the vendor's way.
    for (const kind of ['invoice:create', 'invoice:update', 'invoice:destroy'])
      await source.adapter.request({
        method: 'POST',
        path: '/webhooks.json',
        body: {
          webhook: {
            kind,
            url: `${endpoint.base}/hooks?kind=${kind}`,
            api_token: HOOK_TOKEN,
            active: true,
          },
        },
      });
    await source.adapter.invoices.markPaid(paid.id, { date: '2026-11-15', method: 'transfer' });
    const fresh = await issue('W-3');
    await source.adapter.invoices.delete(deleted.id);
    await source.emulator.webhooks.settled();
    expect(endpoint.received.length).toBeGreaterThanOrEqual(3);

    const events: WebhookEvent[] = [];
    const reports: SyncReport[] = [];
    for (const delivery of endpoint.received) {
      const event = await source.adapter.webhooks.parse(
        { headers: delivery.headers, body: delivery.body, url: delivery.url },
        { secret: HOOK_TOKEN },
      );
      events.push(event);
      const report = await syncFromWebhook(event, {
        from: source.adapter,
        to: target.adapter,
        journal,
      });
      if (report) reports.push(report);
    }
    expect(events.map((event) => event.type)).toEqual(
      expect.arrayContaining(['invoice.updated', 'invoice.created', 'invoice.deleted']),
    );
    const outcome = (sourceId: string) =>
      reports
        .flatMap((report) => report.invoices)
        .filter((entry) => entry.sourceId === sourceId)
        .map((entry) => entry.outcome);
    expect(outcome(paid.id)).toContain('updated');
    expect(outcome(fresh.id)).toContain('created');
    expect(outcome(deleted.id)).toContain('deleted');
    for (const report of reports) expect(report.scope).toBe('invoices');

    const targetPaid = reports
      .flatMap((report) => report.invoices)
      .find((entry) => entry.sourceId === paid.id && entry.outcome === 'updated');
    const held = await target.adapter.invoices.get(targetPaid?.targetId ?? '');
    expect(held.state.payment).toBe('paid');
    expect(held.payments.map((payment) => payment.date)).toEqual(['2026-11-15']);

    // A delivery with another token is refused before anything is read or written.
    const [first] = endpoint.received;
    const forged = (first?.body ?? '{}').replace(HOOK_TOKEN, 'not-the-token-0000');
    const refused = await source.adapter.webhooks
      .parse(
        { headers: first?.headers ?? {}, body: forged, url: first?.url ?? '' },
        { secret: HOOK_TOKEN },
      )
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(WebhookRejectedError);
    expect((refused as WebhookRejectedError).reason).toBe('forged');
    expect(String((refused as Error).message)).not.toContain(HOOK_TOKEN);
    expect(String((refused as Error).message)).not.toContain(IO_TOKEN);
  }, 60_000);
});
