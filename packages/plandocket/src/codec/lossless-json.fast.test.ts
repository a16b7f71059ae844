import { createJsonCodec } from '@invoicekit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { losslessJsonCodec } from './lossless-json';

/** The reference: core's guarded decode with every number as its literal text. */
const reference = createJsonCodec({ numbers: 'text' });

/** A decode's outcome: the value, or the error's class, message and retryability. */
function outcome(decode: (text: string) => unknown, text: string): unknown {
  try {
    return { value: decode(text) };
  } catch (error) {
    const { name, message, retryable } = error as Error & { retryable?: boolean };
    return { error: { name, message, retryable } };
  }
}

function expectSame(text: string): void {
  expect(outcome(losslessJsonCodec.decode, text)).toEqual(outcome(reference.decode, text));
}
/** Number literals as vendors write them, exponents and long ones included. */
const literal = fc.oneof(
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.constantFrom('0.30000000000000004', '12345678901234567890', '-0', '1e21', '4.25E-3', '1E+2'),
  fc.constantFrom('1'.repeat(401), '1e400000000', '1.5e400'),
);

/** JSON text with awkward member names and literal numbers spliced in. */
const text = fc
  .tuple(
    fc.jsonValue({ maxDepth: 4 }),
    fc.array(literal, { maxLength: 6 }),
    fc.constantFrom('', 'a', '0', '10', '__proto__', '\\u0030', '\\"q', 'x"y', 'é'),
  )
  .map(([value, literals, name]) => {
    const base = JSON.stringify({ value, [name]: literals.length })
      // Awkward names are written as given (escapes stay escapes).
      .replace(JSON.stringify(name), `"${name.replace(/"/g, '\\"')}"`);
    return literals.reduce((json, one, index) => json.replace(`:${index}`, `:${one}`), base);
  });

describe('the lossless decode’s fast path', () => {
  it('decodes every text exactly as core’s guarded decode does, or fails the same way', () => {
    fc.assert(fc.property(text, expectSame), { numRuns: 3000 });
  });

  it('agrees on arbitrary text, broken JSON and deep nesting too', () => {
    fc.assert(fc.property(fc.string(), expectSame), { numRuns: 1000 });
    fc.assert(
      fc.property(fc.json(), fc.nat(), (json, cut) =>
        expectSame(json.slice(0, cut % (json.length + 1))),
      ),
      { numRuns: 1000 },
    );
    for (const sample of [
      '',
      '   ',
      '\uFEFF{"a":1}',
      '{"a":1,"a":2}',
      '{"a":1,"\\u0061":2}',
      '{"1":1,"0":2,"b":3}',
      '{"a":007}',
      '{"a":1.}',
      '{"a":-}',
      '[1,2,3]',
      ' [ 1 , {"x" : -2.50 } ] ',
      '"text"',
      '42',
      '<!DOCTYPE html><html></html>',
      `${'['.repeat(64)}1${']'.repeat(64)}`,
      `${'['.repeat(65)}1${']'.repeat(65)}`,
      '{"__proto__":{"a":1},"b":2}',
      '{"s":"a\\\\","t":3}',
      '{"s":"unterminated',
    ])
      expectSame(sample);
  });
});

describe('the lossless codec’s escapes', () => {
  /** Every string a decoded value holds, member names included. */
  function stringsOf(value: unknown, into: string[] = []): string[] {
    if (typeof value === 'string') into.push(value);
    else if (Array.isArray(value)) for (const item of value) stringsOf(item, into);
    else if (typeof value === 'object' && value !== null)
      for (const [key, item] of Object.entries(value)) {
        into.push(key);
        stringsOf(item, into);
      }
    return into;
  }

  it('match wherever a decoded string might not be a piece of the text as it stands', () => {
    fc.assert(
      fc.property(text, (json) => {
        if (losslessJsonCodec.escapes?.test(json)) return;
        const decoded = outcome(losslessJsonCodec.decode, json) as { value?: unknown };
        if (!('value' in decoded)) return;
        for (const piece of stringsOf(decoded.value)) expect(json).toContain(piece);
      }),
      { numRuns: 2000 },
    );
  });
});
