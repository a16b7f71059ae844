import { createHash } from 'node:crypto';
import type { Invoice } from '@invoicekit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sourceDigestOf } from './carry';

describe('the source digest journals store', () => {
  it('is the sha256 (base64url) of the canonical invoice as JSON, its vendor object and change time left out — the digest earlier journals hold', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.jsonValue()),
        fc.jsonValue(),
        fc.string(),
        (fields, raw, updatedAt) => {
          const invoice = { ...fields, raw, updatedAt } as unknown as Invoice;
          const { raw: _raw, updatedAt: _updatedAt, ...canonical } = invoice;
          const before = createHash('sha256').update(JSON.stringify(canonical)).digest('base64url');
          expect(sourceDigestOf(invoice)).toBe(before);
        },
      ),
    );
  });
});
