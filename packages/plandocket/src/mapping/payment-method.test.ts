import { PAYMENT_METHODS } from '@invoicekit/core';
import { describe, expect, it } from 'vitest';
import { GATEWAY_KEY_OF_METHOD, methodOfGateway } from './payment-method';

describe('payment gateways ↔ canonical methods', () => {
  it.each([
    [{ key: 'bank_transfer', name: 'Banküberweisung' }, 'transfer', 'bank_transfer'],
    [{ key: 'credit_card', name: null }, 'card', 'credit_card'],
    [{ key: 'stripe', name: 'Stripe' }, 'card', 'stripe'],
    [{ key: 'PayPal', name: null }, 'paypal', 'PayPal'],
    [{ key: 'sepa-direct-debit', name: null }, 'direct_debit', 'sepa-direct-debit'],
    [{ key: null, name: 'SEPA-Lastschrift' }, 'direct_debit', 'SEPA-Lastschrift'],
    [{ key: null, name: 'Barzahlung' }, 'cash', 'Barzahlung'],
    [{ key: 'vorkasse', name: null }, 'prepayment', 'vorkasse'],
    [{ key: 'scheck', name: null }, 'cheque', 'scheck'],
    // An unknown key whose name the table knows: the name decides, the key is the raw word.
    [{ key: 'gw_17', name: 'Überweisung' }, 'transfer', 'gw_17'],
    [{ key: 'klarna', name: 'Klarna' }, 'other', 'klarna'],
  ] as const)('%o → %s (raw %s)', (gateway, method, methodRaw) => {
    expect(methodOfGateway(gateway)).toEqual({ method, methodRaw });
  });

  it('a payment without a gateway has no method', () => {
    expect(methodOfGateway({ key: null, name: '  ' })).toEqual({ method: null, methodRaw: null });
  });

  it('every canonical method but other has a gateway key that reads back as that method', () => {
    for (const method of PAYMENT_METHODS.filter((candidate) => candidate !== 'other')) {
      const key = GATEWAY_KEY_OF_METHOD[method as keyof typeof GATEWAY_KEY_OF_METHOD];
      expect(methodOfGateway({ key, name: null }).method).toBe(method);
    }
  });
});
