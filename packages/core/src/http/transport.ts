import 'reflect-metadata';
import { Agent as HttpAgent } from 'node:http';
import { inspect } from 'node:util';
import { Agent as HttpsAgent } from 'node:https';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { inject, injectable } from 'tsyringe';
import { TOKENS } from '../di/tokens';
import { NetworkError, ProviderError, TimeoutError } from '../errors/errors';
import { InvoicekitError } from '../errors/invoicekit-error';
import { createRedactor, type Redactor } from '../errors/redaction';
import type { OutgoingRequest } from './auth/auth-strategy';
import type { Clock, RandomSource } from './clock';
import { CodecError, type Codec } from './codecs/codec';
import { jsonCodec } from './codecs/json-codec';
import type { HttpHooks } from './hooks';
import type { Logger } from './logger';
import type { RateLimiter } from './rate-limiter';
import {
  isSafeMethod,
  type IdempotencyLookup,
  type QueryValue,
  type TransportRequest,
  type TransportResponse,
} from './request';
import {
  REQUEST_ID_HEADERS,
  defaultErrorForResponse,
  type ResponseContext,
} from './response-error-mapper';
import { backoffDelay, parseRetryAfter, type RetryPolicy } from './retry-policy';
import type { TransportOptions } from './transport-options';

/** Connection failures where the request provably never reached the server. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);
/** Content types that are never a downloaded document. */
const TEXTUAL_CONTENT = /json|html|xml|^text\//i;

type Decision =
  | { readonly action: 'retry' | 'lookup'; readonly delayMs: number; readonly ambiguous: boolean }
  | { readonly action: 'throw' };

/**
 * The HTTP transport every adapter sends through: one axios instance with keep-alive sockets,
 * auth, codecs, a rate limiter, retries that are safe for writes, hooks, and errors that are
 * normalised and scrubbed of every credential.
 */
@injectable()
export class HttpTransport {
  private readonly client: AxiosInstance;
  private readonly httpAgent: HttpAgent;
  private readonly httpsAgent: HttpsAgent;
  private readonly codec: Codec;
  /** Masks this transport's credentials; providers use it for their own messages. */
  readonly redactor: Redactor;

  private readonly options: Omit<TransportOptions, 'extraSecrets'>;

