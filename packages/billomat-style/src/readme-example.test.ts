// readme:imports
import { createBillomatStyleAdapter } from '@invoicekit/billomat-style';
import { createMethodStyleEmulator } from '@invoicekit/billomat-style/emulator';
import { serveEmulator } from '@invoicekit/core/emulator';
// readme:imports-end
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { readmeExampleIn } from '@invoicekit/core/testing';

it('runs the README example, which the README shows as it is here', async () => {
  const printed: string[] = [];
  const console = { log: (...values: unknown[]) => printed.push(values.join(' ')) };

  // readme:start
  // The emulator on loopback; against a real account: { email, apiKey } (Monsum) and
  // endpoint: 'fastbill' for classic FastBill
  const emulator = createMethodStyleEmulator({ email: 'me@acme.example', apiKey: 'demo-key' });
  const server = await serveEmulator(emulator);
  const adapter = createBillomatStyleAdapter({
    email: 'me@acme.example',
    apiKey: 'demo-key',
    baseUrl: server.baseUrl,
  });

  const { data: customer } = await adapter.customers.create({
    name: 'Kunde Eins GmbH',
    email: 'eins@kunde.example',
  });
  const { data: draft } = await adapter.invoices.create({
    currency: 'EUR',
    customer: { id: customer.id },
    lines: [{ description: 'Consulting', quantity: '3', unitPrice: '120.00', taxRate: 19 }],
  });
  console.log(draft.state.lifecycle); // draft: the vendor numbers it on completion
  const { data: issued } = await adapter.invoices.finalize(draft.id); // invoice.complete
  await adapter.invoices.markPaid(issued.id); // invoice.setpaid: whole invoices only
  const paid = await adapter.invoices.get(issued.id);
  console.log(paid.number, paid.state.payment, paid.totals.gross, paid.totals.due); // 1 paid 428.40 0.00

  await adapter.close();
  await server.close();
  // readme:end

  expect(printed).toEqual(['draft', '1 paid 428.40 0.00']);
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  expect(readme).toContain(readmeExampleIn(readFileSync(new URL(import.meta.url), 'utf8')));
});
