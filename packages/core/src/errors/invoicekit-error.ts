import { inspect } from 'node:util';
import type { ErrorCode } from './error-code';

/** One problem with one field of an input or of a vendor's validation answer. */
export interface FieldIssue {
  /** Dotted path into the input, e.g. `lines.0.unitPrice`; empty for the whole input. */
  readonly path: string;
  readonly message: string;
}

/** Everything an {@link InvoicekitError} can carry. All text must already be redacted. */
export interface InvoicekitErrorDetails {
  readonly message: string;
  /** The provider id (`invoiceocean`, …) or `core` for errors raised before any vendor call. */
  readonly provider: string;
  readonly status?: number | undefined;
  readonly retryable?: boolean | undefined;
  readonly requestId?: string | undefined;
  /** The vendor's response body, redacted. */
  readonly rawBody?: unknown;
  readonly issues?: readonly FieldIssue[] | undefined;
  /** How long the vendor asked us to wait (`Retry-After`). */
  readonly retryAfterMs?: number | undefined;
  /** For `unsupported`: the operation or field that is not supported. */
  readonly operation?: string | undefined;
  /** Method and redacted URL of the request that failed. */
  readonly request?: { readonly method: string; readonly url: string } | undefined;
  readonly cause?: unknown;
}

const MARKER = Symbol.for('invoicekit.error');

/**
 * The base of every error invoicekit throws. `code` is the normalised reason; `provider`,
 * `status`, `requestId` and the redacted `rawBody` say where it came from. No credential is ever
 * stored on it, so `String(error)`, `JSON.stringify(error)` and `util.inspect(error)` are safe to
 * log.
 */
export abstract class InvoicekitError extends Error {
  abstract readonly code: ErrorCode;
  readonly provider: string;
  readonly status: number | undefined;
  readonly retryable: boolean;
  readonly requestId: string | undefined;
  readonly rawBody: unknown;
  readonly issues: readonly FieldIssue[];
  readonly request: { readonly method: string; readonly url: string } | undefined;
  /** How long the vendor asked us to wait (`Retry-After` on a 429 or a 503), when it said. */
  readonly retryAfterMs: number | undefined;

  protected constructor(details: InvoicekitErrorDetails, retryableByDefault: boolean) {
    super(details.message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.provider = details.provider;
    this.status = details.status;
    this.retryable = details.retryable ?? retryableByDefault;
    this.requestId = details.requestId;
    this.rawBody = details.rawBody;
    this.issues = details.issues ?? [];
    this.request = details.request;
    this.retryAfterMs = details.retryAfterMs;
    Object.defineProperty(this, MARKER, { value: true });
  }

  /** True for any invoicekit error, also across duplicated copies of the package. */
  static isInvoicekitError(value: unknown): value is InvoicekitError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[MARKER] === true
    );
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      provider: this.provider,
      status: this.status,
      retryable: this.retryable,
      requestId: this.requestId,
      issues: this.issues.length > 0 ? this.issues : undefined,
      request: this.request,
      retryAfterMs: this.retryAfterMs,
      rawBody: this.rawBody,
    };
  }

  [inspect.custom](): string {
    return `${this.stack ?? `${this.name}: ${this.message}`}\n${inspect(this.toJSON(), { depth: 6 })}`;
  }
}

/** Renders field issues as `path: message; path: message`. */
export function describeIssues(issues: readonly FieldIssue[]): string {
  return issues
    .map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
    .join('; ');
}