  constructor(
    @inject(TOKENS.TransportOptions) options: TransportOptions,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Logger) private readonly logger: Logger,
    @inject(TOKENS.RetryPolicy) private readonly retryPolicy: RetryPolicy,
    @inject(TOKENS.RateLimiter) private readonly rateLimiter: RateLimiter,
    @inject(TOKENS.HttpHooks) private readonly hooks: HttpHooks,
    @inject(TOKENS.Random) private readonly random: RandomSource,
  ) {
    // The extra secrets go to the redactor and nowhere else: nothing that can be printed holds them.
    const { extraSecrets = [], ...kept } = options;
    this.options = kept;
    this.codec = options.codec ?? jsonCodec;
    this.redactor = createRedactor([...options.auth.secretValues(), ...extraSecrets]);
    const maxSockets = options.maxSockets ?? 16;
    this.httpAgent = new HttpAgent({ keepAlive: true, maxSockets });
    this.httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets });
    this.client = axios.create({
      httpAgent: this.httpAgent,
      httpsAgent: this.httpsAgent,
      timeout: options.timeoutMs ?? 30_000,
      // We read every status ourselves, decode bodies ourselves and never follow redirects
      // (a redirect from an API is a misconfiguration, and following it could carry the token).
      validateStatus: () => true,
      responseType: 'arraybuffer',
      transformRequest: [(data: unknown) => data],
      transformResponse: [(data: unknown) => data],
      maxRedirects: 0,
      proxy: false,
    });
  }

  /** The provider id this transport talks to. */
  get provider(): string {
    return this.options.provider;
  }

  /** The codec bodies are encoded with. */
  get format(): Codec['name'] {
    return this.codec.name;
  }

  /**
   * Sends a request, retrying when that is safe, and returns the decoded answer. Throws an
   * {@link InvoicekitError} (redacted) for every failure; an aborted signal rejects with its reason.
   */
  async request<T = unknown>(request: TransportRequest): Promise<TransportResponse<T>> {
    const outgoing = this.options.auth.apply({
      method: request.method,
      path: request.path,
      query: request.query ?? {},
      headers: { ...this.options.headers, ...request.headers },
      body: request.body,
    });
    const url = this.buildUrl(outgoing);
    const redactedUrl = request.secretPath
      ? `${new URL(url).origin}/[REDACTED]`
      : this.redactor.redactText(url);

    // Set once an attempt of a write failed in a way that may have committed it.
    let mayHaveCommitted = false;
    for (let attempt = 1; ; attempt += 1) {
      let error: InvoicekitError;
      try {
        await this.rateLimiter.acquire(request.signal);
        const response = await this.attempt<T>(request, outgoing, url, redactedUrl, attempt);
        if (!(response instanceof InvoicekitError)) return response;
        error = response;
      } catch (thrown) {
        if (request.signal?.aborted) throw request.signal.reason;
        if (!(thrown instanceof InvoicekitError)) throw thrown;
        error = thrown;
      }

      // A repeat of a possibly committed write was refused (e.g. as a duplicate by `oid_unique`):
      // the first attempt is the record, if the vendor can show it to us.
      if (mayHaveCommitted && lookupOf(request) && !error.retryable) {
        const recovered = await this.recoverByLookup<T>(request, attempt, error);
        if (recovered) return recovered;
      }

      const decision = this.decide(error, request, attempt - 1);
      if (decision.action === 'throw') throw error;
      if (decision.ambiguous) mayHaveCommitted = true;
      this.emit('onRetry', {
        provider: this.options.provider,
        operation: request.operation,
        method: request.method,
        url: redactedUrl,
        attempt,
        delayMs: decision.delayMs,
        reason: error.code,
      });
      // Wait before a look-up too: the vendor may still be committing the first attempt.
      await this.clock.sleep(decision.delayMs, request.signal);
      if (decision.action === 'lookup') {
        const recovered = await this.recoverByLookup<T>(request, attempt, error);
        if (recovered) return recovered;
        if (attempt - 1 >= this.retryPolicy.maxRetries) throw error;
      }
    }
  }

  /** What logs see of a transport: the vendor and its redacted base URL, never sockets or auth. */
  toJSON(): Record<string, string> {
    return {
      provider: this.options.provider,
      baseUrl: this.redactor.redactText(this.options.baseUrl),
      format: this.codec.name,
    };
  }

  [inspect.custom](): string {
    return `HttpTransport ${inspect(this.toJSON())}`;
  }

  /** Closes the keep-alive sockets. */
  close(): Promise<void> {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
    return Promise.resolve();
  }

  private async attempt<T>(
    request: TransportRequest,
    outgoing: OutgoingRequest,
    url: string,
    redactedUrl: string,
    attempt: number,
  ): Promise<TransportResponse<T> | InvoicekitError> {
    const { data, contentType } = this.encodeBody(outgoing.body);
    const headers: Record<string, string> = { accept: this.codec.accept, ...outgoing.headers };
    if (
      contentType &&
      !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')
    ) {
      headers['content-type'] = contentType;
    }
    this.emit('onRequest', {
      provider: this.options.provider,
      operation: request.operation,
      attempt,
      method: request.method,
      url: redactedUrl,
      headers: this.redactor.redactHeaders(headers),
      body: this.redactor.redactValue(outgoing.body),
    });

    const startedAt = this.clock.now();
    let response: AxiosResponse<Buffer>;
    try {
      response = await this.client.request<Buffer>({
        method: request.method,
        url,
        headers,
        data,
        signal: request.signal,
      });
    } catch (thrown) {
      if (request.signal?.aborted) throw request.signal.reason;
      throw this.connectionError(thrown, request.method, redactedUrl);
    }

    const responseHeaders = normaliseHeaders(response.headers as Record<string, unknown>);
    const buffer = Buffer.isBuffer(response.data)
      ? response.data
      : Buffer.from(response.data ?? '');
    const isSuccess = response.status >= 200 && response.status < 300;
    // A binary download is only trusted as such when it succeeded with a non-text content type;
    // a vendor's HTML login page or JSON error where a PDF was expected goes through the error
    // rules like any other answer.
    const isBinaryDocument =
      request.responseType === 'binary' &&
      isSuccess &&
      !TEXTUAL_CONTENT.test(responseHeaders['content-type'] ?? '');
    const text = isBinaryDocument ? '' : buffer.toString('utf8');
    let body: unknown = undefined;
    let decodeError: ResponseContext['decodeError'];
    if (isBinaryDocument) body = buffer;
    else if (request.responseType === 'text') body = text;
    else {
      try {
        body = this.codec.decode(text);
      } catch (thrown) {
        if (!(thrown instanceof CodecError)) throw thrown;
        decodeError = { message: thrown.message, looksLikeHtml: thrown.looksLikeHtml };
      }
    }
    const requestId = findRequestId(responseHeaders, isBinaryDocument ? undefined : body);
    this.emit('onResponse', {
      provider: this.options.provider,
      operation: request.operation,
      attempt,
      method: request.method,
      url: redactedUrl,
      status: response.status,
      durationMs: this.clock.now() - startedAt,
      requestId,
      headers: this.redactor.redactHeaders(responseHeaders),
    });
    if (isBinaryDocument) {
      return {
        status: response.status,
        headers: responseHeaders,
        body: body as T,
        requestId,
        attempts: attempt,
        recoveredByLookup: false,
      };
    }

    const context: ResponseContext = {
      provider: this.options.provider,
      status: response.status,
      headers: responseHeaders,
      body: this.redactor.redactValue(body),
      text: this.redactor.redactText(text),
      decodeError,
      request: { method: request.method, url: redactedUrl },
      requestId,
      retryAfterMs: parseRetryAfterHeaders(responseHeaders, this.clock.now()),
    };
    const error = this.options.errorMapper?.(context) ?? defaultErrorForResponse(context);
    if (error) return error;
    if (request.responseType === 'binary') {
      return new ProviderError({
        provider: this.options.provider,
        message: `${request.method} ${redactedUrl} → ${response.status}: expected a document, received ${responseHeaders['content-type'] ?? 'no content type'}`,
        status: response.status,
        requestId,
        rawBody: context.body ?? context.text.slice(0, 2000),
        request: context.request,
      });
    }
    return {
      status: response.status,
      headers: responseHeaders,
      body: body as T,
      requestId,
      attempts: attempt,
      recoveredByLookup: false,
    };
  }

  private decide(error: InvoicekitError, request: TransportRequest, retryIndex: number): Decision {
    const retryAfterMs = error.retryAfterMs;
    if (retryAfterMs !== undefined && retryAfterMs > this.retryPolicy.maxRetryAfterMs) {
      return { action: 'throw' };
    }
    const delayMs = retryAfterMs ?? backoffDelay(retryIndex, this.retryPolicy, this.random);
    const exhausted = retryIndex >= this.retryPolicy.maxRetries;

    // Refused before any processing: repeating cannot duplicate anything, whatever the method.
    const refused =
      error.code === 'rate_limited' || (error instanceof NetworkError && error.notSent);
    if (refused)
      return exhausted ? { action: 'throw' } : { action: 'retry', delayMs, ambiguous: false };
    if (!error.retryable) return { action: 'throw' };
    if (isSafeMethod(request.method) || request.idempotency?.kind === 'read-only') {
      return exhausted ? { action: 'throw' } : { action: 'retry', delayMs, ambiguous: false };
    }

    // A write that may have been committed. Only a strategy makes it safe to go on; a look-up
    // is worth making even when no retry is left, since it can still find the committed record.
    if (request.idempotency?.kind === 'lookup')
      return { action: 'lookup', delayMs, ambiguous: true };
    if (request.idempotency?.kind === 'vendor-dedupe' && !exhausted) {
      return { action: 'retry', delayMs, ambiguous: true };
    }
    return { action: 'throw' };
  }

  /**
   * Asks the vendor whether a possibly committed write exists. A look-up that fails leaves the
   * outcome unknown, so the original error is thrown: repeating the write could duplicate it.
   */
  private async recoverByLookup<T>(
    request: TransportRequest,
    attempt: number,
    originalError: InvoicekitError,
  ): Promise<TransportResponse<T> | undefined> {
    const lookup = lookupOf(request);
    if (!lookup) return undefined;
    let found: unknown;
    try {
      found = await lookup(request.signal);
    } catch (thrown) {
      if (request.signal?.aborted) throw request.signal.reason;
      this.logger.warn('idempotency look-up failed; the write is not repeated', {
        provider: this.options.provider,
        operation: request.operation,
        error: thrown instanceof InvoicekitError ? thrown.code : 'unknown',
      });
      throw originalError;
    }
    if (found === undefined || found === null) return undefined;
    return {
      status: 200,
      headers: {},
      body: found as T,
      requestId: undefined,
      attempts: attempt,
      recoveredByLookup: true,
    };
  }

  private encodeBody(body: unknown): {
    data: string | Buffer | undefined;
    contentType: string | undefined;
  } {
    if (body === undefined) return { data: undefined, contentType: undefined };
    if (Buffer.isBuffer(body)) return { data: body, contentType: 'application/octet-stream' };
    if (typeof body === 'string') return { data: body, contentType: undefined };
    return { data: this.codec.encode(body), contentType: this.codec.contentType };
  }

  private buildUrl(request: OutgoingRequest): string {
    const base = this.options.baseUrl.replace(/\/+$/, '');
    const path = request.path.startsWith('/') ? request.path : `/${request.path}`;
    const url = new URL(`${base}${path}`);
    for (const [key, value] of Object.entries(request.query))
      appendQuery(url.searchParams, key, value);
    return url.toString();
  }

  private connectionError(thrown: unknown, method: string, redactedUrl: string): InvoicekitError {
    const code =
      typeof thrown === 'object' && thrown !== null
        ? (thrown as { code?: unknown }).code
        : undefined;
    const codeText = typeof code === 'string' ? code : 'ERR_NETWORK';
    const request = { method, url: redactedUrl };
    const message = `${method} ${redactedUrl} failed: ${codeText}`;
    // The original error holds request config and headers: it is never attached as `cause`.
    if (TIMEOUT_CODES.has(codeText))
      return new TimeoutError({ provider: this.options.provider, message, request });
    return new NetworkError({
      provider: this.options.provider,
      message,
      request,
      notSent: NOT_SENT_CODES.has(codeText),
    });
  }

  private emit<K extends keyof HttpHooks>(
    name: K,
    event: Parameters<NonNullable<HttpHooks[K]>>[0],
  ): void {
    const hook = this.hooks[name] as ((payload: typeof event) => void) | undefined;
    if (!hook) return;
    try {
      hook.call(this.hooks, event);
    } catch (thrown) {
      this.logger.warn(`http hook ${name} threw; ignored`, {
        provider: this.options.provider,
        error: this.redactor.redactText(thrown instanceof Error ? thrown.message : String(thrown)),
      });
    }
  }
}

