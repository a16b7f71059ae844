import { lenientList } from '@invoicekit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { recordsOf } from './envelope';

const ANY_LIST = lenientList(z.unknown());

/** The zod-free list reading against core's `lenientList` it stands in for. */
describe('recordsOf', () => {
  it('reads every list spelling as lenientList does, and refuses the same values', () => {
    const leaf = fc.oneof(
      fc.constantFrom(null, '', 'ok', 5, [], {}, { A: 1 }),
      fc.dictionary(fc.constantFrom('0', '1', '7', 'A'), fc.constantFrom({ B: 2 }, 'x', null)),
    );
    fc.assert(
      fc.property(fc.oneof(leaf, fc.array(leaf, { maxLength: 4 })), (value) => {
        let expected: unknown;
        try {
          const items = ANY_LIST.parse(value);
          expected =
            (items.length === 1 &&
              items[0] === value &&
              !(typeof value === 'object' && value !== null && !Array.isArray(value))) ||
            items.some((item) => typeof item !== 'object' || item === null || Array.isArray(item))
              ? 'refused'
              : items;
        } catch {
          expected = 'refused';
        }
        let actual: unknown;
        try {
          actual = recordsOf(value);
        } catch {
          actual = 'refused';
        }
        expect(actual).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
