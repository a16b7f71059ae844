import { describe, expect, it } from 'vitest';
import { STATUS_TABLE, toCanonicalStatus } from './status';

describe('Plandocket status → canonical', () => {
  it.each(Object.entries(STATUS_TABLE))('%s → %s', (vendor, canonical) => {
    expect(toCanonicalStatus(vendor)).toBe(canonical);
  });

  it('reads the admin guide spellings and keeps unknown values unknown', () => {
    expect(toCanonicalStatus('Partially Paid')).toBe('partially_paid');
    expect(toCanonicalStatus('partially-paid')).toBe('partially_paid');
    expect(toCanonicalStatus('Cancelled')).toBe('canceled');
    expect(toCanonicalStatus('archived')).toBe('unknown');
    expect(toCanonicalStatus(null)).toBe('unknown');
  });
});
