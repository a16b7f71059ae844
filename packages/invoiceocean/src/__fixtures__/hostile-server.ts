import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a {@link HostileServer} received. */
export interface ReceivedRequest {
  readonly method: string;
  /** The path without the query: what a path-injection test compares. */
  readonly path: string;
  /** The path as sent, query included. */
  readonly url: string;
  readonly body: string;
}

/** Writes the answer of a hostile server; may delay, trickle or drop. */
export type HostileHandler = (
  request: ReceivedRequest,
  response: ServerResponse,
  raw: IncomingMessage,
) => void | Promise<void>;

/** A loopback `node:http` server that answers as a broken or hostile vendor would. */
export interface HostileServer {
  /** `http://127.0.0.1:PORT`. */
  readonly baseUrl: string;
  /** Every request received, in order. */
  readonly requests: ReceivedRequest[];
  close(): Promise<void>;
}

/**
 * Serves `handler` on 127.0.0.1, port 0. Test-only: real sockets, so timeouts, resets and odd
 * bodies reach the adapter exactly as a vendor would send them.
 */
export async function serveHostile(handler: HostileHandler): Promise<HostileServer> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((raw, response) => {
    const chunks: Buffer[] = [];
    raw.on('data', (chunk: Buffer) => chunks.push(chunk));
    raw.on('end', () => {
      const url = raw.url ?? '/';
      const request: ReceivedRequest = {
        method: raw.method ?? 'GET',
        path: new URL(url, 'http://hostile.local').pathname,
        url,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(request);
      void Promise.resolve(handler(request, response, raw)).catch(() => raw.socket.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Ends `response` with `body` as is (a string, or JSON for anything else). */
export function answer(
  response: ServerResponse,
  status: number,
  body: unknown,
  contentType = 'application/json; charset=utf-8',
): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  response.writeHead(status, {
    'content-type': contentType,
    'content-length': String(Buffer.byteLength(text)),
  });
  response.end(text);
}

/**
 * Configuration that never waits and never asks twice: for tests whose answers are final, so a
 * retry or a look-up would only slow them down.
 */
export const NO_RETRIES = {
  retry: {
    maxRetries: 0,
    baseDelayMs: 1,
    maxDelayMs: 1,
    maxRetryAfterMs: 1,
    retryBudgetMs: 10,
    lookupAttempts: 1,
    lookupDelayMs: 1,
  },
} as const;