/** The look-up a request's idempotency strategy offers, if any. */
function lookupOf(request: TransportRequest): IdempotencyLookup | undefined {
  const strategy = request.idempotency;
  return strategy && 'lookup' in strategy ? strategy.lookup : undefined;
}

function appendQuery(params: URLSearchParams, key: string, value: QueryValue): void {
  if (value === undefined) return;
  if (Array.isArray(value)) {
    for (const item of value as readonly (string | number)[]) params.append(key, String(item));
    return;
  }
  params.append(key, String(value));
}

function normaliseHeaders(headers: Record<string, unknown>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || value === null) continue;
    result[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return result;
}

function findRequestId(headers: Record<string, string>, body: unknown): string | undefined {
  for (const name of REQUEST_ID_HEADERS) if (headers[name]) return headers[name];
  if (typeof body === 'object' && body !== null) {
    const record = body as { meta?: { request_id?: unknown }; request_id?: unknown };
    const candidate = record.meta?.request_id ?? record.request_id;
    if (typeof candidate === 'string') return candidate;
  }
  return undefined;
}

function parseRetryAfterHeaders(
  headers: Record<string, string>,
  nowMs: number,
): number | undefined {
  const milliseconds = headers['retry-after-ms'];
  if (milliseconds && /^\d+$/.test(milliseconds)) return Number(milliseconds);
  return parseRetryAfter(headers['retry-after'], nowMs);
}
