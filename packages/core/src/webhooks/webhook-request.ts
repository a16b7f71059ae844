import { z } from 'zod';

/** A header value as a Node server (or a framework) hands it over. */
export type WebhookHeaderValue = string | number | readonly string[] | undefined;

/** A webhook delivery as the receiving endpoint got it. */
export interface WebhookRequest {
  /** The request's headers; names are looked up case-insensitively. */
  readonly headers: Readonly<Record<string, WebhookHeaderValue>>;
  /**
   * The body exactly as received (bytes or text). A parsed and re-serialised object would no
   * longer match its signature, so an object is refused.
   */
  readonly body: string | Buffer;
  /** The URL it was posted to (path and query are enough), where the vendor encodes facts in it. */
  readonly url?: string;
}

/** What core checks of a {@link WebhookRequest} before any provider sees it. */
export const WebhookRequestSchema = z.object({
  headers: z.record(
    z.string(),
    z.union([z.string(), z.number(), z.array(z.string()), z.undefined()]),
  ),
  body: z.union([
    z.string(),
    z.custom<Buffer>((value) => Buffer.isBuffer(value), {
      message: 'must be the body exactly as received (string or Buffer), not a parsed object',
    }),
  ]),
  url: z.string().optional(),
});

/** A header's value, looked up case-insensitively (`undefined` when absent). */
export function webhookHeader(request: WebhookRequest, name: string): WebhookHeaderValue {
  const wanted = name.toLowerCase();
  return Object.entries(request.headers).find(([key]) => key.toLowerCase() === wanted)?.[1];
}

/** The body as text (UTF-8). */
export function webhookBodyText(request: WebhookRequest): string {
  return typeof request.body === 'string' ? request.body : request.body.toString('utf8');
}
