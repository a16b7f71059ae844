import { describe, expect, it } from 'vitest';
import { CANONICAL_TO_STATUS, STATUS_TO_CANONICAL, toCanonicalStatus } from './status';

describe('InvoiceOcean status mapping', () => {
  it.each(Object.entries(STATUS_TO_CANONICAL))('%s → %s', (raw, canonical) => {
    expect(toCanonicalStatus(raw, 'vat')).toBe(canonical);
  });

  it('reads kind "canceled" as canceled whatever the status', () => {
    expect(toCanonicalStatus('issued', 'canceled')).toBe('canceled');
    expect(toCanonicalStatus('paid', 'canceled')).toBe('canceled');
  });

  it('keeps unknown values as unknown', () => {
    expect(toCanonicalStatus('archived', 'vat')).toBe('unknown');
    expect(toCanonicalStatus(null, 'vat')).toBe('unknown');
  });

  it('round-trips every status the vendor can be set to', () => {
    for (const [canonical, raw] of Object.entries(CANONICAL_TO_STATUS)) {
      expect(toCanonicalStatus(raw, 'vat')).toBe(canonical);
    }
  });
});
