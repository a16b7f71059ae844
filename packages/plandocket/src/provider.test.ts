import { inspect } from 'node:util';
import { UnsupportedOperationError } from '@invoicekit/core';
import { collect, createFakeClock } from '@invoicekit/core/testing';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PlandocketConfigSchema } from './config';
import { createPlandocketAdapter } from './index';
import { hourlyRateLimit, plandocketProvider } from './provider';

const HOST = 'https://acme.plandocket.com';
const API_KEY = 'pd-provider-key-6a1f0c93d2';
const invoice = '{"data":{"id":7,"total":1,"currency":"EUR"}}';

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
afterEach(() => nock.cleanAll());

describe('requestsPerHour: a client-side bucket below the hourly quota', () => {
  it('burst plus an hour of refill never exceeds the budget', () => {
    expect(hourlyRateLimit(1000)).toEqual({ requestsPerSecond: 950 / 3600, burst: 50 });
    expect(hourlyRateLimit(2)).toEqual({ requestsPerSecond: 1 / 3600, burst: 1 });
    const config = (extra: object) =>
      PlandocketConfigSchema.parse({
        provider: 'plandocket',
        tenant: 'acme',
        apiKey: API_KEY,
        ...extra,
      });
    expect(plandocketProvider.rateLimitOf?.(config({ requestsPerHour: 1000 }))).toEqual(
      hourlyRateLimit(1000),
    );
    expect(plandocketProvider.rateLimitOf?.(config({}))).toBeUndefined();
  });

  it('reaches the transport: past the burst, a request waits for its token', async () => {
    const clock = createFakeClock(Date.UTC(2026, 10, 20, 9));
    nock(HOST).get('/api/v1/invoices/7').query(true).times(3).reply(200, invoice);
    const adapter = createPlandocketAdapter({
      tenant: 'acme',
      apiKey: API_KEY,
      requestsPerHour: 40,
      clock,
    });
    for (let call = 0; call < 3; call += 1) await adapter.invoices.get('7');
    await adapter.close();
    // 40 an hour: a burst of 2, then one token every 3600 / 38 s.
    expect(clock.sleeps).toHaveLength(1);
    expect(clock.sleeps[0]).toBeCloseTo((3600 / 38) * 1000, -1);
  });
});

describe('the adapter core builds over the provider', () => {
  it('prints as PlandocketAdapter with its account, never its key', () => {
    const adapter = createPlandocketAdapter({ tenant: 'acme', apiKey: API_KEY });
    expect(inspect(adapter)).toMatch(/^PlandocketAdapter \{/);
    expect(inspect(adapter)).toContain('acme.plandocket.com');
    expect(inspect(adapter)).not.toContain(API_KEY);
    expect(JSON.stringify(adapter)).not.toContain(API_KEY);
  });

  it('capabilities follow from the operations the API has', () => {
    const adapter = createPlandocketAdapter({ tenant: 'acme', apiKey: API_KEY });
    expect(adapter.capabilities).toEqual({
      invoices: {
        list: true,
        get: true,
        create: false,
        update: true,
        delete: false,
        finalize: false,
        cancel: true,
        markPaid: true,
        partialPayments: true,
        // Read off get().payments by core: the invoice carries them (include=payments).
        payments: true,
        send: false,
        downloadPdf: false,
        reminders: false,
      },
      customers: { list: true, get: true, create: true, update: true, delete: true },
      idempotentCreate: false,
      drafts: false,
      // Signed deliveries, read by adapter.webhooks.
      webhooks: true,
    });
  });

  it('describeFields: the customer writer is described; invoices are never created, so none', () => {
    const adapter = createPlandocketAdapter({ tenant: 'acme', apiKey: API_KEY });
    const described = adapter.describeFields();
    expect(described.invoice).toBeNull();
    expect(described.customer).toEqual(
      expect.arrayContaining([
        { path: 'name', handling: 'written' },
        { path: 'address.street', handling: 'written' },
        { path: 'customerNumber', handling: 'written' },
        { path: 'bank', handling: 'unsupported', reason: 'contacts hold no bank details' },
      ]),
    );
  });

  it('customers.list by externalId is refused, and strict mode sends no lossy contact', async () => {
    const catchAll = nock(HOST).get(/.*/).reply(500, '{}').post(/.*/).reply(500, '{}');
    const adapter = createPlandocketAdapter({ tenant: 'acme', apiKey: API_KEY });
    const refused = await collect(adapter.customers.list({ externalId: 'crm-1' })).catch(
      (caught: unknown) => caught,
    );
    expect(refused).toBeInstanceOf(UnsupportedOperationError);
    expect(refused).toMatchObject({
      message: 'customers.list: contacts have no external id to filter by',
      issues: [{ path: 'externalId' }],
    });
    await expect(
      adapter.customers.create({ name: 'Neu AG', externalId: 'crm-1' }, { strict: true }),
    ).rejects.toMatchObject({ code: 'unsupported' });
    await adapter.close();
    expect(catchAll.isDone()).toBe(false);
  });
});
