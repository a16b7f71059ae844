import {
  AuthenticationError,
  ConflictError,
  ProviderError,
  RateLimitedError,
  ValidationError,
  genericRedactor,
  type ResponseContext,
} from '@invoicekit/core';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { recordedResponse } from '../__fixtures__/read-fixture';
import { createBillomatStyleAdapter } from '../index';
import { errorMessages, methodStyleErrorForResponse } from './error-mapper';

const HOST = 'https://app.monsum.com';
const API_KEY = 'mapper-key-0d5e9c3a';

function context(body: unknown, status = 200): ResponseContext {
  return {
    provider: 'billomat-style',
    status,
    headers: {},
    body,
    data: body,
    text: JSON.stringify(body),
    request: { method: 'POST', url: `${HOST}/api/1.0/api.php` },
    requestId: undefined,
    retryAfterMs: undefined,
    decodeError: undefined,
  };
}
const errorFor = (errors: unknown, service = 'invoice.complete') =>
  methodStyleErrorForResponse(
    context({ REQUEST: { SERVICE: service }, RESPONSE: { ERRORS: errors } }),
  );

describe('RESPONSE.ERRORS inside HTTP 200 → typed errors', () => {
  it('reads ERRORS as a list, a bare string or an index-keyed object', () => {
    expect(errorMessages(['a', 'b'])).toEqual(['a', 'b']);
    expect(errorMessages('a')).toEqual(['a']);
    expect(errorMessages({ 0: 'a', 1: 'b' })).toEqual(['a', 'b']);
    expect(errorMessages('')).toEqual([]);
  });

  it('classifies each documented message', () => {
    expect(errorFor(['LoginError: Wrong API KEY or user credentials.'])).toBeInstanceOf(
      AuthenticationError,
    );
    const field = errorFor(['missing / invalid field: INVOICE_ID', 'missing / invalid field: X']);
    expect(field).toBeInstanceOf(ValidationError);
    expect((field as ValidationError).issues.map((issue) => issue.path)).toEqual([
      'INVOICE_ID',
      'X',
    ]);
    const conflict = errorFor(['Invoice Error: No draft invoice chosen.']);
    expect(conflict).toBeInstanceOf(ConflictError);
    expect(conflict?.message).toBe('invoice.complete: Invoice Error: No draft invoice chosen.');
    expect(errorFor(['API rate limit exceeded.'])).toBeInstanceOf(RateLimitedError);
    expect(errorFor(['Something else'])).toBeInstanceOf(ProviderError);
  });

  it('fails a write whose STATUS is not success, and passes a success', () => {
    const failed = methodStyleErrorForResponse(context({ RESPONSE: { STATUS: 'failure' } }));
    expect(failed).toBeInstanceOf(ProviderError);
    expect(failed?.message).toContain('"failure"');
    expect(
      methodStyleErrorForResponse(context({ RESPONSE: { STATUS: 'success' } })),
    ).toBeUndefined();
    expect(methodStyleErrorForResponse(context({ RESPONSE: { INVOICES: [] } }))).toBeUndefined();
  });

  it('leaves real HTTP failures (401, 429, 5xx) to the transport', () => {
    expect(methodStyleErrorForResponse(context('Unauthorized', 401))).toBeUndefined();
    expect(
      methodStyleErrorForResponse(context({ RESPONSE: { ERRORS: ['x'] } }, 503)),
    ).toBeUndefined();
  });
});

describe('the recorded vendor answers, through the adapter', () => {
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());
  afterEach(() => nock.cleanAll());

  const adapter = () =>
    createBillomatStyleAdapter({ email: 'owner@acme.example', apiKey: API_KEY, baseUrl: HOST });

  it('the customer.create error recording → ValidationError naming CUSTOMER_TYPE, nothing leaked', async () => {
    const recorded = recordedResponse('fastbill_error_customer.create_response.http');
    nock(HOST).post('/api/1.0/api.php').reply(recorded.status, recorded.body, recorded.headers);
    const client = adapter();
    const error = await client.vendor.customers
      .create({ ORGANIZATION: '[A] [C]ompany', COUNTRY_CODE: 'US', PAYMENT_TYPE: 6 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({
      provider: 'billomat-style',
      status: 200,
      issues: [{ path: 'CUSTOMER_TYPE', message: 'missing or invalid' }],
    });
    expect(JSON.stringify(error)).not.toContain(API_KEY);
    await client.close();
  });

  it('the invoice.create recording → the integer INVOICE_ID as an id string', async () => {
    const recorded = recordedResponse('fastbill_invoice.create_response.http');
    let sent: unknown;
    nock(HOST)
      .post('/api/1.0/api.php', (body: unknown) => {
        sent = body;
        return true;
      })
      .reply(recorded.status, recorded.body, recorded.headers);
    const client = adapter();
    const created = await client.vendor.invoices.create({
      CUSTOMER_ID: '1',
      INVOICE_DATE: '2013-10-18',
      ITEMS: [
        { DESCRIPTION: 'Programmierung', UNIT_PRICE: '50.00', VAT_PERCENT: '19', QUANTITY: '240' },
      ],
    });
    expect(created).toEqual({ invoiceId: '697138' });
    expect(sent).toEqual({
      SERVICE: 'invoice.create',
      DATA: {
        CUSTOMER_ID: '1',
        INVOICE_DATE: '2013-10-18',
        ITEMS: [
          {
            DESCRIPTION: 'Programmierung',
            UNIT_PRICE: '50.00',
            VAT_PERCENT: '19',
            QUANTITY: '240',
          },
        ],
      },
    });
    await client.close();
  });

  it('a real 401 → AuthenticationError', async () => {
    nock(HOST)
      .post('/api/1.0/api.php')
      .reply(401, 'Unauthorized', { 'content-type': 'text/plain' });
    const client = adapter();
    await expect(client.vendor.customers.get()).rejects.toBeInstanceOf(AuthenticationError);
    await client.close();
  });
});

describe('messages quote the redacted answer, not the decoded one', () => {
  it('a credential in ERRORS reaches neither the message nor the issues', () => {
    const data = {
      REQUEST: { SERVICE: 'invoice.get' },
      RESPONSE: { ERRORS: ['LoginError: Bearer abc123def456 password=hunter2hunter'] },
    };
    const error = methodStyleErrorForResponse({
      ...context(data),
      body: genericRedactor.redactValue(data),
    });
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error?.message).not.toMatch(/abc123def456|hunter2hunter/);
    expect(error?.message).toContain('LoginError');
  });
});
