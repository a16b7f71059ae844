import {
  AuthenticationError,
  ProviderError,
  ValidationError,
  WebhookRejectedError,
} from '@invoicekit/core';
import { findLeakedSecrets } from '@invoicekit/core/testing';
import { describe, expect, it } from 'vitest';
import { parseWebhook } from './events';
import { createWebhookReceiver } from './receiver';
import { createMemoryReplayStore, type WebhookReplayStore } from './replay-store';
import { signWebhook, verifyWebhookSignature, webhookDeliveryOf } from './signature';

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

  it('each refusal is a WebhookRejectedError saying which check failed', () => {
    const reasonOf = (run: () => unknown) => {
      const error = rejection(run);
      expect(error).toBeInstanceOf(WebhookRejectedError);
      return (error as WebhookRejectedError).reason;
    };
    const stale = String(NOW / 1000 - 600);
    expect([
      reasonOf(() => verifyWebhookSignature(SECRET, { ...delivery(), signature: undefined }, NOW)),
      reasonOf(() => verifyWebhookSignature(SECRET, delivery({ timestamp: '' }), NOW)),
      reasonOf(() =>
        verifyWebhookSignature(
          SECRET,
          delivery({ signature: signWebhook('another-secret', TIMESTAMP, BODY) }),
          NOW,
        ),
      ),
      reasonOf(() => verifyWebhookSignature(SECRET, delivery({ timestamp: 'yesterday' }), NOW)),
      reasonOf(() =>
        verifyWebhookSignature(
          SECRET,
          delivery({ timestamp: stale, signature: signWebhook(SECRET, stale, BODY) }),
          NOW,
        ),
      ),
    ]).toEqual(['missing', 'missing', 'forged', 'forged', 'stale']);
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

describe('webhook input a caller or a sender can get wrong is a typed error, never a TypeError', () => {
  it.each([
    ['empty', ''],
    ['whitespace', '  \t\n'],
  ])(
    'a %s secret is a ValidationError naming the secret, for verify and parse',
    (_name, secret) => {
      for (const run of [
        () =>
          verifyWebhookSignature(
            secret,
            delivery({ signature: signWebhook(secret, TIMESTAMP, BODY) }),
            NOW,
          ),
        () =>
          parseWebhook(secret, delivery({ signature: signWebhook(secret, TIMESTAMP, BODY) }), {
            nowMs: NOW,
          }),
        () => createWebhookReceiver({ secret }),
      ]) {
        let error: unknown;
        try {
          run();
        } catch (caught) {
          error = caught;
        }
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).issues).toEqual([
          { path: 'secret', message: expect.any(String) },
        ]);
      }
    },
  );

  it('headers as Node hands them over: string[] and a numeric timestamp are read', () => {
    const signature = signWebhook(SECRET, TIMESTAMP, BODY);
    expect(() =>
      verifyWebhookSignature(
        SECRET,
        { signature: [signature], timestamp: [TIMESTAMP], rawBody: BODY },
        NOW,
      ),
    ).not.toThrow();
    expect(() =>
      verifyWebhookSignature(
        SECRET,
        { signature, timestamp: Number(TIMESTAMP), rawBody: BODY },
        NOW,
      ),
    ).not.toThrow();
    // A signature header sent twice (a rotated secret): one matching entry is enough.
    expect(() =>
      verifyWebhookSignature(
        SECRET,
        { signature: [`v1=${'0'.repeat(64)}`, signature], timestamp: TIMESTAMP, rawBody: BODY },
        NOW,
      ),
    ).not.toThrow();
    const fromHeaders = webhookDeliveryOf(
      { 'X-Webhook-Signature': signature, 'x-webhook-timestamp': [TIMESTAMP], host: 'x' },
      BODY,
    );
    expect(() => verifyWebhookSignature(SECRET, fromHeaders, NOW)).not.toThrow();
  });

  it.each([
    ['two timestamps', { timestamp: [TIMESTAMP, TIMESTAMP] }, /sent 2 times/],
    ['an empty list', { timestamp: [] }, /required/],
    ['an empty signature list', { signature: [] }, /required/],
    ['a fractional timestamp', { timestamp: Number(TIMESTAMP) + 0.5 }, /not unix seconds/],
    ['a negative timestamp', { timestamp: -1 }, /not unix seconds/],
    ['NaN', { timestamp: Number.NaN }, /not unix seconds/],
    ['an object timestamp', { timestamp: { $gt: '' } }, /not a header value/],
    ['an object signature', { signature: { $gt: '' } }, /not a header value/],
    ['a list holding a number', { signature: [1] }, /not a header value/],
    ['an empty signature', { signature: '' }, /required/],
  ])('%s → AuthenticationError', (_name, overrides, reason) => {
    const error = rejection(() =>
      verifyWebhookSignature(SECRET, { ...delivery(), ...(overrides as object) } as never, NOW),
    );
    expect(error.message).toMatch(reason);
  });

  it('a parsed object where the raw body belongs is a ValidationError naming rawBody', () => {
    let error: unknown;
    try {
      verifyWebhookSignature(SECRET, { ...delivery(), rawBody: JSON.parse(BODY) as never }, NOW);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]?.path).toBe('rawBody');
  });
});

