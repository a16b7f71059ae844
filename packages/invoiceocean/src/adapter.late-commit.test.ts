import { OutcomeUnknownError, type RetryPolicy } from '@invoicekit/core';
import { encodeResponse, type EmulatorRequest } from '@invoicekit/core/emulator';
import { collect } from '@invoicekit/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import {
  serveHostile,
  type HostileServer,
  type ReceivedRequest,
} from './__fixtures__/hostile-server';
import { createInvoiceOceanEmulator } from './emulator';
import { createInvoiceOceanAdapter } from './index';

/**
 * A vendor that commits a write only after the client has given up waiting for it: the emulator
 * behind a loopback server that holds the first matching write past the client's timeout, then
 * commits it and answers into a closed socket. Nothing may be recorded twice.
 */
const TOKEN = 'late-commit-token-7a';
const TIMEOUT_MS = 200;

let server: HostileServer | undefined;
let adapter: ReturnType<typeof createInvoiceOceanAdapter> | undefined;
afterEach(async () => {
  await adapter?.close();
  await server?.close();
  server = undefined;
  adapter = undefined;
});

interface LateCommitting {
  readonly emulator: ReturnType<typeof createInvoiceOceanEmulator>;
  /** Settles once the held write has been committed (its answer went nowhere). */
  readonly committed: Promise<void>;
  readonly writes: (path: string) => number;
}

/** Serves the emulator, holding the first request `held` matches for `commitAfterMs`. */
async function lateCommitting(
  held: (request: ReceivedRequest) => boolean,
  commitAfterMs: number,
): Promise<LateCommitting> {
  const emulator = createInvoiceOceanEmulator({ apiToken: TOKEN, account: 'acme' });
  let holding = true;
  let markCommitted: () => void = () => undefined;
  const committed = new Promise<void>((resolve) => {
    markCommitted = resolve;
  });
  server = await serveHostile(async (request, response, raw) => {
    const url = new URL(request.url, 'http://emulator.local');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(raw.headers))
      if (typeof value === 'string') headers[name] = value;
    const emulated: EmulatorRequest = {
      method: request.method,
      path: url.pathname,
      query: url.searchParams,
      headers,
      body: request.body,
    };
    const late = holding && held(request);
    if (late) {
      holding = false;
      await new Promise((resolve) => setTimeout(resolve, commitAfterMs));
    }
    const outcome = await emulator.handle(emulated);
    if (late) markCommitted();
    if (outcome.kind === 'drop' || response.destroyed || raw.socket.destroyed) return;
    const { body, headers: answerHeaders } = encodeResponse(outcome.response);
    response.writeHead(outcome.response.status, {
      ...answerHeaders,
      'content-length': String(body.length),
    });
    response.end(body);
  });
  return {
    emulator,
    committed,
    writes: (path) =>
      (server?.requests ?? []).filter(
        (request) => request.method === 'POST' && request.path === path,
      ).length,
  };
}

function adapterFor(policy: Partial<RetryPolicy>) {
  adapter = createInvoiceOceanAdapter({
    apiToken: `${TOKEN}/acme`,
    baseUrl: server?.baseUrl,
    timeoutMs: TIMEOUT_MS,
    retry: {
      maxRetries: 2,
      baseDelayMs: 10,
      maxDelayMs: 20,
      maxRetryAfterMs: 1_000,
      retryBudgetMs: 5_000,
      lookupAttempts: 3,
      lookupDelayMs: 400,
      ...policy,
    },
  });
  return adapter;
}

const invoiceInput = {
  currency: 'PLN',
  customer: { snapshot: { name: 'Late Buyer' } },
  lines: [{ description: 'x', unitPrice: '10', taxRate: 23 }],
};
const isPayment = (request: ReceivedRequest) =>
  request.method === 'POST' && request.path === '/banking/payments.json';
const isCancel = (request: ReceivedRequest) =>
  request.method === 'POST' && request.path === '/invoices/cancel.json';
const isCreate = (request: ReceivedRequest) =>
  request.method === 'POST' && request.path === '/invoices.json';

