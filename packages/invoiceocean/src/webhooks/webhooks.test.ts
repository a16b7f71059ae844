import { readFileSync } from 'node:fs';
import {
  ProviderError,
  WebhookRejectedError,
  type CustomerWebhookEvent,
  type InvoiceWebhookEvent,
} from '@invoicekit/core';
import { describe, expect, it } from 'vitest';
import { createInvoiceOceanAdapter } from '../index';
import { toInvoiceOceanWebhookEvent } from './to-webhook-event';

/** Webhook deliveries in the vendor's captured shapes (docs/vendors/invoiceocean.md §16). */
const fixture = (name: string): string =>
  readFileSync(new URL(`../__fixtures__/${name}`, import.meta.url), 'utf8');
const INVOICE_BODY = fixture('webhook_invoice_update.json');
const CLIENT_BODY = fixture('webhook_client_update.json');
const SECRET = 'FIXTURE-WEBHOOK-TOKEN';
const headers = { 'content-type': 'application/json' };

const adapter = createInvoiceOceanAdapter({
  apiToken: 'ACCOUNT-TOKEN-99/acme',
  baseUrl: 'http://127.0.0.1:9',
});

/** What parse rejected with (or a failure of the test when it did not). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('the delivery was accepted'),
    (error: unknown) => error,
  );
}

describe('InvoiceOcean webhook payloads', () => {
  it('an invoice:update delivery is invoice.updated of the deal external id, without the whole invoice', async () => {
    const event = (await adapter.webhooks.parse(
      { headers, body: INVOICE_BODY, url: '/hooks/io?kind=invoice:update' },
      { secret: SECRET },
    )) as InvoiceWebhookEvent;
    expect(event).toMatchObject({
      provider: 'invoiceocean',
      type: 'invoice.updated',
      vendorEvent: 'invoice:update',
      invoiceId: '21000042',
      invoice: null,
      deliveryId: null,
      occurredAt: null,
    });
    expect(event.raw).toMatchObject({ deal: { invoice_no: '4/02/2018' }, app_name: 'fakturownia' });
    expect(JSON.stringify(event.raw)).not.toContain(SECRET);
  });

  it.each([
    ['invoice:create', 'invoice.created'],
    ['invoice:destroy', 'invoice.deleted'],
  ])('the kind in the URL (%s) names the event (%s)', async (kind, type) => {
    const event = await adapter.webhooks.parse(
      {
        headers,
        body: INVOICE_BODY,
        url: `https://receiver.example/io?kind=${encodeURIComponent(kind)}`,
      },
      { secret: SECRET },
    );
    expect(event).toMatchObject({ type, vendorEvent: kind });
  });

  it('a client delivery is the whole customer, mapped as customers.get maps it', async () => {
    const event = (await adapter.webhooks.parse(
      { headers, body: CLIENT_BODY, url: '/hooks/io?kind=client:update' },
      { secret: SECRET },
    )) as CustomerWebhookEvent;
    expect(event).toMatchObject({
      type: 'customer.updated',
      vendorEvent: 'client:update',
      customerId: '9800007',
      customer: {
        id: '9800007',
        name: 'Taylor and Sons',
        email: 'tyler81@example.com',
        taxId: '4591588032',
        kind: 'company',
      },
    });
    expect(JSON.stringify(event.raw)).not.toContain(SECRET);
  });

  it('without a kind in the URL the payload says what it is about: deal → invoice.updated, client → customer.updated', async () => {
    await expect(
      adapter.webhooks.parse({ headers, body: INVOICE_BODY }, { secret: SECRET }),
    ).resolves.toMatchObject({
      type: 'invoice.updated',
      vendorEvent: 'invoice',
      invoiceId: '21000042',
    });
    await expect(
      adapter.webhooks.parse({ headers, body: CLIENT_BODY, url: '/hooks' }, { secret: SECRET }),
    ).resolves.toMatchObject({
      type: 'customer.updated',
      vendorEvent: 'client',
      customerId: '9800007',
    });
  });

  it('a product kind is an other event', async () => {
    const body = JSON.stringify({ product: { id: 1, name: 'Widget' }, api_token: SECRET });
    await expect(
      adapter.webhooks.parse(
        { headers, body, url: '/hooks?kind=product:update' },
        { secret: SECRET },
      ),
    ).resolves.toMatchObject({ type: 'other', vendorEvent: 'product:update' });
  });

  it('checks the token against the account API token when no secret is given', async () => {
    const body = JSON.stringify({ ...JSON.parse(INVOICE_BODY), api_token: 'ACCOUNT-TOKEN-99' });
    await expect(adapter.webhooks.parse({ headers, body })).resolves.toMatchObject({
      invoiceId: '21000042',
    });
    const error = await rejection(adapter.webhooks.parse({ headers, body: INVOICE_BODY }));
    expect(error).toBeInstanceOf(WebhookRejectedError);
    expect((error as WebhookRejectedError).reason).toBe('forged');
  });
});

describe('InvoiceOcean webhook verification', () => {
  it('a wrong token is forged, and the message names neither token', async () => {
    const error = await rejection(
      adapter.webhooks.parse({ headers, body: INVOICE_BODY }, { secret: 'THE-RIGHT-ONE' }),
    );
    expect(error).toBeInstanceOf(WebhookRejectedError);
    expect((error as WebhookRejectedError).reason).toBe('forged');
    const shown = `${String(error)} ${JSON.stringify(error)}`;
    expect(shown).not.toContain(SECRET);
    expect(shown).not.toContain('THE-RIGHT-ONE');
  });

  it('a token differing only in length or in its last character is forged too', async () => {
    for (const secret of [`${SECRET}X`, SECRET.slice(0, -1), `${SECRET.slice(0, -1)}Q`]) {
      const error = await rejection(
        adapter.webhooks.verify({ headers, body: INVOICE_BODY }, { secret }),
      );
      expect((error as WebhookRejectedError).reason).toBe('forged');
    }
  });

  it('no token, or a body that is not JSON, is missing', async () => {
    const { api_token: _token, ...rest } = JSON.parse(INVOICE_BODY) as Record<string, unknown>;
    for (const body of [
      JSON.stringify(rest),
      'not json',
      JSON.stringify({ ...rest, api_token: '' }),
    ]) {
      const error = await rejection(adapter.webhooks.parse({ headers, body }, { secret: SECRET }));
      expect(error).toBeInstanceOf(WebhookRejectedError);
      expect((error as WebhookRejectedError).reason).toBe('missing');
      expect(`${String(error)} ${JSON.stringify(error)}`).not.toContain(SECRET);
    }
  });

  it('signs no time and names no delivery: replays cannot be told apart', async () => {
    await expect(
      adapter.webhooks.verify({ headers, body: Buffer.from(INVOICE_BODY) }, { secret: SECRET }),
    ).resolves.toEqual({ deliveryId: null, signedAt: null, rememberUntilMs: null });
  });

  it('a verified body that is not an object, or a deal without an id, is a ProviderError', async () => {
    const noId = JSON.stringify({ deal: { name: 'x' }, api_token: SECRET });
    const error = await rejection(
      adapter.webhooks.parse({ headers, body: noId }, { secret: SECRET }),
    );
    expect(error).toBeInstanceOf(ProviderError);
    expect(String(error)).not.toContain(SECRET);
    const mismatched = await rejection(
      adapter.webhooks.parse(
        { headers, body: CLIENT_BODY, url: '/hooks?kind=invoice:update' },
        { secret: SECRET },
      ),
    );
    expect(mismatched).toBeInstanceOf(ProviderError);
    // verify refuses these before read runs; read refuses them on its own too.
    for (const body of ['[1]', 'null', 'not json'])
      expect(() => toInvoiceOceanWebhookEvent({ headers, body })).toThrow(ProviderError);
  });

  it('the adapter reports webhooks as a capability', () => {
    expect(adapter.capabilities.webhooks).toBe(true);
  });
});
