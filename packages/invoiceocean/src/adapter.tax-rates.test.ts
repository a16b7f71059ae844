import { ValidationError } from '@invoicekit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { answer, serveHostile, type HostileServer } from './__fixtures__/hostile-server';
import { createInvoiceOceanAdapter } from './index';

/** Tax rates no tax office sets never reach the vendor's books from a canonical write. */
let server: HostileServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('canonical writes with impossible tax rates', () => {
  it.each([1e-7, 1000, -19, '1e-7', '1000', '-19'])(
    'taxRate %j is a ValidationError and nothing is sent',
    async (taxRate) => {
      server = await serveHostile((_request, response) => answer(response, 500, {}));
      const adapter = createInvoiceOceanAdapter({
        apiToken: 'tax-rate-token-01/acme',
        baseUrl: server.baseUrl,
      });
      const error = await adapter.invoices
        .create({
          currency: 'PLN',
          customer: { snapshot: { name: 'B' } },
          lines: [{ description: 'x', unitPrice: '1', taxRate }],
        })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((issue) => issue.path).join(' ')).toMatch(
        /lines\.0\.taxRate/,
      );
      expect(server.requests).toEqual([]);
      await adapter.close();
    },
  );
});
