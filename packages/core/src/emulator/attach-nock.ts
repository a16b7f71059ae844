import type { Emulator } from './emulator';
import { encodeResponse } from './encode-response';
import type { EmulatorRequest } from './types';

/** The parts of a nock interceptor's reply context that the emulator reads. */
interface NockReplyContext {
  readonly req: { readonly headers: Record<string, string | string[] | undefined> };
}

type NockReplyFunction = (
  this: NockReplyContext,
  uri: string,
  body: unknown,
) => Promise<[number, Buffer, Record<string, string>]>;

/**
 * The structural slice of a nock `Scope` used here, so core does not depend on nock: pass
 * `nock(baseUrl)` from your test.
 */
export interface NockScopeLike {
  persist(flag?: boolean): NockScopeLike;
  intercept(
    uri: (uri: string) => boolean,
    method: string,
  ): { reply(replyFunction: NockReplyFunction): NockScopeLike };
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const;

/** Thrown into nock for a dropped connection; axios and fetch see a reset socket. */
function connectionReset(): Error {
  return Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
}

/**
 * Attaches an emulator to a caller's nock scope: every request to the scope's host is answered by
 * the same handler that `serveEmulator` serves, so contract tests and the running demo exercise
 * one implementation. The scope is made persistent; remove it with `nock.cleanAll()`.
 *
 * One difference remains: nock hands JSON request bodies over already parsed, so the emulator
 * receives them re-serialised — `1.0` arrives as `1`, and integers beyond 2^53 lose digits. Serve
 * on loopback (`serveEmulator`) when a test depends on the exact bytes of a JSON request.
 */
export function attachToNock<Scope extends NockScopeLike>(
  emulator: Emulator<never> | Emulator<unknown>,
  scope: Scope,
): Scope {
  scope.persist();
  for (const method of METHODS) {
    scope
      .intercept(() => true, method)
      .reply(async function (this: NockReplyContext, uri: string, body: unknown) {
        const url = new URL(uri, 'http://emulator.local');
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(this.req.headers)) {
          if (value !== undefined)
            headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
        }
        const text =
          body === undefined || body === ''
            ? ''
            : typeof body === 'string'
              ? body
              : JSON.stringify(body);
        const request: EmulatorRequest = {
          method,
          path: url.pathname,
          query: url.searchParams,
          headers,
          // nock hands JSON bodies over parsed; the emulator always reads text. Non-JSON bodies
          // arrive as nock's hex encoding of the bytes when they are binary.
          body: text,
          rawBody: Buffer.isBuffer(body) ? body : Buffer.from(text, 'utf8'),
        };
        const outcome = await (emulator as Emulator<unknown>).handle(request);
        if (outcome.kind === 'drop') throw connectionReset();
        const encoded = encodeResponse(outcome.response);
        return [outcome.response.status, encoded.body, encoded.headers];
      });
  }
  return scope;
}
