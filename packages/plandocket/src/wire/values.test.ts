import { describe, expect, it } from 'vitest';
import { exactDecimal, expandExponent, wireDate, wireTimestamp } from './values';

describe('wire values', () => {
  it('writes exponents out in full, by moving the point in text', () => {
    expect(expandExponent('1e21')).toBe('1000000000000000000000');
    expect(expandExponent('1.5E+3')).toBe('1500');
    expect(expandExponent('4.25e-3')).toBe('0.00425');
    expect(expandExponent('-12.5e-1')).toBe('-1.25');
    expect(expandExponent('19.99')).toBe('19.99');
  });

  it('reads numbers as exact decimals, whether text or a JS number', () => {
    expect(exactDecimal.parse('0.30000000000000004')).toBe('0.30000000000000004');
    expect(exactDecimal.parse('1e21')).toBe('1000000000000000000000');
    expect(exactDecimal.parse(0.1)).toBe('0.1');
    expect(exactDecimal.parse(119)).toBe('119');
    expect(exactDecimal.parse(null)).toBeNull();
    expect(exactDecimal.safeParse('12,50').success).toBe(false);
  });

  it('refuses absurd literals that reach a reader without the codec, before expanding them', () => {
    for (const literal of ['1e400000000', '-1e-400000000', '1e401', '9'.repeat(10_000)]) {
      const parsed = exactDecimal.safeParse(literal);
      expect(parsed.success).toBe(false);
      expect(JSON.stringify(parsed.error?.issues)).not.toContain(literal.slice(0, 20));
      expect(() => expandExponent(literal.includes('e') ? literal : `${literal}e1`)).toThrow(
        RangeError,
      );
    }
    expect(exactDecimal.parse('1e40')).toBe('10000000000000000000000000000000000000000');
    expect(exactDecimal.parse('1e-400')).toMatch(/^0\.0{399}1$/);
  });

  it('reads timestamps and dates as ISO text or epoch seconds (the example uses epochs)', () => {
    expect(wireTimestamp.parse('1704067200')).toBe('2024-01-01T00:00:00Z');
    expect(wireTimestamp.parse('2026-11-02T09:00:00Z')).toBe('2026-11-02T09:00:00Z');
    expect(wireDate.parse('1704067200')).toBe('2024-01-01');
    expect(wireDate.parse('2026-12-01T00:00:00Z')).toBe('2026-12-01');
  });
});