describe('replay guard: a delivery already accepted is refused inside the 300 s window', () => {
  const clockAt = (start: number) => {
    let now = start;
    return { now: () => now, advance: (ms: number) => (now += ms) };
  };

  it('accepts a delivery once; the same delivery again is an AuthenticationError', async () => {
    const clock = clockAt(NOW);
    const receiver = createWebhookReceiver({ secret: SECRET, now: clock.now });
    const event = await receiver.receive(delivery());
    expect(event).toMatchObject({ type: 'invoice.paid', invoiceId: '17' });
    clock.advance(120_000);
    const replay = await receiver.receive(delivery()).catch((caught: unknown) => caught);
    expect(replay).toBeInstanceOf(AuthenticationError);
    expect((replay as Error).message).toMatch(/accepted before \(a replay\)/);
    expect(
      findLeakedSecrets(replay, [SECRET, signWebhook(SECRET, TIMESTAMP, BODY).slice(3)]),
    ).toEqual([]);
    // A new delivery of the same body, signed anew, is a new delivery.
    const later = String(Number(TIMESTAMP) + 60);
    await expect(
      receiver.verify(delivery({ timestamp: later, signature: signWebhook(SECRET, later, BODY) })),
    ).resolves.toMatchObject({ timestampSeconds: Number(later) });
    // Past the window the timestamp check refuses it, whatever the store remembers.
    clock.advance(200_000);
    await expect(receiver.verify(delivery())).rejects.toThrow(/s away from now/);
  });

  it('a delivery its handler failed on is forgotten, so the vendor can deliver it again', async () => {
    const receiver = createWebhookReceiver({ secret: SECRET, now: () => NOW });
    await expect(
      receiver.receive(delivery(), {
        handle: () => {
          throw new Error('database down');
        },
      }),
    ).rejects.toThrow('database down');
    const handled: string[] = [];
    await receiver.receive(delivery(), { handle: (event) => handled.push(event.type) });
    expect(handled).toEqual(['invoice.paid']);
    await expect(receiver.verify(delivery())).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('a caller-supplied store is asked with the delivery id and its expiry', async () => {
    const calls: [string, number][] = [];
    const store: WebhookReplayStore = {
      seen: (id, expiresAtMs) => {
        calls.push([id, expiresAtMs]);
        return Promise.resolve(calls.length > 1);
      },
    };
    const receiver = createWebhookReceiver({ secret: SECRET, replayStore: store, now: () => NOW });
    await receiver.verify(delivery());
    await expect(receiver.verify(delivery())).rejects.toBeInstanceOf(AuthenticationError);
    expect(calls[0]?.[0]).toMatch(new RegExp(`^${TIMESTAMP}\\.[0-9a-f]{64}$`));
    expect(calls[0]?.[1]).toBe((Number(TIMESTAMP) + 301) * 1000);
  });

  it('the in-memory store is bounded and expires entries', async () => {
    const clock = clockAt(0);
    const store = createMemoryReplayStore({ maxEntries: 3, now: clock.now });
    expect(await store.seen('a', 1_000)).toBe(false);
    expect(await store.seen('a', 1_000)).toBe(true);
    for (const id of ['b', 'c', 'd']) expect(await store.seen(id, 1_000)).toBe(false);
    // 'a' was evicted as the oldest to keep three entries.
    expect(await store.seen('a', 1_000)).toBe(false);
    expect(await store.seen('d', 1_000)).toBe(true);
    clock.advance(1_000);
    expect(await store.seen('d', 2_000)).toBe(false);
  });
});
