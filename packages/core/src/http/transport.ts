import { Agent as HttpAgent } from 'node:http';
import { inspect } from 'node:util';
import { Agent as HttpsAgent } from 'node:https';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { inject, injectable } from '../di/tsyringe';
import { TOKENS } from '../di/tokens';
import {
  NetworkError,
  OutcomeUnknownError,
  ProviderError,
  ResponseTooLargeError,
  TimeoutError,
} from '../errors/errors';
import { InvoicekitError } from '../errors/invoicekit-error';
import { createRedactor, type Redactor } from '../errors/redaction';
import type { OutgoingRequest } from './auth/auth-strategy';
import type { Clock, RandomSource } from './clock';
import { CodecError, looksLikeHtml, type Codec } from './codecs/codec';
import { jsonCodec } from './codecs/json-codec';
import type { HttpHooks } from './hooks';
import { CallDeadline } from './call-deadline';
import { DEFAULT_TRANSPORT_LIMITS } from './limits';
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
  { readonly action: 'retry' | 'lookup'; readonly delayMs: number } | { readonly action: 'throw' };

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
  /** Agents the caller gave are the caller's: closing the transport leaves them open. */
  private readonly ownsAgents: { readonly http: boolean; readonly https: boolean };
  private readonly codec: Codec;
  /** Masks this transport's credentials; providers use it for their own messages. */
  readonly redactor: Redactor;

  private readonly options: Omit<TransportOptions, 'extraSecrets'>;
  private readonly timeoutMs: number;
  private readonly callTimeoutMs: number;
  private readonly maxResponseBytes: number;
  /** The base URL without trailing slashes, that request paths are appended to. */
  private readonly baseUrl: string;
  /** How far the vendor's clock is ahead of ours (negative: behind), from its `Date` headers. */
  private vendorOffsetMs: number | undefined;
  /** Listings watching the vendor's clock: each keeps the most-behind offset it saw. */
  private readonly clockWatchers = new Set<{ min: number | undefined }>();

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
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TRANSPORT_LIMITS.timeoutMs;
    this.callTimeoutMs = options.callTimeoutMs ?? DEFAULT_TRANSPORT_LIMITS.callTimeoutMs;
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_TRANSPORT_LIMITS.maxResponseBytes;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.redactor = createRedactor([
      ...options.auth.secretValues(),
      ...extraSecrets,
      ...userinfoSecrets(options.baseUrl),
    ]);
    const maxSockets = options.maxSockets ?? 16;
    this.httpAgent = options.httpAgent ?? new HttpAgent({ keepAlive: true, maxSockets });
    this.httpsAgent = options.httpsAgent ?? new HttpsAgent({ keepAlive: true, maxSockets });
    this.ownsAgents = { http: !options.httpAgent, https: !options.httpsAgent };
    this.client = axios.create({
      httpAgent: this.httpAgent,
      httpsAgent: this.httpsAgent,
      // The attempt deadline (see `attempt`) bounds the whole exchange; this only closes idle sockets.
      timeout: this.timeoutMs,
      maxContentLength: this.maxResponseBytes,
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
   *
   * Bounds: each attempt (headers and body) ends at `timeoutMs`, the whole call — attempts, waits
   * and look-ups — at `callTimeoutMs`, and waiting between attempts stops at the retry policy's
   * `retryBudgetMs`. A write that may have been committed is never sent again blind: it is
   * repeated under vendor dedupe, confirmed by repeated look-ups, or given up as
   * {@link OutcomeUnknownError}.
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
    // Only errors, hooks and error mappers read the redacted URL: most calls never build it.
    const redactedUrl = new RedactedUrl(() =>
      request.secretPath ? `${new URL(url).origin}/[REDACTED]` : this.redactor.redactText(url),
    );
    const call = new CallDeadline(this.clock, this.callTimeoutMs, request.signal);
    try {
      return await this.send<T>(request, outgoing, url, redactedUrl, call);
    } finally {
      call.dispose();
    }
  }

  /**
   * How far the vendor's clock is ahead of ours, in milliseconds (negative: behind), as its last
   * dated answer showed; `undefined` before one. The `Date` header is stamped before the answer
   * travels and holds whole seconds, so the figure errs towards "behind" — the safe side for a
   * change cursor, which must not start later than the vendor's own time.
   */
  vendorClockOffsetMs(): number | undefined {
    return this.vendorOffsetMs;
  }

  /**
   * Watches the vendor's clock from now on: `minOffsetMs()` is the most-behind offset any answer
   * showed since (one server of a vendor's fleet may be behind another), else the last one known
   * before. `stop()` ends the watch.
   */
  watchVendorClock(): { minOffsetMs(): number | undefined; stop(): void } {
    const watcher: { min: number | undefined } = { min: undefined };
    const before = this.vendorOffsetMs;
    this.clockWatchers.add(watcher);
    return {
      minOffsetMs: () => watcher.min ?? before,
      stop: () => {
        this.clockWatchers.delete(watcher);
      },
    };
  }

  private noteVendorClock(date: string | undefined): void {
    if (date === undefined) return;
    const vendorNow = Date.parse(date);
    if (Number.isNaN(vendorNow)) return;
    const offset = vendorNow - this.clock.now();
    this.vendorOffsetMs = offset;
    for (const watcher of this.clockWatchers)
      watcher.min = watcher.min === undefined ? offset : Math.min(watcher.min, offset);
  }

  private async send<T>(
    request: TransportRequest,
    outgoing: OutgoingRequest,
    url: string,
    redactedUrl: RedactedUrl,
    call: CallDeadline,
  ): Promise<TransportResponse<T>> {
    const isWrite = !isSafeMethod(request.method) && request.idempotency?.kind !== 'read-only';
    // Set once an attempt of a write failed in a way that may have committed it.
    let mayHaveCommitted = false;
    let waitedMs = 0;
    for (let attempt = 1; ; attempt += 1) {
      let error: InvoicekitError;
      try {
        await this.rateLimiter.acquire(call.signal);
      } catch (thrown) {
        if (request.signal?.aborted) throw request.signal.reason;
        // Out of time before this attempt went out: nothing of it can have been committed.
        if (call.expired)
          throw call.timeoutError(this.options.provider, request, redactedUrl.value);
        throw thrown;
      }
      try {
        const response = await this.attempt<T>(request, outgoing, url, redactedUrl, attempt, call);
        if (!(response instanceof InvoicekitError)) return response;
        error = response;
      } catch (thrown) {
        if (request.signal?.aborted) throw request.signal.reason;
        if (!(thrown instanceof InvoicekitError)) {
          if (call.expired)
            error = call.timeoutError(this.options.provider, request, redactedUrl.value);
          else throw thrown;
        } else error = thrown;
      }

      // A repeat of a possibly committed write was refused (e.g. as a duplicate by `oid_unique`):
      // the first attempt is the record, if the vendor can show it to us — and if it cannot,
      // the first attempt's outcome is still unknown, whatever the repeat was told.
      if (mayHaveCommitted && !error.retryable) {
        const recovered = lookupOf(request)
          ? await this.settleByLookup<T>(request, redactedUrl, attempt, error, call, 0)
          : undefined;
        if (recovered) return recovered;
        throw this.outcomeUnknown(
          request,
          redactedUrl,
          error,
          'an earlier attempt may have been recorded, and its repeat was refused',
        );
      }

      const ambiguous = isWrite && isAmbiguous(error);
      if (ambiguous) mayHaveCommitted = true;
      const decision = this.decide(error, request, attempt - 1);
      if (decision.action === 'throw') {
        throw ambiguous && request.idempotency?.kind !== 'vendor-dedupe'
          ? this.outcomeUnknown(request, redactedUrl, error, 'no look-up can confirm it')
          : error;
      }
      const waitable =
        waitedMs + decision.delayMs <= this.retryPolicy.retryBudgetMs &&
        call.remainingMs() > decision.delayMs;
      if (decision.action === 'lookup') {
        const recovered = await this.settleByLookup<T>(
          request,
          redactedUrl,
          attempt,
          error,
          call,
          decision.delayMs,
        );
        if (recovered) return recovered;
        // Found nothing: the vendor may still commit it (a 502 or 503 may come from a proxy
        // after the backend did the work), so the write is never sent again from here.
        throw this.outcomeUnknown(
          request,
          redactedUrl,
          error,
          `${this.retryPolicy.lookupAttempts} look-ups found nothing`,
        );
      }
      if (!waitable) {
        throw ambiguous && request.idempotency?.kind !== 'vendor-dedupe'
          ? this.outcomeUnknown(request, redactedUrl, error, 'the retry budget is spent')
          : error;
      }
      this.emitRetry(request, redactedUrl, attempt, decision.delayMs, error);
      waitedMs += decision.delayMs;
      await this.sleep(decision.delayMs, request, call);
    }
  }

  /**
   * After an ambiguous failure of a write with a look-up: asks the vendor whether the write was
   * committed, `lookupAttempts` times, giving it `lookupDelayMs` (or the backoff, if longer)
   * before each ask, since a vendor may commit a write after its client gave up waiting.
   */
  private async settleByLookup<T>(
    request: TransportRequest,
    redactedUrl: RedactedUrl,
    attempt: number,
    error: InvoicekitError,
    call: CallDeadline,
    firstDelayMs: number,
  ): Promise<TransportResponse<T> | undefined> {
    const attempts = Math.max(1, this.retryPolicy.lookupAttempts);
    for (let ask = 1; ask <= attempts; ask += 1) {
      const delayMs =
        ask === 1
          ? Math.max(firstDelayMs, this.retryPolicy.lookupDelayMs)
          : this.retryPolicy.lookupDelayMs;
      // Out of time: what the vendor did stays unknown.
      if (call.remainingMs() <= delayMs) {
        if (ask === 1)
          throw this.outcomeUnknown(request, redactedUrl, error, 'no time was left to look it up');
        return undefined;
      }
      this.emitRetry(request, redactedUrl, attempt, delayMs, error);
      await this.sleep(delayMs, request, call);
      const recovered = await this.recoverByLookup<T>(request, attempt, error, call);
      if (recovered) return recovered;
    }
    return undefined;
  }

  private emitRetry(
    request: TransportRequest,
    redactedUrl: RedactedUrl,
    attempt: number,
    delayMs: number,
    error: InvoicekitError,
  ): void {
    this.emit('onRetry', () => ({
      provider: this.options.provider,
      operation: request.operation,
      method: request.method,
      url: redactedUrl.value,
      attempt,
      delayMs,
      reason: error.code,
    }));
  }

  /**
   * False only when the decoded answer provably holds no known secret, so that it need not be
   * walked. Either the codec spells nothing but verbatim here (no escapes: every decoded string
   * is a piece of the text) and the text holds none; or the decoded value — plain data, as every
   * codec returns — written as JSON holds none of the secrets' JSON forms (JSON escapes a string
   * character by character, so a string holding a secret holds its JSON form once written).
   */
  private mayHoldSecret(text: string, decoded: unknown): boolean {
    const escapes = this.codec.escapes;
    if (escapes && !escapes.test(text)) return this.redactor.containsSecret(text);
    let written: string | undefined;
    try {
      written = JSON.stringify(decoded);
    } catch {
      return true;
    }
    return written === undefined || this.redactor.containsSecret(written);
  }

  private async sleep(ms: number, request: TransportRequest, call: CallDeadline): Promise<void> {
    try {
      await this.clock.sleep(ms, call.signal);
    } catch (thrown) {
      if (request.signal?.aborted) throw request.signal.reason;
      throw thrown;
    }
  }

  /** The error that says a write may have been committed and what to check before repeating. */
  private outcomeUnknown(
    request: TransportRequest,
    redactedUrl: RedactedUrl,
    cause: InvoicekitError,
    why: string,
  ): OutcomeUnknownError {
    const operation = request.operation ?? `${request.method} ${redactedUrl.value}`;
    return new OutcomeUnknownError({
      provider: this.options.provider,
      operation,
      causeCode: cause.code,
      check:
        checkOf(request) ??
        `whether ${this.options.provider} recorded ${operation} before repeating it`,
      message: `${request.method} ${redactedUrl.value}: the outcome is unknown (${cause.code}; ${why}) — ${this.options.provider} may have recorded it; check before repeating`,
      status: cause.status,
      requestId: cause.requestId,
      rawBody: cause.rawBody,
      request: cause.request ?? { method: request.method, url: redactedUrl.value },
      cause,
    });
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

  /** Closes the keep-alive sockets (of the agents the transport made itself). */
  close(): Promise<void> {
    if (this.ownsAgents.http) this.httpAgent.destroy();
    if (this.ownsAgents.https) this.httpsAgent.destroy();
    return Promise.resolve();
  }

  private async attempt<T>(
    request: TransportRequest,
    outgoing: OutgoingRequest,
    url: string,
    redactedUrl: RedactedUrl,
    attempt: number,
    call: CallDeadline,
  ): Promise<TransportResponse<T> | InvoicekitError> {
    const { data, contentType } = this.encodeBody(outgoing.body);
    const headers: Record<string, string> = { accept: this.codec.accept, ...outgoing.headers };
    if (
      contentType &&
      !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')
    ) {
      headers['content-type'] = contentType;
    }
    this.emit('onRequest', () => ({
      provider: this.options.provider,
      operation: request.operation,
      attempt,
      method: request.method,
      url: redactedUrl.value,
      headers: this.redactor.redactHeaders(headers),
      body: this.redactor.redactValue(outgoing.body),
    }));

    const startedAt = this.clock.now();
    // One deadline for the whole attempt, body included: axios's own timeout only watches
    // for an idle socket, which a server trickling a byte a second never is.
    const attemptMs = Math.min(this.timeoutMs, Math.max(1, call.remainingMs()));
    // One controller per attempt, aborted by its own timer or by the call's signal (a listener
    // removed afterwards: cheaper than AbortSignal.any, and nothing stays behind on the call).
    const attemptDeadline = new AbortController();
    let attemptTimedOut = false;
    const timer = setTimeout(() => {
      attemptTimedOut = true;
      attemptDeadline.abort();
    }, attemptMs);
    const followCall = (): void => attemptDeadline.abort(call.signal.reason);
    if (call.signal.aborted) followCall();
    else call.signal.addEventListener('abort', followCall, { once: true });
    let response: AxiosResponse<Buffer>;
    try {
      response = await this.client.request<Buffer>({
        method: request.method,
        url,
        headers,
        data,
        signal: attemptDeadline.signal,
      });
    } catch (thrown) {
      if (request.signal?.aborted) throw request.signal.reason;
      if (attemptTimedOut || call.expired) {
        const limit = call.expired
          ? `call deadline of ${this.callTimeoutMs}`
          : `deadline of ${attemptMs}`;
        throw new TimeoutError({
          provider: this.options.provider,
          message: `${request.method} ${redactedUrl.value} failed: no complete answer within the ${limit} ms`,
          request: { method: request.method, url: redactedUrl.value },
        });
      }
      throw this.connectionError(thrown, request.method, redactedUrl);
    } finally {
      clearTimeout(timer);
      call.signal.removeEventListener('abort', followCall);
    }

    const responseHeaders = normaliseHeaders(response.headers as Record<string, unknown>);
    this.noteVendorClock(responseHeaders.date);
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
    // A vendor that echoes the request (or the credential) into its answer: the body is masked
    // before any reader, error or `raw` field can hold it. Text answers are checked as text;
    // decoded ones after decoding, where no escape or entity can hide the secret.
    const echoesSecret = request.responseType === 'text' && this.redactor.containsSecret(text);
    let body: unknown = undefined;
    let decodeError: ResponseContext['decodeError'];
    if (isBinaryDocument) body = buffer;
    else if (request.responseType === 'text')
      body = echoesSecret ? this.redactor.maskSecrets(text) : text;
    else {
      try {
        body = this.codec.decode(text);
        if (this.mayHoldSecret(text, body) && this.redactor.holdsSecret(body))
          body = this.redactor.maskSecrets(body);
      } catch (thrown) {
        // Whatever a codec or parser says, its message may quote the body: only ours is kept.
        decodeError =
          thrown instanceof CodecError
            ? {
                message: this.redactor.redactText(thrown.message),
                looksLikeHtml: thrown.looksLikeHtml,
              }
            : { message: 'the answer could not be decoded', looksLikeHtml: looksLikeHtml(text) };
      }
    }
    const requestId = findRequestId(responseHeaders, isBinaryDocument ? undefined : body);
    const durationMs = this.clock.now() - startedAt;
    this.emit('onResponse', () => ({
      provider: this.options.provider,
      operation: request.operation,
      attempt,
      method: request.method,
      url: redactedUrl.value,
      status: response.status,
      durationMs,
      requestId,
      headers: this.redactor.redactHeaders(responseHeaders),
    }));
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

    const context = responseContext({
      provider: this.options.provider,
      status: response.status,
      headers: responseHeaders,
      data: body,
      text,
      decodeError,
      method: request.method,
      redactedUrl,
      requestId,
      retryAfterMs: parseRetryAfterHeaders(responseHeaders, this.clock.now()),
      redactor: this.redactor,
    });
    const error = this.options.errorMapper?.(context) ?? defaultErrorForResponse(context);
    if (error) return error;
    if (request.responseType === 'binary') {
      return new ProviderError({
        provider: this.options.provider,
        message: `${request.method} ${redactedUrl.value} → ${response.status}: expected a document, received ${responseHeaders['content-type'] ?? 'no content type'}`,
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
    // A `Retry-After` too long to wait for ends retrying; it does not stop a look-up.
    const waitTooLong =
      retryAfterMs !== undefined && retryAfterMs > this.retryPolicy.maxRetryAfterMs;
    const delayMs = waitTooLong
      ? 0
      : (retryAfterMs ?? backoffDelay(retryIndex, this.retryPolicy, this.random));
    const exhausted = waitTooLong || retryIndex >= this.retryPolicy.maxRetries;
    if (!error.retryable) return { action: 'throw' };

    // Refused before any processing: repeating cannot duplicate anything, whatever the method.
    const refused =
      error.code === 'rate_limited' || (error instanceof NetworkError && error.notSent);
    if (refused || isSafeMethod(request.method) || request.idempotency?.kind === 'read-only')
      return exhausted ? { action: 'throw' } : { action: 'retry', delayMs };

    // A write that may have been committed. Only a strategy makes it safe to go on; a look-up
    // is worth making even when no retry is left, since it can still find the committed record.
    if (request.idempotency?.kind === 'lookup') return { action: 'lookup', delayMs };
    if (request.idempotency?.kind === 'vendor-dedupe' && !exhausted)
      return { action: 'retry', delayMs };
    return { action: 'throw' };
  }

  /**
   * Asks the vendor whether a possibly committed write exists. A look-up that fails leaves the
   * outcome unknown, and says so: repeating the write could duplicate it.
   */
  private async recoverByLookup<T>(
    request: TransportRequest,
    attempt: number,
    originalError: InvoicekitError,
    call: CallDeadline,
  ): Promise<TransportResponse<T> | undefined> {
    const lookup = lookupOf(request);
    if (!lookup) return undefined;
    let found: unknown;
    try {
      found = await lookup(call.signal);
    } catch (thrown) {
      if (request.signal?.aborted) throw request.signal.reason;
      this.logger.warn('idempotency look-up failed; the write is not repeated', {
        provider: this.options.provider,
        operation: request.operation,
        error: thrown instanceof InvoicekitError ? thrown.code : 'unknown',
      });
      const url = originalError.request?.url ?? request.path;
      throw this.outcomeUnknown(
        request,
        new RedactedUrl(() => url),
        originalError,
        'the look-up failed',
      );
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
    const path = request.path.startsWith('/') ? request.path : `/${request.path}`;
    const url = new URL(`${this.baseUrl}${path}`);
    const params = new URLSearchParams();
    for (const key of Object.keys(request.query)) appendQuery(params, key, request.query[key]);
    const query = params.toString();
    if (query === '') return url.href;
    // Appending to `url.searchParams` reserialises the whole URL once per parameter; a path
    // that brings its own query or fragment still goes that way, so that it is kept as it was.
    if (url.search === '' && url.hash === '') return `${url.href}?${query}`;
    for (const [key, value] of params) url.searchParams.append(key, value);
    return url.href;
  }

  private connectionError(
    thrown: unknown,
    method: string,
    redactedUrl: RedactedUrl,
  ): InvoicekitError {
    const code =
      typeof thrown === 'object' && thrown !== null
        ? (thrown as { code?: unknown }).code
        : undefined;
    const codeText = typeof code === 'string' ? code : 'ERR_NETWORK';
    const request = { method, url: redactedUrl.value };
    const reason = thrown instanceof Error ? thrown.message : '';
    if (/maxContentLength/.test(reason)) {
      return new ResponseTooLargeError({
        provider: this.options.provider,
        message: `${method} ${redactedUrl.value} failed: the answer exceeds ${this.maxResponseBytes} bytes (maxResponseBytes)`,
        request,
        limitBytes: this.maxResponseBytes,
      });
    }
    const message = `${method} ${redactedUrl.value} failed: ${codeText}`;
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

  /** Calls a hook if one listens; its redacted payload is only built then. */
  private emit<K extends keyof HttpHooks>(
    name: K,
    event: () => Parameters<NonNullable<HttpHooks[K]>>[0],
  ): void {
    const hook = this.hooks[name] as ((payload: ReturnType<typeof event>) => void) | undefined;
    if (!hook) return;
    try {
      hook.call(this.hooks, event());
    } catch (thrown) {
      this.logger.warn(`http hook ${name} threw; ignored`, {
        provider: this.options.provider,
        error: this.redactor.redactText(thrown instanceof Error ? thrown.message : String(thrown)),
      });
    }
  }
}

/** A request's URL with its credentials masked, built the first time something reads it. */
class RedactedUrl {
  #value: string | undefined;
  constructor(private readonly build: () => string) {}

  get value(): string {
    this.#value ??= this.build();
    return this.#value;
  }
}

/** The fields of a {@link ResponseContext} as the transport has them, before redaction. */
interface ResponseFields extends Omit<ResponseContext, 'body' | 'text' | 'request'> {
  readonly text: string;
  readonly redactor: Redactor;
  readonly method: string;
  readonly redactedUrl: RedactedUrl;
}

/**
 * The context error mappers read. `body` and `text` are redacted on first read and kept: a
 * successful answer that no mapper turns into an error is never deep-copied. A class, so that
 * its lazy getters live on one prototype rather than on every answer.
 */
class LazyResponseContext implements ResponseContext {
  readonly provider: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly data: unknown;
  readonly decodeError: ResponseContext['decodeError'];
  readonly requestId: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly #rawText: string;
  readonly #redactor: Redactor;
  readonly #method: string;
  readonly #redactedUrl: RedactedUrl;
  #request: ResponseContext['request'] | undefined;
  #body: { readonly value: unknown } | undefined;
  #text: string | undefined;

  constructor(fields: ResponseFields) {
    this.provider = fields.provider;
    this.status = fields.status;
    this.headers = fields.headers;
    this.data = fields.data;
    this.decodeError = fields.decodeError;
    this.#method = fields.method;
    this.#redactedUrl = fields.redactedUrl;
    this.requestId = fields.requestId;
    this.retryAfterMs = fields.retryAfterMs;
    this.#rawText = fields.text;
    this.#redactor = fields.redactor;
  }

  get request(): ResponseContext['request'] {
    this.#request ??= { method: this.#method, url: this.#redactedUrl.value };
    return this.#request;
  }

  get body(): unknown {
    this.#body ??= { value: this.#redactor.redactValue(this.data) };
    return this.#body.value;
  }

  get text(): string {
    this.#text ??= this.#redactor.redactText(this.#rawText);
    return this.#text;
  }
}

function responseContext(fields: ResponseFields): ResponseContext {
  return new LazyResponseContext(fields);
}

/** The caller's words for what to check when the outcome stays unknown, if it gave them. */
function checkOf(request: TransportRequest): string | undefined {
  const strategy = request.idempotency;
  return strategy && 'check' in strategy ? strategy.check : undefined;
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

/**
 * Failures after which a write may have been committed: the vendor may have done it and the
 * answer was lost (timeout, reset mid-flight, a 5xx). A refusal before any processing (429, a
 * connection that never opened) is not.
 */
function isAmbiguous(error: InvoicekitError): boolean {
  if (!error.retryable) return false;
  if (error.code === 'rate_limited') return false;
  return !(error instanceof NetworkError && error.notSent);
}

/** `user:password@` in a base URL is a credential like any other. */
function userinfoSecrets(baseUrl: string): string[] {
  try {
    const url = new URL(baseUrl);
    const user = decodeURIComponent(url.username);
    const password = decodeURIComponent(url.password);
    return [url.username, url.password, user, password, `${user}:${password}`].filter(
      (value) => value.length > 0,
    );
  } catch {
    return [];
  }
}
