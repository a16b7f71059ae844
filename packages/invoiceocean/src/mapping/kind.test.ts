import { INVOICE_TYPES } from '@invoicekit/core';
import { describe, expect, it } from 'vitest';
import { KIND_TO_TYPE, TYPE_TO_KIND, toCanonicalType } from './kind';

describe('InvoiceOcean kind mapping', () => {
  it.each(Object.entries(KIND_TO_TYPE))('%s → %s', (kind, type) => {
    expect(toCanonicalType(kind)).toBe(type);
  });

  it('maps canceled, cash documents and unknown kinds to other', () => {
    expect(['canceled', 'kp', 'kw', 'wdt', 'something_new', null].map(toCanonicalType)).toEqual(
      Array(6).fill('other'),
    );
  });

  it('creates every canonical type as a kind that reads back as the same type', () => {
    for (const type of INVOICE_TYPES) {
      expect(toCanonicalType(TYPE_TO_KIND[type])).toBe(type);
    }
  });
});