describe('markPaid whose payment is committed after the client timed out', () => {
  it('committed before the look-ups end: the committed payment is returned, none is added', async () => {
    const vendor = await lateCommitting(isPayment, TIMEOUT_MS + 100);
    const io = adapterFor({ lookupDelayMs: 400 });
    const { data } = await io.invoices.create(invoiceInput);
    const paid = await io.invoices.markPaid(data.id);
    expect(paid.data.status.canonical).toBe('paid');
    await vendor.committed;
    expect(vendor.writes('/banking/payments.json')).toBe(1);
    expect(await collect(io.vendor.payments.list())).toHaveLength(1);
  });

  it('committed after the last look-up: OutcomeUnknownError, and still exactly one payment', async () => {
    const vendor = await lateCommitting(isPayment, 2_000);
    const io = adapterFor({ lookupAttempts: 2, lookupDelayMs: 150 });
    const { data } = await io.invoices.create(invoiceInput);
    const error = await io.invoices.markPaid(data.id).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error).toMatchObject({ operation: 'invoices.markPaid', retryable: false });
    await vendor.committed;
    expect(vendor.writes('/banking/payments.json')).toBe(1);
    expect(await collect(io.vendor.payments.list())).toHaveLength(1);
    // Asked again once the vendor has committed, markPaid finds nothing due and pays nothing.
    const again = await io.invoices.markPaid(data.id);
    expect(again.data.status.canonical).toBe('paid');
    expect(vendor.writes('/banking/payments.json')).toBe(1);
  });
});

describe('cancel committed after the client timed out', () => {
  it('committed before the look-ups end: reads as canceled, sent once', async () => {
    const vendor = await lateCommitting(isCancel, TIMEOUT_MS + 100);
    const io = adapterFor({ lookupDelayMs: 400 });
    const { data } = await io.invoices.create(invoiceInput);
    const canceled = await io.invoices.cancel(data.id);
    expect(canceled.data.status.canonical).toBe('canceled');
    expect(vendor.writes('/invoices/cancel.json')).toBe(1);
  });

  it('committed after the last look-up: OutcomeUnknownError, sent once', async () => {
    const vendor = await lateCommitting(isCancel, 2_000);
    const io = adapterFor({ lookupAttempts: 2, lookupDelayMs: 150 });
    const { data } = await io.invoices.create(invoiceInput);
    await expect(io.invoices.cancel(data.id)).rejects.toBeInstanceOf(OutcomeUnknownError);
    await vendor.committed;
    expect(vendor.writes('/invoices/cancel.json')).toBe(1);
  });
});

describe('create with externalId (oid_unique: the vendor dedupes, so a resend is safe)', () => {
  it('the resend arrives before the late commit: one invoice, the one the resend made', async () => {
    const vendor = await lateCommitting(isCreate, 800);
    const io = adapterFor({ baseDelayMs: 10, maxDelayMs: 20 });
    const { data } = await io.invoices.create({ ...invoiceInput, externalId: 'order-late-1' });
    await vendor.committed;
    const invoices = await collect(io.invoices.list());
    expect(invoices.map((invoice) => invoice.id)).toEqual([data.id]);
    expect(vendor.writes('/invoices.json')).toBe(2);
  });

  it('the late commit lands before the resend: one invoice, found by its externalId', async () => {
    const vendor = await lateCommitting(isCreate, TIMEOUT_MS + 50);
    const io = adapterFor({ baseDelayMs: 400, maxDelayMs: 400 });
    const result = await io.invoices.create({ ...invoiceInput, externalId: 'order-late-2' });
    await vendor.committed;
    const invoices = await collect(io.invoices.list());
    expect(invoices.map((invoice) => invoice.id)).toEqual([result.data.id]);
    expect(result.data.externalId).toBe('order-late-2');
    expect(result.data.lines).toHaveLength(1);
    // The resend was refused as a duplicate and the first attempt's invoice found instead.
    expect(vendor.writes('/invoices.json')).toBe(2);
  });
});
