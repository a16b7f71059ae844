import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import {
  OutcomeUnknownError,
  ResponseTooLargeError,
  TimeoutError,
  UnavailableError,
} from '../errors/errors';
import { createFakeClock } from '../testing/fake-clock';
import { findLeakedSecrets } from '../testing/secrets';
import { basicAuth, bearerToken } from './auth/strategies';
import { systemClock, type Clock } from './clock';
import { createXmlCodec } from './codecs/xml-codec';
import type { HttpHooks } from './hooks';
import { silentLogger } from './logger';
import { TokenBucketRateLimiter, unlimitedRateLimiter } from './rate-limiter';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';
import { HttpTransport } from './transport';
import type { TransportOptions } from './transport-options';

const TOKEN = 'canary-bearer-6b0e4f1d2c';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

/** A loopback server; every socket is destroyed on cleanup, so endless answers end with the test. */
async function serve(handler: Handler): Promise<string> {
  const server = createServer(handler);
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.push(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function transportFor(
  baseUrl: string,
  options: Partial<TransportOptions> = {},
  extras: { retry?: Partial<RetryPolicy>; clock?: Clock; hooks?: HttpHooks } = {},
): HttpTransport {
  const transport = new HttpTransport(
    { provider: 'hostile', baseUrl, auth: bearerToken(TOKEN), ...options },
    extras.clock ?? systemClock,
    silentLogger,
    { ...DEFAULT_RETRY_POLICY, baseDelayMs: 10, ...extras.retry },
    unlimitedRateLimiter,
    extras.hooks ?? {},
    () => 0.5,
  );
  cleanup.push(() => transport.close());
  return transport;
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('every read is bounded in time', () => {
  it('a server trickling a byte at a time fails the attempt at its deadline, body included', async () => {
    const baseUrl = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"id":');
      // A byte every 50 ms keeps the socket busy: an idle-socket timeout never fires.
      const timer = setInterval(() => res.write(' '), 50);
      res.on('close', () => clearInterval(timer));
    });
    const started = Date.now();
    const error = await failureOf(
      transportFor(baseUrl, { timeoutMs: 400 }, { retry: { maxRetries: 0 } }).request({
        method: 'GET',
        path: '/invoices/1',
      }),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toMatch(/no complete answer within the deadline of 400 ms/);
    // Generous upper bound: the deadline plus scheduling, far below "forever".
    expect(Date.now() - started).toBeLessThan(400 + 1_000);
  });

  it('the call deadline ends retries, waits and attempts together', async () => {
    let hits = 0;
    const baseUrl = await serve((_req, res) => {
      hits += 1;
      res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' });
      res.end('{}');
    });
    const started = Date.now();
    const error = await failureOf(
      transportFor(baseUrl, { callTimeoutMs: 1_500 }, { retry: { maxRetries: 10 } }).request({
        method: 'GET',
        path: '/invoices',
      }),
    );
    expect(error).toBeInstanceOf(UnavailableError);
    expect(Date.now() - started).toBeLessThan(1_500 + 1_000);
    // Retry-After 1 s: two attempts fit in 1.5 s, not the ten retries the policy allows.
    expect(hits).toBeLessThanOrEqual(2);
  });

  it('stops waiting once the retry budget is spent', async () => {
    let hits = 0;
    const baseUrl = await serve((_req, res) => {
      hits += 1;
      res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '30' });
      res.end('{}');
    });
    const clock = createFakeClock();
    const error = await failureOf(
      transportFor(
        baseUrl,
        { callTimeoutMs: 3_600_000 },
        { clock, retry: { maxRetries: 10, retryBudgetMs: 50_000 } },
      ).request({ method: 'GET', path: '/invoices' }),
    );
    expect(error).toBeInstanceOf(UnavailableError);
    // One wait of 30 s fits a 50 s budget; a second would not.
    expect(clock.sleeps).toEqual([30_000]);
    expect(hits).toBe(2);
  });
});

