import { attachToNock, serveEmulator } from '@invoicekit/core/emulator';
import {
  createFakeClock,
  runAdapterConformanceSuite,
  type ConformanceHarness,
} from '@invoicekit/core/testing';
import nock from 'nock';
import { afterAll, beforeAll, describe } from 'vitest';
import { createPlandocketEmulator } from './emulator';
import { createPlandocketAdapter } from './index';

const API_KEY = 'pd-canary-key-8c2f4e61a9';
const WRONG_KEY = 'pd-wrong-key-1b7d0c93e5';
const PAGE_SIZE = 4;
const HOST = 'https://acme.plandocket.com';

/** The emulator and the adapter read one fake clock, so "today" is the same on both sides. */
function emulatorFor() {
  const clock = createFakeClock(Date.UTC(2026, 10, 20, 9));
  const emulator = createPlandocketEmulator({ apiKey: API_KEY, now: () => new Date(clock.now()) });
  return { emulator, clock };
}

function harness(
  baseUrl: string,
  { emulator, clock }: ReturnType<typeof emulatorFor>,
  close: () => Promise<void>,
): ConformanceHarness {
  const adapter = createPlandocketAdapter({ baseUrl, apiKey: API_KEY, pageSize: PAGE_SIZE, clock });
  const adapterWithBadCredentials = createPlandocketAdapter({
    baseUrl,
    apiKey: WRONG_KEY,
    pageSize: PAGE_SIZE,
    clock,
  });
  let seededContact = false;
  return {
    adapter,
    adapterWithBadCredentials,
    emulator,
    secrets: [API_KEY, WRONG_KEY],
    clock,
    pageSize: PAGE_SIZE,
    // The API cannot create invoices: the suite seeds them (Plandocket makes them in its UI).
    seedInvoices: (count) => {
      if (!seededContact) {
        emulator.seed({ contacts: [{ id: 4711, company_name: 'Messebau Nord GmbH' }] });
        seededContact = true;
      }
      emulator.seed({
        invoices: Array.from({ length: count }, () => ({
          contact_id: 4711,
          event_key: 'messe-2026',
          items: [
            {
              description: 'Standfläche 12 m²',
              quantity: '12',
              unit_price: '85.50',
              tax_rate: '19',
            },
            { description: 'Strom', quantity: '1', unit_price: '59.00', tax_rate: '19' },
          ],
        })),
      });
    },
    invoiceInput: ({ customerId }) => ({
      currency: 'EUR',
      customer: customerId ? { id: customerId } : { snapshot: { name: 'Messebau Nord GmbH' } },
      lines: [{ description: 'Standfläche', unitPrice: '85.50', taxRate: 19 }],
    }),
    close: async () => {
      await adapter.close();
      await adapterWithBadCredentials.close();
      await close();
    },
  };
}

describe('Plandocket over nock', () => {
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });
  runAdapterConformanceSuite({
    name: 'plandocket (nock)',
    setup: () => {
      const parts = emulatorFor();
      attachToNock(parts.emulator, nock(HOST));
      return Promise.resolve(
        harness(HOST, parts, () => {
          nock.cleanAll();
          return Promise.resolve();
        }),
      );
    },
  });
});

describe('Plandocket over loopback HTTP', () => {
  runAdapterConformanceSuite({
    name: 'plandocket (loopback)',
    setup: async () => {
      const parts = emulatorFor();
      const served = await serveEmulator(parts.emulator);
      return harness(served.baseUrl, parts, () => served.close());
    },
  });
});
