import { attachToNock } from '@invoicekit/core/emulator';
import { createInvoiceOceanAdapter } from '@invoicekit/invoiceocean';
import { createInvoiceOceanEmulator } from '@invoicekit/invoiceocean/emulator';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { openBalances } from './open-balances';

// 1. No network: every request must be answered by the emulator.
beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
afterEach(() => nock.cleanAll());

it('sums what each customer still owes, per currency', async () => {
  // 2. A stateful emulator of the vendor, seeded in the vendor's own shapes…
  const emulator = createInvoiceOceanEmulator({ apiToken: 'test-token-123', account: 'acme' });
  emulator.seed({
    invoices: [
      {
        buyer_name: 'Nordlicht GmbH',
        currency: 'EUR',
        positions: [{ name: 'Stand', quantity: 2, price_net: '100.00', tax: 19 }],
      },
      {
        buyer_name: 'Nordlicht GmbH',
        currency: 'EUR',
        positions: [{ name: 'Strom', quantity: 1, price_net: '50.00', tax: 19 }],
      },
      {
        buyer_name: 'Wisła Sp. z o.o.',
        currency: 'PLN',
        positions: [{ name: 'Catering', quantity: 10, price_net: '24.00', tax: 8 }],
      },
    ],
  });
  // 3. …answering on your nock scope for the vendor's real host.
  attachToNock(emulator, nock('https://acme.invoiceocean.com'));
  const adapter = createInvoiceOceanAdapter({ apiToken: 'test-token-123/acme' });

  const balances = await openBalances(adapter);

  // 4. Assert your result…
  expect([...balances.values()]).toEqual([
    { customer: 'Nordlicht GmbH', currency: 'EUR', due: '297.50' },
    { customer: 'Wisła Sp. z o.o.', currency: 'PLN', due: '259.20' },
  ]);
  // 5. …and what was sent: every period (not the vendor's 12-month default), positions included.
  const listed = emulator.requests.find((request) => request.path === '/invoices.json');
  expect(listed?.query).toMatchObject({ period: 'all', include_positions: 'true' });
  await adapter.close();
});
