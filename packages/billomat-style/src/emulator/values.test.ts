import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixed, fixedOfDecimal } from './values';

describe('fixed', () => {
  it('prints a decimal string as the Decimal path does, digit for digit', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.stringMatching(/^-?\d{1,9}(\.\d{1,10})?$/),
          fc.constantFrom('0', '-0', '-0.004', '0.005', '1.', '.5', ' 2.5 '),
        ),
        fc.constantFrom(0, 2, 8),
        (text, places) => {
          expect(fixed(text, places)).toBe(fixedOfDecimal(text, places));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
