import { describe, expect, it } from 'vitest';
import type { CliIo } from './io';
import { redactUrl, requestLog, secretsOf } from './request-log';

function capture() {
  const out = { stderr: '' };
  const io: CliIo = {
    stdout: { write: () => undefined },
    stderr: { write: (text: string) => (out.stderr += text) },
    env: {},
    interrupted: new Promise<void>(() => undefined),
  };
  return { io, out };
}

describe('--verbose request lines', () => {
  it('redact user info, credential-named query values and known secrets anywhere in the URL', () => {
    const secrets = secretsOf({ provider: 'x', apiToken: 'Tok3nValue/acct', baseUrl: 'http://h' });
    expect(secrets).toContain('Tok3nValue');
    expect(
      redactUrl(
        'https://user:pa55@acct.example/v1/Tok3nValue/invoices.json?api_token=abc&page=2&signature=zz',
        secrets,
      ),
    ).toBe('https://acct.example/v1/…/invoices.json?api_token=…&page=2&signature=…');
    expect(redactUrl('not a url //u:p@host/x', [])).toBe('not a url //host/x');
  });

  it('one line per answer; an unanswered attempt when retried or at the end, with its reason', () => {
    const { io, out } = capture();
    let now = 1_000;
    const log = requestLog(io, ['S3cretKey'], () => now);
    const request = {
      provider: 'plandocket',
      operation: 'invoices.list',
      method: 'GET',
      url: 'http://127.0.0.1:9/invoices?key=S3cretKey',
      headers: {},
      body: undefined,
    };
    log.hooks.onRequest?.({ ...request, attempt: 1 });
    log.hooks.onResponse?.({
      ...request,
      attempt: 1,
      status: 503,
      durationMs: 12.7,
      requestId: undefined,
      headers: {},
    });
    // Answered, then retried: the answer's line is the attempt's line.
    log.hooks.onRetry?.({ ...request, attempt: 1, delayMs: 40, reason: 'unavailable' });
    log.hooks.onRequest?.({ ...request, attempt: 2 });
    now += 5;
    log.hooks.onRetry?.({ ...request, attempt: 2, delayMs: 80, reason: 'network' });
    log.hooks.onRequest?.({ ...request, attempt: 3 });
    now += 3;
    log.flush();
    expect(out.stderr.split('\n').filter(Boolean)).toEqual([
      'plandocket GET http://127.0.0.1:9/invoices?key=… 503 12ms attempt 1',
      'plandocket GET http://127.0.0.1:9/invoices?key=… no answer (network), retry in 80ms 5ms attempt 2',
      'plandocket GET http://127.0.0.1:9/invoices?key=… no answer 3ms attempt 3',
    ]);
    expect(out.stderr).not.toContain('S3cretKey');
  });
});
