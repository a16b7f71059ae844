import { describe } from 'vitest';
import nock from 'nock';
import { afterAll, beforeAll } from 'vitest';
import { attachToNock } from '../emulator/attach-nock';
import { serveEmulator } from '../emulator/serve-http';
import { createProviderRegistry } from '../di/provider-registry';
import { createFakeClock } from '../testing/fake-clock';
import { runAdapterConformanceSuite, type ConformanceHarness } from '../testing/conformance-suite';
import type { InvoiceAdapterV1 } from '../spec/adapter-v1';
import { acmeProvider } from './provider';
import { createAcmeEmulator } from './emulator/emulator';

const TOKEN = 'acme-canary-token-5f1e2d3c';
const PAGE_SIZE = 5;
const NOCK_BASE = 'https://api.acme.test';

function buildHarness(
  baseUrl: string,
  emulator: ReturnType<typeof createAcmeEmulator>,
  close: () => Promise<void>,
): ConformanceHarness {
  const registry = createProviderRegistry([acmeProvider]);
  // Retries wait on a fake clock: the suite proves the retry and the wait without waiting.
  const clock = createFakeClock();
  const adapter: InvoiceAdapterV1 = registry.createAdapter(
    { provider: 'acme', apiKey: TOKEN, baseUrl, pageSize: PAGE_SIZE },
    { clock },
  );
  const adapterWithBadCredentials = registry.createAdapter(
    { provider: 'acme', apiKey: 'wrong-canary-key-9a8b7c', baseUrl, pageSize: PAGE_SIZE },
    { clock },
  );
  return {
    adapter,
    adapterWithBadCredentials,
    emulator,
    secrets: [TOKEN, 'wrong-canary-key-9a8b7c'],
    clock,
    pageSize: PAGE_SIZE,
    seedInvoices: (count) => emulator.seed({ invoices: Array.from({ length: count }, () => ({})) }),
    invoiceInput: ({ customerId, externalId }) => ({
      currency: 'EUR',
      issueDate: '2026-11-02',
      dueDate: '2026-11-16',
      customer: customerId ? { id: customerId } : { snapshot: { name: 'One-off Buyer Ltd' } },
      lines: [
        { description: 'Consulting', quantity: '3', unitPrice: '120.00', taxRate: 19 },
        {
          description: 'Travel',
          quantity: '1',
          unitPrice: '59.50',
          unitPriceKind: 'gross',
          taxRate: '7',
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

describe('reference provider over nock', () => {
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  runAdapterConformanceSuite({
    name: 'acme (nock)',
    setup: () => {
      const emulator = createAcmeEmulator({ token: TOKEN });
      attachToNock(emulator, nock(NOCK_BASE));
      return Promise.resolve(
        buildHarness(NOCK_BASE, emulator, () => {
          nock.cleanAll();
          return Promise.resolve();
        }),
      );
    },
  });
});

describe('reference provider over loopback HTTP', () => {
  runAdapterConformanceSuite({
    name: 'acme (loopback)',
    setup: async () => {
      const emulator = createAcmeEmulator({ token: TOKEN });
      const served = await serveEmulator(emulator);
      return buildHarness(served.baseUrl, emulator, () => served.close());
    },
  });
});
