import type { TenantStatus } from '@invoicekit/fleet';
import { describe, expect, it } from 'vitest';
import { renderFleetStatus } from './status';

const tenant = (overrides: Partial<TenantStatus>): TenantStatus => ({
  tenantId: 'acme',
  kind: 'migrate',
  from: 'plandocket',
  to: 'invoiceocean',
  state: 'done',
  worker: null,
  attempts: 1,
  counts: null,
  lastError: null,
  enqueuedAt: null,
  startedAt: null,
  finishedAt: null,
  ...overrides,
});

describe('the fleet status table', () => {
  it('right-aligns the counts, with - for a tenant whose run has not ended, and one line of its last error', () => {
    const table = renderFleetStatus([
      tenant({
        counts: {
          seen: 120,
          created: 118,
          reconciled: 100,
          explained: 18,
          mismatched: 0,
          failed: 2,
          unknown: 0,
        },
      }),
      tenant({
        tenantId: 'globex',
        state: 'retrying',
        attempts: 2,
        lastError: 'network: GET http://127.0.0.1/x failed\nsecond line',
      }),
    ]);
    const lines = table.split('\n');
    expect(lines[0]).toMatch(
      /^tenant +kind +from → to +state +attempts +seen +created +reconciled +explained +mismatched +failed +unknown +last error$/,
    );
    expect(lines[2]).toMatch(
      /^acme +migrate +plandocket → invoiceocean +done +1 +120 +118 +100 +18 +0 +2 +0$/,
    );
    expect(lines[3]).toMatch(
      /^globex +migrate +plandocket → invoiceocean +retrying +2 +- +- .* network: GET http:\/\/127\.0\.0\.1\/x failed$/,
    );
    // The counts end in the same column on both rows.
    expect(lines[2]?.indexOf('120') ?? 0).toBe((lines[3]?.indexOf('-') ?? 0) - 2);
  });
});
