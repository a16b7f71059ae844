import { CodecError } from '@invoicekit/core';
import { describe, expect, it } from 'vitest';
import { JsonNumber, losslessJsonCodec, stringifyWithNumbers } from './lossless-json';

/** The CodecError a decode ended with; fails the test when it decoded. */
function refusal(text: string): CodecError {
  try {
    losslessJsonCodec.decode(text);
  } catch (error) {
    expect(error).toBeInstanceOf(CodecError);
    return error as CodecError;
  }
  throw new Error('decoded');
}

describe('lossless JSON: numbers keep their exact text', () => {
  it('reads number literals as their text, and nothing inside strings', () => {
    expect(
      losslessJsonCodec.decode(
        '{"a":1,"b":-0.5,"c":1e21,"d":"x 1.5 \\" 2","e":[3,4.25E-3],"f":true}',
      ),
    ).toEqual({ a: '1', b: '-0.5', c: '1e21', d: 'x 1.5 " 2', e: ['3', '4.25E-3'], f: true });
  });

  it('decodes floats a plain parse would bend', () => {
    const decoded = losslessJsonCodec.decode(
      '{"total":0.30000000000000004,"big":12345678901234567.89,"huge":1e21,"n":null}',
    );
    expect(decoded).toEqual({
      total: '0.30000000000000004',
      big: '12345678901234567.89',
      huge: '1e21',
      n: null,
    });
    // What a plain JSON.parse would have made of the same text:
    expect(String(JSON.parse('12345678901234567.89'))).toBe('12345678901234568');
  });

  it('writes JsonNumber values as bare numbers with exactly their digits', () => {
    expect(
      stringifyWithNumbers({
        amount: new JsonNumber('40.50'),
        note: 'x',
        list: [new JsonNumber('-1')],
      }),
    ).toBe('{"amount":40.50,"note":"x","list":[-1]}');
    expect(losslessJsonCodec.encode({ amount: new JsonNumber('0.30') })).toBe('{"amount":0.30}');
    expect(() => new JsonNumber('1e3')).toThrow(RangeError);
  });

  it('rejects non-JSON with a codec error that never quotes the body', () => {
    let message = '';
    try {
      losslessJsonCodec.decode('Invalid API key pd-secret-123456');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).not.toContain('pd-secret');
    expect(message).toMatch(/malformed/);
    expect(() => losslessJsonCodec.decode('<html>502</html>')).toThrow(CodecError);
    expect(losslessJsonCodec.decode('')).toBeUndefined();
  });
});

describe('lossless JSON refuses absurd answers before building anything', () => {
  it.each([
    ['an exponent of 400 million', '{"total":1e400000000}', /exponent beyond ±400/],
    ['a negative one', '{"total":-1e-400000000}', /exponent beyond ±400/],
    ['an exponent with 20 digits', '{"total":1e+12345678901234567890}', /exponent beyond/],
    ['a 10 000-digit literal', `{"total":${'9'.repeat(10_000)}}`, /longer than 400 characters/],
    ['duplicate keys', '{"id":1,"id":2}', /duplicate key/],
    ['duplicate keys spelt differently', '{"id":1,"\\u0069d":2}', /duplicate key/],
    ['nesting 2 000 deep', `${'['.repeat(2000)}${']'.repeat(2000)}`, /nesting deeper than 64/],
  ])('%s', (_name, text, reason) => {
    const error = refusal(text);
    expect(error.message).toMatch(reason);
    expect(error.message.length).toBeLessThan(200);
  });

  it('keeps literals within the limits exactly: 1e400, 400 digits', () => {
    expect(losslessJsonCodec.decode('{"a":1e400,"b":-1E-400}')).toEqual({
      a: '1e400',
      b: '-1E-400',
    });
    const digits = '1'.repeat(400);
    expect(losslessJsonCodec.decode(`[${digits}]`)).toEqual([digits]);
  });
});
