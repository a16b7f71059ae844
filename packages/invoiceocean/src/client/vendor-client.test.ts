import { readFileSync } from 'node:fs';
import { ValidationError } from '@invoicekit/core';
import { serveEmulator, type ServedEmulator } from '@invoicekit/core/emulator';
import { collect } from '@invoicekit/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInvoiceOceanEmulator } from '../emulator';
import { createInvoiceOceanAdapter } from '../index';

const TOKEN = 'vendor-client-token-99';
const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../__fixtures__/${name}`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;

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

describe('the typed vendor client covers every operation of the two vendor pages', () => {
  it('warehouse documents (pz / wz with actions, update, delete) and warehouse actions', async () => {
    const { warehouseDocuments, warehouseActions } = adapter.vendor;
    const pz = await warehouseDocuments.create({
      kind: 'pz',
      number: null,
      warehouse_id: '1',
      issue_date: '2024-11-21',
      department_name: 'Department1 SA',
      client_name: 'Client1 SA',
      warehouse_actions: [
        { product_name: 'Produkt A1', purchase_tax: 23, purchase_price_net: 10.23, quantity: 1 },
      ],
    });
    expect(pz).toMatchObject({ kind: 'pz', warehouse_id: '1' });
    const wz = await warehouseDocuments.create({
      kind: 'wz',
      warehouse_id: '1',
      warehouse_actions: [{ product_id: '333', tax: 23, price_net: 10.23, quantity: 1 }],
    });
    const updated = await warehouseDocuments.update(wz.id ?? '', {
      client_name: 'New client name SA',
    });
    expect(updated.client_name).toBe('New client name SA');
    expect((await collect(warehouseDocuments.list())).map((document) => document.kind)).toEqual([
      'pz',
      'wz',
    ]);
    expect(
      (await collect(warehouseActions.list({ warehouse_document_id: pz.id ?? '' }))).map(
        (action) => action.kind,
      ),
    ).toEqual(['pz']);
    await warehouseDocuments.delete(wz.id ?? '');
    await expect(warehouseDocuments.get(wz.id ?? '')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses a warehouse document of an unknown kind before sending', async () => {
    const before = emulator.requestCount;
    const error = await adapter.vendor.warehouseDocuments
      .create({ kind: 'xx' as never })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual([
      'warehouse_document.kind',
    ]);
    expect(emulator.requestCount).toBe(before);
  });

  it('categories, warehouses and departments: create, list, get, delete', async () => {
    const { categories, warehouses, departments } = adapter.vendor;
    const category = await categories.create({ name: 'my_category', description: null });
    const warehouse = await warehouses.create({
      name: 'my_warehouse',
      kind: null,
      description: null,
    });
    const department = await departments.create({
      name: 'my_warehouse',
      shortcut: 'short_name',
      tax_no: '-',
    });
    expect([
      (await categories.get(category.id ?? '')).name,
      (await warehouses.get(warehouse.id ?? '')).name,
      (await departments.get(department.id ?? '')).shortcut,
    ]).toEqual(['my_category', 'my_warehouse', 'short_name']);
    expect(await collect(categories.list())).toHaveLength(1);
    await departments.delete(department.id ?? '');
    expect(await collect(departments.list())).toHaveLength(0);
  });

  it("uploads a department logo as multipart (department[logo]) and the vendor keeps the file's bytes", async () => {
    const department = await adapter.vendor.departments.create({ name: 'Shop' });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe]);
    const updated = await adapter.vendor.departments.uploadLogo(department.id ?? '', {
      fileName: 'logo.png',
      contentType: 'image/png',
      data: png,
    });
    expect(updated.logo).toEqual({
      file_name: 'logo.png',
      content_type: 'image/png',
      size: png.length,
    });
    expect(emulator.requests.at(-1)?.headers['content-type']).toMatch(
      /^multipart\/form-data; boundary=/,
    );
  });

  it('price lists with positions keyed "0", "1", and recurring definitions', async () => {
    const { priceLists, recurrings, invoices } = adapter.vendor;
    const list = await priceLists.create({
      name: 'Price list name',
      description: 'Description',
      currency: 'EUR',
      price_list_positions_attributes: {
        '0': {
          priceable_id: '1',
          priceable_name: 'Product name',
          priceable_type: 'Product',
          price_net: '23.0',
        },
      },
    });
    expect(list.price_list_positions).toEqual([
      {
        priceable_id: '1',
        priceable_name: 'Product name',
        priceable_type: 'Product',
        price_net: '23.0',
      },
    ]);
    expect((await priceLists.update(list.id ?? '', { name: 'Renamed' })).name).toBe('Renamed');
    await priceLists.delete(list.id ?? '');

    const invoice = await invoices.create({
      buyer_name: 'B',
      positions: [{ name: 'Abo', price_net: '10', tax: '23' }],
    });
    const recurring = await recurrings.create({
      name: 'Nazwa cyklicznosci',
      invoice_id: invoice.id ?? '',
      start_date: '2016-01-01',
      every: '1m',
      send_email: true,
      buyer_email: 'mail1@mail.pl',
    });
    expect(
      (await recurrings.update(recurring.id ?? '', { next_invoice_date: '2016-02-01' }))
        .next_invoice_date,
    ).toBe('2016-02-01');
    expect(await collect(recurrings.list())).toHaveLength(1);
  });

  it('bank accounts answer with the keys of the documented GET', async () => {
    const created = await adapter.vendor.bankAccounts.create({
      name: 'Rachunek główny PLN',
      bank_name: 'Santander Bank Polska',
      bank_account_number: 'PL61 1090 1014 0000 0712 1981 2874',
      bank_currency: 'PLN',
      bank_swift: 'WBKPPLPP',
      account_description: null,
      own_bank_account: false,
      own_bank_account_type: null,
      factor_bank_account: false,
      bank_account_id: 1,
      bank_account_version_departments: [
        { department_id: 123, show_on_invoice: true, main_on_department: true },
      ],
    });
    const read = await adapter.vendor.bankAccounts.get(created.id ?? '');
    expect(Object.keys(read)).toEqual(
      expect.arrayContaining(Object.keys(fixture('docs_fakturownia_bank_account_get.json'))),
    );
    await adapter.vendor.bankAccounts.delete(created.id ?? '');
    await expect(adapter.vendor.bankAccounts.get(created.id ?? '')).rejects.toMatchObject({
      code: 'not_found',
      rawBody: { code: 'error', message: 'Not found' },
    });
  });

  it('invoice actions by their vendor names, and proforma → VAT', async () => {
    const { invoices } = adapter.vendor;
    const proforma = await invoices.create({
      kind: 'proforma',
      buyer_name: 'B',
      buyer_email: 'b@example.com',
      positions: [{ name: 'X', price_net: '100', tax: '23' }],
    });
    expect(String(proforma.number)).toMatch(/^P1\//);
    const vat = await invoices.actions.createFromProforma(proforma.id ?? '');
    expect(vat).toMatchObject({
      kind: 'vat',
      from_invoice_id: Number(proforma.id),
      price_gross: '123.0',
      buyer_name: 'B',
    });
    expect(await invoices.actions.changeStatus(String(vat.id), 'paid')).toMatchObject({
      status: 'paid',
    });
    expect(
      await invoices.actions.sendByEmail(String(vat.id), {
        emailTo: ['x@example.com'],
        emailPdf: true,
      }),
    ).toMatchObject({ status: 'ok' });
    expect((await invoices.actions.pdf(String(vat.id), 'copy')).subarray(0, 4).toString()).toBe(
      '%PDF',
    );
    expect(await invoices.actions.cancel(String(vat.id), 'mistake')).toMatchObject({
      code: 'success',
    });
    expect((await invoices.get(String(vat.id))).kind).toBe('canceled');
    await expect(invoices.actions.createFromProforma(String(vat.id))).rejects.toBeInstanceOf(
      ValidationError,
    );
  });

  it('clients, products and payments (the singular payment path for get)', async () => {
    const { clients, products, payments, invoices } = adapter.vendor;
    const client = await clients.create({ name: 'Client1', tax_no: '5252445767' });
    const product = await products.create({
      name: 'PoroductAA',
      code: 'A001',
      price_net: '100',
      tax: '23',
    });
    expect(product).toMatchObject({ price_gross: '123.0' });
    const invoice = await invoices.create({
      client_id: Number(client.id),
      positions: [{ product_id: Number(product.id), quantity: 2 }],
    });
    expect(invoice).toMatchObject({ price_gross: '246.0', buyer_name: 'Client1' });
    const payment = await payments.create({
      name: 'Payment 001',
      price: 100.05,
      invoice_id: Number(invoice.id),
      paid: true,
      kind: 'api',
    });
    expect((await payments.get(payment.id ?? '')).price).toBe('100.05');
    expect(emulator.requests.at(-1)?.path).toBe(`/banking/payment/${payment.id}.json`);
  });

  it("takes the documentation's full banking-payment example (paid_date: null) and keeps its fields", async () => {
    const documented = fixture('docs_invoiceocean_banking_payment_full_REQUEST.json');
    expect(documented.paid_date).toBeNull();
    const payment = await adapter.vendor.payments.create(
      documented as Parameters<typeof adapter.vendor.payments.create>[0],
    );
    const read = await adapter.vendor.payments.get(payment.id ?? '');
    for (const key of [
      'provider',
      'email',
      'first_name',
      'invoice_name',
      'invoice_tax_no',
      'description',
    ]) {
      expect(read[key], key).toBe(documented[key]);
    }
    expect(read).toMatchObject({
      price: '100.0',
      product_id: 1,
      quantity: '1',
      generate_invoice: true,
    });
  });

  it('markPaid records its method as the payment provider', async () => {
    const { data } = await adapter.invoices.create({
      currency: 'PLN',
      customer: { snapshot: { name: 'Buyer' } },
      lines: [{ description: 'Work', unitPrice: '100', taxRate: 23 }],
    });
    await adapter.invoices.markPaid(data.id, { method: 'cash', date: '2026-01-05' });
    const [payment] = await collect(adapter.vendor.payments.list());
    expect(payment).toMatchObject({ provider: 'cash', paid_date: '2026-01-05', price: '123.0' });
  });

  it('the partner API: accounts, users and login, in the documented shapes', async () => {
    const { accounts } = adapter.vendor;
    const created = await accounts.create({
      account: { prefix: 'acme' },
      user: {
        login: 'login1',
        email: 'email1@email.pl',
        password: 'password1',
        from_partner: 'PARTNER_CODE',
      },
      company: { name: 'Company1', tax_no: '5252445700' },
    });
    // the wanted prefix is this account's own: the vendor changes it rather than refusing
    expect(created).toMatchObject({ prefix: 'acme1', login: 'login1', email: 'email1@email.pl' });
    expect(await accounts.requestDeletion()).toEqual(
      fixture('docs_fakturownia_account_delete_success.json'),
    );
    const refused = await accounts.unlink(['nobody']).catch((caught: unknown) => caught);
    expect(refused).toMatchObject({
      code: 'validation',
      status: 422,
      rawBody: { code: 'error', message: 'Brak kont do odłączenia' },
    });
    expect(await accounts.unlink(['acme1', 'nobody'])).toMatchObject({
      code: 'success',
      result: { unlinked: ['acme1'], not_unlinked: ['nobody'] },
    });
    await accounts.createUser(
      { email: 'email32515@fakturowytmail.pl', password: 'your_secret_password' },
      'email-us-for-this-token',
    );
    const login = await accounts.login({
      login: 'email32515@fakturowytmail.pl',
      password: 'your_secret_password',
      integration_token: 'email-us-for-this-token',
    });
    expect(Object.keys(login).sort()).toEqual(
      Object.keys(fixture('docs_fakturownia_login_response.json')).sort(),
    );
    expect(await accounts.addUser({ email: 'new@example.com' })).toMatchObject({ code: 'success' });
  });

  it('works in XML mode too', async () => {
    const xml = createInvoiceOceanAdapter({
      apiToken: `${TOKEN}/acme`,
      baseUrl: served.baseUrl,
      format: 'xml',
    });
    const category = await xml.vendor.categories.create({ name: 'xml_category' });
    expect((await collect(xml.vendor.categories.list())).map((item) => item.name)).toEqual([
      'xml_category',
    ]);
    expect(emulator.requests.at(-1)?.path).toBe('/categories.xml');
    await xml.vendor.categories.delete(category.id ?? '');
    await xml.close();
  });
});

describe('price lists against the VosFactures documentation samples', () => {
  /**
   * The `.jsonc` documentation samples elide entries with a `...` line, and the prices sample stops
   * there without closing its object: drop the placeholders and trailing commas, close what is open.
   */
  const jsonc = (name: string): unknown => {
    const cleaned = readFileSync(new URL(`../__fixtures__/${name}`, import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '...')
      .join('\n')
      .replace(/,(\s*[\]}])/g, '$1')
      .replace(/,\s*$/, '');
    const open: string[] = [];
    for (const char of cleaned) {
      if (char === '{' || char === '[') open.push(char === '{' ? '}' : ']');
      else if (char === '}' || char === ']') open.pop();
    }
    return JSON.parse(cleaned + open.reverse().join('')) as unknown;
  };

  it('lists with the keys of the documented sample and prices products from the list', async () => {
    const product = await adapter.vendor.products.create({
      name: 'Produit',
      price_net: '23.0',
      tax: '20',
    });
    const list = await adapter.vendor.priceLists.create({
      name: 'Nom Tarif 1',
      description: 'description Tarif 1',
      currency: 'EUR',
      price_list_positions_attributes: {
        '0': {
          priceable_id: String(product.id),
          priceable_type: 'Product',
          price_net: '23.0',
          price_gross: '27.6',
        },
      },
    });
    const [listed] = await collect(adapter.vendor.priceLists.list());
    const [sample] = jsonc('docs_vosfactures_price_lists_list.jsonc') as Record<string, unknown>[];
    expect(Object.keys(listed ?? {})).toEqual(expect.arrayContaining(Object.keys(sample ?? {})));
    const prices = await adapter.vendor.priceLists.pricesForProducts(list.id ?? '', [
      product.id ?? '',
    ]);
    const documented = jsonc('docs_vosfactures_price_list_prices_for_products.jsonc') as Record<
      string,
      Record<string, unknown>
    >;
    expect(Object.keys(prices[product.id ?? ''] ?? {})).toEqual(
      expect.arrayContaining(Object.keys(documented['1'] ?? {})),
    );
    expect(prices[product.id ?? '']).toMatchObject({
      price_net: '23.0',
      price_gross: '27.6',
      currency: 'EUR',
    });
  });
});
