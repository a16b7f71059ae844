/**
 * A loopback HTTP server that answers every request with bytes recorded once: the client-only
 * baseline. Against an emulator, each side of a comparison also pays the emulator's own work; here
 * the server's cost is a few µs and the same for every client measured.
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An answer as recorded: status, the headers that matter to a client, the body bytes. */
export interface RecordedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** What {@link serveFixedResponse} returns. */
export interface FixedResponseServer {
  readonly baseUrl: string;
  /** Requests answered so far. */
  requests(): number;
  close(): Promise<void>;
}

const KEPT_HEADERS = ['content-type'];

/** Sends one request to a live server (an emulator) and records its answer. */
export function recordResponse(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RecordedResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      url,
      { method: init.method ?? 'GET', headers: init.headers },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () =>
          resolve({
            status: incoming.statusCode ?? 0,
            headers: keptHeaders(incoming.headers),
            body: Buffer.concat(chunks),
          }),
        );
        incoming.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(init.body);
  });
}

function keptHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = headers[name];
    if (typeof value === 'string') kept[name] = value;
  }
  return kept;
}

/** Serves `answer` to every request (the request body is read and dropped) on 127.0.0.1. */
export async function serveFixedResponse(answer: RecordedResponse): Promise<FixedResponseServer> {
  let requests = 0;
  const headers = { ...answer.headers, 'content-length': String(answer.body.length) };
  const server = createServer((incoming, outgoing) => {
    incoming.resume();
    incoming.on('end', () => {
      requests += 1;
      outgoing.writeHead(answer.status, headers);
      outgoing.end(answer.body);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests: () => requests,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
