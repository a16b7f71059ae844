import { ValidationError } from '@invoicekit/core';
import { describe, expect, it } from 'vitest';
import { budgetKey } from './budget-key';

describe('budgetKey: one key per vendor account, from what names the account', () => {
  it('joins the provider id and the account', () => {
    expect(budgetKey('invoiceocean', 'acme.fakturownia.pl')).toBe(
      'invoiceocean:acme.fakturownia.pl',
    );
    expect(budgetKey('plandocket', 'acme')).toBe('plandocket:acme');
    expect(budgetKey('billomat-style', 'owner@acme.example')).toBe(
      'billomat-style:owner@acme.example',
    );
  });

  it('gives one key for every spelling of one account, so they share one budget', () => {
    expect(budgetKey('plandocket', ' ACME ')).toBe(budgetKey('plandocket', 'acme'));
    expect(budgetKey('billomat-style', 'Owner@Acme.Example')).toBe(
      'billomat-style:owner@acme.example',
    );
  });

  it('keeps accounts of different providers apart', () => {
    expect(budgetKey('plandocket', 'acme')).not.toBe(budgetKey('invoiceocean', 'acme'));
  });

  it.each([
    ['provider', 'PlanDocket', 'acme'],
    ['provider', 'plan:docket', 'acme'],
    ['account', 'plandocket', ''],
    ['account', 'plandocket', 'acme corp'],
  ])('refuses a malformed %s with a ValidationError naming it', (path, provider, account) => {
    expect(() => budgetKey(provider, account)).toThrow(ValidationError);
    try {
      budgetKey(provider, account);
    } catch (error) {
      expect([...new Set((error as ValidationError).issues.map((issue) => issue.path))]).toEqual([
        path,
      ]);
    }
  });
});
