/**
 * Emulators served on loopback with adapters reaching them, for the migration tests: each
 * `start*` registers what it opened, and {@link closeAll} closes it after each test.
 */
import { createBillomatStyleAdapter } from '@invoicekit/billomat-style';
import { createMethodStyleEmulator } from '@invoicekit/billomat-style/emulator';
import type { InvoiceAdapterV1, RetryPolicy } from '@invoicekit/core';

/** Retry settings of an adapter's configuration. */
type RetrySettings = Partial<RetryPolicy>;
import { serveEmulator, type ServedEmulator } from '@invoicekit/core/emulator';
import { createInvoiceOceanAdapter } from '@invoicekit/invoiceocean';
import { createInvoiceOceanEmulator } from '@invoicekit/invoiceocean/emulator';
import { createPlandocketAdapter } from '@invoicekit/plandocket';
import { createPlandocketEmulator } from '@invoicekit/plandocket/emulator';

const opened: { close(): Promise<void> }[] = [];

/** Closes every adapter and server opened since the last call. */
export async function closeAll(): Promise<void> {
  await Promise.all(opened.splice(0).map((thing) => thing.close()));
}

export const IO_TOKEN = 'io-token-123456';
export const MS_KEY = 'ms-key-12345678';

export async function startInvoiceOcean(
  options: {
    timeoutMs?: number;
    /** A short retry policy, as plain options. */
    retry?: RetrySettings;
  } = {},
) {
  const emulator = createInvoiceOceanEmulator({ apiToken: IO_TOKEN, account: 'acme' });
  const server: ServedEmulator = await serveEmulator(emulator);
  const adapter = createInvoiceOceanAdapter({
    apiToken: `${IO_TOKEN}/acme`,
    baseUrl: server.baseUrl,
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.retry !== undefined ? { retry: options.retry } : {}),
  });
  opened.push(adapter, server);
  return { emulator, adapter, baseUrl: server.baseUrl };
}

export async function startMethodStyle(
  options: {
    timeoutMs?: number;
    /** A short retry policy, as plain options. */
    retry?: RetrySettings;
  } = {},
) {
  const emulator = createMethodStyleEmulator({ email: 'owner@acme.example', apiKey: MS_KEY });
  const server = await serveEmulator(emulator);
  const adapter = createBillomatStyleAdapter({
    email: 'owner@acme.example',
    apiKey: MS_KEY,
    baseUrl: server.baseUrl,
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.retry !== undefined ? { retry: options.retry } : {}),
  });
  opened.push(adapter, server);
  return { emulator, adapter, baseUrl: server.baseUrl };
}

export const PD_KEY = 'pd-key-12345678';

/** A Plandocket emulator (seed it: its API cannot create invoices) and an adapter reaching it. */
export async function startPlandocket() {
  const emulator = createPlandocketEmulator({ apiKey: PD_KEY });
  const server = await serveEmulator(emulator);
  const adapter = createPlandocketAdapter({ baseUrl: server.baseUrl, apiKey: PD_KEY });
  opened.push(adapter, server);
  return { emulator, adapter, baseUrl: server.baseUrl };
}

/** Every banking payment an InvoiceOcean account holds (the emulator answers them in one list). */
export async function paymentsOf(adapter: InvoiceAdapterV1): Promise<unknown[]> {
  const answer = await adapter.request<unknown[]>({
    method: 'GET',
    path: '/banking/payments.json',
  });
  return answer.body;
}

/** A small book: two customers, six invoices — issued, paid, partially paid, canceled. */
export async function writeBook(adapter: InvoiceAdapterV1): Promise<void> {
  const customer = (
    await adapter.customers.create({
      name: 'Kunde Eins GmbH',
      taxId: 'DE111111111',
      email: 'eins@kunde.example',
    })
  ).data;
  const other = (
    await adapter.customers.create({ name: 'Kunde Zwei AG', email: 'zwei@kunde.example' })
  ).data;
  const lines = [
    { description: 'Beratung', quantity: '3', unitPrice: '120.00', taxRate: 19 },
    { description: 'Buch', quantity: '1', unitPrice: '20.00', taxRate: 7 },
  ];
  for (let index = 0; index < 6; index += 1) {
    const { data } = await adapter.invoices.create({
      currency: 'EUR',
      customer: { id: index % 2 === 0 ? customer.id : other.id },
      lines,
    });
    if (adapter.capabilities.invoices.finalize) await adapter.invoices.finalize(data.id);
    if (index === 1) await adapter.invoices.markPaid(data.id);
    if (index === 2 && adapter.capabilities.invoices.partialPayments)
      await adapter.invoices.markPaid(data.id, { amount: '100.00' });
    if (index === 3) await adapter.invoices.cancel(data.id);
  }
}
