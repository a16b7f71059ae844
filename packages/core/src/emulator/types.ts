/** A request as an emulator sees it, whichever way it arrived (loopback HTTP or nock). */
export interface EmulatorRequest {
  readonly method: string;
  /** Path without the query, e.g. `/invoices/1.json`. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as text (`''` when there is none). */
  readonly body: string;
  /** The body's bytes, for binary uploads (multipart files); absent when only text is known. */
  readonly rawBody?: Buffer;
}

/** What an emulator answers. An object `body` is sent as JSON. */
export interface EmulatorResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer | object | null;
}

/**
 * The result of handling one request: a response, or a dropped connection — before the handler
 * ran (`connection_reset`) or after it committed its changes (`response_lost`).
 */
export type EmulatorOutcome =
  | { readonly kind: 'response'; readonly response: EmulatorResponse }
  | { readonly kind: 'drop'; readonly reason: 'connection_reset' | 'response_lost' };

/** A vendor's behaviour: pure apart from the in-memory state it is given. */
export type EmulatorHandler<State> = (
  request: EmulatorRequest,
  state: State,
) => EmulatorResponse | Promise<EmulatorResponse>;

/** Builds a JSON response. */
export function jsonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): EmulatorResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

/** Builds a text response (XML, HTML, plain). */
export function textResponse(status: number, body: string, contentType: string): EmulatorResponse {
  return { status, headers: { 'content-type': contentType }, body };
}

/** Parses a JSON request body; `undefined` when empty, a `SyntaxError` when malformed. */
export function readJsonBody(request: EmulatorRequest): unknown {
  return request.body.trim() === '' ? undefined : (JSON.parse(request.body) as unknown);
}
