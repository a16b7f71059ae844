import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Emulator } from './emulator';
import { encodeResponse } from './encode-response';
import type { EmulatorRequest } from './types';

/** An emulator listening on a real loopback socket. */
export interface ServedEmulator {
  /** `http://127.0.0.1:PORT` — give it to an adapter as `baseUrl`. */
  readonly baseUrl: string;
  readonly port: number;
  readonly server: Server;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/** Options of {@link serveEmulator}. */
export interface ServeOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Loopback only: `127.0.0.1` by default. */
  readonly host?: string;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Adapts a Node request to the emulator's request shape. */
export async function toEmulatorRequest(request: IncomingMessage): Promise<EmulatorRequest> {
  const url = new URL(request.url ?? '/', 'http://emulator.local');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined)
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  const rawBody = await readBody(request);
  return {
    method: (request.method ?? 'GET').toUpperCase(),
    path: url.pathname,
    query: url.searchParams,
    headers,
    body: rawBody.toString('utf8'),
    rawBody,
  };
}

/**
 * Serves an emulator on `node:http` on loopback. A dropped-connection fault destroys the socket,
 * so clients see the same `ECONNRESET` / "socket hang up" they would see from a real network.
 */
export async function serveEmulator(
  emulator: Emulator<never> | Emulator<unknown>,
  options: ServeOptions = {},
): Promise<ServedEmulator> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const outcome = await (emulator as Emulator<unknown>).handle(await toEmulatorRequest(req));
        if (outcome.kind === 'drop') {
          req.socket.destroy();
          return;
        }
        const { body, headers } = encodeResponse(outcome.response);
        res.writeHead(outcome.response.status, {
          ...headers,
          'content-length': String(body.length),
        });
        res.end(body);
      } catch (error) {
        // A handler bug must be visible as a 500, not hang the client.
        const message = error instanceof Error ? error.message : String(error);
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'emulator failure', message }));
      }
    })();
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const hostForUrl = host.includes(':') ? `[${host}]` : host;
  return {
    baseUrl: `http://${hostForUrl}:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
