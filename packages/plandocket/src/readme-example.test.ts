// readme:imports
import { serveEmulator } from '@invoicekit/core/emulator';
import { createPlandocketAdapter } from '@invoicekit/plandocket';
import { createPlandocketEmulator } from '@invoicekit/plandocket/emulator';
// readme:imports-end
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { readmeExampleIn } from '@invoicekit/core/testing';

it('runs the README example, which the README shows as it is here', async () => {
  const printed: string[] = [];
  const console = { log: (...values: unknown[]) => printed.push(values.join(' ')) };

  // readme:start
  // The emulator on loopback; against a real tenant: { tenant: 'acme', apiKey: process.env.… }
  const emulator = createPlandocketEmulator({ apiKey: 'demo-key' });
  const stand = { description: 'Stand', quantity: '1', unit_price: '100.00', tax_rate: '19' };
  emulator.seed({
    contacts: [{ id: 12, company_name: 'Messe GmbH' }],
    invoices: [{ id: 1001, contact_id: 12, items: [stand] }], // invoices can only be seeded
  });
  const server = await serveEmulator(emulator);
  const adapter = createPlandocketAdapter({ baseUrl: server.baseUrl, apiKey: 'demo-key' });

  for await (const invoice of adapter.invoices.list({ status: ['sent'] }))
    console.log(invoice.number, invoice.totals.gross, invoice.state.payment); // RE-2026-0001 119.00 unpaid
  await adapter.invoices.markPaid('1001', { amount: '50.00' }); // POST /payments, partial too
  const updated = await adapter.invoices.get('1001');
  console.log(updated.state.payment, updated.totals.due, updated.payments.length); // partially_paid 69.00 1

  await adapter.close();
  await server.close();
  // readme:end

  expect(printed).toEqual(['RE-2026-0001 119.00 unpaid', 'partially_paid 69.00 1']);
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  expect(readme).toContain(readmeExampleIn(readFileSync(new URL(import.meta.url), 'utf8')));
});
