import { attachToNock, serveEmulator } from '@invoicekit/core/emulator';
import {
  createFakeClock,
  runAdapterConformanceSuite,
  type ConformanceHarness,
} from '@invoicekit/core/testing';
import nock from 'nock';
import { afterAll, beforeAll, describe } from 'vitest';
import { createInvoiceOceanEmulator } from './emulator';
import { createInvoiceOceanAdapter } from './index';

const TOKEN = 'io-canary-token-7d3f9a1b';
const WRONG = 'io-wrong-token-0c4e8b2a';
const PAGE_SIZE = 5;

function harness(
  baseUrl: string,
  format: 'json' | 'xml',
  emulator: ReturnType<typeof createInvoiceOceanEmulator>,
  close: () => Promise<void>,
): ConformanceHarness {
  // The clock the adapter sleeps on and reads "today" from; 2026-11-20, a day before the emulator's.
  const clock = createFakeClock(Date.UTC(2026, 10, 20, 9));
  const adapter = createInvoiceOceanAdapter({
    apiToken: `${TOKEN}/acme`,
    baseUrl,
    format,
    pageSize: PAGE_SIZE,
    clock,
  });
  const adapterWithBadCredentials = createInvoiceOceanAdapter({
    apiToken: `${WRONG}/acme`,
    baseUrl,
    format,
    pageSize: PAGE_SIZE,
    clock,
  });
  return {
    adapter,
    adapterWithBadCredentials,
    emulator,
    secrets: [TOKEN, WRONG],
    clock,
    pageSize: PAGE_SIZE,
    seedInvoices: (count) =>
      emulator.seed({
        invoices: Array.from({ length: count }, () => ({ issue_date: '2026-11-02' })),
      }),
    invoiceInput: ({ customerId, externalId }) => ({
      currency: 'PLN',
      issueDate: '2026-11-02',
      dueDate: '2026-12-16',
      customer: customerId
        ? { id: customerId }
        : { snapshot: { name: 'Jednorazowy Nabywca Sp. z o.o.' } },
      lines: [
        { description: 'Usługa programistyczna', quantity: '3', unitPrice: '120.00', taxRate: 23 },
        {
          description: 'Licencja',
          quantity: '1',
          unitPrice: '59.50',
          unitPriceKind: 'gross',
          taxRate: '8',
        },
      ],
      ...(externalId ? { externalId } : {}),
    }),
    close: async () => {
      await adapter.close();
      await adapterWithBadCredentials.close();
      await close();
    },
  };
}

const emulatorFor = () => createInvoiceOceanEmulator({ apiToken: TOKEN, account: 'acme' });

for (const format of ['json', 'xml'] as const) {
  describe(`InvoiceOcean over nock (${format})`, () => {
    beforeAll(() => nock.disableNetConnect());
    afterAll(() => {
      nock.cleanAll();
      nock.enableNetConnect();
    });
    runAdapterConformanceSuite({
      name: `invoiceocean (nock, ${format})`,
      setup: () => {
        const emulator = emulatorFor();
        attachToNock(emulator, nock('https://acme.invoiceocean.com'));
        return Promise.resolve(
          harness('https://acme.invoiceocean.com', format, emulator, () => {
            nock.cleanAll();
            return Promise.resolve();
          }),
        );
      },
    });
  });
}

describe('InvoiceOcean over loopback HTTP (json)', () => {
  runAdapterConformanceSuite({
    name: 'invoiceocean (loopback, json)',
    setup: async () => {
      const emulator = emulatorFor();
      const served = await serveEmulator(emulator);
      return harness(served.baseUrl, 'json', emulator, () => served.close());
    },
  });
});
