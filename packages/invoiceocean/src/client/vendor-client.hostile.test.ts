import { ProviderError, ValidationError } from '@invoicekit/core';
import { collect } from '@invoicekit/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import {
  answer,
  serveHostile,
  type HostileServer,
  NO_RETRIES,
} from '../__fixtures__/hostile-server';
import { createInvoiceOceanAdapter } from '../index';

/** The typed vendor client (`adapter.vendor`) against bad input and broken answers, on loopback. */
const TOKEN = 'vendor-hostile-token-qwxz';

let server: HostileServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A vendor that answers every request with `text` (200), recording what it received. */
async function vendorAnswering(text: string | ((path: string) => unknown)) {
  server = await serveHostile((request, response) =>
    answer(response, 200, typeof text === 'string' ? text : text(request.path)),
  );
  return createInvoiceOceanAdapter({
    apiToken: `${TOKEN}/acme`,
    baseUrl: server.baseUrl,
    ...NO_RETRIES,
  }).vendor;
}

async function refused(call: () => Promise<unknown>, path: string): Promise<void> {
  const error = await call().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).issues.map((issue) => issue.path)).toContain(path);
}

const operator = { $gt: '' };
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

describe('every write validates its input before anything is sent', () => {
  type Vendor = Awaited<ReturnType<typeof vendorAnswering>>;
  const cases: readonly (readonly [string, (vendor: Vendor) => Promise<unknown>, string])[] = [
    [
      'products.update: an operator as price',
      (v) => v.products.update(1, { price_net: operator as never }),
      'product.price_net',
    ],
    [
      'products.create: an operator as price',
      (v) => v.products.create({ name: 'p', price_net: operator as never }),
      'product.price_net',
    ],
    [
      'products.update: an operator as a field name',
      (v) => v.products.update(1, { $where: 'x' } as never),
      'product.$where',
    ],
    [
      'invoices.create: an operator as price',
      (v) => v.invoices.create({ price_net: operator as never }),
      'invoice.price_net',
    ],
    [
      'invoices.update: a position tax of 1000 %',
      (v) => v.invoices.update(1, { positions: [{ name: 'x', tax: '1000' }] }),
      'invoice.positions.0.tax',
    ],
    [
      'invoices.update: markup as a field name',
      (v) => v.invoices.update(1, { 'x><admin': 1 } as never),
      'invoice.x><admin',
    ],
    [
      'invoices.update: an object as the buyer name',
      (v) => v.invoices.update(1, { buyer_name: { $ne: null } as never }),
      'invoice.buyer_name',
    ],
    [
      'clients.update: an object as the name',
      (v) => v.clients.update(1, { name: { $ne: null } as never }),
      'client.name',
    ],
    [
      'clients.create: a function under an unknown field',
      (v) => v.clients.create({ name: 'c', extra: (() => 1) as never }),
      'client.extra',
    ],
    [
      'payments.update: text as the price',
      (v) => v.payments.update(1, { price: 'lots' }),
      'banking_payment.price',
    ],
    [
      'payments.update: NaN as the price',
      (v) => v.payments.update(1, { price: Number.NaN }),
      'banking_payment.price',
    ],
    [
      'categories.update: an empty name',
      (v) => v.categories.update(1, { name: '' }),
      'category.name',
    ],
    [
      'warehouses.update: a number as the name',
      (v) => v.warehouses.update(1, { name: 42 as never }),
      'warehouse.name',
    ],
    [
      'departments.update: an object as the tax number',
      (v) => v.departments.update(1, { tax_no: {} as never }),
      'department.tax_no',
    ],
    [
      'bankAccounts.update: a list as the account number',
      (v) => v.bankAccounts.update(1, { bank_account_number: ['x'] as never }),
      'bank_account.bank_account_number',
    ],
    [
      'priceLists.update: an operator in a position',
      (v) =>
        v.priceLists.update(1, {
          price_list_positions_attributes: { '0': { price_net: operator as never } },
        }),
      'price_list.price_list_positions_attributes.0.price_net',
    ],
    [
      'recurrings.update: an unknown period',
      (v) => v.recurrings.update(1, { every: '2w' as never }),
      'recurring.every',
    ],
    [
      'warehouseDocuments.update: an unknown kind',
      (v) => v.warehouseDocuments.update(1, { kind: 'xx' as never }),
      'warehouse_document.kind',
    ],
    [
      'warehouseDocuments.update: a tax of -19 % in an action',
      (v) => v.warehouseDocuments.update(1, { warehouse_actions: [{ quantity: 1, tax: -19 }] }),
      'warehouse_document.warehouse_actions.0.tax',
    ],
    [
      'warehouseActions.update: an object as quantity',
      (v) => v.warehouseActions.update(1, { quantity: {} as never }),
      'warehouse_action.quantity',
    ],
    [
      'actions.cancel: an object as the reason',
      (v) => v.invoices.actions.cancel(1, operator as never),
      'reason',
    ],
    [
      'departments.uploadLogo: a header in the content type',
      (v) =>
        v.departments.uploadLogo(1, {
          fileName: 'a.png',
          contentType: 'image/png\r\nX-Injected: 1',
          data: png,
        }),
      'file.contentType',
    ],
    [
      'departments.uploadLogo: no file data',
      (v) =>
        v.departments.uploadLogo(1, {
          fileName: 'a.png',
          contentType: 'image/png',
          data: 'x' as never,
        }),
      'file.data',
    ],
    [
      'accounts.addUser: an object as the role',
      (v) => v.accounts.addUser({ email: 'a@example.com', role: {} as never }),
      'user.role',
    ],
    [
      'accounts.create: a function in the company',
      (v) =>
        v.accounts.create({
          account: { prefix: 'a' },
          company: { name: 'c', x: (() => 1) as never },
        }),
      'company.x',
    ],
    [
      'list: an object as a filter',
      (v) => collect(v.products.list({ name: operator as never })),
      'query.name',
    ],
  ];
  it.each(cases)('%s', async (_label, call, path) => {
    const vendor = await vendorAnswering('{"id": 1}');
    await refused(() => call(vendor), path);
    expect(server?.requests).toEqual([]);
  });
});

