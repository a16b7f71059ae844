/** A webhook an emulator's state wants sent: where, and the exact bytes and headers. */
export interface EmulatorWebhook {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** A webhook the emulator sent, and what the receiver answered. */
export interface SentWebhook extends EmulatorWebhook {
  /** The receiver's HTTP status; `null` when it could not be reached. */
  readonly status: number | null;
  /** Why it could not be delivered (connection refused, timeout). */
  readonly error?: string;
}

/** Sends one webhook; resolves to the receiver's status. */
export type WebhookSender = (webhook: EmulatorWebhook, signal: AbortSignal) => Promise<number>;

/** POSTs with `fetch`, as a vendor would; the body as given, byte for byte. */
export const fetchWebhookSender: WebhookSender = async (webhook, signal) => {
  const response = await fetch(webhook.url, {
    method: 'POST',
    headers: webhook.headers,
    body: webhook.body,
    signal,
  });
  // Drained so the connection is reused; what the receiver says is not the vendor's business.
  await response.arrayBuffer();
  return response.status;
};

/** The webhooks an emulator has sent, and a way to wait for those still on their way. */
export interface EmulatorWebhooks {
  /** Every delivery attempted since the last reset, oldest first (the most recent 1000). */
  readonly sent: readonly SentWebhook[];
  /** Resolves once every webhook queued so far has been delivered (or has failed). */
  settled(): Promise<void>;
}

/**
 * Delivers an emulator's webhooks one after another, in the order the state produced them (a
 * vendor's receiver may rely on `created` arriving before `paid`), each with a deadline, never
 * delaying the response to the request that caused it.
 */
export class WebhookOutbox implements EmulatorWebhooks {
  private chain: Promise<void> = Promise.resolve();
  private log: SentWebhook[] = [];

  constructor(
    private readonly send: WebhookSender = fetchWebhookSender,
    private readonly timeoutMs = 5_000,
  ) {}

  get sent(): readonly SentWebhook[] {
    return this.log;
  }

  enqueue(webhooks: readonly EmulatorWebhook[]): void {
    for (const webhook of webhooks)
      this.chain = this.chain.then(async () => {
        let entry: SentWebhook;
        try {
          entry = {
            ...webhook,
            status: await this.send(webhook, AbortSignal.timeout(this.timeoutMs)),
          };
        } catch (error) {
          entry = {
            ...webhook,
            status: null,
            error: error instanceof Error ? error.message : String(error),
          };
        }
        this.log.push(entry);
        if (this.log.length > 1000) this.log = this.log.slice(-1000);
      });
  }

  settled(): Promise<void> {
    return this.chain;
  }

  clear(): void {
    this.log = [];
  }
}
