import { attachToNock, serveEmulator } from '@invoicekit/core/emulator';
import {
  createFakeClock,
  runAdapterConformanceSuite,
  type ConformanceHarness,
} from '@invoicekit/core/testing';
import nock from 'nock';
import { afterAll, beforeAll, describe } from 'vitest';
import { createMethodStyleEmulator } from './emulator';
import { createBillomatStyleAdapter } from './index';

const EMAIL = 'billing@acme.example';
const API_KEY = 'ms-canary-key-5b8e2c71d4';
const WRONG_KEY = 'ms-wrong-key-9a0f3e6b12';
const PAGE_SIZE = 4;
const HOST = 'https://app.monsum.com';

type FakeClock = ReturnType<typeof createFakeClock>;

function harness(
  baseUrl: string,
  format: 'json' | 'xml',
  { emulator, clock }: { emulator: ReturnType<typeof createMethodStyleEmulator>; clock: FakeClock },
  close: () => Promise<void>,
): ConformanceHarness {
  const adapter = createBillomatStyleAdapter({
    email: EMAIL,
    apiKey: API_KEY,
    baseUrl,
    format,
    pageSize: PAGE_SIZE,
    clock,
  });
  const adapterWithBadCredentials = createBillomatStyleAdapter({
    email: EMAIL,
    apiKey: WRONG_KEY,
    baseUrl,
    format,
    pageSize: PAGE_SIZE,
    clock,
  });
  return {
    adapter,
    adapterWithBadCredentials,
    emulator,
    secrets: [API_KEY, WRONG_KEY],
    clock,
    pageSize: PAGE_SIZE,
    // Every call is a POST: the lost answer must be the create's, not a read's.
    createRequest: { body: /invoice\.create/ },
    seedInvoices: (count) => {
      emulator.seed({ customers: [{ CUSTOMER_ID: 4711, ORGANIZATION: 'Seeded GmbH' }] });
      emulator.seed({
        invoices: Array.from({ length: count }, () => ({
          CUSTOMER_ID: 4711,
          INVOICE_DATE: '2026-11-02',
        })),
      });
    },
    invoiceInput: ({ customerId, externalId }) => ({
      currency: 'EUR',
      issueDate: '2026-11-19',
      customer: customerId ? { id: customerId } : { snapshot: { name: 'Einmalkunde GmbH' } },
      lines: [
        { description: 'Beratung', quantity: '3', unitPrice: '120.00', taxRate: 19 },
        { description: 'Fachbuch', quantity: '1', unitPrice: '59.50', taxRate: '7' },
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

/** The emulator and the adapter read one fake clock, so "today" is the same on both sides. */
function emulatorFor() {
  const clock = createFakeClock(Date.UTC(2026, 10, 20, 9));
  const emulator = createMethodStyleEmulator({
    email: EMAIL,
    apiKey: API_KEY,
    now: () => new Date(clock.now()),
  });
  return { emulator, clock };
}

for (const format of ['json', 'xml'] as const) {
  describe(`method-style over nock (${format})`, () => {
    beforeAll(() => nock.disableNetConnect());
    afterAll(() => {
      nock.cleanAll();
      nock.enableNetConnect();
    });
    runAdapterConformanceSuite({
      name: `billomat-style (nock, ${format})`,
      setup: () => {
        const parts = emulatorFor();
        attachToNock(parts.emulator, nock(HOST));
        return Promise.resolve(
          harness(HOST, format, parts, () => {
            nock.cleanAll();
            return Promise.resolve();
          }),
        );
      },
    });
  });
}

describe('method-style over loopback HTTP (json)', () => {
  runAdapterConformanceSuite({
    name: 'billomat-style (loopback, json)',
    setup: async () => {
      const parts = emulatorFor();
      const served = await serveEmulator(parts.emulator);
      return harness(served.baseUrl, 'json', parts, () => served.close());
    },
  });
});
