import { PAYMENT_METHODS } from '@invoicekit/core';
import { describe, expect, it } from 'vitest';
import { METHOD_TO_PAYMENT_TYPE, toCanonicalMethod } from './payment-method';

describe('payment_type words ↔ canonical methods', () => {
  it('reads the documented words (docs/vendors/invoiceocean.md §7.4) and keeps unknown ones as other', () => {
    const read = Object.fromEntries(
      [
        'transfer',
        'card',
        'cash',
        'cheque',
        'paypal',
        'barter',
        'bill_of_exchange',
        'cash_on_delivery',
        'compensation',
        'letter_of_credit',
        'payu',
        'lcr',
        'Przelew 14 dni',
      ].map((word) => [word, toCanonicalMethod(word)]),
    );
    expect(read).toEqual({
      transfer: 'transfer',
      card: 'card',
      cash: 'cash',
      cheque: 'cheque',
      paypal: 'paypal',
      barter: 'other',
      bill_of_exchange: 'other',
      cash_on_delivery: 'other',
      compensation: 'other',
      letter_of_credit: 'other',
      payu: 'other',
      lcr: 'other',
      'Przelew 14 dni': 'other',
    });
    expect([null, undefined, '', 'off'].map(toCanonicalMethod)).toEqual([null, null, null, null]);
  });

  it('writes every canonical method as a word that reads back as that method', () => {
    for (const method of PAYMENT_METHODS)
      expect(toCanonicalMethod(METHOD_TO_PAYMENT_TYPE[method])).toBe(method);
  });
});
