import { inspect } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { toCanonicalInvoice } from '../__reference-provider__/mapping/to-canonical-invoice';
import { AcmeInvoiceWire } from '../__reference-provider__/wire/records';
import { createAdapterContainer } from '../di/adapter-container';
import { runtimeOf } from '../di/provider-runtime';
import { container } from '../di/tsyringe';
import { UnsupportedOperationError, ValidationError } from '../errors/errors';
import { bearerToken } from '../http/auth/strategies';
import type { Invoice } from '../model/invoice';
import type { InvoiceCreateInput } from '../model/invoice-input';
import { collect } from '../testing/collect';
import { createMemoryReplayStore } from '../webhooks/replay-store';
import { WebhookRejectedError } from '../webhooks/webhook-rejected-error';
import { defineAdapter } from './define-adapter';
import type { InvoiceProviderV1 } from './provider-v1';

const KEY = 'define-adapter-key-77aa';

function invoice(id: string, status: string, extra: Record<string, unknown> = {}): Invoice {
  return toCanonicalInvoice(
    AcmeInvoiceWire.parse({
      id,
      kind: 'invoice',
      status,
      currency: 'EUR',
      issued_on: '2026-11-02',
      customer_id: '3',
      lines: [],
      net_total: '10.00',
      tax_total: '1.90',
      gross_total: '11.90',
      ...extra,
    }),
    '2026-11-02',
  );
}

const input: InvoiceCreateInput = {
  currency: 'EUR',
  customer: { id: '3' },
  lines: [{ description: 'Work', quantity: '1', unitPrice: '10.00', taxRate: 19 }],
};

/** A provider over a real transport (never called here) whose operations are the given ones. */
function providerWith(
  parts: Partial<
    Pick<
      InvoiceProviderV1<string, { branch: string }>,
      'invoices' | 'customers' | 'clock' | 'webhooks'
    >
  > & {
    features?: Partial<InvoiceProviderV1['features']>;
    withOptions?: boolean;
    close?: () => Promise<void>;
  },
): InvoiceProviderV1<string, { branch: string }> {
  const transport = runtimeOf(createAdapterContainer(container.createChildContainer())).transport({
    provider: 'test',
    baseUrl: 'https://user:pw-secret-31@vendor.test',
    auth: bearerToken(KEY),
  });
  return {
    specificationVersion: 'v1',
    id: 'test',
    adapterName: 'TestAdapter',
    transport,
    vendor: 'the vendor client',
    features: { partialPayments: true, idempotentCreate: true, drafts: false, ...parts.features },
    ...(parts.withOptions
      ? { providerOptions: { invoice: z.strictObject({ branch: z.string().min(2) }) } }
      : {}),
    invoices: parts.invoices ?? {},
    customers: parts.customers ?? {},
    ...(parts.close ? { close: parts.close } : {}),
    ...(parts.clock ? { clock: parts.clock } : {}),
    ...(parts.webhooks ? { webhooks: parts.webhooks } : {}),
  };
}

describe('defineAdapter — capabilities come from the operations supplied', () => {
  it('marks what the provider supplies true and everything else false', () => {
    const adapter = defineAdapter(
      providerWith({
        invoices: {
          get: async (id) => invoice(id, 'draft'),
          list: async function* () {
            yield* [];
          },
        },
        features: { partialPayments: true, idempotentCreate: true, drafts: true },
      }),
    );
    expect(adapter.capabilities.invoices).toMatchObject({
      get: true,
      list: true,
      create: false,
      markPaid: false,
      // A feature of an operation that is absent is absent too.
      partialPayments: false,
    });
    expect(adapter.capabilities.idempotentCreate).toBe(false);
    expect(adapter.capabilities.drafts).toBe(false);
    expect(adapter.capabilities.customers).toEqual({
      list: false,
      get: false,
      create: false,
      update: false,
      delete: false,
    });
    expect(adapter.vendor).toBe('the vendor client');
  });

  it('rejects an absent operation with UnsupportedOperationError, as a promise and on first next()', async () => {
    const adapter = defineAdapter(providerWith({}));
    await expect(adapter.invoices.create(input)).rejects.toBeInstanceOf(UnsupportedOperationError);
    await expect(adapter.customers.delete('1')).rejects.toMatchObject({
      operation: 'customers.delete',
    });
    const list = adapter.invoices.list();
    await expect(collect(list)).rejects.toMatchObject({ operation: 'invoices.list' });
  });
});

