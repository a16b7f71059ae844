import { ResponseTooLargeError, TimeoutError } from '@invoicekit/core';
import { NO_RETRIES } from './__fixtures__/hostile-server';
import { afterEach, describe, expect, it } from 'vitest';
import { answer, serveHostile, type HostileServer } from './__fixtures__/hostile-server';
import { createInvoiceOceanAdapter } from './index';

/** The config's transport limits reach both transports (the account host and the app host). */
let server: HostileServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('transport limits from the config', () => {
  it('maxResponseBytes: a body past it is ResponseTooLargeError, on the account and the app host', async () => {
    const huge = JSON.stringify({ id: 1, note: 'x'.repeat(200_000) });
    server = await serveHostile((_request, response) => answer(response, 200, huge));
    const adapter = createInvoiceOceanAdapter({
      apiToken: 'limits-token-1/acme',
      baseUrl: server.baseUrl,
      maxResponseBytes: 4096,
      ...NO_RETRIES,
    });
    await expect(adapter.invoices.get('1')).rejects.toBeInstanceOf(ResponseTooLargeError);
    await expect(
      adapter.vendor.accounts.login({ login: 'l', password: 'p' }),
    ).rejects.toBeInstanceOf(ResponseTooLargeError);
    await adapter.close();
  });

  it('timeoutMs still bounds an attempt: a server that trickles its answer fails in time', async () => {
    server = await serveHostile((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"id": 1, "note": "');
      // One byte now and then, never the end.
      const timer = setInterval(() => response.write('x'), 50);
      response.on('close', () => clearInterval(timer));
    });
    const adapter = createInvoiceOceanAdapter({
      apiToken: 'limits-token-1/acme',
      baseUrl: server.baseUrl,
      timeoutMs: 300,
      ...NO_RETRIES,
    });
    const startedAt = Date.now();
    await expect(adapter.invoices.get('1')).rejects.toBeInstanceOf(TimeoutError);
    // Generous bound on hostile behaviour: the deadline plus a second.
    expect(Date.now() - startedAt).toBeLessThan(1_300);
    await adapter.close();
  });
});
