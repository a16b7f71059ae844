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
      'unreadable invoice: total: not a decimal: a string of 4 characters',
    );
  });

  it('never quotes the unreadable value: a vendor may have echoed a credential into it', () => {
    const token = 'canary-token-5f1e2d9a';
    const error = (() => {
      try {
        readVendorRecord(schema, { total: token }, { provider: 'p', what: 'invoice' });
        return undefined;
      } catch (caught) {
        return caught as ProviderError;
      }
    })();
    expect(error).toBeInstanceOf(ProviderError);
    expect(error?.message).not.toContain(token);
    expect(error?.message).toMatch(/total: not a decimal: a string of 21 characters/);
  });

  it.each([
    [null, 'null'],
    ['ok', 'a string of 2 characters'],
    [[{ total: '1' }], 'a list of 1'],
    [42, 'a number'],
    [undefined, 'nothing'],
  ])('refuses %j as a record, however lenient the schema: %s', (raw, described) => {
    const read = () => readVendorRecord(schema, raw, { provider: 'p', what: 'invoice' });
    expect(read).toThrow(ProviderError);
    expect(read).toThrow(`unreadable invoice: expected an object, received ${described}`);
  });
});
