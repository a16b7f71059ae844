import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AuthenticationError, RateLimitedError, ValidationError } from './errors';
import { InvoicekitError } from './invoicekit-error';
import { REDACTED, createRedactor } from './redaction';

const SECRET = 'tok_9f8e7d6c5b4a';

describe('createRedactor', () => {
  const redactor = createRedactor([SECRET, 'me@example.com:pa55word!', 'pa55word!']);

  it('masks known secrets in their plain, URL-encoded and Base64 forms', () => {
    const base64 = Buffer.from('me@example.com:pa55word!').toString('base64');
    const text = `token ${SECRET}, encoded ${encodeURIComponent('pa55word!')}, basic ${base64}`;
    const redacted = redactor.redactText(text);
    expect(redacted).not.toContain(SECRET);
    expect(redacted).not.toContain(base64);
    expect(redacted).not.toContain(encodeURIComponent('pa55word!'));
    expect(redacted.match(/\[REDACTED]/g)).toHaveLength(3);
  });

  it('masks credential-named query pairs and auth schemes even for unknown values', () => {
    expect(redactor.redactText('GET /x?page=2&api_token=unknown123&per_page=5')).toBe(
      `GET /x?page=2&api_token=${REDACTED}&per_page=5`,
    );
    expect(redactor.redactText('Authorization: Bearer abc.def-ghi')).toBe(
      `Authorization: Bearer ${REDACTED}`,
    );
  });

  it('masks credential-named keys deep inside values, and credential headers', () => {
    const value = {
      invoice: { notes: `see ${SECRET}` },
      api_token: 'other',
      nested: [{ password: 'x' }],
      amount: '1.00',
    };
    expect(redactor.redactValue(value)).toEqual({
      invoice: { notes: `see ${REDACTED}` },
      api_token: REDACTED,
      nested: [{ password: REDACTED }],
      amount: '1.00',
    });
    expect(
      redactor.redactHeaders({
        Authorization: 'Basic abc',
        'X-Trace': SECRET,
        accept: 'application/json',
      }),
    ).toEqual({
      Authorization: REDACTED,
      'X-Trace': REDACTED,
      accept: 'application/json',
    });
  });

  it('masks secrets with URL-special characters in form-encoded query strings', () => {
    const special = createRedactor(['s3cr3t~tok!en (x)']);
    const url = `https://v.test/x?${new URLSearchParams({ key: 's3cr3t~tok!en (x)', page: '2' }).toString()}`;
    expect(special.redactText(url)).not.toMatch(/s3cr3t/);
    expect(special.redactText(url)).toContain('page=2');
  });

  it('masks any parameter or field whose name ends like a credential', () => {
    expect(redactor.redactText('?auth_token=a1b2c3&x_api_key=zz99&page=1')).toBe(
      `?auth_token=${REDACTED}&x_api_key=${REDACTED}&page=1`,
    );
    expect(
      redactor.redactValue({ integration_token: 'abc', client_secret: 'def', name: 'ok' }),
    ).toEqual({
      integration_token: REDACTED,
      client_secret: REDACTED,
      name: 'ok',
    });
  });

  it('leaves short values alone so that amounts and ids survive', () => {
    const short = createRedactor(['1', '']);
    expect(short.redactText('1 + 1 = 2')).toBe('1 + 1 = 2');
  });

  it('survives cycles', () => {
    const cyclic: Record<string, unknown> = { name: 'a' };
    cyclic.self = cyclic;
    expect(redactor.redactValue(cyclic)).toEqual({ name: 'a', self: '[Circular]' });
  });
});

