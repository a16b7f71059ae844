import { describe, expect, it } from 'vitest';
import { createPlandocketEmulator } from '.';

const API_KEY = 'pd_live_5b1e0d77aa';
const NOW = new Date('2026-03-01T09:00:00Z');

/** One request handled in process (no HTTP), answered with its JSON body. */
async function call(
  emulator: ReturnType<typeof createPlandocketEmulator>,
  method: string,
  pathAndQuery: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const [path = '', query = ''] = pathAndQuery.split('?');
  const outcome = await emulator.handle({
    method,
    path,
    query: new URLSearchParams(query),
    headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
    body: body === undefined ? '' : JSON.stringify(body),
  });
  if (outcome.kind !== 'response') throw new Error('dropped');
  return {
    status: outcome.response.status,
    body: (typeof outcome.response.body === 'string' && outcome.response.body !== ''
      ? JSON.parse(outcome.response.body)
      : {}) as Record<string, unknown>,
  };
}

const invoiceOf = async (emulator: ReturnType<typeof createPlandocketEmulator>, id: number) =>
  (await call(emulator, 'GET', `/api/v1/invoices/${id}?include=payments`)).body.data as {
    paid_amount: number;
    open_amount: number;
    status: string;
    payments: { id: number }[];
  };

describe('the emulator indexes', () => {
  it('keep every invoice’s payments and paid amount right through creates, updates and deletes', async () => {
    const emulator = createPlandocketEmulator({ apiKey: API_KEY, now: () => NOW });
    emulator.seed({
      contacts: [{ id: 1, company_name: 'A GmbH' }],
      invoices: [
        { id: 10, contact_id: 1, invoice_number: 'RE-1' },
        { id: 11, contact_id: 1, invoice_number: 'RE-2' },
      ],
      payments: [{ id: 100, invoice_number: 'RE-1', amount: '19.00' }],
    });
    const created = await call(emulator, 'POST', '/api/v1/payments', {
      invoice_number: 'RE-2',
      amount: 50,
    });
    expect(created.status).toBe(201);
    const paymentId = (created.body.data as { id: number }).id;
    expect((await invoiceOf(emulator, 11)).payments.map((p) => p.id)).toEqual([paymentId]);
    expect((await invoiceOf(emulator, 10)).payments.map((p) => p.id)).toEqual([100]);

    await call(emulator, 'PATCH', `/api/v1/payments/${paymentId}`, { status: 'failed' });
    expect((await invoiceOf(emulator, 11)).paid_amount).toBe(0);
    await call(emulator, 'PATCH', `/api/v1/payments/${paymentId}`, { status: 'completed' });
    expect((await invoiceOf(emulator, 11)).paid_amount).toBe(50);

    await call(emulator, 'DELETE', `/api/v1/payments/100`);
    const first = await invoiceOf(emulator, 10);
    expect(first.payments).toEqual([]);
    expect(first.paid_amount).toBe(0);
    expect(first.status).toBe('sent');
  });

  it('number seeded invoices past the numbers already taken, and find payments’ invoices by number', () => {
    const emulator = createPlandocketEmulator({ apiKey: API_KEY, now: () => NOW });
    emulator.seed({ invoices: [{ invoice_number: 'RE-2026-0002' }, {}, {}] });
    emulator.seed({ payments: [{ invoice_number: 'RE-2026-0003', amount: '1.00' }] });
    return Promise.all([
      call(emulator, 'GET', '/api/v1/invoices?sort=invoice_number&order=ASC'),
      call(emulator, 'GET', '/api/v1/payments?invoice_number=RE-2026-0003'),
    ]).then(([invoices, payments]) => {
      expect(
        (invoices.body.data as { invoice_number: string }[]).map((row) => row.invoice_number),
      ).toEqual(['RE-2026-0001', 'RE-2026-0002', 'RE-2026-0003']);
      expect(payments.body.data as unknown[]).toHaveLength(1);
    });
  });

  it('find contacts by number after a number changes, for the uniqueness check', async () => {
    const emulator = createPlandocketEmulator({ apiKey: API_KEY, now: () => NOW });
    emulator.seed({
      contacts: [
        { id: 1, company_name: 'A', customer_number: 'K-1' },
        { id: 2, company_name: 'B', customer_number: 'K-2' },
      ],
    });
    expect(
      (await call(emulator, 'PATCH', '/api/v1/contacts/2', { customer_number: 'K-1' })).status,
    ).toBe(422);
    expect(
      (await call(emulator, 'PATCH', '/api/v1/contacts/1', { customer_number: 'K-9' })).status,
    ).toBe(200);
    // K-1 is free now: the index forgot contact 1 under its old number.
    expect(
      (await call(emulator, 'PATCH', '/api/v1/contacts/2', { customer_number: 'K-1' })).status,
    ).toBe(200);
    await call(emulator, 'DELETE', '/api/v1/contacts/2');
    expect(
      (
        await call(emulator, 'POST', '/api/v1/contacts', {
          company_name: 'C',
          customer_number: 'K-1',
        })
      ).status,
    ).toBe(201);
  });

  it('list invoices in a fresh order after any invoice changed, though the last order is reused', async () => {
    const emulator = createPlandocketEmulator({ apiKey: API_KEY, now: () => NOW });
    emulator.seed({
      invoices: [
        { id: 1, status: 'draft' },
        { id: 2, status: 'sent' },
      ],
    });
    const ids = async () =>
      (
        (await call(emulator, 'GET', '/api/v1/invoices?sort=status&order=ASC')).body.data as {
          id: number;
        }[]
      ).map((row) => row.id);
    expect(await ids()).toEqual([1, 2]);
    expect(await ids()).toEqual([1, 2]);
    await call(emulator, 'PATCH', '/api/v1/invoices/1', { status: 'sent' });
    await call(emulator, 'PATCH', '/api/v1/invoices/2', { status: 'cancelled' });
    expect(await ids()).toEqual([2, 1]);
    emulator.seed({ invoices: [{ id: 3, status: 'draft' }] });
    expect(await ids()).toEqual([2, 3, 1]);
    // Another sort is sorted anew, and filters apply to the reused order.
    expect(
      (
        (await call(emulator, 'GET', '/api/v1/invoices?sort=status&order=ASC&status=sent')).body
          .data as { id: number }[]
      ).map((row) => row.id),
    ).toEqual([1]);
  });

  it('list payments by invoice number from the indexes, through deletes', async () => {
    const emulator = createPlandocketEmulator({ apiKey: API_KEY, now: () => NOW });
    emulator.seed({
      invoices: [
        { id: 1, invoice_number: 'RE-9' },
        { id: 2, invoice_number: 'RE-9' },
        { id: 3, invoice_number: 'RE-10' },
      ],
      payments: [
        { id: 11, invoice_id: 1, amount: '1.00' },
        { id: 12, invoice_id: 3, amount: '2.00' },
        { id: 13, invoice_id: 2, amount: '3.00', status: 'pending' },
      ],
    });
    const listed = async (query: string) =>
      ((await call(emulator, 'GET', `/api/v1/payments?${query}`)).body.data as { id: number }[])
        .map((payment) => payment.id)
        .sort();
    expect(await listed('invoice_number=RE-9')).toEqual([11, 13]);
    expect(await listed('invoice_number=RE-9&status=pending')).toEqual([13]);
    expect(await listed('invoice_number=RE-1')).toEqual([]);
    await call(emulator, 'DELETE', '/api/v1/payments/11');
    expect(await listed('invoice_number=RE-9')).toEqual([13]);
    expect(await listed('')).toEqual([12, 13]);
  });
});
