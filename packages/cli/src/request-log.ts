import type { HttpHooks } from '@invoicekit/core';
import type { CliIo } from './io';

/** Query parameter and config key names whose value is a credential. */
const SECRET_NAME = /(token|key|secret|password|passwd|auth|signature|credentials?)$/i;

/** The credential values of a configuration (`apiToken`, `apiKey`, …): never printed. */
export function secretsOf(config: Readonly<Record<string, unknown>>): string[] {
  return Object.entries(config)
    .filter(([key, value]) => SECRET_NAME.test(key) && typeof value === 'string' && value !== '')
    .flatMap(([, value]) => {
      const text = value as string;
      // The value and its parts (`token/account` travels as the token alone), as they appear in
      // a URL too.
      const parts = [text, ...text.split('/').filter((part) => part.length >= 6)];
      return parts.flatMap((part) => [part, encodeURIComponent(part)]);
    });
}

/**
 * A URL as `--verbose` prints it: no user info, every credential-named query value masked, and
 * any known secret replaced wherever else it appears (a path segment). The transport redacts its
 * URLs already; this is the second lock on the door.
 */
export function redactUrl(url: string, secrets: readonly string[]): string {
  let shown: string;
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    for (const name of [...parsed.searchParams.keys()])
      if (SECRET_NAME.test(name)) parsed.searchParams.set(name, '…');
    shown = parsed.toString().replace(/%E2%80%A6/g, '…');
  } catch {
    shown = url.replace(/\/\/[^/@\s]*@/, '//');
  }
  for (const secret of [...secrets].sort((a, b) => b.length - a.length))
    if (secret.length >= 4) shown = shown.split(secret).join('…');
  return shown;
}

/**
 * `--verbose`: one stderr line per vendor request — provider, method, redacted URL, status,
 * duration and attempt. A request that got no answer (a refused connection, a timeout) is printed
 * when the transport retries it, or when the command ends (`flush`), with the reason.
 */
export function requestLog(
  io: CliIo,
  secrets: readonly string[],
  now: () => number = Date.now,
): { hooks: HttpHooks; flush(): void } {
  // Requests sent and not yet answered, by method, URL and attempt (first in, first out).
  const pending = new Map<string, number[]>();
  const keyOf = (event: { provider: string; method: string; url: string; attempt: number }) =>
    `${event.provider} ${event.method} ${event.url} ${event.attempt}`;
  const write = (
    provider: string,
    method: string,
    url: string,
    outcome: string,
    ms: number,
    attempt: number,
  ) =>
    io.stderr.write(
      `${provider} ${method} ${redactUrl(url, secrets)} ${outcome} ${Math.floor(ms)}ms attempt ${attempt}\n`,
    );
  const take = (key: string): number | undefined => {
    const started = pending.get(key);
    const at = started?.shift();
    if (started?.length === 0) pending.delete(key);
    return at;
  };
  return {
    hooks: {
      onRequest(event) {
        const key = keyOf(event);
        pending.set(key, [...(pending.get(key) ?? []), now()]);
      },
      onResponse(event) {
        take(keyOf(event));
        write(
          event.provider,
          event.method,
          event.url,
          String(event.status),
          event.durationMs,
          event.attempt,
        );
      },
      onRetry(event) {
        // Answered attempts were printed with their status; this one had no answer.
        const startedAt = take(keyOf(event));
        if (startedAt === undefined) return;
        write(
          event.provider,
          event.method,
          event.url,
          `no answer (${event.reason}), retry in ${Math.floor(event.delayMs)}ms`,
          now() - startedAt,
          event.attempt,
        );
      },
    },
    flush() {
      for (const [key, starts] of pending) {
        const [provider = '', method = '', url = '', attempt = ''] = key.split(' ');
        for (const startedAt of starts)
          write(provider, method, url, 'no answer', now() - startedAt, Number(attempt));
      }
      pending.clear();
    },
  };
}
