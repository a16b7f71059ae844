import { DEFAULT_TRANSPORT_LIMITS } from '@invoicekit/core';
import { describe, expect, it } from 'vitest';
import { InvoiceOceanConfigSchema, splitToken } from './config';

describe('InvoiceOcean config', () => {
  it('builds the host from brand and account', () => {
    const config = InvoiceOceanConfigSchema.parse({
      provider: 'invoiceocean',
      apiToken: 'abc123',
      account: 'acme',
      brand: 'fakturownia',
    });
    expect(config).toMatchObject({
      baseUrl: 'https://acme.fakturownia.pl',
      token: 'abc123',
      format: 'json',
      pageSize: 100,
    });
  });

  it('reads the account prefix from a TOKEN/prefix token and sends only the token part', () => {
    const config = InvoiceOceanConfigSchema.parse({
      provider: 'invoiceocean',
      apiToken: 'XyZ987/my-shop',
      brand: 'vosfactures',
    });
    expect(config).toMatchObject({
      baseUrl: 'https://my-shop.vosfactures.fr',
      token: 'XyZ987',
      account: 'my-shop',
    });
  });

  it.each([
    ['invoiceocean', 'https://a.invoiceocean.com'],
    ['efakturierung', 'https://a.efakturierung.de'],
    ['invoiceocean.de', 'https://a.invoiceocean.de'],
  ] as const)('brand %s → %s', (brand, url) => {
    expect(
      InvoiceOceanConfigSchema.parse({
        provider: 'invoiceocean',
        apiToken: 't',
        account: 'a',
        brand,
      }).baseUrl,
    ).toBe(url);
  });

  it('lets baseUrl override the host (an emulator)', () => {
    const config = InvoiceOceanConfigSchema.parse({
      provider: 'invoiceocean',
      apiToken: 't/acme',
      baseUrl: 'http://127.0.0.1:4010/',
      format: 'xml',
    });
    expect(config).toMatchObject({ baseUrl: 'http://127.0.0.1:4010', format: 'xml', token: 't' });
  });

  it('names the missing account', () => {
    const result = InvoiceOceanConfigSchema.safeParse({
      provider: 'invoiceocean',
      apiToken: 'bare-token',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['account']);
  });

  it('rejects bad fields by path', () => {
    const result = InvoiceOceanConfigSchema.safeParse({
      provider: 'invoiceocean',
      apiToken: '',
      account: 'no spaces',
      pageSize: 500,
    });
    expect(result.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual([
      'account',
      'apiToken',
      'pageSize',
    ]);
  });

  it("takes core's transport limits, with core's defaults", () => {
    const base = { provider: 'invoiceocean', apiToken: 't/acme' } as const;
    expect(InvoiceOceanConfigSchema.parse(base)).toMatchObject({
      timeoutMs: DEFAULT_TRANSPORT_LIMITS.timeoutMs,
      callTimeoutMs: DEFAULT_TRANSPORT_LIMITS.callTimeoutMs,
      maxResponseBytes: DEFAULT_TRANSPORT_LIMITS.maxResponseBytes,
    });
    const limits = { timeoutMs: 5_000, callTimeoutMs: 20_000, maxResponseBytes: 65_536 };
    expect(InvoiceOceanConfigSchema.parse({ ...base, ...limits })).toMatchObject(limits);
    const bad = InvoiceOceanConfigSchema.safeParse({
      ...base,
      timeoutMs: 0,
      callTimeoutMs: -1,
      maxResponseBytes: 1,
    });
    expect(bad.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual([
      'callTimeoutMs',
      'maxResponseBytes',
      'timeoutMs',
    ]);
  });

  it('splits tokens only at a valid prefix', () => {
    expect(splitToken('abc/acme')).toEqual(['abc', 'acme']);
    expect(splitToken('abc')).toEqual(['abc', undefined]);
  });
});
