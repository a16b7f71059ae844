import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createPlandocketAdapter } from './index';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

describe('the user agent', () => {
  it('names the provider and the version of this package, as released', async () => {
    const agents: (string | undefined)[] = [];
    const server = createServer((request, response) => {
      agents.push(request.headers['user-agent']);
      response.writeHead(503, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const adapter = createPlandocketAdapter({
      apiKey: 'ua-key-123456',
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      retry: { maxRetries: 0 },
    });
    try {
      await expect(adapter.invoices.get('1')).rejects.toThrow();
      expect(agents[0]).toBe(`invoicekit-plandocket/${manifest.version}`);
      expect(manifest.version).toMatch(/^\d+\.\d+\.\d+/);
    } finally {
      await adapter.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