describe('InvoicekitError', () => {
  it('carries the normalised code, provider, status and retryability', () => {
    const error = new RateLimitedError({
      provider: 'invoiceocean',
      message: 'slow down',
      status: 429,
      retryAfterMs: 2000,
    });
    expect(error).toBeInstanceOf(InvoicekitError);
    expect(error).toMatchObject({
      code: 'rate_limited',
      provider: 'invoiceocean',
      status: 429,
      retryable: true,
      retryAfterMs: 2000,
    });
    expect(InvoicekitError.isInvoicekitError(error)).toBe(true);
    expect(InvoicekitError.isInvoicekitError(new Error('x'))).toBe(false);
    expect(new AuthenticationError({ provider: 'x', message: 'no' }).retryable).toBe(false);
  });

  it('renders as JSON and through util.inspect with its fields', () => {
    const error = new ValidationError({
      provider: 'core',
      issues: [{ path: 'lines.0.unitPrice', message: 'must be a decimal' }],
    });
    expect(error.message).toBe('invalid input: lines.0.unitPrice: must be a decimal');
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      code: 'validation',
      issues: [{ path: 'lines.0.unitPrice' }],
    });
    expect(inspect(error)).toContain("code: 'validation'");
  });
});

describe('redaction is bounded and complete', () => {
  const secret = 'canary-deep-1f2e3d4c';
  const redactor = createRedactor([secret]);

  it('copies nesting far deeper than the call stack allows, iteratively', () => {
    let deep: unknown = secret;
    for (let level = 0; level < 100_000; level += 1) deep = [deep];
    const copy = redactor.redactValue(deep);
    expect(JSON.stringify(copy)).not.toContain(secret);
    // Past the depth bound the rest is replaced, not kept.
    expect(JSON.stringify(copy)).toContain('[truncated]');
  });

  it('keeps the shape of ordinary values, and marks cycles', () => {
    const cyclic: Record<string, unknown> = { a: [1, { note: `x ${secret} y` }], api_key: 'k' };
    cyclic.self = cyclic;
    expect(redactor.redactValue(cyclic)).toEqual({
      a: [1, { note: 'x [REDACTED] y' }],
      api_key: '[REDACTED]',
      self: '[Circular]',
    });
  });

  it('a __proto__ key from JSON stays data and is redacted like any other', () => {
    const parsed = JSON.parse(`{"__proto__":{"polluted":"${secret}"}}`) as unknown;
    const copy = redactor.redactValue(parsed) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(JSON.stringify(copy)).toBe('{"__proto__":{"polluted":"[REDACTED]"}}');
  });

  it('masks the userinfo of any URL in text', () => {
    expect(
      redactor.redactText('GET https://acme:hunter2@vendor.test/x and ftp://u@h/y failed'),
    ).toBe('GET https://[REDACTED]@vendor.test/x and ftp://[REDACTED]@h/y failed');
  });

  it('tells whether a text holds a known secret in any wire form', () => {
    expect(redactor.containsSecret(`{"t":"${secret}"}`)).toBe(true);
    expect(redactor.containsSecret(Buffer.from(secret).toString('base64'))).toBe(true);
    expect(redactor.containsSecret('{"t":"nothing here"}')).toBe(false);
    expect(createRedactor([]).containsSecret(secret)).toBe(false);
  });
});

describe('keys echoing a credential', () => {
  it('masks a secret used as a key, and leaves other keys alone', () => {
    const secret = 'canary-key-as-name-81f0';
    const redactor = createRedactor([secret]);
    expect(redactor.redactValue({ [secret]: { [`x-${secret}`]: 1 }, total: '1.00' })).toEqual({
      [REDACTED]: { [`x-${REDACTED}`]: 1 },
      total: '1.00',
    });
  });
});

describe('odd shapes', () => {
  it('copies sparse arrays, holes included, instead of throwing', () => {
    // eslint-disable-next-line no-sparse-arrays -- the shape under test
    const sparse = { lines: [, { a: 1 }] };
    expect(createRedactor(['some-secret-1']).redactValue(sparse)).toEqual({
      lines: [undefined, { a: 1 }],
    });
  });

  it('maskSecrets replaces only known secrets and keeps credential-named data', () => {
    const redactor = createRedactor(['mask-secret-77']);
    const answer = { api_key: 'public-key-of-gateway', note: 'x mask-secret-77 y' };
    expect(redactor.holdsSecret(answer)).toBe(true);
    expect(redactor.maskSecrets(answer)).toEqual({
      api_key: 'public-key-of-gateway',
      note: 'x [REDACTED] y',
    });
    expect(redactor.holdsSecret({ a: ['nothing'] })).toBe(false);
  });
});