describe('every read is bounded in size', () => {
  it('an endless body stops at maxResponseBytes, with nothing buffered past it', async () => {
    let closed = false;
    const baseUrl = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = (): void => {
        while (!closed && res.write(chunk));
        if (!closed) res.once('drain', pump);
      };
      res.on('close', () => {
        closed = true;
      });
      pump();
    });
    const error = await failureOf(
      transportFor(baseUrl, { maxResponseBytes: 1024 * 1024 }).request({
        method: 'GET',
        path: '/invoices',
      }),
    );
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toMatchObject({
      code: 'response_too_large',
      limitBytes: 1024 * 1024,
      retryable: false,
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closed).toBe(true);
  });

  it('a small gzip body counts at its inflated size (no decompression bomb)', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(200 * 1024);
    const baseUrl = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(bomb);
    });
    const error = await failureOf(
      transportFor(baseUrl, { maxResponseBytes: 2 * 1024 * 1024 }).request({
        method: 'GET',
        path: '/invoices',
      }),
    );
    expect(error).toBeInstanceOf(ResponseTooLargeError);
  });

  it('an answer within the limit is read as usual', async () => {
    const baseUrl = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(gzipSync(Buffer.from(JSON.stringify({ id: 7, note: 'x'.repeat(500_000) }))));
    });
    const response = await transportFor(baseUrl, { maxResponseBytes: 1024 * 1024 }).request<{
      id: number;
    }>({ method: 'GET', path: '/invoices/7' });
    expect(response.body.id).toBe(7);
  });
});

describe('a write whose answer is late is never made twice', () => {
  /** A vendor that commits a payment only after the client has given up waiting for it. */
  async function lateCommittingVendor(commitAfterMs: number): Promise<{
    baseUrl: string;
    payments: string[];
  }> {
    const payments: string[] = [];
    const baseUrl = await serve((req, res) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString()));
      req.on('end', () => {
        if (req.method === 'POST') {
          const { reference } = JSON.parse(text) as { reference: string };
          setTimeout(() => {
            payments.push(reference);
            if (!res.destroyed) res.end(JSON.stringify({ reference }));
          }, commitAfterMs);
          return;
        }
        const reference = decodeURIComponent(req.url?.split('/').pop() ?? '');
        const found = payments.includes(reference);
        res.writeHead(found ? 200 : 404, { 'content-type': 'application/json' });
        res.end(JSON.stringify(found ? { reference } : { error: 'not found' }));
      });
    });
    return { baseUrl, payments };
  }

  function pay(transport: HttpTransport, reference: string): Promise<unknown> {
    return transport.request({
      method: 'POST',
      path: '/payments',
      body: { reference },
      operation: 'invoices.markPaid',
      idempotency: {
        kind: 'lookup',
        lookup: async (signal) => {
          const found = await transport
            .request({
              method: 'GET',
              path: `/payments/${reference}`,
              ...(signal ? { signal } : {}),
            })
            .catch((error: unknown) => {
              if ((error as { code?: string }).code === 'not_found') return undefined;
              throw error;
            });
          return found?.body;
        },
      },
    });
  }

  it('finds the payment the vendor committed after the timeout, instead of paying again', async () => {
    const vendor = await lateCommittingVendor(600);
    const transport = transportFor(
      vendor.baseUrl,
      { timeoutMs: 200 },
      { retry: { lookupAttempts: 4, lookupDelayMs: 300 } },
    );
    const response = (await pay(transport, 'pay-1')) as {
      body: unknown;
      recoveredByLookup: boolean;
    };
    expect(response).toMatchObject({ body: { reference: 'pay-1' }, recoveredByLookup: true });
    // Anything sent again would commit within another 600 ms.
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(vendor.payments).toEqual(['pay-1']);
  });

  it('says the outcome is unknown when the vendor commits later than every look-up', async () => {
    const vendor = await lateCommittingVendor(2_500);
    const transport = transportFor(
      vendor.baseUrl,
      { timeoutMs: 200 },
      { retry: { lookupAttempts: 2, lookupDelayMs: 200 } },
    );
    const error = await failureOf(pay(transport, 'pay-2'));
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error).toMatchObject({
      causeCode: 'timeout',
      operation: 'invoices.markPaid',
      retryable: false,
    });
    await new Promise((resolve) => setTimeout(resolve, 2_600));
    // The vendor did commit it, once: the client never sent it a second time.
    expect(vendor.payments).toEqual(['pay-2']);
  });
});

