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
      adapter = createBillomatStyleAdapter({ email: EMAIL, apiKey: API_KEY, format, clock });
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
    it('invoice.create takes COMPLETE_GROSS, INVOICE_ITEM_ID, SORT_ORDER and EU_DELIVERY', async () => {
      const { customerId } = await client.customers.create({
        CUSTOMER_TYPE: 'business',
        ORGANIZATION: 'Lieferung SARL',
      });
      const { invoiceId } = await client.invoices.create({
        CUSTOMER_ID: customerId,
        EU_DELIVERY: 1,
        ITEMS: [
          { DESCRIPTION: 'Fracht', COMPLETE_GROSS: '119.00', VAT_PERCENT: '19', SORT_ORDER: 2 },
          { DESCRIPTION: 'Ware', UNIT_PRICE: '50.00', VAT_PERCENT: 19, SORT_ORDER: 1 },
        ],
      });
      const [invoice] = await client.invoices.get({ INVOICE_ID: invoiceId });
      expect((invoice?.ITEMS as Record<string, unknown>[]).map((item) => item.DESCRIPTION)).toEqual(
        ['Ware', 'Fracht'],
      );
      // In XML every scalar travels as text.
      expect(String(invoice?.TOTAL)).toBe('178.5');
      const lines = await client.items.get(invoiceId);
      const freight = lines.find((item) => item.DESCRIPTION === 'Fracht');
      await client.invoices.update({
        INVOICE_ID: invoiceId,
        ITEMS: [
          {
            INVOICE_ITEM_ID: String(freight?.INVOICE_ITEM_ID),
            DESCRIPTION: 'Fracht (express)',
            COMPLETE_GROSS: 238,
            VAT_PERCENT: '19',
          },
        ],
      });
      const [updated] = await client.invoices.get({ INVOICE_ID: invoiceId });
      expect(
        (updated?.ITEMS as Record<string, unknown>[]).map((item) => [
          item.INVOICE_ITEM_ID,
          item.DESCRIPTION,
          String(item.COMPLETE_GROSS),
        ]),
      ).toEqual([
        [lines.find((item) => item.DESCRIPTION === 'Ware')?.INVOICE_ITEM_ID, 'Ware', '59.5'],
        [freight?.INVOICE_ITEM_ID, 'Fracht (express)', '238'],
      ]);
    });
  });
}
