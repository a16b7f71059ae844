import { serveEmulator, type ServedEmulator } from '@invoicekit/core/emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInvoiceOceanEmulator } from './emulator';
import { createInvoiceOceanAdapter } from './index';

const TOKEN = 'credit-note-token-42';
let served: ServedEmulator;
let emulator: ReturnType<typeof createInvoiceOceanEmulator>;
let adapter: ReturnType<typeof createInvoiceOceanAdapter>;

beforeEach(async () => {
  emulator = createInvoiceOceanEmulator({ apiToken: TOKEN, account: 'acme' });
  served = await serveEmulator(emulator);
  adapter = createInvoiceOceanAdapter({ apiToken: `${TOKEN}/acme`, baseUrl: served.baseUrl });
});
afterEach(async () => {
  await adapter.close();
  await served.close();
});

describe('credit notes are correction invoices with before/after positions', () => {
  it("credits one of two units in the shape of the vendor's own correction example", async () => {
    const original = await adapter.invoices.create({
      currency: 'PLN',
      customer: { snapshot: { name: 'Client1 SA' } },
      lines: [
        {
          description: 'Product A1',
          quantity: '2',
          unitPrice: '10',
          unitPriceKind: 'gross',
          taxRate: 23,
        },
      ],
    });
    const { data: credit } = await adapter.invoices.create({
      type: 'credit_note',
      currency: 'PLN',
      relatedInvoiceId: original.data.id,
      customer: { id: original.data.customer.id ?? '' },
      lines: [
        {
          description: 'Product A1',
          quantity: '1',
          unitPrice: '-10',
          unitPriceKind: 'gross',
          taxRate: 23,
        },
      ],
    });

    const sent = JSON.parse(
      emulator.requests.filter((request) => request.method === 'POST').at(-1)?.body ?? '{}',
    ) as {
      invoice: { kind: string; from_invoice_id: number; positions: unknown[] };
    };
    expect(sent.invoice).toMatchObject({
      kind: 'correction',
      from_invoice_id: Number(original.data.id),
    });
    expect(sent.invoice.positions).toEqual([
      {
        name: 'Product A1',
        kind: 'correction',
        quantity: '-1',
        price_gross: '10',
        tax: '23',
        // the corrected invoice's line had 2 units; crediting 1 leaves 1, as in the vendor's example
        correction_before_attributes: {
          name: 'Product A1',
          quantity: '2',
          price_gross: '10',
          tax: '23',
          kind: 'correction_before',
        },
        correction_after_attributes: {
          name: 'Product A1',
          quantity: '1',
          price_gross: '10',
          tax: '23',
          kind: 'correction_after',
        },
      },
    ]);

    expect(credit).toMatchObject({
      type: 'credit_note',
      relatedInvoiceId: original.data.id,
      totals: { gross: '-10.00', net: '-8.13', tax: '-1.87' },
      customer: { snapshot: { name: 'Client1 SA' } },
    });
    // read back in the account's net form: −1 × 8.13 net = −8.13 net, −10.00 gross
    expect(credit.lines[0]).toMatchObject({
      quantity: '-1.0',
      unitPrice: '8.13',
      unitPriceKind: 'net',
      totals: { net: '-8.13', gross: '-10.00' },
    });
    expect(
      (credit.raw as { positions: { correction_before: unknown }[] }).positions[0]
        ?.correction_before,
    ).toMatchObject({ quantity: '2' });
  });
});
