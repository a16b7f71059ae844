import { describe, expect, it } from 'vitest';
import { providerConfig } from './providers';

describe('config values from flags and the environment', () => {
  it('keeps credentials and names text even when they are all digits; numbers elsewhere', () => {
    const config = providerConfig('plandocket', {
      env: {
        INVOICEKIT_PLANDOCKET_API_KEY: '0012345678',
        INVOICEKIT_PLANDOCKET_TIMEOUT_MS: '5000',
      },
      set: ['plandocket.tenant=4711', 'plandocket.callTimeoutMs=60000'],
    });
    expect(config).toMatchObject({
      apiKey: '0012345678',
      tenant: '4711',
      timeoutMs: 5000,
      callTimeoutMs: 60000,
    });
  });
});
