import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isCustomerWebhookEvent, isInvoiceWebhookEvent } from '@invoicekit/core';
import { serveEmulator, type ServedEmulator } from '@invoicekit/core/emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInvoiceOceanEmulator } from './emulator';
import { createInvoiceOceanAdapter } from './index';

/** The emulator's own webhook deliveries, received on a real HTTP server and parsed by the adapter. */
const TOKEN = 'webhooks-token-1618';
const HOOK_TOKEN = 'hook-secret-4669';
interface Received {
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}
let served: ServedEmulator;
let emulator: ReturnType<typeof createInvoiceOceanEmulator>;
let adapter: ReturnType<typeof createInvoiceOceanAdapter>;
let receiver: Server;
let received: Received[];
let receiverBase: string;

beforeEach(async () => {
  emulator = createInvoiceOceanEmulator({ apiToken: TOKEN, account: 'acme' });
  served = await serveEmulator(emulator);
  adapter = createInvoiceOceanAdapter({ apiToken: `${TOKEN}/acme`, baseUrl: served.baseUrl });
  received = [];
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ url: request.url ?? '', headers: request.headers, body });
      response.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverBase = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterEach(async () => {
  await adapter.close();
  await served.close();
  await new Promise((resolve) => receiver.close(resolve));
});

/** Registers a webhook the vendor's way: `POST /webhooks.json`, the kind also in the URL's query. */
async function register(kind: string, options: { active?: boolean; token?: string } = {}) {
  const response = await fetch(`${served.baseUrl}/webhooks.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      api_token: TOKEN,
      webhook: {
        kind,
        url: `${receiverBase}/hooks/io?kind=${kind}`,
        api_token: options.token ?? HOOK_TOKEN,
        active: options.active ?? true,
      },
    }),
  });
  expect(response.status).toBe(201);
}

const parseAll = () =>
  Promise.all(
    received.map((delivery) =>
      adapter.webhooks.parse(
        { headers: delivery.headers, body: delivery.body, url: delivery.url },
        { secret: HOOK_TOKEN },
      ),
    ),
  );

describe('the emulator posts webhooks the adapter reads', () => {
  it('create, partial payment, customer edit, cancel and delete arrive in order as canonical events', async () => {
    for (const kind of [
      'invoice:create',
      'invoice:update',
      'invoice:destroy',
      'client:create',
      'client:update',
    ])
      await register(kind);
    await register('client:destroy', { active: false });

    const { data: invoice } = await adapter.invoices.create({
      currency: 'PLN',
      customer: { snapshot: { name: 'Hooked Buyer Sp. z o.o.' } },
      lines: [{ description: 'Work', quantity: '1', unitPrice: '100', taxRate: 23 }],
    });
    const customerId = invoice.customer.id as string;
    await adapter.invoices.markPaid(invoice.id, { amount: '23.00' });
    await adapter.customers.update(customerId, { email: 'hooked@buyer.example' });
    await adapter.invoices.cancel(invoice.id);
    await adapter.invoices.delete(invoice.id);
    await adapter.customers.delete(customerId);
    await emulator.webhooks.settled();

    expect(emulator.webhooks.sent.every((delivery) => delivery.status === 200)).toBe(true);
    expect(
      received.every((delivery) => delivery.headers['content-type'] === 'application/json'),
    ).toBe(true);
    const events = await parseAll();
    expect(events.map((event) => event.type)).toEqual([
      'customer.created',
      'invoice.created',
      'invoice.updated', // the partial payment
      'customer.updated',
      'invoice.updated', // the cancel
      'invoice.deleted',
      // client:destroy is registered inactive: nothing is sent for the customer's deletion.
    ]);
    expect(
      events.map((event) =>
        isInvoiceWebhookEvent(event)
          ? event.invoiceId
          : isCustomerWebhookEvent(event)
            ? event.customerId
            : null,
      ),
    ).toEqual([customerId, invoice.id, invoice.id, customerId, invoice.id, invoice.id]);
    expect(events[3]).toMatchObject({
      customer: { id: customerId, email: 'hooked@buyer.example' },
    });
    expect((events[2]?.raw as { deal: { price: string; paid: boolean } }).deal).toMatchObject({
      price: '123.0',
      paid: false,
    });
    for (const event of events) expect(JSON.stringify(event.raw)).not.toContain(HOOK_TOKEN);
  });

  it("each delivery carries its own webhook's token: one registered with another is forged", async () => {
    await register('invoice:create', { token: 'someone-else-0000' });
    await adapter.invoices.create({
      currency: 'PLN',
      customer: { snapshot: { name: 'Buyer' } },
      lines: [{ description: 'Work', quantity: '1', unitPrice: '100', taxRate: 23 }],
    });
    await emulator.webhooks.settled();
    expect(received).toHaveLength(1);
    await expect(parseAll()).rejects.toMatchObject({ reason: 'forged' });
  });

  it('sends nothing while no webhook is registered, and capabilities.webhooks is true', async () => {
    await adapter.invoices.create({
      currency: 'PLN',
      customer: { snapshot: { name: 'Buyer' } },
      lines: [{ description: 'Work', quantity: '1', unitPrice: '100', taxRate: 23 }],
    });
    await emulator.webhooks.settled();
    expect(emulator.webhooks.sent).toEqual([]);
    expect(adapter.capabilities.webhooks).toBe(true);
  });

  it('refuses a webhook of a kind the vendor does not have', async () => {
    const response = await fetch(`${served.baseUrl}/webhooks.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        api_token: TOKEN,
        webhook: { kind: 'invoice:paid', url: `${receiverBase}/x`, api_token: HOOK_TOKEN },
      }),
    });
    expect(response.status).toBe(422);
  });
});
