import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  WebhookRejectedError,
  createMemoryReplayStore,
  type WebhookEvent,
  type WebhookRequest,
} from '@invoicekit/core';
import { serveEmulator, type ServedEmulator } from '@invoicekit/core/emulator';
import { createFakeClock, type FakeClock } from '@invoicekit/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPlandocketEmulator, type PlandocketEmulator } from './emulator';
import { createPlandocketAdapter, signWebhook, type PlandocketAdapter } from './index';

const API_KEY = 'pd-webhooks-key-3a9b7c1d';

let clock: FakeClock;
let emulator: PlandocketEmulator;
let served: ServedEmulator;
let adapter: PlandocketAdapter;
let receiver: Server;
let receiverUrl: string;
/** What the receiver got, as a Node server hands it over: headers and the raw bytes. */
let received: { headers: IncomingHttpHeaders; body: Buffer }[];

beforeEach(async () => {
  clock = createFakeClock(Date.UTC(2026, 10, 20, 9));
  emulator = createPlandocketEmulator({ apiKey: API_KEY, now: () => new Date(clock.now()) });
  emulator.seed({
    contacts: [{ id: 12, customer_number: 'K-12', company_name: 'Messe GmbH' }],
    invoices: [
      { id: 1001, contact_id: 12, status: 'sent' },
      { id: 1002, contact_id: 12, status: 'sent' },
    ],
  });
  served = await serveEmulator(emulator);
  adapter = createPlandocketAdapter({ baseUrl: served.baseUrl, apiKey: API_KEY, clock });
  received = [];
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks) });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/plandocket`;
});

afterEach(async () => {
  await adapter.close();
  await served.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

/** Registers the receiver for `events`; resolves to the webhook's id and signing secret. */
async function register(events: readonly string[]): Promise<{ id: string; secret: string }> {
  const answer = await adapter.request<{ data: { id: string; secret: string } }>({
    method: 'POST',
    path: '/api/v1/webhooks',
    body: { url: receiverUrl, events },
  });
  expect(answer.status).toBe(201);
  return answer.body.data;
}

const asRequest = (delivery: { headers: IncomingHttpHeaders; body: Buffer }): WebhookRequest => ({
  headers: delivery.headers,
  body: delivery.body,
});

async function rejection(promise: Promise<unknown>): Promise<WebhookRejectedError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(WebhookRejectedError);
  return error as WebhookRejectedError;
}

describe('webhooks: emulator deliveries read by adapter.webhooks.parse', () => {
  it('capabilities.webhooks is true', () => {
    expect(adapter.capabilities.webhooks).toBe(true);
  });

  it('every change the emulator notifies arrives signed and reads into its canonical event', async () => {
    const { secret } = await register([
      'invoice.created',
      'invoice.paid',
      'invoice.cancelled',
      'contact.created',
      'contact.updated',
    ]);
    // Seeding is how invoices come into being: invoice.created goes out with the next request.
    emulator.seed({ invoices: [{ id: 1003, contact_id: 12, status: 'sent' }] });
    await adapter.invoices.markPaid('1001', { amount: '50.00' });
    await adapter.invoices.markPaid('1001');
    await adapter.invoices.cancel('1002');
    const created = await adapter.customers.create({ kind: 'company', name: 'Bau AG' });
    await adapter.customers.update(created.data.id, { email: 'rechnung@bau.example' });
    await emulator.webhooks.settled();
    expect(emulator.webhooks.sent.map((sent) => sent.status)).toEqual([204, 204, 204, 204, 204]);

    const events: WebhookEvent[] = [];
    for (const delivery of received)
      events.push(await adapter.webhooks.parse(asRequest(delivery), { secret, now: clock.now() }));
    // A partial payment is no invoice.paid; the full one is.
    expect(events.map((event) => [event.type, event.vendorEvent])).toEqual([
      ['invoice.created', 'invoice.created'],
      ['invoice.paid', 'invoice.paid'],
      ['invoice.canceled', 'invoice.cancelled'],
      ['customer.created', 'contact.created'],
      ['customer.updated', 'contact.updated'],
    ]);
    const [createdEvent, paid, canceled, customerCreated, customerUpdated] = events;
    expect(createdEvent).toMatchObject({ provider: 'plandocket', invoiceId: '1003' });
    expect(paid).toMatchObject({
      invoiceId: '1001',
      invoice: {
        id: '1001',
        state: { payment: 'paid' },
        totals: { gross: '119.00', paid: '119.00', due: '0.00' },
      },
      occurredAt: new Date(clock.now()).toISOString(),
      deliveryId: expect.stringMatching(/^\d+\.[0-9a-f]{64}$/),
    });
    expect(paid?.type === 'invoice.paid' && paid.invoice?.payments).toHaveLength(2);
    expect(canceled).toMatchObject({
      invoiceId: '1002',
      invoice: { state: { lifecycle: 'canceled' } },
    });
    expect(customerCreated).toMatchObject({
      customerId: created.data.id,
      customer: { name: 'Bau AG' },
    });
    expect(customerUpdated).toMatchObject({
      customerId: created.data.id,
      customer: { email: 'rechnung@bau.example' },
    });
  });

  it('a webhook gets only its events; a deleted one gets nothing; the secret shows on create and show only', async () => {
    const { id, secret } = await register(['invoice.cancelled']);
    const listed = await adapter.request<{ data: Record<string, unknown>[] }>({
      method: 'GET',
      path: '/api/v1/webhooks',
    });
    expect(listed.body.data).toEqual([expect.not.objectContaining({ secret: expect.anything() })]);
    const shown = await adapter.request<{ data: { secret: string } }>({
      method: 'GET',
      path: `/api/v1/webhooks/${id}`,
    });
    expect(shown.body.data.secret).toBe(secret);
    const catalogue = await adapter.request<{ data: string[] }>({
      method: 'GET',
      path: '/api/v1/webhooks/events',
    });
    expect(catalogue.body.data).toEqual(
      expect.arrayContaining(['invoice.created', 'invoice.paid', 'invoice.cancelled']),
    );

    await adapter.invoices.markPaid('1001');
    await adapter.invoices.cancel('1002');
    await emulator.webhooks.settled();
    expect(received.map((delivery) => JSON.parse(delivery.body.toString()).event)).toEqual([
      'invoice.cancelled',
    ]);

    const gone = await adapter.request({ method: 'DELETE', path: `/api/v1/webhooks/${id}` });
    expect(gone.status).toBe(204);
    await adapter.customers.create({ kind: 'company', name: 'Nach dem Löschen GmbH' });
    await adapter.invoices.update('1001', { internalNotes: 'ohne Webhook' });
    await emulator.webhooks.settled();
    expect(received).toHaveLength(1);
  });

  it('refuses forged, stale, unsigned and replayed deliveries with the reason', async () => {
    const { secret } = await register(['invoice.cancelled']);
    await adapter.invoices.cancel('1002');
    await emulator.webhooks.settled();
    const [delivery] = received;
    if (!delivery) throw new Error('no delivery');
    const now = clock.now();

    const forged = await rejection(
      adapter.webhooks.parse(
        {
          headers: {
            ...delivery.headers,
            'x-webhook-signature': signWebhook('another-secret', String(now / 1000), delivery.body),
          },
          body: delivery.body,
        },
        { secret, now },
      ),
    );
    expect(forged.reason).toBe('forged');
    // A tampered body under the original signature is forged too.
    const tampered = Buffer.from(delivery.body.toString().replace('cancelled', 'paid'));
    expect(
      (
        await rejection(
          adapter.webhooks.parse({ headers: delivery.headers, body: tampered }, { secret, now }),
        )
      ).reason,
    ).toBe('forged');

    // Signed correctly, but ten minutes ago.
    const old = String(now / 1000 - 600);
    const stale = await rejection(
      adapter.webhooks.parse(
        {
          headers: {
            'x-webhook-timestamp': old,
            'x-webhook-signature': signWebhook(secret, old, delivery.body),
          },
          body: delivery.body,
        },
        { secret, now },
      ),
    );
    expect(stale.reason).toBe('stale');

    const missing = await rejection(
      adapter.webhooks.parse({ headers: {}, body: delivery.body }, { secret, now }),
    );
    expect(missing.reason).toBe('missing');

    const replayStore = createMemoryReplayStore({ now: () => clock.now() });
    await expect(
      adapter.webhooks.parse(asRequest(delivery), { secret, now, replayStore }),
    ).resolves.toMatchObject({ type: 'invoice.canceled', invoiceId: '1002' });
    const replay = await rejection(
      adapter.webhooks.parse(asRequest(delivery), { secret, now: now + 60_000, replayStore }),
    );
    expect(replay.reason).toBe('replay');
    // Each is an AuthenticationError that names the check, never the secret.
    for (const error of [forged, stale, missing, replay]) {
      expect(error.code).toBe('authentication');
      expect(error.message).not.toContain(secret);
    }
  });
});