describe('tax rates the vendor client sends', () => {
  it.each([1e-7, 1000, -19, '1e-7', '1000', '-19', 'ten', Number.POSITIVE_INFINITY, 0.00001])(
    'refuses %j before sending',
    async (tax) => {
      const vendor = await vendorAnswering('{"id": 1}');
      await refused(() => vendor.products.create({ name: 'p', tax: tax as never }), 'product.tax');
      await refused(
        () => vendor.invoices.update(1, { positions: [{ name: 'x', tax: tax as never }] }),
        'invoice.positions.0.tax',
      );
      expect(server?.requests).toEqual([]);
    },
  );

  it.each([
    [23, '23'],
    ['23', '23'],
    [8.5, '8.5'],
    ['7,7', '7.7'],
    [0, '0'],
    ['zw', 'zw'],
    ['NP', 'np'],
    ['oo', 'oo'],
    ['disabled', 'disabled'],
    ['n/a', 'n/a'],
  ] as const)('sends %j as the vendor spelling %j', async (tax, sent) => {
    const vendor = await vendorAnswering('{"id": 1}');
    await vendor.products.create({ name: 'p', tax });
    const body = JSON.parse(server?.requests[0]?.body ?? '{}') as { product: { tax: unknown } };
    expect(body.product.tax).toBe(sent);
  });

  it('writes amounts given as tiny or huge JS numbers as plain decimals, never in exponent form', async () => {
    const vendor = await vendorAnswering('{"id": 1}');
    await vendor.products.create({ name: 'p', price_net: 1e-7, price_gross: 1e21 });
    const text = server?.requests[0]?.body ?? '';
    expect(text).not.toMatch(/e-7|e\+?21/i);
    expect(JSON.parse(text)).toMatchObject({
      product: { price_net: '0.0000001', price_gross: '1000000000000000000000' },
    });
  });
});

describe('answers that are not what the call returns', () => {
  const MALFORMED: readonly (readonly [string, string])[] = [
    ['an empty body', ''],
    ['{}', '{}'],
    ['null', 'null'],
    ['"ok"', '"ok"'],
    ['a list', '[{"id": 1}]'],
    ['a record without id', '{"name": "p"}'],
  ];
  it.each(MALFORMED)('%s from get, create and update is a ProviderError', async (_label, text) => {
    const vendor = await vendorAnswering(text);
    for (const call of [
      () => vendor.products.get(1),
      () => vendor.products.create({ name: 'p' }),
      () => vendor.products.update(1, { name: 'q' }),
      () => vendor.payments.create({ name: 'x', price: '1' }),
      () => vendor.clients.update(1, { name: 'c' }),
      () => vendor.invoices.get(1),
      () =>
        vendor.departments.uploadLogo(1, {
          fileName: 'a.png',
          contentType: 'image/png',
          data: png,
        }),
      () => vendor.invoices.actions.createFromProforma(1),
    ]) {
      await expect(call()).rejects.toBeInstanceOf(ProviderError);
    }
  });

  it.each(MALFORMED.filter(([, text]) => !text.startsWith('{')))(
    '%s from the invoice actions and the partner API is a ProviderError',
    async (_label, text) => {
      const vendor = await vendorAnswering(text);
      for (const call of [
        () => vendor.invoices.actions.changeStatus(1, 'paid'),
        () => vendor.invoices.actions.sendByEmail(1),
        () => vendor.invoices.actions.cancel(1, 'mistake'),
        () => vendor.accounts.get(),
        () => vendor.accounts.requestDeletion(),
        () => vendor.accounts.login({ login: 'l', password: 'p' }),
        () => vendor.priceLists.pricesForProducts(1, [2]),
      ]) {
        await expect(call()).rejects.toBeInstanceOf(ProviderError);
      }
    },
  );

  it.each([
    ['an empty body', ''],
    ['{}', '{}'],
    ['null', 'null'],
    ['"ok"', '"ok"'],
    ['a list with a record without id', '[{"name": "p"}]'],
  ])('%s from list is a ProviderError, not an empty list', async (_label, text) => {
    const vendor = await vendorAnswering(text);
    await expect(collect(vendor.products.list())).rejects.toBeInstanceOf(ProviderError);
    await expect(collect(vendor.categories.list())).rejects.toBeInstanceOf(ProviderError);
  });

  it('a login answer without the account fields is a ProviderError, not a ZodError', async () => {
    const vendor = await vendorAnswering('{"login": "l"}');
    const error = await vendor.accounts
      .login({ login: 'l', password: 'p' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).message).toMatch(/prefix/);
  });

  it('a proforma answered with a kind that is not proforma is refused without quoting it', async () => {
    const vendor = await vendorAnswering((path) =>
      path === '/invoices/1.json' ? { id: 1, kind: 'secret-looking-kind' } : { id: 2 },
    );
    const error = await vendor.invoices.actions
      .createFromProforma(1)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect(String(error)).not.toContain('secret-looking-kind');
    expect(server?.requests.filter((request) => request.method === 'POST')).toEqual([]);
  });
});
