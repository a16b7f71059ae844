// readme:imports
import { serveEmulator } from '@invoicekit/core/emulator';
import { createInvoiceOceanAdapter } from '@invoicekit/invoiceocean';
import { createInvoiceOceanEmulator } from '@invoicekit/invoiceocean/emulator';
import { migrate, summarize } from '@invoicekit/migrate';
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
  // Two emulators on loopback stand in for the real accounts.
  const plandocket = createPlandocketEmulator({ apiKey: 'pd-demo-key' });
  plandocket.seed({
    contacts: [{ id: 12, company_name: 'Messe GmbH', email: 'info@messe.example' }],
    invoices: [
      { id: 1001, contact_id: 12, created_at: '2026-11-02' },
      { id: 1002, contact_id: 12, created_at: '2026-11-03' },
    ],
    payments: [{ invoice_id: 1001, amount: '119.00', payment_date: '2026-11-10' }],
  });
  const source = await serveEmulator(plandocket);
  const target = await serveEmulator(createInvoiceOceanEmulator({ apiToken: 'io-demo-token' }));
  const from = createPlandocketAdapter({ baseUrl: source.baseUrl, apiKey: 'pd-demo-key' });
  const to = createInvoiceOceanAdapter({ apiToken: 'io-demo-token/acme', baseUrl: target.baseUrl });

  // journal: 'migration.jsonl' makes the run resumable; in memory here
  const report = await migrate({ from, to });
  console.log(summarize(report)); // created 2 …, explained 2: each sent invoice is held as issued

  await Promise.all([from.close(), to.close(), source.close(), target.close()]);
  // readme:end

  expect(printed).toEqual([
    expect.stringContaining(
      'plandocket → invoiceocean: 2 invoices\n' +
        '  created 2, already present 0, resumed 0, skipped 0, failed 0\n' +
        '  reconciled 0, explained 2, mismatched 0; customers 1\n',
    ),
  ]);
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  expect(readme).toContain(readmeExampleIn(readFileSync(new URL(import.meta.url), 'utf8')));
});
