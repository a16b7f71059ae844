import { serveEmulator, type ServedEmulator } from '@invoicekit/core/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { signWebhook } from '../webhooks/signature';
import { createPlandocketEmulator, type PlandocketEmulator } from '.';

const API_KEY = 'pd_live_webhooks_51c0';
const NOW = new Date('2026-03-01T09:00:00Z');
/** Nothing listens on the discard port: deliveries fail at once and are logged all the same. */
const NOWHERE = 'http://127.0.0.1:9/hook';

let served: ServedEmulator;
let emulator: PlandocketEmulator;

afterEach(() => served.close());

async function start(scopes?: readonly string[]): Promise<void> {
  emulator = createPlandocketEmulator({
    apiKey: API_KEY,
    now: () => NOW,
    ...(scopes ? { scopes } : {}),
  });
  emulator.seed({
    contacts: [{ id: 12, customer_number: 'K-12', company_name: 'Messe GmbH' }],
    invoices: [{ id: 1001, contact_id: 12, status: 'sent' }],
  });
  served = await serveEmulator(emulator);
}

async function api(method: string, path: string, body?: unknown) {
  const response = await fetch(`${served.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    json: (text === '' ? {} : JSON.parse(text)) as { data?: unknown; errors?: unknown },
  };
}

describe('emulated webhooks', () => {
  it('POST /webhooks checks url, events and secret (422), and needs the webhooks scope (403)', async () => {
    await start();
    const refused = await api('POST', '/api/v1/webhooks', {
      url: 'ftp://example.test',
      events: ['invoice.paid', 'invoice.exploded'],
      secret: ' ',
    });
    expect(refused.status).toBe(422);
    expect(Object.keys(refused.json.errors as object)).toEqual(['url', 'events', 'secret']);
    const generated = await api('POST', '/api/v1/webhooks', {
      url: NOWHERE,
      events: ['invoice.paid'],
    });
    expect(generated.status).toBe(201);
    expect(generated.json.data).toMatchObject({
      url: NOWHERE,
      events: ['invoice.paid'],
      secret: expect.stringMatching(/^whsec_[0-9a-f]{48}$/),
      is_active: true,
      created_at: '2026-03-01T09:00:00Z',
    });
    await served.close();
    await start(['invoices']);
    expect((await api('GET', '/api/v1/webhooks')).status).toBe(403);
  });

  it('a change is delivered signed: {event, data, timestamp} under X-Webhook-Signature', async () => {
    await start();
    await api('POST', '/api/v1/webhooks', {
      url: NOWHERE,
      events: ['invoice.paid', 'invoice.cancelled'],
      secret: 'whsec-emulated',
    });
    // A partial payment notifies nothing; the one that pays it in full does.
    await api('POST', '/api/v1/payments', { invoice_number: 'RE-2026-0001', amount: 19 });
    await api('POST', '/api/v1/payments', { invoice_number: 'RE-2026-0001', amount: 100 });
    await api('PATCH', '/api/v1/invoices/1001', { status: 'cancelled' });
    // Already cancelled: no second invoice.cancelled.
    await api('PATCH', '/api/v1/invoices/1001', { status: 'cancelled', notes: 'x' });
    await emulator.webhooks.settled();
    const sent = emulator.webhooks.sent;
    expect(sent.map((delivery) => JSON.parse(delivery.body).event)).toEqual([
      'invoice.paid',
      'invoice.cancelled',
    ]);
    const timestamp = String(NOW.getTime() / 1000);
    for (const delivery of sent) {
      expect(delivery).toMatchObject({ url: NOWHERE, status: null, error: expect.any(String) });
      expect(delivery.headers['x-webhook-timestamp']).toBe(timestamp);
      expect(delivery.headers['x-webhook-signature']).toBe(
        signWebhook('whsec-emulated', timestamp, delivery.body),
      );
    }
    expect(JSON.parse(sent[0]?.body ?? '')).toMatchObject({
      event: 'invoice.paid',
      timestamp: NOW.getTime() / 1000,
      data: {
        id: 1001,
        status: 'paid',
        open_amount: 0,
        updated_at: '2026-03-01T09:00:00Z',
        payments: [{ amount: 19 }, { amount: 100 }],
        contact: { id: 12 },
      },
    });
  });
});
