import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  encodeResponse,
  toEmulatorRequest,
  type Emulator,
  type EmulatorOutcome,
  type EmulatorRequest,
} from '@invoicekit/core/emulator';
import { serviceOf } from './hostile-server';

/** When a held write is committed. */
export type CommitWhen =
  /** Just after the n-th look-up (a read) following the held write was answered from the old state. */
  | { readonly afterLookups: number }
  /** Only when the test calls `release()`: after the client has given up on every look-up. */
  | 'on-release';

/** The emulator on loopback, with one write held past the client's timeout and committed late. */
export interface LateCommitServer {
  readonly baseUrl: string;
  /** Every SERVICE received, in order. */
  readonly services: string[];
  /** Commits the held write now (if it has not been committed yet). */
  release(): Promise<void>;
  /** True once the held write was committed. */
  readonly committed: boolean;
  close(): Promise<void>;
}

function write(response: ServerResponse, outcome: EmulatorOutcome): void {
  // The client gave up long ago: writing to its closed socket fails, and that is the point.
  response.on('error', () => undefined);
  if (outcome.kind === 'drop' || response.destroyed) {
    response.destroy();
    return;
  }
  const { body, headers } = encodeResponse(outcome.response);
  response.writeHead(outcome.response.status, { ...headers, 'content-length': String(body.length) });
  response.end(body);
}

/**
 * Serves `emulator`; the first request whose SERVICE matches `hold` gets no answer while the
 * client waits (it times out), and is committed later — `when` says when — as a vendor that
 * finishes a slow write after its client has stopped waiting. Its answer then goes to a socket
 * nobody reads. Reads are answered at once.
 */
export async function serveWithLateCommit(
  emulator: Emulator<never> | Emulator<unknown>,
  hold: RegExp,
  when: CommitWhen,
): Promise<LateCommitServer> {
  const services: string[] = [];
  let held: { request: EmulatorRequest; response: ServerResponse } | undefined;
  let heldOnce = false;
  let committed = false;
  let lookupsAfterHold = 0;

  const commit = async (): Promise<void> => {
    if (!held || committed) return;
    committed = true;
    const { request, response } = held;
    write(response, await (emulator as Emulator<unknown>).handle(request));
  };

  const server = createServer((req, res) => {
    void (async () => {
      const request = await toEmulatorRequest(req);
      const service = serviceOf(request.body) ?? '';
      services.push(service);
      if (!heldOnce && hold.test(service)) {
        heldOnce = true;
        held = { request, response: res };
        return;
      }
      const outcome = await (emulator as Emulator<unknown>).handle(request);
      const isLookup = held !== undefined && !committed && /\.get$/.test(service);
      if (isLookup) lookupsAfterHold += 1;
      // The look-up was answered from the state before the commit; the commit lands before the
      // client reads that answer, so the next look-up sees it.
      if (isLookup && when !== 'on-release' && lookupsAfterHold === when.afterLookups)
        await commit();
      write(res, outcome);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    services,
    release: commit,
    get committed() {
      return committed;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