describe('defineAdapter — validation and provider options before the provider runs', () => {
  it('refuses a bad id or input with a ValidationError naming the field; the provider is not called', async () => {
    const get = vi.fn(async (id: string) => invoice(id, 'draft'));
    const create = vi.fn(() => ({
      warnings: [],
      send: async () => ({ data: invoice('1', 'draft') }),
    }));
    const adapter = defineAdapter(providerWith({ invoices: { get, create } }));
    await expect(adapter.invoices.get('')).rejects.toMatchObject({
      code: 'validation',
      issues: [expect.objectContaining({ path: 'id' })],
    });
    const error = await adapter.invoices
      .create({ ...input, lines: [] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual(['lines']);
    expect(get).not.toHaveBeenCalled();
    expect(create).not.toHaveBeenCalled();
  });

  it('hands the provider its own providerOptions entry, validated, and the input without them', async () => {
    const create = vi.fn((fields: object, context: { options: unknown }) => ({
      warnings: [],
      send: async () => ({
        data: invoice('1', 'draft', { notes: JSON.stringify([fields, context.options]) }),
      }),
    }));
    const adapter = defineAdapter(providerWith({ invoices: { create }, withOptions: true }));
    await adapter.invoices.create({
      ...input,
      providerOptions: { test: { branch: 'north' }, other: { anything: true } },
    });
    const [fields, context] = create.mock.calls[0] ?? [];
    expect(fields).not.toHaveProperty('providerOptions');
    expect(fields).toMatchObject({ currency: 'EUR', type: 'invoice' });
    expect(context).toMatchObject({ operation: 'invoices.create', options: { branch: 'north' } });
    await expect(
      adapter.invoices.create({ ...input, providerOptions: { test: { branch: 'n' } } }),
    ).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: 'providerOptions.test.branch' })],
    });
  });

  it('warns about an own providerOptions entry when the provider takes none', async () => {
    const adapter = defineAdapter(
      providerWith({
        invoices: {
          create: () => ({ warnings: [], send: async () => ({ data: invoice('1', 'draft') }) }),
        },
      }),
    );
    const mine = await adapter.invoices.create({ ...input, providerOptions: { test: { a: 1 } } });
    expect(mine.warnings).toEqual([
      expect.objectContaining({ type: 'unsupported_field', path: 'providerOptions.test' }),
    ]);
    const theirs = await adapter.invoices.create({
      ...input,
      providerOptions: { other: { a: 1 } },
    });
    expect(theirs.warnings).toEqual([]);
  });
});

describe('defineAdapter — strict mode sits between a write plan and its sending', () => {
  const planned = { type: 'unsupported_field' as const, path: 'orderId', reason: 'no order ids' };
  const learnt = { type: 'other' as const, message: 'it existed already' };

  it('in strict mode refuses a plan with warnings and never sends it', async () => {
    const send = vi.fn(async () => ({ data: invoice('1', 'draft') }));
    const adapter = defineAdapter(
      providerWith({ invoices: { create: () => ({ warnings: [planned], send }) } }),
    );
    const error = await adapter.invoices
      .create({ ...input, orderId: 'PO-1' }, { strict: true })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnsupportedOperationError);
    expect((error as UnsupportedOperationError).issues).toEqual([
      { path: 'orderId', message: 'no order ids' },
    ]);
    expect(send).not.toHaveBeenCalled();
  });

  it("otherwise sends, and returns the plan's warnings, then what sending learnt", async () => {
    const adapter = defineAdapter(
      providerWith({
        invoices: {
          create: async () => ({
            warnings: [planned],
            send: async () => ({
              data: invoice('9', 'draft'),
              warnings: [learnt],
              existed: true as const,
              requestId: 'req-1',
            }),
          }),
        },
      }),
    );
    const result = await adapter.invoices.create(input);
    expect(result).toMatchObject({
      warnings: [planned, learnt],
      existed: true,
      requestId: 'req-1',
    });
    expect(result.data.id).toBe('9');
  });
});