describe('credentials the vendor echoes are masked before anyone reads them', () => {
  it('a success body echoing the token reaches the provider redacted', async () => {
    const baseUrl = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 1, echo: { auth: `Bearer ${TOKEN}`, note: `key ${TOKEN}` } }));
    });
    const response = await transportFor(baseUrl).request({ method: 'GET', path: '/x' });
    expect(findLeakedSecrets(response.body, [TOKEN])).toEqual([]);
    // Only the secret is masked: the other fields, credential-named or not, are the vendor's data.
    expect(response.body).toEqual({
      id: 1,
      echo: { auth: 'Bearer [REDACTED]', note: 'key [REDACTED]' },
    });
  });

  it('a secret escaped in the JSON text (\\" and \\/ as PHP writes them, \\u escapes) is found after decoding', async () => {
    const password = 'canary/pa"ss+word-31';
    const escaped = JSON.stringify(password).slice(1, -1).replace(/\//g, '\\/');
    const unicode = [...password]
      .map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
      .join('');
    const baseUrl = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        `{"id":1,"gateway_key":"gk-1","echo":"${escaped}","again":"${unicode}","${escaped}":1}`,
      );
    });
    const transport = new HttpTransport(
      { provider: 'hostile', baseUrl, auth: basicAuth('owner@acme.example', password) },
      systemClock,
      silentLogger,
      DEFAULT_RETRY_POLICY,
      unlimitedRateLimiter,
      {},
      () => 0.5,
    );
    cleanup.push(() => transport.close());
    const response = await transport.request({ method: 'GET', path: '/x' });
    expect(findLeakedSecrets(response.body, [password])).toEqual([]);
    expect(response.body).toEqual({
      id: 1,
      gateway_key: 'gk-1',
      echo: '[REDACTED]',
      again: '[REDACTED]',
      '[REDACTED]': 1,
    });
  });

  it('a secret spelled with XML character references is found after decoding', async () => {
    const references = [...TOKEN].map((char) => `&#${char.charCodeAt(0)};`).join('');
    const baseUrl = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.end(`<invoice><id>1</id><echo>${references}</echo><note>a &amp; b</note></invoice>`);
    });
    const response = await transportFor(baseUrl, { codec: createXmlCodec() }).request({
      method: 'GET',
      path: '/x',
    });
    expect(findLeakedSecrets(response.body, [TOKEN])).toEqual([]);
    expect(response.body).toEqual({
      invoice: { id: '1', echo: '[REDACTED]', note: 'a & b' },
    });
  });

  it.each([
    ['CDATA', (head: string, tail: string) => `${head}<![CDATA[${tail}]]>`],
    ['a comment', (head: string, tail: string) => `${head}<!-- -->${tail}`],
  ])(
    'a secret XML splits with %s (no entity, not in the text whole) is masked once decoded',
    async (_, split) => {
      const head = TOKEN.slice(0, 8);
      const tail = TOKEN.slice(8);
      const baseUrl = await serve((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/xml' });
        res.end(`<invoice><note>${split(head, tail)}</note></invoice>`);
      });
      const response = await transportFor(baseUrl, { codec: createXmlCodec() }).request({
        method: 'GET',
        path: '/x',
      });
      expect(findLeakedSecrets(response.body, [TOKEN])).toEqual([]);
    },
  );

  it('a secret with a quote and a backslash, echoed in XML, is found in the decoded answer', async () => {
    const password = 'pa"ss\\word-31cc';
    const baseUrl = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.end(`<invoice><id>1</id><note>x ${password.replace('"', '&quot;')} y</note></invoice>`);
    });
    const transport = new HttpTransport(
      {
        provider: 'hostile',
        baseUrl,
        auth: basicAuth('owner@acme.example', password),
        codec: createXmlCodec(),
      },
      systemClock,
      silentLogger,
      DEFAULT_RETRY_POLICY,
      unlimitedRateLimiter,
      {},
      () => 0.5,
    );
    cleanup.push(() => transport.close());
    const response = await transport.request({ method: 'GET', path: '/x' });
    expect(findLeakedSecrets(response.body, [password])).toEqual([]);
    expect(response.body).toEqual({ invoice: { id: '1', note: 'x [REDACTED] y' } });
  });

  it('a secret written verbatim in an answer without escapes is masked, and only then', async () => {
    const baseUrl = await serve((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(req.url === '/echo' ? `{"id":1,"note":"${TOKEN}"}` : '{"id":2,"note":"plain"}');
    });
    const transport = transportFor(baseUrl);
    const echoed = await transport.request({ method: 'GET', path: '/echo' });
    expect(echoed.body).toEqual({ id: 1, note: '[REDACTED]' });
    const plain = await transport.request({ method: 'GET', path: '/plain' });
    expect(plain.body).toEqual({ id: 2, note: 'plain' });
  });

  it('userinfo in the base URL is a credential: never in errors or hook URLs', async () => {
    const password = 'userinfo-pass-99a7c1';
    const baseUrl = await serve((_req, res) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"error":"boom"}');
    });
    const urls: string[] = [];
    const withUserinfo = baseUrl.replace('http://', `http://acme:${password}@`);
    const error = await failureOf(
      transportFor(
        withUserinfo,
        {},
        {
          retry: { maxRetries: 1 },
          hooks: {
            onRequest: (event) => urls.push(event.url),
            onRetry: (event) => urls.push(event.url),
          },
        },
      ).request({ method: 'GET', path: '/x' }),
    );
    expect(error).toBeInstanceOf(UnavailableError);
    expect(urls.length).toBeGreaterThan(0);
    expect(findLeakedSecrets([error, urls], [password, `acme:${password}`])).toEqual([]);
  });

  it('nesting thousands deep neither overflows redaction nor reads as success', async () => {
    const deep = `${'['.repeat(5_000)}${']'.repeat(5_000)}`;
    const baseUrl = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(deep);
    });
    const error = await failureOf(transportFor(baseUrl).request({ method: 'GET', path: '/x' }));
    expect(error).toMatchObject({ code: 'provider' });
    expect((error as Error).message).toMatch(/nesting deeper than 64/);
  });
});

