import { describe, expect, it } from 'vitest';
import { SERVICE_PATH } from '../client/service-path';
import { createMethodStyleEmulator } from './emulator';

/**
 * invoice.get by INVOICE_ID is a lookup, not a scan, and an unfiltered page is not filtered: the
 * answers must stay those of the scan after creates, updates, cancellations and deletes.
 */

const EMAIL = 'index@acme.example';
const API_KEY = 'index-key-5d2e';
const AUTHORIZATION = `Basic ${Buffer.from(`${EMAIL}:${API_KEY}`).toString('base64')}`;
type Row = Record<string, unknown>;

async function call(
  emulator: ReturnType<typeof createMethodStyleEmulator>,
  envelope: Row,
): Promise<Row> {
  const outcome = (await emulator.handle({
    method: 'POST',
    path: SERVICE_PATH,
    query: new URLSearchParams(),
    headers: { authorization: AUTHORIZATION, host: '127.0.0.1:1' },
    body: JSON.stringify(envelope),
  })) as { response?: { body: unknown }; body?: unknown };
  const body = (outcome.response ?? outcome).body;
  const text = typeof body === 'string' ? body : Buffer.from(body as Buffer).toString('utf8');
  return (JSON.parse(text) as { RESPONSE: Row }).RESPONSE;
}

const ids = (response: Row) =>
  ((response.INVOICES ?? []) as Row[]).map((invoice) => invoice.INVOICE_ID);

describe('the emulator invoice look-ups', () => {
  it('stay right after creates, updates, cancels and deletes', async () => {
    const emulator = createMethodStyleEmulator({ email: EMAIL, apiKey: API_KEY });
    emulator.seed({ customers: [{ CUSTOMER_ID: 7, ORGANIZATION: 'Index GmbH' }] });
    emulator.seed({ invoices: Array.from({ length: 5 }, () => ({ CUSTOMER_ID: 7 })) });
    const item = { DESCRIPTION: 'Beratung', UNIT_PRICE: '10.00', VAT_PERCENT: '19' };
    const draft = await call(emulator, {
      SERVICE: 'invoice.create',
      DATA: { CUSTOMER_ID: '7', ITEMS: [item] },
    });
    const draftId = String(draft.INVOICE_ID);

    // Several ids, out of order and repeated: once each, in the book's order.
    expect(
      ids(
        await call(emulator, {
          SERVICE: 'invoice.get',
          FILTER: { INVOICE_ID: [draftId, '2346', '2345', '2346'] },
        }),
      ),
    ).toEqual(['2345', '2346', draftId]);
    // An id combined with another filter still applies that filter.
    expect(
      ids(
        await call(emulator, {
          SERVICE: 'invoice.get',
          FILTER: { INVOICE_ID: draftId, TYPE: 'outgoing' },
        }),
      ),
    ).toEqual([]);

    await call(emulator, {
      SERVICE: 'invoice.update',
      DATA: { INVOICE_ID: draftId, ITEMS: [{ ...item, UNIT_PRICE: '20.00' }] },
    });
    const [updated] = (
      await call(emulator, { SERVICE: 'invoice.get', FILTER: { INVOICE_ID: draftId } })
    ).INVOICES as Row[];
    expect(updated?.SUB_TOTAL).toBe(30);

    // The lines' amounts are computed once per list of lines: a header change that prices the
    // same lines gross, and a change of the lines, are both seen.
    await call(emulator, {
      SERVICE: 'invoice.update',
      DATA: { INVOICE_ID: draftId, IS_GROSS: '1' },
    });
    const [gross] = (
      await call(emulator, { SERVICE: 'invoice.get', FILTER: { INVOICE_ID: draftId } })
    ).INVOICES as Row[];
    expect(gross?.TOTAL).toBe(30);
    await call(emulator, {
      SERVICE: 'invoice.update',
      DATA: { INVOICE_ID: draftId, IS_GROSS: '0', ITEMS: [{ ...item, UNIT_PRICE: '40.00' }] },
    });
    const [relined] = (
      await call(emulator, { SERVICE: 'invoice.get', FILTER: { INVOICE_ID: draftId } })
    ).INVOICES as Row[];
    expect(relined?.SUB_TOTAL).toBe(70);

    await call(emulator, { SERVICE: 'invoice.cancel', DATA: { INVOICE_ID: '2346' } });
    const [canceled] = (
      await call(emulator, { SERVICE: 'invoice.get', FILTER: { INVOICE_ID: '2346' } })
    ).INVOICES as Row[];
    expect(canceled?.IS_CANCELED).toBe('1');

    await call(emulator, { SERVICE: 'invoice.delete', DATA: { INVOICE_ID: draftId } });
    expect(
      ids(await call(emulator, { SERVICE: 'invoice.get', FILTER: { INVOICE_ID: draftId } })),
    ).toEqual([]);
    expect(ids(await call(emulator, { SERVICE: 'invoice.get', LIMIT: 100 }))).toEqual([
      '2345',
      '2346',
      '2347',
      '2348',
      '2349',
    ]);
    // An id that is no number filters nothing, as before.
    expect(
      ids(
        await call(emulator, {
          SERVICE: 'invoice.get',
          FILTER: { INVOICE_ID: 'abc' },
          LIMIT: 2,
          OFFSET: 3,
        }),
      ),
    ).toEqual(['2348', '2349']);
  });
});