describe('defineAdapter — lists', () => {
  const stock = [
    invoice('1', 'draft'),
    invoice('2', 'paid'),
    invoice('3', 'draft', { external_id: 'x' }),
  ];

  it('checks every canonical filter again on what the provider lists', async () => {
    const adapter = defineAdapter(
      providerWith({
        invoices: {
          list: async function* () {
            yield* stock;
          },
        },
      }),
    );
    const ids = async (query: Parameters<typeof adapter.invoices.list>[0]) =>
      (await collect(adapter.invoices.list(query))).map((found) => found.id);
    expect(await ids({})).toEqual(['1', '2', '3']);
    expect(await ids({ status: ['draft'] })).toEqual(['1', '3']);
    expect(await ids({ externalId: 'x' })).toEqual(['3']);
    expect(await ids({ issuedFrom: '2026-11-03' })).toEqual([]);
    expect(await ids({ issuedTo: '2026-11-02', customerId: '3' })).toEqual(['1', '2', '3']);
  });

  it('stops the provider paging when the caller stops early', async () => {
    let pagesRead = 0;
    const adapter = defineAdapter(
      providerWith({
        invoices: {
          list: async function* () {
            for (let page = 1; page <= 100; page += 1) {
              pagesRead = page;
              yield invoice(String(page), 'draft');
            }
          },
        },
      }),
    );
    for await (const found of adapter.invoices.list({ status: ['draft'] }))
      if (found.id === '2') break;
    expect(pagesRead).toBe(2);
  });
});

