import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  encodeResponse,
  toEmulatorRequest,
  type Emulator,
  type EmulatorRequest,
} from '@invoicekit/core/emulator';

/** A hand-written answer: status, body text and headers (JSON content type by default). */
export interface Answer {
  readonly status: number;
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** What an interceptor decides for one request. */
export type Decision =
  /** Served by the emulator as it is. */
  | undefined
  /** This answer instead; the emulator never sees the request. */
  | Answer
  /** The socket is destroyed without an answer. */
  | 'drop';

/** A loopback server in front of (or instead of) an emulator. */
export interface Loopback {
  /** `http://127.0.0.1:PORT`. */
  readonly baseUrl: string;
  /** Every request that reached the server, in order, with its raw headers. */
  readonly requests: readonly EmulatorRequest[];
  close(): Promise<void>;
}

function write(res: ServerResponse, answer: Answer): void {
  res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
  res.end(answer.body);
}

/**
 * A real `node:http` server on 127.0.0.1 (port 0). `intercept` sees each request first and may
 * answer it itself, drop it, or (returning `undefined`) hand it to the emulator; it may also take
 * its time, so a test can hold an answer back until the client has given up on it. `forward`
 * lets an interceptor commit a request in the emulator and then answer something else.
 */
export async function serveLoopback(
  emulator: Emulator<never> | Emulator<unknown> | undefined,
  intercept: (
    request: EmulatorRequest,
    forward: () => Promise<Answer | 'drop'>,
  ) => Decision | Promise<Decision> = () => undefined,
): Promise<Loopback> {
  const requests: EmulatorRequest[] = [];
  const sockets = new Set<Socket>();
  const forwardTo = (request: EmulatorRequest) => async (): Promise<Answer | 'drop'> => {
    if (!emulator) return { status: 404, body: '{"error":"no emulator"}' };
    const outcome = await (emulator as Emulator<unknown>).handle(request);
    if (outcome.kind === 'drop') return 'drop';
    const { body, headers } = encodeResponse(outcome.response);
    return { status: outcome.response.status, body: body.toString('utf8'), headers };
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const request = await toEmulatorRequest(req);
      requests.push(request);
      const forward = forwardTo(request);
      const decision = (await intercept(request, forward)) ?? (await forward());
      if (decision === 'drop') {
        req.socket.destroy();
        return;
      }
      // The client may have given up already: writing to a closed socket is simply lost.
      if (!res.destroyed) write(res, decision);
    })().catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed)
        write(res, { status: 500, body: JSON.stringify({ error: String(error) }) });
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A server that answers every request with `answer(request)`, no emulator behind it. */
export function serveAnswers(
  answer: (request: EmulatorRequest) => Answer | 'drop',
): Promise<Loopback> {
  return serveLoopback(undefined, (request) => answer(request));
}
