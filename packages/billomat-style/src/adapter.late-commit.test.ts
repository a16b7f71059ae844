import { OutcomeUnknownError, type InvoiceCreateInput } from '@invoicekit/core';
import { collect, findLeakedSecrets } from '@invoicekit/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { fastRetries } from './__fixtures__/hostile-server';
import {
  serveWithLateCommit,
  type CommitWhen,
  type LateCommitServer,
} from './__fixtures__/late-commit-server';
import { createMethodStyleEmulator } from './emulator';
import { createBillomatStyleAdapter, type BillomatStyleAdapter } from './index';

const EMAIL = 'owner@acme.example';
const API_KEY = 'late-commit-key-8e2b5d17';

/** The client stops waiting after 300 ms; the vendor commits later (see late-commit-server). */
const TIMEOUT_MS = 300;
const LOOKUPS = { lookupAttempts: 3, lookupDelayMs: 50 };

const input: InvoiceCreateInput = {
  currency: 'EUR',
  customer: { id: '42' },
  lines: [{ description: 'Beratung', unitPrice: '100.00', taxRate: 19 }],
};

let server: LateCommitServer | undefined;
let adapters: BillomatStyleAdapter[] = [];
afterEach(async () => {
  await Promise.all(adapters.map((adapter) => adapter.close()));
  adapters = [];
  await server?.close();
  server = undefined;
});

async function setUp(hold: RegExp, when: CommitWhen) {
  const emulator = createMethodStyleEmulator({ email: EMAIL, apiKey: API_KEY });
  emulator.seed({ customers: [{ CUSTOMER_ID: 42, ORGANIZATION: 'Muster GmbH' }] });
  emulator.seed({ invoices: [{ CUSTOMER_ID: 42, TYPE: 'draft' }] });
  server = await serveWithLateCommit(emulator, hold, when);
  const make = (timeoutMs: number) => {
    const adapter = createBillomatStyleAdapter({
      email: EMAIL,
      apiKey: API_KEY,
      baseUrl: (server as LateCommitServer).baseUrl,
      timeoutMs,
      ...fastRetries(LOOKUPS),
    });
    adapters.push(adapter);
    return adapter;
  };
  // `adapter` times out; `observer` (patient) reads what the vendor holds afterwards.
  return { adapter: make(TIMEOUT_MS), observer: make(30_000), server };
}

const count = (services: string[], service: string) =>
  services.filter((name) => name === service).length;

describe('a write the vendor commits after the client timed out is never sent twice', () => {
  it('invoices.create({ externalId }) committed after the first look-up: found by a later look-up, one invoice', async () => {
    const { adapter, observer, server } = await setUp(/^invoice\.create$/, { afterLookups: 1 });
    const { data } = await adapter.invoices.create({ ...input, externalId: 'erp-late-1' });
    expect(data.externalId).toBe('erp-late-1');
    expect(count(server.services, 'invoice.create')).toBe(1);
    const found = await collect(observer.invoices.list({ externalId: 'erp-late-1' }));
    expect(found.map((invoice) => invoice.id)).toEqual([data.id]);
  });

  it('invoices.create({ externalId }) committed only after every look-up: OutcomeUnknownError, still one invoice', async () => {
    const { adapter, observer, server } = await setUp(/^invoice\.create$/, 'on-release');
    const error = await adapter.invoices
      .create({ ...input, externalId: 'erp-late-2' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error).toMatchObject({
      code: 'outcome_unknown',
      retryable: false,
      operation: 'invoices.create',
      causeCode: 'timeout',
    });
    expect(findLeakedSecrets(error, [API_KEY, `${EMAIL}:${API_KEY}`])).toEqual([]);
    // The look-ups ran, and found nothing yet; the create was not repeated.
    expect(count(server.services, 'invoice.get')).toBeGreaterThanOrEqual(
      1 + LOOKUPS.lookupAttempts,
    );
    await server.release();
    expect(count(server.services, 'invoice.create')).toBe(1);
    const found = await collect(observer.invoices.list({ externalId: 'erp-late-2' }));
    expect(found).toHaveLength(1);
    // Repeating the call now (as its `check` says) returns that invoice, unchanged.
    const again = await observer.invoices.create({ ...input, externalId: 'erp-late-2' });
    expect(again).toMatchObject({ existed: true, data: { id: found[0]?.id } });
    expect(count(server.services, 'invoice.create')).toBe(1);
  });

  it('invoices.create without externalId: nothing can find it, so OutcomeUnknownError at once, one create', async () => {
    const { adapter, server } = await setUp(/^invoice\.create$/, 'on-release');
    const error = await adapter.invoices.create(input).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(count(server.services, 'invoice.create')).toBe(1);
  });

  it('the customer made from a buyer snapshot (CUSTOMER_EXT_UID) committed late: one customer, one invoice', async () => {
    const { adapter, observer, server } = await setUp(/^customer\.create$/, { afterLookups: 1 });
    const { data } = await adapter.invoices.create({
      ...input,
      customer: { snapshot: { name: 'Spät GmbH' } },
      externalId: 'erp-late-3',
    });
    expect(count(server.services, 'customer.create')).toBe(1);
    const customers = await collect(observer.customers.list({ name: 'Spät' }));
    expect(customers.map((customer) => customer.id)).toEqual([data.customer.id]);
  });

  it('customers.create({ externalId }) committed only after every look-up: OutcomeUnknownError, one customer', async () => {
    const { adapter, observer, server } = await setUp(/^customer\.create$/, 'on-release');
    const error = await adapter.customers
      .create({ kind: 'company', name: 'Langsam AG', externalId: 'crm-late-4' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    await server.release();
    expect(count(server.services, 'customer.create')).toBe(1);
    expect(await collect(observer.customers.list({ externalId: 'crm-late-4' }))).toHaveLength(1);
  });

  it.each([
    ['finalize (invoice.complete)', /^invoice\.complete$/, 'invoice.complete'],
    ['markPaid (invoice.setpaid)', /^invoice\.setpaid$/, 'invoice.setpaid'],
    ['cancel (invoice.cancel)', /^invoice\.cancel$/, 'invoice.cancel'],
  ])(
    '%s committed after the first look-up: confirmed by a later look-up, sent once',
    async (_name, hold, service) => {
      const { adapter, observer, server } = await setUp(hold, { afterLookups: 1 });
      const [draft] = await collect(observer.invoices.list());
      const id = draft?.id as string;
      if (service !== 'invoice.complete') await observer.invoices.finalize(id);
      const result =
        service === 'invoice.complete'
          ? await adapter.invoices.finalize(id)
          : service === 'invoice.setpaid'
            ? await adapter.invoices.markPaid(id)
            : await adapter.invoices.cancel(id);
      const expected = {
        'invoice.complete': 'issued',
        'invoice.setpaid': 'paid',
        'invoice.cancel': 'canceled',
      }[service];
      expect(result.data.status.canonical).toBe(expected);
      expect(count(server.services, service)).toBe(1);
    },
  );
});
