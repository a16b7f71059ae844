import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RetryPolicy } from '@invoicekit/core';

/** One request a hostile server received, with the envelope's SERVICE when it had one. */
export interface ReceivedRequest {
  readonly method: string;
  /** Path and query. */
  readonly url: string;
  readonly body: string;
  readonly service: string | undefined;
}

/** What a hostile server answers: a status, a content type and a body, sent as given. */
export interface HostileAnswer {
  readonly status?: number;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: string | Buffer;
}

/** A loopback HTTP server answering whatever a test scripts, and recording what it received. */
export interface HostileServer {
  readonly baseUrl: string;
  readonly received: ReceivedRequest[];
  /** The services received, in order. */
  services(): (string | undefined)[];
  close(): Promise<void>;
}

/** The SERVICE of a JSON or XML envelope, without decoding anything else. */
export function serviceOf(body: string): string | undefined {
  return (
    /"SERVICE"\s*:\s*"([^"]+)"/.exec(body)?.[1] ?? /<SERVICE>([^<]+)<\/SERVICE>/.exec(body)?.[1]
  );
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Serves `answer` on 127.0.0.1 (port 0). `answer` may also take the response over itself (for
 * answers that are late, cut or never sent) by returning `undefined` after using `response`.
 */
export async function serveHostile(
  answer: (
    request: ReceivedRequest,
    response: ServerResponse,
  ) => HostileAnswer | undefined | Promise<HostileAnswer | undefined>,
): Promise<HostileServer> {
  const received: ReceivedRequest[] = [];
  const server = createServer((request, response) => {
    void (async () => {
      const body = await readBody(request);
      const entry = {
        method: request.method ?? 'GET',
        url: request.url ?? '/',
        body,
        service: serviceOf(body),
      };
      received.push(entry);
      const scripted = await answer(entry, response);
      if (!scripted) return;
      response.writeHead(scripted.status ?? 200, {
        'content-type': scripted.contentType ?? 'text/plain; charset=UTF-8',
        ...scripted.headers,
      });
      response.end(scripted.body);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    received,
    services: () => received.map((request) => request.service),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A `retry` configuration with waits of a few milliseconds (and any overrides), for a test. */
export function fastRetries(overrides: Partial<RetryPolicy> = {}): {
  retry: Partial<RetryPolicy>;
} {
  return { retry: { baseDelayMs: 1, maxDelayMs: 5, ...overrides } };
}
