import type { Agent as HttpAgent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import type { AuthStrategy } from './auth/auth-strategy';
import type { Codec } from './codecs/codec';
import type { ResponseErrorMapper } from './response-error-mapper';

/** What one adapter's transport needs to know about its vendor. */
export interface TransportOptions {
  /** Provider id, stamped on every error. */
  readonly provider: string;
  /** `https://acme.invoiceocean.com` or an emulator's `http://127.0.0.1:PORT`. */
  readonly baseUrl: string;
  readonly auth: AuthStrategy;
  /** Body format; JSON by default. */
  readonly codec?: Codec;
  /**
   * Deadline of one attempt, headers and body together (a server trickling a byte a second
   * fails it too); 30 s by default.
   */
  readonly timeoutMs?: number;
  /**
   * Deadline of one whole call: every attempt, every wait between them and every idempotency
   * look-up; 120 s by default.
   */
  readonly callTimeoutMs?: number;
  /**
   * Largest answer read, in decoded bytes (a compressed body counts at its inflated size);
   * 10 MiB by default. Nothing past the limit is buffered.
   */
  readonly maxResponseBytes?: number;
  /** Headers sent with every request (a user agent, a version). */
  readonly headers?: Readonly<Record<string, string>>;
  /** The vendor's error detection, consulted before the default status rules. */
  readonly errorMapper?: ResponseErrorMapper;
  /** Secrets that the auth strategy does not know of but that must never be shown. */
  readonly extraSecrets?: readonly string[];
  /** Sockets kept alive per host; 16 by default (for the agents the transport makes). */
  readonly maxSockets?: number;
  /**
   * The caller's agent for `http:` base URLs (its own pool, a proxy agent); the transport makes
   * a keep-alive agent when absent, and never closes one it was given.
   */
  readonly httpAgent?: HttpAgent | undefined;
  /** The caller's agent for `https:` base URLs (a proxy agent such as `https-proxy-agent`'s). */
  readonly httpsAgent?: HttpsAgent | undefined;
}
