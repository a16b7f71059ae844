// readme:imports
import { serveEmulator } from '@invoicekit/core/emulator';
import { createInvoiceOceanAdapter } from '@invoicekit/invoiceocean';
import { createInvoiceOceanEmulator } from '@invoicekit/invoiceocean/emulator';
// readme:imports-end
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { readmeExampleIn } from '@invoicekit/core/testing';

it('runs the README example, which the README shows as it is here', async () => {
  const printed: string[] = [];
  const console = { log: (...values: unknown[]) => printed.push(values.join(' ')) };

  // readme:start
  // The emulator on loopback; against a real account: { apiToken: 'TOKEN/prefix', brand: … }
  const emulator = createInvoiceOceanEmulator({ apiToken: 'demo-token', account: 'acme' });
  const server = await serveEmulator(emulator);
  const adapter = createInvoiceOceanAdapter({
    apiToken: 'demo-token/acme',
    baseUrl: server.baseUrl,
  });

  const { data: customer } = await adapter.customers.create({ name: 'Kunde Eins GmbH' });
  const { data: invoice } = await adapter.invoices.create({
    currency: 'EUR',
    issueDate: '2026-11-02',
    customer: { id: customer.id },
    lines: [{ description: 'Consulting', quantity: '3', unitPrice: '120.00', taxRate: 23 }],
    externalId: 'order-991', // exactly once: sent again, it finds the invoice made the first time
  });
  console.log(invoice.number, invoice.totals.gross); // 1/11/2026 442.80
  await adapter.invoices.markPaid(invoice.id, { amount: '100.00' }); // a banking payment
  const paid = await adapter.invoices.get(invoice.id);
  console.log(paid.state.payment, paid.totals.due); // partially_paid 342.80

  await adapter.close();
  await server.close();
  // readme:end

  expect(printed).toEqual(['1/11/2026 442.80', 'partially_paid 342.80']);
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  expect(readme).toContain(readmeExampleIn(readFileSync(new URL(import.meta.url), 'utf8')));
});
