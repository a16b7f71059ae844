import { createFakeClock } from '@invoicekit/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { serveLoopback, type Loopback } from './__fixtures__/loopback';
import { createPlandocketEmulator } from './emulator';
import { createPlandocketAdapter, toCanonicalCustomer, type PlandocketAdapter } from './index';

const API_KEY = 'pd-calls-key-3e9a71c2d4';

let served: Loopback | undefined;
let adapter: PlandocketAdapter | undefined;

afterEach(async () => {
  await adapter?.close();
  await served?.close();
  served = undefined;
  adapter = undefined;
});

/** An emulated book behind a loopback server whose `rewrite` may change the emulator's answers. */
async function setUp(rewrite?: (body: string, method: string) => string) {
  const emulator = createPlandocketEmulator({
    apiKey: API_KEY,
    now: () => new Date('2026-11-20T09:00:00Z'),
  });
  emulator.seed({
    contacts: [{ id: 7, company_name: 'Messe GmbH' }],
    invoices: [
      { id: 1001, contact_id: 7, status: 'draft' },
      { id: 1002, contact_id: 7 },
    ],
  });
  served = await serveLoopback(emulator, async (request, forward) => {
    if (!rewrite) return undefined;
    const answer = await forward();
    return answer === 'drop' ? answer : { ...answer, body: rewrite(answer.body, request.method) };
  });
  adapter = createPlandocketAdapter({
    baseUrl: served.baseUrl,
    apiKey: API_KEY,
    clock: createFakeClock(Date.UTC(2026, 10, 20, 9)),
  });
  return { adapter, requests: () => served?.requests.map((r) => `${r.method} ${r.path}`) ?? [] };
}

describe('writes read the invoice from their own answer', () => {
  it('cancel and update make one PATCH asking for the whole invoice, and no GET after it', async () => {
    const { adapter: pd, requests } = await setUp();
    const canceled = await pd.invoices.cancel('1002');
    expect(canceled.data).toMatchObject({
      id: '1002',
      state: { lifecycle: 'canceled' },
      customer: { id: '7' },
      lines: [expect.objectContaining({ description: 'Standmiete' })],
    });
    const updated = await pd.invoices.update('1001', { internalNotes: 'Ratenzahlung' });
    expect(updated.data).toMatchObject({ internalNotes: 'Ratenzahlung', customer: { id: '7' } });
    expect(requests()).toEqual(['PATCH /api/v1/invoices/1002', 'PATCH /api/v1/invoices/1001']);
    expect(served?.requests.every((r) => r.query.get('include') === 'items,payments,contact')).toBe(
      true,
    );
    // The same invoice a GET reads.
    expect(await pd.invoices.get('1002')).toEqual({ ...canceled.data, raw: expect.anything() });
  });

  it('read the invoice again when the server leaves the included parts out of its answer', async () => {
    const { adapter: pd, requests } = await setUp((body, method) => {
      if (method !== 'PATCH') return body;
      const parsed = JSON.parse(body) as { data: Record<string, unknown> };
      delete parsed.data.items;
      delete parsed.data.payments;
      delete parsed.data.contact;
      return JSON.stringify(parsed);
    });
    const canceled = await pd.invoices.cancel('1002');
    expect(canceled.data).toMatchObject({
      state: { lifecycle: 'canceled' },
      customer: { id: '7' },
    });
    expect(canceled.data.lines).toHaveLength(1);
    expect(requests()).toEqual(['PATCH /api/v1/invoices/1002', 'GET /api/v1/invoices/1002']);
  });
});

describe('today, for overdue invoices', () => {
  it('turns at midnight, though the day is worked out once per quarter hour', async () => {
    const emulator = createPlandocketEmulator({ apiKey: API_KEY });
    emulator.seed({ invoices: [{ id: 1001, due_date: '2026-11-20' }] });
    served = await serveLoopback(emulator, () => undefined);
    const clock = createFakeClock(Date.UTC(2026, 10, 20, 23, 59, 59));
    adapter = createPlandocketAdapter({ baseUrl: served.baseUrl, apiKey: API_KEY, clock });
    expect((await adapter.invoices.get('1001')).status.canonical).not.toBe('overdue');
    clock.advance(1000);
    expect((await adapter.invoices.get('1001')).status.canonical).toBe('overdue');
    clock.advance(-2000);
    expect((await adapter.invoices.get('1001')).status.canonical).not.toBe('overdue');
  });
});

describe('the customer an invoice includes', () => {
  it('is the customer customers.get reads, so no look-up is needed for it', async () => {
    const { adapter: pd, requests } = await setUp();
    const invoice = await pd.invoices.get('1002');
    const included = toCanonicalCustomer((invoice.raw as { contact: unknown }).contact);
    expect(await pd.customers.get(invoice.customer.id ?? '')).toEqual(included);
    expect(requests()).toEqual(['GET /api/v1/invoices/1002', 'GET /api/v1/contacts/7']);
  });
});
