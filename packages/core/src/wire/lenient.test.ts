import { describe, expect, it } from 'vitest';
import { toCountryCode } from './country';
import {
  integerIdText,
  lenientBoolean,
  lenientDate,
  lenientDecimal,
  lenientId,
  lenientList,
  lenientString,
  lenientTimestamp,
} from './lenient';
import { z } from 'zod';

describe('lenient wire readers', () => {
  it.each([
    ['81.3', '81.3'],
    ['59,00', '59.00'],
    ['1.234,50', '1234.50'],
    ['0,00', '0.00'],
    [8.1147541, '8.1147541'],
    [1000, '1000'],
    ['', null],
    [[], null],
    [null, null],
  ])('decimal %j → %j', (input, expected) => {
    expect(lenientDecimal.parse(input)).toBe(expected);
  });

  it('rejects text that is not a number', () => {
    expect(lenientDecimal.safeParse('twelve').success).toBe(false);
    expect(lenientDecimal.safeParse({ a: 1 }).success).toBe(false);
  });

  it('reads ids, booleans and strings in every vendor spelling', () => {
    expect([lenientId.parse(976738), lenientId.parse('976738'), lenientId.parse([])]).toEqual([
      '976738',
      '976738',
      null,
    ]);
    expect(
      ['1', '0', 1, true, 'false', 'yes', ''].map((value) => lenientBoolean.parse(value)),
    ).toEqual([true, false, true, true, false, true, null]);
    expect([lenientString.parse([]), lenientString.parse(7), lenientString.parse('x')]).toEqual([
      null,
      '7',
      'x',
    ]);
  });

  it('reads dates and drops the zero date', () => {
    expect(lenientDate.parse('2015-11-04 23:00:00')).toBe('2015-11-04');
    expect(lenientDate.parse('0000-00-00 00:00:00')).toBeNull();
    expect(lenientDate.parse(1704067200)).toBe('2024-01-01');
    expect(lenientTimestamp.parse('2013-10-18 12:34:08')).toBe('2013-10-18T12:34:08Z');
    expect(lenientTimestamp.parse('2018-01-04T19:59:15.000+01:00')).toBe(
      '2018-01-04T19:59:15.000+01:00',
    );
  });

  it('reads lists given as null, "", {}, [], one object, many, or keyed by index', () => {
    const list = lenientList(z.object({ n: z.number() }));
    expect([
      list.parse(null),
      list.parse(''),
      list.parse({}),
      list.parse([]),
      list.parse({ n: 1 }),
      list.parse([{ n: 1 }, { n: 2 }]),
      list.parse({ 0: { n: 1 }, 1: { n: 2 } }),
    ]).toEqual([[], [], [], [], [{ n: 1 }], [{ n: 1 }, { n: 2 }], [{ n: 1 }, { n: 2 }]]);
  });
});

describe('toCountryCode', () => {
  it.each([
    ['DE', 'DE'],
    ['pl', 'PL'],
    ['Czech Republic', 'CZ'],
    ['Czechia', 'CZ'],
    ['Turkmenistan', 'TM'],
    ['Canada', 'CA'],
    ['Polska', 'PL'],
    ['Deutschland', 'DE'],
    ['Niemcy', 'DE'],
    ['France', 'FR'],
    ['Allemagne', 'DE'],
    ['United Kingdom', 'GB'],
    ['', null],
    ['Atlantis', null],
  ])('%j → %j', (name, code) => {
    expect(toCountryCode(name)).toBe(code);
  });
});

describe('lenient readers against hostile values', () => {
  it('reads large and tiny JSON numbers as plain digits', () => {
    expect(lenientDecimal.parse(1e21)).toBe('1000000000000000000000');
    expect(lenientDecimal.parse(1e-7)).toBe('0.0000001');
  });

  it('an epoch too large for a Date is an issue, not a RangeError', () => {
    expect(lenientDate.safeParse(1e300).success).toBe(false);
    expect(lenientTimestamp.safeParse(-1e300).success).toBe(false);
  });

  it('never quotes the value in an issue', () => {
    const secret = 'canary-lenient-77e1';
    for (const reader of [
      lenientDecimal,
      lenientId,
      lenientBoolean,
      lenientDate,
      lenientTimestamp,
    ]) {
      const result = reader.safeParse({ secret });
      expect(result.success).toBe(false);
      expect(JSON.stringify(result.error?.issues)).not.toContain(secret);
    }
    const asText = lenientDecimal.safeParse(secret);
    expect(JSON.stringify(asText.error?.issues)).not.toContain(secret);
  });
});

describe('integerIdText', () => {
  it.each([
    [42, '42'],
    [' 697138 ', '697138'],
    ['00012', '00012'],
  ])('reads %j as %s', (value, text) => {
    expect(integerIdText(value)).toBe(text);
  });

  it.each([
    [-1],
    [1.5],
    [2 ** 60],
    ['1/../admin'],
    [''],
    ['１２'],
    [null],
    [{ id: 1 }],
    ['1'.repeat(21)],
  ])('refuses %j', (value) => {
    expect(integerIdText(value)).toBeUndefined();
  });
});
