import { ValidationError } from '@invoicekit/core';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPlandocketEmulator } from '../emulator';
import { serveLoopback, type Loopback } from '../__fixtures__/loopback';
import { createPlandocketAdapter, type PlandocketAdapter } from '../index';

const API_KEY = 'pd-client-input-key-70b3e1f9aa';

let server: Loopback;
let adapter: PlandocketAdapter;

beforeAll(async () => {
  nock.enableNetConnect('127.0.0.1');
  const emulator = createPlandocketEmulator({ apiKey: API_KEY });
  emulator.seed({ contacts: [{ id: 1, company_name: 'Messe GmbH' }] });
  emulator.seed({
    invoices: [
      {
        id: 7,
        contact_id: 1,
        status: 'sent',
        items: [{ description: 'Stand', unit_price: '100.00', tax_rate: '19' }],
      },
    ],
  });
  server = await serveLoopback(emulator);
  adapter = createPlandocketAdapter({ baseUrl: server.baseUrl, apiKey: API_KEY });
});
afterAll(async () => {
  await adapter.close();
  await server.close();
  nock.disableNetConnect();
});

let before = 0;
afterEach(() => {
  before = server.requests.length;
});

/** The ValidationError a call ended with, and that nothing reached the server for it. */
async function refused(call: () => Promise<unknown>): Promise<ValidationError> {
  const sent = server.requests.length;
  const error = await call().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ValidationError);
  expect(server.requests.length).toBe(sent);
  return error as ValidationError;
}

const injected = { $gt: '' };

describe('every write of adapter.vendor validates its input before sending', () => {
  it.each([
    ['0', 'amount'],
    ['0.00', 'amount'],
    ['000', 'amount'],
    ['-5', 'amount'],
    ['1e3', 'amount'],
    [' 5', 'amount'],
  ])('payments.create refuses the amount %j: nothing sent', async (amount, path) => {
    const error = await refused(() =>
      adapter.vendor.payments.create({ invoice_number: 'RE-1', amount }),
    );
    expect(error.issues.map((issue) => issue.path)).toContain(path);
  });

  it('payments.update and invoices.update refuse zero amounts, objects and unknown fields', async () => {
    for (const body of [
      { amount: '0' },
      { amount: injected },
      { notes: injected },
      { status: ['completed'] },
      { invoice_number: 'RE-2' },
      {},
    ])
      await refused(() => adapter.vendor.payments.update('1', body as never));
    for (const patch of [
      { status: injected },
      { notes: injected },
      { due_date: injected },
      { due_date: '2026-13-45' },
      { price_net: injected },
      {},
    ])
      await refused(() => adapter.vendor.invoices.update('7', patch as never));
  });

  it('contacts.create and contacts.update refuse objects and lists where values belong', async () => {
    for (const body of [
      { company_name: injected },
      { company_name: 'Messe', email: ['a@b.example'] },
      { company_name: 'Messe', custom_field_1: injected },
      { company_name: 'Messe', 'x[$ne]': '1' },
      { company_name: 'Messe', rating: 1.5 },
      {},
    ]) {
      await refused(() => adapter.vendor.contacts.create(body));
      await refused(() => adapter.vendor.contacts.update('1', body));
    }
  });

  it('queries refuse operator objects in place of filter values', async () => {
    const sent = server.requests.length;
    for (const list of [
      () => adapter.vendor.invoices.list({ customer_number: injected } as never),
      () => adapter.vendor.contacts.list({ search: injected } as never),
      () => adapter.vendor.payments.list({ invoice_number: injected } as never),
    ]) {
      const error = await (async () => {
        for await (const record of list()) return record;
        return undefined;
      })().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ValidationError);
    }
    expect(server.requests.length).toBe(sent);
  });

  it('valid writes still go out: a positive payment, a contact with an undocumented field', async () => {
    const payment = await adapter.vendor.payments.create({
      invoice_number: (await adapter.invoices.get('7')).number ?? '',
      amount: '10.00',
    });
    expect(payment.data.id).toBeDefined();
    await adapter.vendor.payments.update(String(payment.data.id), { notes: 'Kontoauszug 3' });
    const contact = await adapter.vendor.contacts.update('1', {
      notes: 'x',
      custom_field_1: 'kept',
    });
    expect(contact.data.notes).toBe('x');
    expect(server.requests.length).toBeGreaterThan(before);
  });
});

describe('markPaid never records a zero payment', () => {
  it.each(['0', '0.00', '-1'])('amount %j → ValidationError, nothing sent', async (amount) => {
    await refused(() => adapter.invoices.markPaid('7', { amount }));
  });
});
