import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ValidationError } from '../errors/errors';
import { parseProviderOptions } from './provider-options';

const VendorOptions = z.strictObject({
  departmentId: z.number().int().positive(),
  template: z.string().optional(),
});

describe('parseProviderOptions', () => {
  it('returns the validated entry of this provider and ignores the others', () => {
    expect(
      parseProviderOptions(
        'vendor',
        VendorOptions,
        { vendor: { departmentId: 3 }, other: { anything: true } },
        'invoices.create',
      ),
    ).toEqual({ departmentId: 3 });
    expect(
      parseProviderOptions('vendor', VendorOptions, { other: {} }, 'invoices.create'),
    ).toBeUndefined();
    expect(
      parseProviderOptions('vendor', VendorOptions, undefined, 'invoices.create'),
    ).toBeUndefined();
  });

  it('names the full path of a bad option', () => {
    const error = (() => {
      try {
        parseProviderOptions(
          'vendor',
          VendorOptions,
          { vendor: { departmentId: -1, colour: 'red' } },
          'invoices.create',
        );
      } catch (caught) {
        return caught as ValidationError;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect(error?.issues.map((issue) => issue.path)).toEqual([
      'providerOptions.vendor.departmentId',
      'providerOptions.vendor',
    ]);
    expect(error?.provider).toBe('vendor');
  });
});
