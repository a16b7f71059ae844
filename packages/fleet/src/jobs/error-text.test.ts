import { AuthenticationError } from '@invoicekit/core';
import { describe, expect, it } from 'vitest';
import { errorText } from './error-text';

describe('what a failure is recorded as', () => {
  it('keeps an invoicekit error’s code and message, without URL credentials', () => {
    const error = new AuthenticationError({
      provider: 'plandocket',
      message: 'GET https://user:s3cret-pw@acme.example/api/v1/invoices → 401',
    });
    const text = errorText(error);
    expect(text).toMatch(/^authentication: GET https:\/\/acme\.example\/api\/v1\/invoices → 401$/);
    expect(text).not.toContain('s3cret-pw');
  });

  it('masks what looks like a token in any other error, and keeps plain words and numbers', () => {
    const text = errorText(
      new Error(
        'secret store: no entry for key pd_live_9f8e7d6c5b4a39281706 (tenant acme, 20260101)',
      ),
    );
    expect(text).toBe('Error: secret store: no entry for key [REDACTED] (tenant acme, 20260101)');
  });

  it('never renders a thrown value that is no error', () => {
    expect(errorText({ apiKey: 'x' })).toBe('a value that is not an error was thrown');
  });
});
