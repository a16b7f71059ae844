import {
  AuthenticationError,
  RateLimitedError,
  UnavailableError,
  genericRedactor,
  type ResponseContext,
} from '@invoicekit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { answer, serveHostile, type HostileServer } from '../__fixtures__/hostile-server';
import { createInvoiceOceanAdapter } from '../index';
import { invoiceOceanErrorForResponse } from './error-mapper';

const MAINTENANCE =
  '<!DOCTYPE html><html><head><title>Przerwa techniczna</title></head><body>Wracamy za chwilę</body></html>';
const LOGIN = '<!DOCTYPE html><html><body><form action="/login">Zaloguj się</form></body></html>';

const htmlResponse = (status: number, text: string): ResponseContext => ({
  provider: 'invoiceocean',
  status,
  headers: { 'content-type': 'text/html' },
  body: undefined,
  data: undefined,
  text,
  decodeError: { message: 'expected JSON, received an HTML page', looksLikeHtml: true },
  request: { method: 'GET', url: 'https://acme.fakturownia.pl/invoices.json' },
  requestId: undefined,
  retryAfterMs: status === 503 ? 30_000 : undefined,
});

describe('HTML instead of JSON', () => {
  it.each([500, 502, 503, 504])(
    'a %i HTML page is UnavailableError (retryable), not an authentication failure',
    (status) => {
      const error = invoiceOceanErrorForResponse(htmlResponse(status, MAINTENANCE));
      expect(error).toBeInstanceOf(UnavailableError);
      expect(error).toMatchObject({ status, retryable: true });
    },
  );

  it('keeps the Retry-After of a maintenance page', () => {
    expect(invoiceOceanErrorForResponse(htmlResponse(503, MAINTENANCE))?.retryAfterMs).toBe(30_000);
  });

  it('a 429 HTML page is RateLimitedError', () => {
    expect(invoiceOceanErrorForResponse(htmlResponse(429, MAINTENANCE))).toBeInstanceOf(
      RateLimitedError,
    );
  });

  it.each([200, 401, 302, 403])('a %i HTML login page stays AuthenticationError', (status) => {
    const error = invoiceOceanErrorForResponse(htmlResponse(status, LOGIN));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error?.retryable).toBe(false);
  });
});

describe('over loopback', () => {
  let server: HostileServer | undefined;
  afterEach(async () => {
    await server?.close();
  });

  it('a read during maintenance is retried, then fails as UnavailableError', async () => {
    server = await serveHostile((_request, response) =>
      answer(response, 503, MAINTENANCE, 'text/html; charset=utf-8'),
    );
    const adapter = createInvoiceOceanAdapter({
      apiToken: 'maintenance-token-77/acme',
      baseUrl: server.baseUrl,
      retry: {
        maxRetries: 2,
        baseDelayMs: 1,
        maxDelayMs: 2,
        maxRetryAfterMs: 10,
        retryBudgetMs: 100,
        lookupAttempts: 1,
        lookupDelayMs: 1,
      },
    });
    await expect(adapter.invoices.get('1')).rejects.toBeInstanceOf(UnavailableError);
    expect(server.requests).toHaveLength(3);
    await adapter.close();
  });
});

describe('messages quote the redacted answer, not the decoded one', () => {
  it('a refusal in a 200 does not carry a credential it names into the message', () => {
    const data = {
      code: 'error',
      message: 'bad webhook_token=whsec_123456789 for Bearer abcdef123456',
    };
    const error = invoiceOceanErrorForResponse({
      provider: 'invoiceocean',
      status: 200,
      headers: {},
      data,
      body: genericRedactor.redactValue(data),
      text: '',
      decodeError: undefined,
      request: { method: 'POST', url: 'https://acme.fakturownia.pl/invoices/1/change_status.json' },
      requestId: undefined,
      retryAfterMs: undefined,
    });
    expect(error?.message).toContain('refused');
    expect(error?.message).not.toMatch(/whsec_123456789|abcdef123456/);
  });
});
