import { describe, expect, it } from 'vitest';
import { CodecError } from './codec';
import { createJsonCodec, jsonCodec } from './json-codec';
import { DEFAULT_JSON_GUARDS, guardJson, parseGuardedJson } from './json-guards';

const SECRET = 'canary-json-4e8a1f';

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CodecError);
    return (error as Error).message;
  }
  throw new Error('expected a CodecError');
}

describe('guarded JSON', () => {
  it('refuses nesting deeper than the guard, before JSON.parse builds it', () => {
    const deep = `${'['.repeat(65)}${']'.repeat(65)}`;
    expect(messageOf(() => jsonCodec.decode(deep))).toMatch(
      /nesting deeper than 64 at position 64/,
    );
    expect(jsonCodec.decode(`${'['.repeat(64)}${']'.repeat(64)}`)).toBeInstanceOf(Array);
    const objects = `${'{"a":'.repeat(200_000)}1${'}'.repeat(200_000)}`;
    expect(messageOf(() => jsonCodec.decode(objects))).toMatch(/nesting deeper/);
  });

  it('refuses duplicate keys (JSON.parse would silently keep the last), escaped spellings too', () => {
    expect(messageOf(() => jsonCodec.decode('{"id":1,"id":2}'))).toMatch(/duplicate key/);
    expect(messageOf(() => jsonCodec.decode('{"id":1,"\\u0069d":2}'))).toMatch(/duplicate key/);
    expect(messageOf(() => jsonCodec.decode('[{"a":{"b":1,"c":[{"b":2,"b":3}]}}]'))).toMatch(
      /duplicate key/,
    );
    // The same key in sibling objects, and a key spelled like a value, are fine.
    expect(jsonCodec.decode('[{"id":1},{"id":2,"x":"id"}]')).toEqual([
      { id: 1 },
      { id: 2, x: 'id' },
    ]);
  });

  it('refuses number literals with an absurd exponent or length before expanding them', () => {
    expect(messageOf(() => jsonCodec.decode('{"total":1e400000000}'))).toMatch(
      /exponent beyond ±400/,
    );
    expect(messageOf(() => jsonCodec.decode('{"total":-1E-400000000}'))).toMatch(/exponent/);
    expect(messageOf(() => jsonCodec.decode(`{"total":${'9'.repeat(10_000)}}`))).toMatch(
      /longer than 400 characters/,
    );
    expect(jsonCodec.decode('{"total":1e40,"tiny":1e-7}')).toEqual({ total: 1e40, tiny: 1e-7 });
  });

  it('with text numbers, every literal reaches the reader digit for digit', () => {
    const codec = createJsonCodec({ numbers: 'text' });
    expect(
      codec.decode(
        '{"a":0.30000000000000004,"b":12345678901234567.89,"c":[-1,1e21],"s":"12 \\"3\\"","t":true}',
      ),
    ).toEqual({
      a: '0.30000000000000004',
      b: '12345678901234567.89',
      c: ['-1', '1e21'],
      s: '12 "3"',
      t: true,
    });
  });

  it('never quotes the text in its messages: an answer may echo a credential', () => {
    for (const text of [
      `{"${SECRET}":1,"${SECRET}":2}`,
      `{"token":"${SECRET}",`,
      `<html><body>${SECRET}</body></html>`,
      `${'['.repeat(100)}"${SECRET}"`,
    ])
      expect(messageOf(() => jsonCodec.decode(text))).not.toContain(SECRET);
  });

  it('an empty body is nothing; HTML is flagged as such', () => {
    expect(parseGuardedJson('  \n')).toBeUndefined();
    try {
      jsonCodec.decode('<!doctype html><html><body>Maintenance</body></html>');
    } catch (error) {
      expect((error as CodecError).looksLikeHtml).toBe(true);
    }
    expect.assertions(2);
  });
});

describe('guarded JSON refuses what JSON.parse would refuse, in text-number mode too', () => {
  const codec = createJsonCodec({ numbers: 'text' });
  it.each([
    '[-]',
    '[01]',
    '{"id":007}',
    '[1.]',
    '[-.5]',
    '[1e]',
    '[1.2.3]',
    '[--1]',
    '[1+2]',
    '0+',
  ])('refuses the malformed literal in %s', (text) => {
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    expect(messageOf(() => codec.decode(text))).toMatch(/malformed/);
  });

  it('a key with a bad escape is a CodecError, not a raw SyntaxError', () => {
    expect(messageOf(() => jsonCodec.decode('{"\\q":1}'))).toMatch(/malformed text/);
  });

  it('keeps every valid literal exact', () => {
    expect(codec.decode('[0,-0,1E+2,-1.5e-3,10]')).toEqual(['0', '-0', '1E+2', '-1.5e-3', '10']);
  });
});

describe('guardJson on its own', () => {
  it('refuses a duplicate key however it is spelt, and passes sibling objects', () => {
    expect(() => guardJson('{"a":{"id":1,"\\u0069d":2}}', DEFAULT_JSON_GUARDS, false)).toThrow(
      /duplicate key/,
    );
    expect(guardJson('[{"id":1},{"id":2}]', DEFAULT_JSON_GUARDS, false)).toBe(
      '[{"id":1},{"id":2}]',
    );
    expect(guardJson('{"n":1.50}', DEFAULT_JSON_GUARDS, true)).toBe('{"n":"1.50"}');
  });

  it('a name that only looks like a duplicate in an array of strings is not one', () => {
    expect(jsonCodec.decode('{"tags":["id","id"],"id":"id"}')).toEqual({
      tags: ['id', 'id'],
      id: 'id',
    });
  });
});
