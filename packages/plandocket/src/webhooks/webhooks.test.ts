import { AuthenticationError, ProviderError } from '@invoicekit/core';
import { findLeakedSecrets } from '@invoicekit/core/testing';
import { describe, expect, it } from 'vitest';
import { parseWebhook } from './events';
import { signWebhook, verifyWebhookSignature } from './signature';

const SECRET = 'whsec-canary-6f1e2d3c4b5a';
const NOW = Date.UTC(2026, 10, 21, 12, 0, 0);
const TIMESTAMP = String(NOW / 1000);
const BODY =
  '{"event":"invoice.paid","timestamp":"' +
  TIMESTAMP +
  '","data":{"id":17,"invoice_number":"RE-2026-0017","invoice_type":"invoice","status":"paid","total":119.00,"currency":"EUR","paid_amount":119,"open_amount":0,"due_date":"2026-12-01","created_at":"2026-11-01T09:00:00Z"}}';

const delivery = (
  overrides: Partial<{ signature: string; timestamp: string; rawBody: string }> = {},
) => ({
  signature: signWebhook(SECRET, TIMESTAMP, BODY),
  timestamp: TIMESTAMP,
  rawBody: BODY,
  ...overrides,
});

function rejection(run: () => unknown): AuthenticationError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(
      findLeakedSecrets(error, [SECRET, signWebhook(SECRET, TIMESTAMP, BODY).slice(3)]),
    ).toEqual([]);
    return error as AuthenticationError;
  }
  throw new Error('the delivery was accepted');
}

describe('webhook signatures (X-Webhook-Signature: v1=HMAC-SHA256(secret, "<ts>.<body>"))', () => {
  it('accepts a valid delivery, as text or bytes, within the 300 s window', () => {
    expect(() => verifyWebhookSignature(SECRET, delivery(), NOW)).not.toThrow();
    expect(() =>
      verifyWebhookSignature(SECRET, { ...delivery(), rawBody: Buffer.from(BODY) }, NOW + 299_000),
    ).not.toThrow();
    // Several signatures (a rotated secret): one match is enough.
    expect(() =>
      verifyWebhookSignature(
        SECRET,
        delivery({ signature: `v1=${'0'.repeat(64)}, ${signWebhook(SECRET, TIMESTAMP, BODY)}` }),
        NOW,
      ),
    ).not.toThrow();
  });

  it('signs the bytes as received, even when they are not UTF-8', () => {
    const bytes = Buffer.concat([
      Buffer.from('{"event":"x","note":"'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"}'),
    ]);
    const signature = signWebhook(SECRET, TIMESTAMP, bytes);
    expect(() =>
      verifyWebhookSignature(SECRET, { signature, timestamp: TIMESTAMP, rawBody: bytes }, NOW),
    ).not.toThrow();
  });

  it('a signed body that is not a JSON object is a provider error, not a crash', () => {
    expect(() =>
      parseWebhook(
        SECRET,
        {
          signature: signWebhook(SECRET, TIMESTAMP, 'null'),
          timestamp: TIMESTAMP,
          rawBody: 'null',
        },
        { nowMs: NOW },
      ),
    ).toThrow(/not a JSON object/);
  });

  it('a signed body with an absurd number or duplicate keys is a provider error, never expanded', () => {
    for (const body of [
      '{"event":"invoice.paid","data":{"id":17,"total":1e400000000}}',
      `{"event":"invoice.paid","data":{"id":17,"total":${'1'.repeat(10_000)}}}`,
      '{"event":"invoice.paid","event":"contact.created"}',
    ]) {
      expect(() =>
        parseWebhook(
          SECRET,
          { signature: signWebhook(SECRET, TIMESTAMP, body), timestamp: TIMESTAMP, rawBody: body },
          { nowMs: NOW },
        ),
      ).toThrow(ProviderError);
    }
  });

  it('rejects a tampered body', () => {
    const error = rejection(() =>
      verifyWebhookSignature(SECRET, delivery({ rawBody: BODY.replace('119.00', '1.00') }), NOW),
    );
    expect(error.message).toContain('does not match');
  });

  it('rejects a stale or future timestamp, even when correctly signed', () => {
    const stale = String(NOW / 1000 - 301);
    const error = rejection(() =>
      verifyWebhookSignature(
        SECRET,
        delivery({ timestamp: stale, signature: signWebhook(SECRET, stale, BODY) }),
        NOW,
      ),
    );
    expect(error.message).toContain('301 s');
    const future = String(NOW / 1000 + 301);
    rejection(() =>
      verifyWebhookSignature(
        SECRET,
        delivery({ timestamp: future, signature: signWebhook(SECRET, future, BODY) }),
        NOW,
      ),
    );
  });

  it('rejects the wrong secret, a missing header and a malformed signature', () => {
    rejection(() =>
      verifyWebhookSignature(
        SECRET,
        delivery({ signature: signWebhook('another-secret', TIMESTAMP, BODY) }),
        NOW,
      ),
    );
    rejection(() => verifyWebhookSignature(SECRET, { ...delivery(), signature: undefined }, NOW));
    rejection(() => verifyWebhookSignature(SECRET, delivery({ signature: 'sha256=abc' }), NOW));
    rejection(() => verifyWebhookSignature(SECRET, delivery({ timestamp: 'yesterday' }), NOW));
  });
});

describe('webhook events → canonical', () => {
  it('invoice.paid carries the invoice, read exactly', () => {
    const event = parseWebhook(SECRET, delivery(), { nowMs: NOW });
    expect(event).toMatchObject({
      type: 'invoice.paid',
      vendorEvent: 'invoice.paid',
      invoiceId: '17',
      occurredAt: '2026-11-21T12:00:00.000Z',
      invoice: {
        number: 'RE-2026-0017',
        status: { canonical: 'paid', raw: 'paid' },
        totals: { gross: '119.00', paid: '119.00', due: '0.00' },
      },
    });
  });

  it('invoice.cancelled becomes invoice.canceled; other events pass through', () => {
    const cancelled = '{"event":"invoice.cancelled","data":{"invoice_id":18}}';
    expect(
      parseWebhook(
        SECRET,
        {
          signature: signWebhook(SECRET, TIMESTAMP, cancelled),
          timestamp: TIMESTAMP,
          rawBody: cancelled,
        },
        { nowMs: NOW },
      ),
    ).toMatchObject({
      type: 'invoice.canceled',
      vendorEvent: 'invoice.cancelled',
      invoiceId: '18',
      invoice: null,
    });
    const created =
      '{"type":"invoice.created","data":{"invoice":{"id":19,"total":0.1,"currency":"EUR"}}}';
    const event = parseWebhook(
      SECRET,
      {
        signature: signWebhook(SECRET, TIMESTAMP, created),
        timestamp: TIMESTAMP,
        rawBody: created,
      },
      { nowMs: NOW },
    );
    expect(event).toMatchObject({ type: 'invoice.created', invoiceId: '19' });
    const contact = '{"event":"contact.updated","data":{"id":3}}';
    expect(
      parseWebhook(
        SECRET,
        {
          signature: signWebhook(SECRET, TIMESTAMP, contact),
          timestamp: TIMESTAMP,
          rawBody: contact,
        },
        { nowMs: NOW },
      ),
    ).toEqual({
      type: 'other',
      vendorEvent: 'contact.updated',
      raw: { event: 'contact.updated', data: { id: '3' } },
    });
  });
});
