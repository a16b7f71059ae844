import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeClock } from '../testing/fake-clock';
import { apiKeyHeader } from './auth/strategies';
import { silentLogger } from './logger';
import { TokenBucketRateLimiter, type RateLimiter } from './rate-limiter';
import { DEFAULT_RETRY_POLICY } from './retry-policy';
import { HttpTransport } from './transport';

/** A real loopback server that records the client port of every request and answers in order. */
async function startServer(
  statuses: number[],
): Promise<{ server: Server; baseUrl: string; clientPorts: number[]; keys: string[] }> {
  const clientPorts: number[] = [];
  const keys: string[] = [];
  const server = createServer((req, res) => {
    clientPorts.push(req.socket.remotePort ?? -1);
    keys.push(String(req.headers['x-api-key']));
    res.writeHead(statuses.shift() ?? 200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    clientPorts,
    keys,
  };
}

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup) await step();
  cleanup = [];
});

function transportFor(baseUrl: string, rateLimiter?: RateLimiter): HttpTransport {
  const transport = new HttpTransport(
    { provider: 'loopback', baseUrl, auth: apiKeyHeader('X-Api-Key', 'key-abcdef123') },
    createFakeClock(),
    silentLogger,
    DEFAULT_RETRY_POLICY,
    rateLimiter ?? { acquire: () => Promise.resolve() },
    {},
    () => 0.5,
  );
  cleanup.push(() => transport.close());
  return transport;
}

describe('transport over a real loopback socket', () => {
  it('sends the API key header and keeps the connection alive across requests', async () => {
    const { server, baseUrl, clientPorts, keys } = await startServer([]);
    cleanup.push(() => new Promise((resolve) => server.close(() => resolve())));
    cleanup.push(() => Promise.resolve(server.closeAllConnections()));
    const transport = transportFor(baseUrl);
    for (let i = 0; i < 5; i += 1) await transport.request({ method: 'GET', path: '/ping' });
    expect(keys).toEqual(Array(5).fill('key-abcdef123'));
    // one socket, reused: every request came from the same client port
    expect(new Set(clientPorts).size).toBe(1);
  });

  it('asks the rate limiter before every attempt, retries included', async () => {
    const { server, baseUrl } = await startServer([503, 503, 200]);
    cleanup.push(() => new Promise((resolve) => server.close(() => resolve())));
    cleanup.push(() => Promise.resolve(server.closeAllConnections()));
    const clock = createFakeClock();
    const limiter = new TokenBucketRateLimiter({ requestsPerSecond: 1, burst: 1 }, clock);
    let acquired = 0;
    const counting: RateLimiter = {
      acquire: (signal) => {
        acquired += 1;
        return limiter.acquire(signal);
      },
    };
    const response = await transportFor(baseUrl, counting).request({
      method: 'GET',
      path: '/flaky',
    });
    expect(response.attempts).toBe(3);
    expect(acquired).toBe(3);
  });
});
