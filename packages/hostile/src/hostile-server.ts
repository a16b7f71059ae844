import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What a hostile server does with one request; the body is read in full first. */
export type HostileHandler = (request: HostileRequest, response: ServerResponse) => void;

/** A request as the hostile server saw it. */
export interface HostileRequest {
  readonly method: string;
  /** Path and query exactly as sent (still percent-encoded). */
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** A hostile vendor on loopback. */
export interface HostileServer {
  readonly baseUrl: string;
  /** Every request received, in order. */
  readonly requests: readonly HostileRequest[];
  /** Stops listening and destroys every open socket (endless answers end here). */
  close(): Promise<void>;
}

/** Serves a hostile handler on 127.0.0.1 (a free port). */
export async function serveHostile(handler: HostileHandler): Promise<HostileServer> {
  const requests: HostileRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: HostileRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(request);
      handler(request, res);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Answers with a status, headers and a body. */
export function answer(
  status: number,
  body: string | Buffer,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): HostileHandler {
  return (_request, response) => {
    response.writeHead(status, headers);
    response.end(body);
  };
}

/** 200, then body bytes for as long as the client keeps reading. */
export function endlessBody(contentType = 'application/json'): HostileHandler {
  return (_request, response) => {
    response.writeHead(200, { 'content-type': contentType });
    response.write('{"data":"');
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let open = true;
    response.on('close', () => (open = false));
    const pump = (): void => {
      while (open && response.write(chunk));
      if (open) response.once('drain', pump);
    };
    pump();
  };
}

/** A body of `bytes` announced in `Content-Length`, produced lazily. */
export function hugeBody(bytes: number): HostileHandler {
  return (_request, response) => {
    response.writeHead(200, {
      'content-type': 'application/json',
      'content-length': String(bytes),
    });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    let open = true;
    response.on('close', () => (open = false));
    const pump = (): void => {
      while (open && sent < bytes) {
        const part = chunk.subarray(0, Math.min(chunk.length, bytes - sent));
        sent += part.length;
        if (!response.write(part)) {
          response.once('drain', pump);
          return;
        }
      }
      if (open) response.end();
    };
    pump();
  };
}

/** Headers, then one byte every `intervalMs`, forever. */
export function trickle(intervalMs: number): HostileHandler {
  return (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.write('{');
    const timer = setInterval(() => response.write(' '), intervalMs);
    response.on('close', () => clearInterval(timer));
  };
}

/** Accepts the request and never answers. */
export function silence(): HostileHandler {
  return () => undefined;
}

/** A gzip-encoded answer: `member` repeated `times` (gzip members concatenate). */
export function compressed(member: Buffer, times: number): HostileHandler {
  return (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    let left = times;
    let open = true;
    response.on('close', () => (open = false));
    const pump = (): void => {
      while (open && left > 0) {
        left -= 1;
        if (!response.write(member)) {
          response.once('drain', pump);
          return;
        }
      }
      if (open) response.end();
    };
    pump();
  };
}
