import { serveEmulator, type ServedEmulator } from '@invoicekit/core/emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMethodStyleEmulator } from './emulator';

const EMAIL = 'owner@acme.example';
const API_KEY = 'emulator-key-7d20b4c1';
const BASIC = `Basic ${Buffer.from(`${EMAIL}:${API_KEY}`).toString('base64')}`;

let served: ServedEmulator;
let emulator: ReturnType<typeof createMethodStyleEmulator>;

beforeEach(async () => {
  emulator = createMethodStyleEmulator({
    email: EMAIL,
    apiKey: API_KEY,
    now: () => new Date('2026-11-20T09:00:00Z'),
  });
  served = await serveEmulator(emulator);
  emulator.seed({ customers: [{ CUSTOMER_ID: 7, ORGANIZATION: 'Muster GmbH' }] });
});
afterEach(() => served.close());

async function call(envelope: Record<string, unknown>): Promise<Record<string, unknown>> {
  const response = await fetch(`${served.baseUrl}/api/1.0/api.php`, {
    method: 'POST',
    headers: { authorization: BASIC, 'content-type': 'application/json' },
    body: JSON.stringify(envelope),
  });
  return ((await response.json()) as { RESPONSE: Record<string, unknown> }).RESPONSE;
}

async function invoice(id: unknown): Promise<Record<string, unknown>> {
  const answer = await call({ SERVICE: 'invoice.get', FILTER: { INVOICE_ID: id } });
  return (answer.INVOICES as Record<string, unknown>[])[0] ?? {};
}

describe('the emulator keeps payments as records', () => {
  it('seeded part payments: PAYMENTS[] in the reference’s field order, each with its own date and type', async () => {
    emulator.seed({
      invoices: [
        {
          CUSTOMER_ID: 7,
          INVOICE_DATE: '2026-10-01',
          ITEMS: [{ DESCRIPTION: 'Beratung', UNIT_PRICE: '100.00', VAT_PERCENT: '19' }],
          PAYMENTS: [
            { DATE: '2026-10-05', AMOUNT: '50.00', TYPE: '1', NOTE: 'SEPA 77' },
            { DATE: '2026-10-20', AMOUNT: '19.00', TYPE: 'kreditkarte' },
          ],
        },
      ],
    });
    const listed = await call({ SERVICE: 'invoice.get' });
    const id = (listed.INVOICES as Record<string, unknown>[])[0]?.INVOICE_ID;
    const before = await invoice(id);
    expect(before.PAYMENTS).toEqual([
      {
        PAYMENT_ID: expect.stringMatching(/^\d+$/),
        DATE: '2026-10-05 00:00:00',
        AMOUNT: '50.00',
        CURRENCY_CODE: 'EUR',
        NOTE: 'SEPA 77',
        TYPE: '1',
      },
      expect.objectContaining({
        DATE: '2026-10-20 00:00:00',
        AMOUNT: '19.00',
        TYPE: 'kreditkarte',
      }),
    ]);
    // Placed after TOTAL, as the reference lists it.
    const keys = Object.keys(before);
    expect(keys.indexOf('PAYMENTS')).toBe(keys.indexOf('TOTAL') + 1);
    expect(before).toMatchObject({ OUTSTANDING_AMOUNT: '50,00', PAID_DATE: '0000-00-00 00:00:00' });

    // setpaid books what is still open as a third record, with its own date and method.
    await call({
      SERVICE: 'invoice.setpaid',
      DATA: { INVOICE_ID: id, PAID_DATE: '2026-11-02', PAYMENT_METHOD: 'bar' },
    });
    const after = await invoice(id);
    expect(
      (after.PAYMENTS as Record<string, unknown>[]).map((payment) => [
        payment.DATE,
        payment.AMOUNT,
        payment.TYPE,
      ]),
    ).toEqual([
      ['2026-10-05 00:00:00', '50.00', '1'],
      ['2026-10-20 00:00:00', '19.00', 'kreditkarte'],
      ['2026-11-02 00:00:00', '50.00', 'bar'],
    ]);
    expect(after).toMatchObject({ OUTSTANDING_AMOUNT: '0,00', PAID_DATE: '2026-11-02 00:00:00' });
  });

  it('payments covering the total make a seeded invoice paid on the last one’s date', async () => {
    emulator.seed({
      invoices: [
        {
          CUSTOMER_ID: 7,
          ITEMS: [{ DESCRIPTION: 'Buch', UNIT_PRICE: '10.00', VAT_PERCENT: '0' }],
          PAYMENTS: [
            { DATE: '2026-10-05', AMOUNT: '4.00' },
            { DATE: '2026-10-06', AMOUNT: '6.00' },
          ],
        },
      ],
    });
    const listed = await call({ SERVICE: 'invoice.get' });
    expect((listed.INVOICES as Record<string, unknown>[])[0]).toMatchObject({
      STATUS: 'paid',
      PAID_DATE: '2026-10-06 00:00:00',
      OUTSTANDING_AMOUNT: '0,00',
    });
  });

  it('an invoice without payments has no PAYMENTS tag (as in the Monsum capture); a line’s UNIT is kept', async () => {
    const created = await call({
      SERVICE: 'invoice.create',
      DATA: {
        CUSTOMER_ID: 7,
        ITEMS: [{ DESCRIPTION: 'Beratung', UNIT: 'h', UNIT_PRICE: '100', VAT_PERCENT: '19' }],
      },
    });
    const draft = await invoice(created.INVOICE_ID);
    expect(draft).not.toHaveProperty('PAYMENTS');
    const [item] = draft.ITEMS as Record<string, unknown>[];
    expect(item).toMatchObject({ QUANTITY: '1.00', UNIT: 'h' });
    const keys = Object.keys(item ?? {});
    expect(keys.indexOf('UNIT')).toBe(keys.indexOf('QUANTITY') + 1);
  });
});
