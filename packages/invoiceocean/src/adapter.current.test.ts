import { ValidationError } from '@invoicekit/core';
import { serveEmulator, type ServedEmulator } from '@invoicekit/core/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { createInvoiceOceanEmulator } from './emulator';
import { createInvoiceOceanAdapter } from './index';

/**
 * `markPaid` and `cancel` plan from the record the caller holds (`options.current`) instead of
 * reading the invoice first: a migration that has just created the invoice spares one read per
 * payment and per cancel. Counted on the emulator's own request journal.
 */
const TOKEN = 'current-token-5c9d1e';

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((thing) => thing.close()));
});

async function start() {
  const emulator = createInvoiceOceanEmulator({ apiToken: TOKEN, account: 'acme' });
  const served: ServedEmulator = await serveEmulator(emulator);
  const adapter = createInvoiceOceanAdapter({
    apiToken: `${TOKEN}/acme`,
    baseUrl: served.baseUrl,
  });
  opened.push(adapter, served);
  const created = await adapter.invoices.create({
    currency: 'PLN',
    customer: { snapshot: { name: 'Klient SA', taxId: '5252445767' } },
    lines: [{ description: 'Usługa', quantity: '2', unitPrice: '100.00', taxRate: '23' }],
  });
  const seen = emulator.requests.length;
  const since = () =>
    emulator.requests.slice(seen).map((request) => `${request.method} ${request.path}`);
  return { adapter, invoice: created.data, since };
}

describe('writes on one invoice plan from the caller’s record', () => {
  it('markPaid with current: the payment, then one read of the result — no read before', async () => {
    const { adapter, invoice, since } = await start();
    const paid = await adapter.invoices.markPaid(
      invoice.id,
      { amount: '100.00', date: '2026-11-20' },
      { current: invoice },
    );
    expect(since()).toEqual(['POST /banking/payments.json', `GET /invoices/${invoice.id}.json`]);
    expect(paid.data.totals.paid).toBe('100.00');
    expect(paid.data.payments.map((payment) => payment.amount)).toEqual(['100.00']);
  });

  it('markPaid without current reads the invoice first, as before', async () => {
    const { adapter, invoice, since } = await start();
    await adapter.invoices.markPaid(invoice.id, { amount: '100.00' });
    expect(since()).toEqual([
      `GET /invoices/${invoice.id}.json`,
      'POST /banking/payments.json',
      `GET /invoices/${invoice.id}.json`,
    ]);
  });

  it('cancel with current keeps the kind from it and reads only the result', async () => {
    const { adapter, invoice, since } = await start();
    const canceled = await adapter.invoices.cancel(invoice.id, { current: invoice });
    expect(since()).toEqual(['POST /invoices/cancel.json', `GET /invoices/${invoice.id}.json`]);
    expect(canceled.data.status.canonical).toBe('canceled');
    // The kind the cancel reason kept still reads as the invoice's type.
    expect(canceled.data.type).toBe(invoice.type);
  });

  it('another invoice’s record as current is refused before anything is sent', async () => {
    const { adapter, invoice, since } = await start();
    const other = { ...invoice, id: String(Number(invoice.id) + 1) };
    await expect(
      adapter.invoices.markPaid(invoice.id, { amount: '1.00' }, { current: other }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      adapter.invoices.cancel(invoice.id, { current: { ...invoice, provider: 'plandocket' } }),
    ).rejects.toMatchObject({ issues: [expect.objectContaining({ path: 'current' })] });
    expect(since()).toEqual([]);
  });
});
