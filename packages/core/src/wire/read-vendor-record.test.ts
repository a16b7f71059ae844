import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ProviderError } from '../errors/errors';
import { lenientDecimal } from './lenient';
import { readVendorRecord } from './read-vendor-record';

describe('readVendorRecord', () => {
  const schema = z.looseObject({ total: lenientDecimal.optional() });

  it('returns what the lenient schema reads', () => {
    expect(
      readVendorRecord(schema, { total: '1.5', extra: 1 }, { provider: 'p', what: 'invoice' }),
    ).toEqual({
      total: '1.5',
      extra: 1,
    });
  });

  it('blames the vendor, naming each unreadable field', () => {
    const error = (() => {
      try {
        readVendorRecord(schema, { total: 'lots' }, { provider: 'p', what: 'invoice' });
        return undefined;
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).message).toBe(
      'unreadable invoice: total: not a decimal: "lots"',
    );
  });
});
