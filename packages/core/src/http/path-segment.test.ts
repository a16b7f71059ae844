import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/errors';
import { encodePathSegment } from './path-segment';

describe('encodePathSegment', () => {
  it('encodes what would change the path, query or fragment', () => {
    expect(encodePathSegment('1/../../admin')).toBe('1%2F..%2F..%2Fadmin');
    expect(encodePathSegment('7?api_token=x#y')).toBe('7%3Fapi_token%3Dx%23y');
    expect(encodePathSegment(42)).toBe('42');
  });

  it.each(['', '.', '..', ' 1', '1\n'])('refuses %j, naming the field', (id) => {
    expect(() => encodePathSegment(id, 'invoice.client_id')).toThrow(ValidationError);
    expect(() => encodePathSegment(id, 'invoice.client_id')).toThrow(/invoice\.client_id/);
    expect(() => encodePathSegment(id, 'id', 'acme')).toThrow(
      expect.objectContaining({ provider: 'acme', code: 'validation' }),
    );
  });
});
