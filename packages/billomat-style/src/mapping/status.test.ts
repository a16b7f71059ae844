import { describe, expect, it } from 'vitest';
import { rawStatus, toCanonicalStatus, type StatusFacts } from './status';

const facts = (overrides: Partial<StatusFacts>): StatusFacts => ({
  type: 'outgoing',
  isCanceled: false,
  paidDate: null,
  outstanding: null,
  total: '100',
  ...overrides,
});

describe('method-style status derivation (docs/vendors/method-style.md §11)', () => {
  it.each([
    [{ type: 'draft' }, 'draft'],
    [{ type: 'draft', isCanceled: true }, 'draft'],
    [{ isCanceled: true, paidDate: '2020-01-01' }, 'canceled'],
    [{ paidDate: '2020-01-01' }, 'paid'],
    [{ outstanding: '0.00' }, 'paid'],
    [{ outstanding: '40' }, 'partially_paid'],
    [{ outstanding: '100' }, 'issued'],
    [{}, 'issued'],
    [{ type: 'credit' }, 'issued'],
    [{ type: 'something' }, 'unknown'],
  ] as const)('%j → %s', (overrides, expected) => {
    expect(toCanonicalStatus(facts(overrides))).toBe(expected);
  });

  it('keeps Monsum STATUS as the raw value, else TYPE with the cancel flag', () => {
    expect(rawStatus('canceled', facts({ isCanceled: true }))).toBe('canceled');
    expect(rawStatus(null, facts({ isCanceled: true }))).toBe('outgoing (canceled)');
    expect(rawStatus(undefined, facts({ type: 'draft' }))).toBe('draft');
  });
});
