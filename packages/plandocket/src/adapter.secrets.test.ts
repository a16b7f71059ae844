import { inspect } from 'node:util';
import { InvoicekitError, type HttpHooks } from '@invoicekit/core';
import { collect, createFakeClock, findLeakedSecrets } from '@invoicekit/core/testing';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serveAnswers, type Answer, type Loopback } from './__fixtures__/loopback';
import { createPlandocketAdapter, type PlandocketAdapter } from './index';
import { toCanonicalCustomer } from './mapping/to-canonical-customer';
import { toCanonicalInvoice } from './mapping/to-canonical-invoice';

const KEY = 'pd-echoed-canary-key-9f3b61a0d4';

let server: Loopback | undefined;
let adapter: PlandocketAdapter | undefined;

beforeAll(() => nock.enableNetConnect('127.0.0.1'));
afterAll(() => nock.disableNetConnect());
afterEach(async () => {
  await adapter?.close();
  await server?.close();
  adapter = undefined;
  server = undefined;
});

/** Everything the hooks were handed. */
function recordingHooks(): { hooks: HttpHooks; events: unknown[] } {
  const events: unknown[] = [];
  return {
    events,
    hooks: {
      onRequest: (event) => events.push(event),
      onResponse: (event) => events.push(event),
      onRetry: (event) => events.push(event),
    },
  };
}

async function setUp(
  authHeader: 'bearer' | 'x-api-key',
  answer: () => Answer,
): Promise<{ adapter: PlandocketAdapter; events: unknown[] }> {
  const served = await serveAnswers(answer);
  server = served;
  const { hooks, events } = recordingHooks();
  const clock = createFakeClock(Date.UTC(2026, 10, 20, 9));
  adapter = createPlandocketAdapter({
    baseUrl: served.baseUrl,
    apiKey: KEY,
    authHeader,
    clock,
    hooks,
  });
  return { adapter, events };
}

const invoice = (fields: string) =>
  `{"data":{"id":7,"invoice_number":"RE-7","status":"sent","currency":"EUR","total":119,"paid_amount":0,"open_amount":119${fields}}}`;

/** Bodies echoing the key where a reader cannot read it, or where no JSON parser can. */
const UNREADABLE: readonly [string, string][] = [
  ['an amount', invoice(`,"paid_amount":"${KEY}"`)],
  ['a due date', invoice(`,"due_date":"${KEY}"`)],
  ['a timestamp', invoice(`,"created_at":"${KEY}"`)],
  ['a count', invoice(`,"reminder_count":"${KEY}"`)],
  ['the id', `{"data":{"id":"${KEY}","total":1}}`],
  ['a related id', invoice(`,"related_invoice_id":"${KEY}"`)],
  ['a line', invoice(`,"items":[{"quantity":"${KEY}","unit_price":1}]`)],
  ['a contact', invoice(`,"contact":{"id":"${KEY}"}`)],
  ['plain text', `Invalid API key ${KEY}`],
  ['broken JSON', `{"data":{"id":7,"notes":"${KEY}"`],
  ['a duplicate key', `{"data":{"id":7,"notes":"${KEY}","notes":"${KEY}"}}`],
  ['an absurd number', `{"data":{"id":7,"notes":"${KEY}","total":1e400000000}}`],
  ['a key as a bare literal', `{"data":{"id":7,"total":${KEY}}}`],
];

describe.each(['bearer', 'x-api-key'] as const)(
  'the key (%s) echoed by the vendor never reaches an error or a hook',
  (authHeader) => {
    it.each(UNREADABLE)('in %s of a 200 answer', async (_where, body) => {
      const { adapter: local, events } = await setUp(authHeader, () => ({ status: 200, body }));
      const error = await local.invoices.get('7').then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(InvoicekitError);
      expect(findLeakedSecrets(error, [KEY])).toEqual([]);
      expect(findLeakedSecrets(events, [KEY])).toEqual([]);
    });

    it('in a readable field of a success: the result and the hooks hold no key', async () => {
      const { adapter: local, events } = await setUp(authHeader, () => ({
        status: 200,
        body: invoice(`,"notes":"your key is ${KEY}","contact":{"id":3,"email":"${KEY}"}`),
      }));
      const read = await local.invoices.get('7');
      expect(read.id).toBe('7');
      expect(findLeakedSecrets(read, [KEY])).toEqual([]);
      expect(findLeakedSecrets(events, [KEY])).toEqual([]);
      const listed = await collect(local.customers.list());
      expect(findLeakedSecrets(listed, [KEY])).toEqual([]);
    });

    it.each([401, 422, 500])('in the error body of a %i', async (status) => {
      const { adapter: local, events } = await setUp(authHeader, () => ({
        status,
        body: `{"error":"bad key ${KEY}","errors":{"api_key":["${KEY} is invalid"]},"echo":{"authorization":"Bearer ${KEY}"}}`,
      }));
      const error = await local.invoices
        .update('7', { notes: 'x' })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InvoicekitError);
      expect(findLeakedSecrets(error, [KEY])).toEqual([]);
      expect(findLeakedSecrets(events, [KEY])).toEqual([]);
    });
  },
);

describe('the key echoed as a field NAME', () => {
  // Property names are redacted too: `{"errors": {"<key>": […]}}` must not reach
  // `issues[].path` or `rawBody`.
  it('as a key of an error body does not reach the error', async () => {
    const { adapter: local } = await setUp('bearer', () => ({
      status: 422,
      body: `{"error":"invalid","errors":{"${KEY}":["is invalid"]}}`,
    }));
    const error = await local.invoices
      .update('7', { notes: 'x' })
      .catch((caught: unknown) => caught);
    expect(findLeakedSecrets(error, [KEY])).toEqual([]);
  });
});

describe('the readers name what they cannot read without quoting it', () => {
  it.each([
    ['total', { id: 7, total: KEY }],
    ['due_date', { id: 7, due_date: KEY }],
    ['created_at', { id: 7, created_at: KEY }],
    ['reminder_count', { id: 7, reminder_count: KEY }],
    ['id', { id: KEY }],
    ['related_invoice_id', { id: 7, related_invoice_id: KEY }],
    ['items.0.quantity', { id: 7, items: [{ quantity: KEY }] }],
  ])('invoice %s', (field, raw) => {
    let message = '';
    try {
      toCanonicalInvoice(raw, { today: '2026-11-20' });
    } catch (error) {
      message = `${String(error)} ${(error as Error).message}`;
    }
    expect(message).toContain(field);
    expect(message).not.toContain(KEY);
    expect(message).toMatch(/a string of 31 characters/);
  });

  it('contact id', () => {
    const error = (() => {
      try {
        return toCanonicalCustomer({ id: KEY });
      } catch (caught) {
        return caught as Error;
      }
    })();
    expect(error).toBeInstanceOf(Error);
    expect(inspect((error as Error).message)).not.toContain(KEY);
  });
});
