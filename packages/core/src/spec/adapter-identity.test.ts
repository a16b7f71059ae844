import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { acmeProvider } from '../__reference-provider__/provider';
import { createProviderRegistry } from '../di/provider-registry';

describe('an adapter says which account it speaks to, never how it gets in', () => {
  it('identity, toJSON and inspect name the base URL without user info or key', () => {
    const adapter = createProviderRegistry([acmeProvider]).createAdapter({
      provider: 'acme',
      apiKey: 'identity-key-5e4d3c2b',
      baseUrl: 'https://acme-user:identity-pw-9a8b@api.acme.test/v1',
    });
    expect(adapter.identity?.provider).toBe('acme');
    expect(adapter.identity?.account).toMatch(/^https:\/\/\[REDACTED\]@api\.acme\.test/);
    const renderings = [
      JSON.stringify(adapter.identity),
      JSON.stringify(adapter),
      inspect(adapter),
    ];
    for (const text of renderings) {
      expect(text).not.toContain('identity-pw-9a8b');
      expect(text).not.toContain('identity-key-5e4d3c2b');
      expect(text).toContain('api.acme.test');
    }
  });
});
