import { readFileSync } from 'node:fs';
import { ValidationError } from '@invoicekit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { answer, serveHostile, type HostileServer } from './__fixtures__/hostile-server';
import { createInvoiceOceanAdapter } from './index';

/** Ids put into URL paths — the caller's and those from the vendor's own answers — stay one segment. */
const TOKEN = 'path-ids-token-51d0aa';
const invoiceJson = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...(JSON.parse(
    readFileSync(new URL('./__fixtures__/wooyek_invoice_get.json', import.meta.url), 'utf8'),
  ) as Record<string, unknown>),
  id: 1,
  ...overrides,
});

let server: HostileServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function against(routes: Record<string, unknown>) {
  server = await serveHostile((request, response) => {
    const body = routes[`${request.method} ${request.path}`];
    if (body === undefined) return answer(response, 404, { code: 'error', message: 'Not found' });
    return answer(response, 200, body);
  });
  return createInvoiceOceanAdapter({ apiToken: `${TOKEN}/acme`, baseUrl: server.baseUrl });
}
const sent = () => (server?.requests ?? []).map((request) => `${request.method} ${request.url}`);

describe.each(['1/../../admin', '1?x=', '1#x', '../accounts'])('a vendor id %j', (hostileId) => {
  const encoded = encodeURIComponent(hostileId);

  it("a correction's from_invoice_id is encoded when its lines are replaced", async () => {
    const adapter = await against({
      'GET /invoices/1.json': invoiceJson({ kind: 'correction', from_invoice_id: hostileId }),
    });
    await adapter.invoices
      .update('1', { lines: [{ description: 'x', unitPrice: '-1', taxRate: 0 }] })
      .catch(() => undefined);
    const paths = sent().map((line) => line.split('?')[0]);
    expect(paths[0]).toBe('GET /invoices/1.json');
    expect(paths[1]).toBe(`GET /invoices/${encoded}.json`);
    expect(server?.requests.every((request) => request.path.startsWith('/invoices/'))).toBe(true);
  });

  it("a created invoice's id is encoded when it is read back", async () => {
    const adapter = await against({ 'POST /invoices.json': { id: hostileId, kind: 'vat' } });
    await adapter.invoices
      .create({
        currency: 'PLN',
        customer: { snapshot: { name: 'B' } },
        lines: [{ description: 'x', unitPrice: '1', taxRate: 0 }],
      })
      .catch(() => undefined);
    expect(server?.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /invoices.json',
      `GET /invoices/${encoded}.json`,
    ]);
    expect(new URL(`http://x${server?.requests[1]?.url ?? ''}`).searchParams.has('x')).toBe(false);
  });
});

describe('ids no encoding makes safe', () => {
  it.each(['..', '.'])('a caller id %j is refused before anything is sent', async (id) => {
    const adapter = await against({});
    for (const call of [
      () => adapter.invoices.get(id),
      () => adapter.invoices.send(id),
      () => adapter.invoices.markPaid(id),
      () => adapter.customers.get(id),
      () => adapter.vendor.invoices.actions.sendByEmail(id),
      () => adapter.vendor.products.update(id, { name: 'x' }),
    ]) {
      await expect(call()).rejects.toBeInstanceOf(ValidationError);
    }
    expect(sent()).toEqual([]);
  });

  it('a vendor from_invoice_id ".." is a ProviderError, not a request to the parent path', async () => {
    const adapter = await against({
      'GET /invoices/1.json': invoiceJson({ kind: 'correction', from_invoice_id: '..' }),
    });
    await expect(
      adapter.invoices.update('1', { lines: [{ description: 'x', unitPrice: '-1', taxRate: 0 }] }),
    ).rejects.toMatchObject({ code: 'provider', message: /from_invoice_id/ });
    expect(sent().map((line) => line.split('?')[0])).toEqual(['GET /invoices/1.json']);
  });
});