describe('defineAdapter — printing and closing', () => {
  it('prints provider and account, never a credential', () => {
    const adapter = defineAdapter(providerWith({}));
    for (const text of [
      JSON.stringify(adapter),
      inspect(adapter),
      inspect(adapter, { depth: 9 }),
    ]) {
      expect(text).not.toContain(KEY);
      expect(text).not.toContain('pw-secret-31');
      expect(text).toContain('vendor.test');
    }
    expect(inspect(adapter)).toMatch(/^TestAdapter \{/);
  });

  it('works through a Proxy and shows no internals when listed or spread', () => {
    const adapter = defineAdapter(providerWith({}));
    const wrapped = new Proxy(adapter, {});
    expect(wrapped.identity.account).toContain('vendor.test');
    expect(Object.keys(adapter)).not.toContain('provider');
    expect(JSON.stringify({ ...adapter })).not.toContain(KEY);
  });

  it('closes the transport and the provider, also through `await using`', async () => {
    const close = vi.fn(async () => undefined);
    {
      await using adapter = defineAdapter(providerWith({ close }));
      expect(adapter.id).toBe('test');
    }
    expect(close).toHaveBeenCalledTimes(1);
  });
});

describe('defineAdapter — changes since, and the listing cursor', () => {
  const at = (iso: string) => invoice(iso, 'issued', { updated_at: iso });
  const stamped = [
    at('2026-11-01T10:00:00.000Z'),
    at('2026-11-20T10:00:00.000Z'),
    at('2026-11-30T23:59:59.000Z'),
  ];

  it('hands the provider the instant, and keeps only what changed at or after it', async () => {
    const asked: (string | undefined)[] = [];
    const adapter = defineAdapter(
      providerWith({
        invoices: {
          list: async function* (query) {
            asked.push(query.updatedSince);
            yield* stamped;
          },
        },
      }),
    );
    const found = await collect(
      adapter.invoices.list({ updatedSince: '2026-11-20T11:00:00.750+01:00' }),
    );
    expect(asked).toEqual(['2026-11-20T10:00:00.000Z']);
    expect(found.map((item) => item.updatedAt)).toEqual([
      '2026-11-20T10:00:00.000Z',
      '2026-11-30T23:59:59.000Z',
    ]);
  });

  it('moves the cursor on only once the listing was read to its end, five minutes early', async () => {
    let now = Date.parse('2026-12-01T12:00:00Z');
    const adapter = defineAdapter(
      providerWith({
        clock: { now: () => now },
        invoices: {
          list: async function* () {
            yield* stamped;
          },
        },
      }),
    );
    const listing = adapter.invoices.list();
    const start = listing.cursor();
    for await (const item of listing) {
      expect(item).toBeDefined();
      break;
    }
    // Stopped early: still where it started, so nothing is skipped.
    expect(listing.cursor()).toBe(start);
    const full = adapter.invoices.list({ updatedSince: start });
    await collect(full);
    now += 60_000;
    const next = full.cursor();
    expect(next).not.toBe(start);
    const asked: (string | undefined)[] = [];
    const again = defineAdapter(
      providerWith({
        invoices: {
          list: async function* (query) {
            asked.push(query.updatedSince);
            yield* stamped;
          },
        },
      }),
    );
    await collect(again.invoices.list({ updatedSince: next }));
    expect(asked).toEqual(['2026-12-01T11:55:00.000Z']);
  });

  it("starts the next listing in the vendor's time when its clock is behind ours", async () => {
    const now = Date.parse('2026-12-01T12:00:00Z');
    const asked: (string | undefined)[] = [];
    const provider = providerWith({
      clock: { now: () => now },
      invoices: {
        list: async function* (query) {
          asked.push(query.updatedSince);
          yield* stamped;
        },
      },
    });
    // Its Date headers said ten minutes behind ours.
    let offset = -10 * 60_000;
    provider.transport.watchVendorClock = () => ({
      minOffsetMs: () => offset,
      stop: () => undefined,
    });
    const adapter = defineAdapter(provider);
    const listing = adapter.invoices.list();
    await collect(listing);
    await collect(adapter.invoices.list({ updatedSince: listing.cursor() }));
    expect(asked.at(-1)).toBe('2026-12-01T11:45:00.000Z');
    // Ahead of ours: our own start is the earlier, and stands.
    offset = 10 * 60_000;
    const ahead = adapter.invoices.list();
    await collect(ahead);
    await collect(adapter.invoices.list({ updatedSince: ahead.cursor() }));
    expect(asked.at(-1)).toBe('2026-12-01T11:55:00.000Z');
  });

  it("refuses a bad updatedSince or another list's cursor at updatedSince, before asking the vendor", async () => {
    const list = vi.fn(async function* () {
      yield* stamped;
    });
    const adapter = defineAdapter(
      providerWith({
        invoices: { list },
        customers: {
          list: async function* () {
            yield* [];
          },
        },
      }),
    );
    const customers = adapter.customers.list();
    await collect(customers);
    for (const updatedSince of ['yesterday', customers.cursor(), 'ikc1.%%%', 'ikc1.e30'])
      await expect(collect(adapter.invoices.list({ updatedSince }))).rejects.toMatchObject({
        code: 'validation',
        issues: [expect.objectContaining({ path: 'updatedSince' })],
      });
    expect(list).not.toHaveBeenCalled();
  });
});

describe('defineAdapter — webhooks', () => {
  const delivered = { headers: { 'X-Token': 'hook-secret-1' }, body: '{"id":"5"}' };
  const webhooks = {
    verify: vi.fn((request: { headers: Record<string, unknown> }, context: { secret: string }) => {
      if (request.headers['X-Token'] !== context.secret)
        throw new WebhookRejectedError({ provider: 'test', reason: 'forged', message: 'no match' });
      return { deliveryId: 'd-5', signedAt: null, rememberUntilMs: null };
    }),
    read: vi.fn(() => ({
      type: 'invoice.paid' as const,
      provider: 'test',
      vendorEvent: 'paid',
      occurredAt: null,
      deliveryId: 'd-5',
      invoiceId: '5',
      invoice: null,
      raw: {},
    })),
  };

  it('is false in capabilities and rejects without webhook functions', async () => {
    const adapter = defineAdapter(providerWith({}));
    expect(adapter.capabilities.webhooks).toBe(false);
    await expect(adapter.webhooks.parse(delivered, { secret: 'x' })).rejects.toBeInstanceOf(
      UnsupportedOperationError,
    );
  });

  it('verifies, then reads; refuses a replay with a replay store; validates the request', async () => {
    const adapter = defineAdapter(providerWith({ webhooks }));
    expect(adapter.capabilities.webhooks).toBe(true);
    const replayStore = createMemoryReplayStore();
    await expect(
      adapter.webhooks.parse(delivered, { secret: 'hook-secret-1', replayStore }),
    ).resolves.toMatchObject({ type: 'invoice.paid', invoiceId: '5' });
    await expect(
      adapter.webhooks.parse(delivered, { secret: 'hook-secret-1', replayStore }),
    ).rejects.toMatchObject({ reason: 'replay', code: 'authentication' });
    await expect(adapter.webhooks.verify(delivered, { secret: 'other' })).rejects.toMatchObject({
      reason: 'forged',
    });
    await expect(adapter.webhooks.parse(delivered)).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: 'secret' })],
    });
    await expect(
      adapter.webhooks.parse({ headers: {}, body: { id: 5 } } as never, { secret: 's' }),
    ).rejects.toMatchObject({ issues: [expect.objectContaining({ path: 'body' })] });
    expect(webhooks.read).toHaveBeenCalledTimes(1);
  });
});
