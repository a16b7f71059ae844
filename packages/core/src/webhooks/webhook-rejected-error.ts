import { AuthenticationError } from '../errors/errors';

/**
 * Why a webhook delivery was refused: no credentials in it (`missing`), credentials that do not
 * match (`forged`), signed too long ago or too far ahead (`stale`), or accepted before (`replay`).
 */
export type WebhookRejection = 'missing' | 'forged' | 'stale' | 'replay';

/**
 * A webhook delivery that does not prove it comes from the vendor, or came before. An
 * `AuthenticationError` (code `authentication`), so one `catch` of the error vocabulary answers
 * the sender with 401; `reason` says which check refused it. The message names the check, never
 * the secret, the token or the signature expected.
 */
export class WebhookRejectedError extends AuthenticationError {
  readonly reason: WebhookRejection;
  constructor(details: { provider: string; reason: WebhookRejection; message: string }) {
    super({ provider: details.provider, message: `webhook rejected: ${details.message}` });
    this.reason = details.reason;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), reason: this.reason };
  }
}
