import { describe, expect, it } from 'vitest';
import { losslessJsonCodec } from '../codec/lossless-json';
import { toCanonicalPayment, toCanonicalPayments } from './to-canonical-payment';

const INVOICE = { id: '1001', currency: 'EUR' };

/**
 * A payment as the wire carries it: the documented fields, amount a float
 * (docs/vendors/plandocket.md §4).
 */
const wire = (fields: Record<string, unknown>): unknown =>
  losslessJsonCodec.decode(
    JSON.stringify({
      id: 9001,
      invoice_id: 1001,
      amount: 40.5,
      currency: 'EUR',
      gateway_id: 6,
      gateway_key: 'sepa_direct_debit',
      gateway_name: 'SEPA-Lastschrift',
      transaction_id: 'Kontoauszug 17',
      gateway_fee: 0,
      net_amount: 40.5,
      status: 'completed',
      payment_date: '2026-11-19T00:00:00Z',
      notes: 'Teilzahlung',
      created_at: '2026-11-19T08:00:00Z',
      updated_at: '2026-11-19T08:00:00Z',
      ...fields,
    }),
  );

describe('a Plandocket payment → canonical', () => {
  it('maps every field: amount to the currency, method from the gateway, reference', () => {
    const raw = wire({});
    expect(toCanonicalPayment(raw, INVOICE)).toEqual({
      id: '9001',
      provider: 'plandocket',
      invoiceId: '1001',
      amount: '40.50',
      currency: 'EUR',
      date: '2026-11-19',
      method: 'direct_debit',
      methodRaw: 'sepa_direct_debit',
      reference: 'Kontoauszug 17',
      raw,
    });
  });

  it('a float with binary noise is read exactly and rounded half-up to cents', () => {
    const raw = losslessJsonCodec.decode('{"id":1,"amount":0.30000000000000004}');
    expect(toCanonicalPayment(raw, INVOICE).amount).toBe('0.30');
  });

  it('the adapter’s own idempotency id is no reference: the notes are', () => {
    const payment = toCanonicalPayment(
      wire({ transaction_id: 'invoicekit:1001:1b4e28ba-2fa1-11d2-883f-0016d3cca427' }),
      INVOICE,
    );
    expect(payment.reference).toBe('Teilzahlung');
  });

  it('without gateway, transaction id or notes: no method and no reference', () => {
    const payment = toCanonicalPayment(
      wire({
        gateway_id: null,
        gateway_key: null,
        gateway_name: null,
        transaction_id: null,
        notes: null,
      }),
      INVOICE,
    );
    expect(payment).toMatchObject({ method: null, methodRaw: null, reference: null });
  });

  it('lists completed payments only, in the order they were recorded', () => {
    const payments = toCanonicalPayments(
      [
        wire({
          id: 9003,
          amount: 10,
          created_at: '2026-11-20T08:00:00Z',
          payment_date: '2026-03-10',
        }),
        wire({ id: 9001, amount: 20, created_at: '2026-11-18T08:00:00Z' }),
        wire({ id: 9002, amount: 5, status: 'failed', created_at: '2026-11-19T08:00:00Z' }),
        wire({ id: 9004, amount: 7, status: 'pending', created_at: '2026-11-21T08:00:00Z' }),
      ],
      INVOICE,
    );
    expect(payments.map((payment) => [payment.id, payment.amount, payment.date])).toEqual([
      ['9001', '20.00', '2026-11-19'],
      ['9003', '10.00', '2026-03-10'],
    ]);
  });
});
