import { describe, expect, it } from 'vitest';
import { JsonNumber, losslessJsonCodec, quoteNumbers, stringifyWithNumbers } from './lossless-json';

describe('lossless JSON: numbers keep their exact text', () => {
  it('quotes number literals outside strings, and nothing inside them', () => {
    expect(
      quoteNumbers('{"a":1,"b":-0.5,"c":1e21,"d":"x 1.5 \\" 2","e":[3,4.25E-3],"f":true}'),
    ).toBe('{"a":"1","b":"-0.5","c":"1e21","d":"x 1.5 \\" 2","e":["3","4.25E-3"],"f":true}');
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
    expect(message).toBe('the answer is not JSON');
    expect(() => losslessJsonCodec.decode('<html>502</html>')).toThrow(/not JSON/);
    expect(losslessJsonCodec.decode('')).toBeUndefined();
  });
});
