import { readFileSync } from 'node:fs';
import {
  AuthenticationError,
  ConflictError,
  NotFoundError,
  PermissionError,
  UnsupportedOperationError,
  ValidationError,
} from '@invoicekit/core';
import { collect, findLeakedSecrets } from '@invoicekit/core/testing';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createInvoiceOceanAdapter } from './index';

const BASE = 'https://acme.fakturownia.pl';
const TOKEN = 'io-request-token-11aa22bb';
const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;
const adapter = (format: 'json' | 'xml' = 'json') =>
  createInvoiceOceanAdapter({ apiToken: `${TOKEN}/acme`, brand: 'fakturownia', format });

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('requests on the wire', () => {
  it('creates with the token in the body, oid + oid_unique for externalId, and the mapped positions', async () => {
    let sent: unknown;
    nock(BASE)
      .post('/invoices.json', (body: unknown) => {
        sent = body;
        return true;
      })
      .reply(201, { ...fixture('wooyek_invoice_get.json'), oid: 'order-77' });
    const { data, warnings } = await adapter().invoices.create({
      currency: 'PLN',
      issueDate: '2018-01-02',
      serviceDate: '2018-01-02',
      dueDate: '2018-01-09',
      customer: { snapshot: { name: 'Client1 SA', taxId: '5252445767' } },
      seller: { name: 'Seller SA', taxId: '5252445767' },
      lines: [
        { description: 'Produkt A1', unitPrice: '10.23', unitPriceKind: 'gross', taxRate: 23 },
        {
          description: 'Produkt A2',
          quantity: '2',
          unitPrice: '25',
          unitPriceKind: 'gross',
          taxRate: 0,
          sku: 'A2',
          unit: 'szt.',
        },
      ],
      externalId: 'order-77',
    });
    expect(sent).toEqual({
      api_token: TOKEN,
      invoice: {
        kind: 'vat',
        number: null,
        currency: 'PLN',
        issue_date: '2018-01-02',
        sell_date: '2018-01-02',
        payment_to_kind: 'other_date',
        payment_to: '2018-01-09',
        oid: 'order-77',
        oid_unique: 'yes',
        buyer_name: 'Client1 SA',
        buyer_company: true,
        buyer_tax_no: '5252445767',
        seller_name: 'Seller SA',
        seller_tax_no: '5252445767',
        positions: [
          { name: 'Produkt A1', quantity: '1', price_gross: '10.23', tax: '23' },
          {
            name: 'Produkt A2',
            code: 'A2',
            quantity: '2',
            quantity_unit: 'szt.',
            price_gross: '25',
            tax: '0',
          },
        ],
      },
    });
    expect(warnings).toEqual([]);
    expect(data.externalId).toBe('order-77');
  });

  it('lists with period=all, per_page, include_positions and the token in the query; pages until a short page', async () => {
    const invoice = fixture('wooyek_invoice_get.json');
    const scope = nock(BASE)
      .get('/invoices.json')
      .query({
        api_token: TOKEN,
        period: 'all',
        include_positions: 'true',
        'additional_fields[invoice]': 'connected_payments,cancel_reason',
        page: '1',
        per_page: '2',
      })
      .reply(200, [invoice, { ...invoice, id: 2 }])
      .get('/invoices.json')
      .query({
        api_token: TOKEN,
        period: 'all',
        include_positions: 'true',
        'additional_fields[invoice]': 'connected_payments,cancel_reason',
        page: '2',
        per_page: '2',
      })
      .reply(200, [{ ...invoice, id: 3 }]);
    const invoices = await collect(adapter().invoices.list({ pageSize: 2 }));
    expect(invoices.map((item) => item.id)).toEqual(['21367364', '2', '3']);
    scope.done();
  });

  it('lists a date range with period=more and maps canonical types to kinds[]', async () => {
    const scope = nock(BASE)
      .get('/invoices.json')
      .query({
        api_token: TOKEN,
        period: 'more',
        date_from: '2026-01-01',
        date_to: '2026-03-31',
        // every kind that reads as an invoice or a credit note
        'kinds[]': [
          'vat',
          'vat_mp',
          'vat_margin',
          'vat_rr',
          'bill',
          'correction',
          'correction_note',
        ],
        include_positions: 'true',
        'additional_fields[invoice]': 'connected_payments,cancel_reason',
        page: '1',
        per_page: '100',
      })
      .reply(200, []);
    await collect(
      adapter().invoices.list({
        issuedFrom: '2026-01-01',
        issuedTo: '2026-03-31',
        type: ['invoice', 'credit_note'],
      }),
    );
    scope.done();
  });

  it('replaces lines on update by destroying the old positions', async () => {
    let sent: { invoice: { positions: unknown[] } } | undefined;
    nock(BASE)
      .get('/invoices/21367364.json')
      .query({ api_token: TOKEN })
      .reply(200, fixture('wooyek_invoice_get.json'))
      .put('/invoices/21367364.json', (body: typeof sent) => {
        sent = body;
        return true;
      })
      .reply(200, {
        ...fixture('wooyek_invoice_get.json'),
        positions: [
          {
            id: 47315300,
            name: 'New',
            quantity: '1.0',
            price_net: '5.0',
            tax: '23',
            total_price_net: '5.0',
            total_price_tax: '1.15',
            total_price_gross: '6.15',
          },
        ],
      });
    await adapter().invoices.update('21367364', {
      lines: [{ description: 'New', unitPrice: '5', taxRate: 23 }],
    });
    expect(sent?.invoice.positions).toEqual([
      { id: 47315217, _destroy: 1 },
      { id: 47315218, _destroy: 1 },
      { id: 47315219, _destroy: 1 },
      { name: 'New', quantity: '1', price_net: '5', tax: '23' },
    ]);
  });

  it('marks paid through a banking payment for the amount due, with method and reference', async () => {
    let sent: unknown;
    const invoice = fixture('wooyek_invoice_get.json');
    nock(BASE)
      .get('/invoices/21367364.json')
      .query(true)
      .reply(200, invoice)
      .post('/banking/payments.json', (body: unknown) => {
        sent = body;
        return true;
      })
      .reply(201, { id: 5 })
      .get('/invoices/21367364.json')
      .query(true)
      .reply(200, { ...invoice, status: 'paid', paid: '339.99' });
    const { data } = await adapter().invoices.markPaid('21367364', {
      date: '2018-02-01',
      method: 'transfer',
      reference: 'BANK-REF-1',
    });
    expect(sent).toEqual({
      api_token: TOKEN,
      banking_payment: {
        // the key a look-up finds the payment by if the answer is lost
        description: 'invoicekit:21367364:0.00:339.99',
        name: 'BANK-REF-1',
        price: '339.99',
        invoice_id: 21367364,
        paid: true,
        kind: 'api',
        currency: 'EUR',
        paid_date: '2018-02-01',
        provider: 'transfer',
      },
    });
    expect(data.status.canonical).toBe('paid');
  });

  it('refuses to pay more than is due, sending nothing', async () => {
    nock(BASE)
      .get('/invoices/21367364.json')
      .query(true)
      .reply(200, fixture('wooyek_invoice_get.json'));
    const payment = nock(BASE).post('/banking/payments.json').reply(201, {});
    await expect(adapter().invoices.markPaid('21367364', { amount: '400' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(payment.isDone()).toBe(false);
  });

  it("sends e-mail with email_to / email_cc / email_pdf and warns that subject is the template's", async () => {
    const scope = nock(BASE)
      .post('/invoices/21367364/send_by_email.json')
      .query({
        api_token: TOKEN,
        email_to: 'a@example.com,b@example.com',
        email_cc: 'c@example.com',
        email_pdf: 'true',
      })
      .reply(200, { status: 'ok', message: 'sent' })
      .get('/invoices/21367364.json')
      .query(true)
      .reply(200, { ...fixture('wooyek_invoice_get.json'), status: 'sent' });
    const { warnings } = await adapter().invoices.send('21367364', {
      to: ['a@example.com', 'b@example.com'],
      cc: ['c@example.com'],
      subject: 'Hi',
    });
    expect(warnings).toEqual([
      {
        type: 'unsupported_field',
        path: 'subject',
        reason: "the vendor's e-mail template sets the subject",
      },
    ]);
    scope.done();
  });

  it('downloads the PDF with print_option', async () => {
    nock(BASE)
      .get('/invoices/21367364.pdf')
      .query({ api_token: TOKEN, print_option: 'duplicate' })
      .reply(200, Buffer.from('%PDF-1.4 x'), { 'content-type': 'application/pdf' });
    const document = await adapter().invoices.downloadPdf('21367364', { variant: 'duplicate' });
    expect(document.data.subarray(0, 4).toString()).toBe('%PDF');
  });

  it('writes XML bodies as Rails XML with the token in the query', async () => {
    let sent = '';
    nock(BASE)
      .post('/clients.xml', (body: string) => {
        sent = body;
        return true;
      })
      .query({ api_token: TOKEN })
      .reply(
        201,
        '<?xml version="1.0" encoding="UTF-8"?><client><id type="integer">9</id><name>Taylor &amp; Sons</name><company type="boolean">true</company></client>',
        {
          'content-type': 'application/xml',
        },
      );
    const { data } = await adapter('xml').customers.create({
      name: 'Taylor & Sons',
      address: { country: 'TM' },
    });
    expect(sent).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><client><name>Taylor &amp; Sons</name><company type="boolean">true</company><country>TM</country></client>',
    );
    expect(data).toMatchObject({ id: '9', name: 'Taylor & Sons', kind: 'company' });
  });
});

describe('warnings and strict mode', () => {
  it('warns when a client card will replace the buyer snapshot, and refuses mixed discount kinds', async () => {
    nock(BASE).post('/invoices.json').reply(201, fixture('wooyek_invoice_get.json'));
    const { warnings } = await adapter().invoices.create({
      currency: 'EUR',
      customer: {
        id: '9860314',
        snapshot: { name: 'Other name', address: { region: 'Mazowieckie' } },
      },
      lines: [{ description: 'x', unitPrice: '1', taxRate: 0 }],
      orderId: 'PO-1',
      externalId: 'ext-1',
    });
    expect(warnings.map((warning) => ('path' in warning ? warning.path : warning.message))).toEqual(
      ['orderId', 'customer.snapshot.address.region', 'customer.snapshot'],
    );
    const mixed = adapter().invoices.create({
      currency: 'EUR',
      customer: { id: '1' },
      lines: [
        {
          description: 'a',
          unitPrice: '10',
          taxRate: 0,
          discount: { kind: 'percent', value: '5' },
        },
        { description: 'b', unitPrice: '10', taxRate: 0, discount: { kind: 'amount', value: '1' } },
      ],
    });
    await expect(mixed).rejects.toBeInstanceOf(UnsupportedOperationError);
  });

  it('rejects unknown providerOptions by path and sends nothing', async () => {
    const scope = nock(BASE).post('/invoices.json').reply(201, {});
    const error = await adapter()
      .invoices.create({
        currency: 'EUR',
        customer: { id: '1' },
        lines: [{ description: 'a', unitPrice: '10', taxRate: 0 }],
        providerOptions: { invoiceocean: { departmentId: 3, colour: 'blue' } },
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual([
      'providerOptions.invoiceocean',
    ]);
    expect(scope.isDone()).toBe(false);
  });
});

describe('vendor errors → typed errors, never a credential', () => {
  it.each([
    [
      401,
      { code: 'error', message: 'You must be logged in to gain access to the site' },
      AuthenticationError,
    ],
    [404, { status: 404, error: 'Not Found' }, NotFoundError],
    [422, fixture('docs_fakturownia_error_422_ksef_validation.json'), ValidationError],
    [422, fixture('docs_vosfactures_error_422_seller_bank_account.json'), ValidationError],
    [422, fixture('docs_fakturownia_account_unlink_error_422.json'), ValidationError],
    [200, fixture('docs_fakturownia_send_by_email_ksef_error_HTTP200.json'), ConflictError],
    [403, { code: 'error', message: 'account_not_pro' }, PermissionError],
  ])('HTTP %i %j', async (status, body, type) => {
    nock(BASE).post('/invoices/1/send_by_email.json').query(true).reply(status, body);
    const error = await adapter()
      .invoices.send('1')
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(type);
    expect(findLeakedSecrets(error, [TOKEN, `${TOKEN}/acme`])).toEqual([]);
  });

  it('names every field of a 422 field map', async () => {
    nock(BASE)
      .post('/invoices.json')
      .reply(422, fixture('docs_fakturownia_error_422_ksef_validation.json'));
    const error = (await adapter()
      .invoices.create({
        currency: 'PLN',
        customer: { id: '1' },
        lines: [{ description: 'a', unitPrice: '1', taxRate: 'exempt' }],
      })
      .catch((caught: unknown) => caught)) as ValidationError;
    expect(error.issues).toEqual([
      { path: 'buyer_tax_no', message: '- nie może być puste' },
      { path: 'buyer_phone', message: '- pole jest za długie (maksymalna ilość znaków: 16)' },
      { path: 'exempt_tax_kind', message: '- nie może być puste' },
    ]);
  });

  it('reads an HTML login page as an authentication problem', async () => {
    nock(BASE)
      .get('/invoices/1.json')
      .query(true)
      .reply(200, '<!DOCTYPE html><html><body><form action="/login">', {
        'content-type': 'text/html',
      });
    await expect(adapter().invoices.get('1')).rejects.toBeInstanceOf(AuthenticationError);
  });
});
