import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createProviderRegistry } from '../di/provider-registry';
import { UnsupportedOperationError, ValidationError } from '../errors/errors';
import type { InvoiceCreateInput } from '../model/invoice-input';
import { acmeProvider } from './provider';

const BASE = 'https://api.acme.test';
const KEY = 'acme-key-0123456789';
const adapter = () =>
  createProviderRegistry([acmeProvider]).createAdapter({
    provider: 'acme',
    apiKey: KEY,
    baseUrl: BASE,
  });

const wireInvoice = {
  id: 7,
  number: null,
  kind: 'invoice',
  status: 'draft',
  currency: 'EUR',
  issued_on: '2026-11-02',
  customer_id: 3,
  lines: [
    {
      id: 1,
      title: 'Consulting',
      qty: '3',
      unit_price: '120.00',
      price_kind: 'net',
      tax_rate: '19',
      net: '360.00',
      tax: '68.40',
      gross: '428.40',
    },
  ],
  net_total: '360.00',
  tax_total: '68.40',
  gross_total: '428.40',
  paid_total: '0.00',
};

const input: InvoiceCreateInput = {
  currency: 'eur',
  issueDate: '2026-11-02',
  customer: { id: '3' },
  lines: [{ description: 'Consulting', quantity: '3', unitPrice: '120.00', taxRate: 19 }],
  externalId: 'order-991',
};

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('acme adapter — requests on the wire', () => {
  it('sends the mapped create body with Bearer auth and parses the answer', async () => {
    let sent: unknown;
    nock(BASE, {
      reqheaders: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    })
      .post('/v1/invoices', (body: unknown) => {
        sent = body;
        return true;
      })
      .reply(201, { data: wireInvoice, meta: { request_id: 'req_1' } });
    const { data, warnings } = await adapter().invoices.create(input);
    expect(sent).toEqual({
      invoice: {
        kind: 'invoice',
        currency: 'EUR',
        issued_on: '2026-11-02',
        customer_id: '3',
        external_id: 'order-991',
        lines: [
          {
            title: 'Consulting',
            qty: '3',
            unit_price: '120.00',
            price_kind: 'net',
            tax_rate: '19',
          },
        ],
      },
    });
    expect(warnings).toEqual([]);
    expect(data).toMatchObject({
      id: '7',
      provider: 'acme',
      status: { canonical: 'draft', raw: 'draft' },
      totals: { net: '360.00', tax: '68.40', gross: '428.40', paid: '0.00', due: '428.40' },
      taxBreakdown: [
        { rate: { kind: 'percent', value: '19' }, net: '360.00', tax: '68.40', gross: '428.40' },
      ],
    });
    expect(data.raw).toMatchObject({ id: '7', status: 'draft' });
  });

  it('warns for every canonical field acme cannot hold, and still sends the rest', async () => {
    nock(BASE).post('/v1/invoices').reply(201, { data: wireInvoice });
    const { warnings } = await adapter().invoices.create({
      ...input,
      serviceDate: '2026-10-31',
      language: 'de',
      lines: [
        {
          description: 'Consulting',
          quantity: '3',
          unit: 'h',
          sku: 'C-1',
          unitPrice: '120.00',
          taxRate: 'reverse_charge',
        },
      ],
    });
    expect(warnings).toEqual([
      { type: 'unsupported_field', path: 'serviceDate', reason: 'acme has no service date' },
      {
        type: 'unsupported_field',
        path: 'language',
        reason: 'acme prints in the account language',
      },
      { type: 'unsupported_field', path: 'lines.0.sku', reason: 'acme lines have no SKU' },
      { type: 'unsupported_field', path: 'lines.0.unit', reason: 'acme lines have no unit' },
      {
        type: 'approximated',
        path: 'lines.0.taxRate',
        reason: 'acme has no "reverse_charge" rate; sent as exempt',
      },
    ]);
  });

  it('in strict mode turns those warnings into an error and sends nothing', async () => {
    const scope = nock(BASE).post('/v1/invoices').reply(201, { data: wireInvoice });
    const error = await adapter()
      .invoices.create({ ...input, serviceDate: '2026-10-31' }, { strict: true })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnsupportedOperationError);
    expect(error).toMatchObject({
      operation: 'invoices.create',
      issues: [{ path: 'serviceDate' }],
    });
    expect(scope.isDone()).toBe(false);
  });

  it('sends nothing for invalid input: every public operation validates first', async () => {
    const scope = nock(BASE)
      .persist()
      .intercept(/.*/, 'GET')
      .reply(200, { data: [] })
      .intercept(/.*/, 'POST')
      .reply(201, { data: wireInvoice });
    const acme = adapter();
    const attempts: [string, () => Promise<unknown>][] = [
      [
        'invoices.create',
        () =>
          acme.invoices.create({
            ...input,
            lines: [{ description: '', unitPrice: 'x', taxRate: 19 }],
          }),
      ],
      ['invoices.update', () => acme.invoices.update('7', {})],
      ['invoices.get', () => acme.invoices.get('')],
      ['invoices.markPaid', () => acme.invoices.markPaid('7', { amount: '-3' })],
      ['invoices.send', () => acme.invoices.send('7', { to: ['not-an-email'] })],
      ['customers.create', () => acme.customers.create({ name: '', email: 'x' })],
      [
        'invoices.list',
        async () => acme.invoices.list({ issuedFrom: '2026-13-01' })[Symbol.asyncIterator]().next(),
      ],
    ];
    for (const [name, attempt] of attempts) {
      const error = await attempt().catch((caught: unknown) => caught);
      expect(error, name).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.length, name).toBeGreaterThan(0);
    }
    expect(scope.pendingMocks()).toHaveLength(2);
    expect(nock.isDone()).toBe(false);
  });

  it('downloads the PDF as bytes with its file name', async () => {
    const pdf = Buffer.from('%PDF-1.4 binary \u00ff', 'latin1');
    nock(BASE).get('/v1/invoices/7/pdf').reply(200, pdf, {
      'content-type': 'application/pdf',
      'content-disposition': 'attachment; filename="invoice-7.pdf"',
    });
    const document = await adapter().invoices.downloadPdf('7');
    expect(document.fileName).toBe('invoice-7.pdf');
    expect(document.contentType).toBe('application/pdf');
    expect(Buffer.compare(document.data, pdf)).toBe(0);
  });

  it('passes raw requests through with the adapter auth', async () => {
    nock(BASE, { reqheaders: { authorization: `Bearer ${KEY}` } })
      .get('/v1/reports/revenue')
      .query({ year: '2026' })
      .reply(200, { total: '1000.00' }, { 'x-request-id': 'r9' });
    const response = await adapter().request<{ total: string }>({
      method: 'GET',
      path: '/v1/reports/revenue',
      query: { year: 2026 },
    });
    expect(response).toMatchObject({
      status: 200,
      body: { total: '1000.00' },
      headers: { 'x-request-id': 'r9' },
    });
  });

  it('reads an unknown vendor status as unknown with the raw value kept', async () => {
    nock(BASE)
      .get('/v1/invoices/7')
      .reply(200, { data: { ...wireInvoice, status: 'in_collection' } });
    const invoice = await adapter().invoices.get('7');
    expect(invoice.status).toEqual({ canonical: 'unknown', raw: 'in_collection' });
  });

  it('tolerates drift: numbers for money, missing optional fields, extra keys', async () => {
    nock(BASE)
      .get('/v1/invoices/7')
      .reply(200, {
        data: {
          ...wireInvoice,
          net_total: 360,
          tax_total: 68.4,
          gross_total: 428.4,
          paid_total: undefined,
          brand_new_field: { x: 1 },
        },
      });
    const invoice = await adapter().invoices.get('7');
    expect(invoice.totals).toEqual({
      net: '360.00',
      tax: '68.40',
      gross: '428.40',
      paid: '0.00',
      due: '428.40',
    });
  });
});
