import { TOKENS } from '@invoicekit/core';
import { attachToNock } from '@invoicekit/core/emulator';
import { createFakeClock } from '@invoicekit/core/testing';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMethodStyleEmulator } from '../emulator';
import { createBillomatStyleAdapter, type BillomatStyleAdapter } from '../index';
import type { MethodStyleClient } from './method-client';

/** The documented filters and tags of issue 10 through the typed client, in both wire formats. */

const HOST = 'https://app.monsum.com';
const EMAIL = 'owner@acme.example';
const API_KEY = 'client-key-5d0e7b21';

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());

for (const format of ['json', 'xml'] as const) {
  describe(`documented filters and tags through the typed client (${format})`, () => {
    let emulator: ReturnType<typeof createMethodStyleEmulator>;
    let adapter: BillomatStyleAdapter;
    let client: MethodStyleClient;

    beforeEach(() => {
      const clock = createFakeClock(Date.UTC(2026, 10, 20, 9));
      emulator = createMethodStyleEmulator({
        email: EMAIL,
        apiKey: API_KEY,
        now: () => new Date(clock.now()),
      });
      attachToNock(emulator, nock(HOST));
      adapter = createBillomatStyleAdapter(
        { email: EMAIL, apiKey: API_KEY, format },
        { configure: (container) => container.register(TOKENS.Clock, { useValue: clock }) },
      );
      client = adapter.vendor;
    });
    afterEach(async () => {
      await adapter.close();
      nock.cleanAll();
    });

    it('customer.get takes an array of CUSTOMER_IDs', async () => {
      const ids: string[] = [];
      for (const name of ['Eins GmbH', 'Zwei GmbH', 'Drei GmbH']) {
        ids.push(
          (await client.customers.create({ CUSTOMER_TYPE: 'business', ORGANIZATION: name }))
            .customerId,
        );
      }
      const found = await client.customers.get({ CUSTOMER_ID: [ids[0] ?? '', ids[2] ?? ''] });
      expect(found.map((customer) => customer.ORGANIZATION)).toEqual(['Eins GmbH', 'Drei GmbH']);
    });
  });
}
