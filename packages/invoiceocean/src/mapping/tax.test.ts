import { ProviderError, ValidationError } from '@invoicekit/core';
import { describe, expect, it } from 'vitest';
import { fromCanonicalTaxRate, toCanonicalTaxRate } from './tax';

describe('InvoiceOcean tax mapping', () => {
  it.each([
    ['23', { kind: 'percent', value: '23' }],
    ['0', { kind: 'percent', value: '0' }],
    ['7,7', { kind: 'percent', value: '7.7' }],
    [null, { kind: 'percent', value: '0' }],
    ['zw', { kind: 'exempt' }],
    ['np', { kind: 'not_subject' }],
    ['NP', { kind: 'not_subject' }],
    ['n/a', { kind: 'not_subject' }],
    ['nie podlega', { kind: 'not_subject' }],
    ['Not Applicable', { kind: 'not_subject' }],
    ['na', { kind: 'not_subject' }],
    ['oo', { kind: 'reverse_charge' }],
    ['disabled', { kind: 'hidden' }],
  ] as const)('%j → %j', (tax, rate) => {
    expect(toCanonicalTaxRate(tax)).toEqual(rate);
  });

  it('refuses a tax word it does not know instead of guessing', () => {
    expect(() => toCanonicalTaxRate('mystery')).toThrow(ProviderError);
  });

  it('does not quote an unknown tax value (it may be an echoed credential)', () => {
    expect(() => toCanonicalTaxRate('EchoedSecretToken123')).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('EchoedSecretToken123') }),
    );
  });

  it.each(['1e-7', '1000', '-19', '0.00001', '1e2'])(
    'never writes the percentage %j to the vendor',
    (value) => {
      expect(() => fromCanonicalTaxRate({ kind: 'percent', value }, 'lines.0.taxRate')).toThrow(
        expect.objectContaining({
          constructor: ValidationError,
          issues: [expect.objectContaining({ path: 'lines.0.taxRate' })],
        }),
      );
    },
  );

  it('writes every canonical kind back in the vendor spelling that reads the same', () => {
    for (const rate of [
      { kind: 'percent', value: '19' },
      { kind: 'exempt' },
      { kind: 'not_subject' },
      { kind: 'reverse_charge' },
      { kind: 'hidden' },
    ] as const) {
      expect(toCanonicalTaxRate(fromCanonicalTaxRate(rate))).toEqual(rate);
    }
  });
});