describe('what never went out is no unknown outcome', () => {
  it('a write still waiting for the rate limiter at the call deadline is a plain timeout', async () => {
    let received = 0;
    const baseUrl = await serve((_req, res) => {
      received += 1;
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end('{"id":1}');
    });
    const limiter = new TokenBucketRateLimiter({ requestsPerSecond: 0.2, burst: 1 }, systemClock);
    const transport = new HttpTransport(
      { provider: 'hostile', baseUrl, auth: bearerToken(TOKEN), callTimeoutMs: 300 },
      systemClock,
      silentLogger,
      DEFAULT_RETRY_POLICY,
      limiter,
      {},
      () => 0.5,
    );
    cleanup.push(() => transport.close());
    await transport.request({ method: 'GET', path: '/warm-up' });
    const error = await failureOf(transport.request({ method: 'POST', path: '/x', body: {} }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(received).toBe(1);
  });

  it('a caller waiting behind others in the rate limiter gives up when its signal aborts', async () => {
    const clock = systemClock;
    const limiter = new TokenBucketRateLimiter({ requestsPerSecond: 1, burst: 1 }, clock);
    await limiter.acquire();
    const waiting = [limiter.acquire(), limiter.acquire()];
    const controller = new AbortController();
    const mine = limiter.acquire(controller.signal);
    const started = Date.now();
    setTimeout(() => controller.abort(new Error('caller gave up')), 100);
    await expect(mine).rejects.toThrow('caller gave up');
    expect(Date.now() - started).toBeLessThan(900);
    await Promise.all(waiting);
  });
});
