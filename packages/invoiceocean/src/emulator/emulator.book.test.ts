import type { EmulatorOutcome } from '@invoicekit/core/emulator';
import { describe, expect, it } from 'vitest';
import { createInvoiceOceanEmulator } from './emulator';

/** The emulator holds what the vendor holds for issue 12, in the vendor's wire shape. */
const TOKEN = 'emulator-book-token';
const fixedClock = { now: () => new Date('2026-11-21T10:00:00.000Z') };

async function call(
  target: ReturnType<typeof createInvoiceOceanEmulator>,
  method: string,
  pathAndQuery: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const url = new URL(pathAndQuery, 'https://acme.invoiceocean.com');
  url.searchParams.set('api_token', TOKEN);
  const outcome: EmulatorOutcome = await target.handle({
    method,
    path: url.pathname,
    query: url.searchParams,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? '' : JSON.stringify(body),
  });
  if (outcome.kind !== 'response') throw new Error('dropped');
  return {
    status: outcome.response.status,
    body: JSON.parse(String(outcome.response.body)) as Record<string, unknown>,
  };
}

describe('the emulator holds the invoice book', () => {
  it('keeps a number, a unit, terms in days, the skonto, the seller account and SWIFT, and the private note', async () => {
    const target = createInvoiceOceanEmulator({
      apiToken: TOKEN,
      account: 'acme',
      clock: fixedClock,
    });
    const created = await call(target, 'POST', '/invoices.json', {
      invoice: {
        number: 'FV/7/2026',
        buyer_name: 'B',
        issue_date: '2026-03-02',
        payment_to_kind: 14,
        skonto_active: '1',
        skonto_discount_date: '2026-03-12',
        skonto_discount_value: '2',
        seller_bank_account: 'PL61109010140000071219812874',
        seller_bank: 'mBank',
        additional_fields: { seller_bank_swift: 'BREXPLPW' },
        internal_note: 'private',
        positions: [{ name: 'A', price_net: '10', tax: '23', quantity: 2, quantity_unit: 'h' }],
      },
    });
    expect(created.status).toBe(201);
    const read = (await call(target, 'GET', `/invoices/${String(created.body.id)}.json`)).body;
    expect(read).toMatchObject({
      number: 'FV/7/2026',
      payment_to_kind: 14,
      payment_to: '2026-03-16',
      skonto_active: true,
      skonto_discount_date: '2026-03-12',
      skonto_discount_value: '2',
      seller_bank_account: 'PL61109010140000071219812874',
      seller_bank: 'mBank',
      seller_bank_swift: 'BREXPLPW',
      internal_note: 'private',
      positions: [expect.objectContaining({ quantity_unit: 'h', quantity: '2.0' })],
    });
  });

  it('lists an invoice’s banking payments as connected_payments only when asked', async () => {
    const target = createInvoiceOceanEmulator({
      apiToken: TOKEN,
      account: 'acme',
      clock: fixedClock,
    });
    const created = await call(target, 'POST', '/invoices.json', {
      invoice: { buyer_name: 'B', positions: [{ name: 'A', price_net: '100', tax: '23' }] },
    });
    const id = Number(created.body.id);
    for (const [price, date, provider] of [
      ['20', '2026-03-01', 'cash'],
      ['30', '2026-03-04', 'transfer'],
    ] as const)
      await call(target, 'POST', '/banking/payments.json', {
        banking_payment: {
          name: `P ${price}`,
          price,
          invoice_id: id,
          paid: true,
          kind: 'api',
          paid_date: date,
          provider,
        },
      });
    const plain = (await call(target, 'GET', `/invoices/${id}.json`)).body;
    expect(plain).not.toHaveProperty('connected_payments');
    const withPayments = (
      await call(
        target,
        'GET',
        `/invoices/${id}.json?additional_fields[invoice]=connected_payments`,
      )
    ).body;
    expect(withPayments).toMatchObject({ status: 'partial', paid: '50.0' });
    expect(withPayments.connected_payments).toEqual([
      expect.objectContaining({
        price: '20.0',
        paid_date: '2026-03-01',
        provider: 'cash',
        name: 'P 20',
        invoice_id: id,
      }),
      expect.objectContaining({
        price: '30.0',
        paid_date: '2026-03-04',
        provider: 'transfer',
        name: 'P 30',
        invoice_id: id,
      }),
    ]);
  });
});
