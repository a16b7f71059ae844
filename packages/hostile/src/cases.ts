import { gzipSync } from 'node:zlib';
import { createBillomatStyleAdapter } from '@invoicekit/billomat-style';
import { createMethodStyleEmulator } from '@invoicekit/billomat-style/emulator';
import type { HttpHooks, InvoiceAdapterV1, Logger } from '@invoicekit/core';
import { serveEmulator, type Emulator } from '@invoicekit/core/emulator';
import { createInvoiceOceanAdapter } from '@invoicekit/invoiceocean';
import { createInvoiceOceanEmulator } from '@invoicekit/invoiceocean/emulator';
import {
  createPlandocketAdapter,
  createWebhookReceiver,
  signWebhook,
  verifyWebhookSignature,
} from '@invoicekit/plandocket';
import { createPlandocketEmulator } from '@invoicekit/plandocket/emulator';
import { CANARY } from './canaries';
import {
  answer,
  compressed,
  endlessBody,
  hugeBody,
  serveHostile,
  silence,
  trickle,
  type HostileHandler,
} from './hostile-server';

/** The limits every case runs with: what a careful caller would configure. */
export const CASE_LIMITS = Object.freeze({
  timeoutMs: 2_000,
  callTimeoutMs: 4_000,
  maxResponseBytes: 4 * 1024 * 1024,
  retry: { maxRetries: 1, baseDelayMs: 50, lookupAttempts: 3, lookupDelayMs: 700 },
});

/** What every case must stay below (the issue's targets). */
export const BOUNDS = Object.freeze({
  /** The call deadline plus one second. */
  seconds: CASE_LIMITS.callTimeoutMs / 1000 + 1,
  peakRssMb: 150,
});

/** The vendor side of a case, running in the test process. */
export interface ServedVendor {
  readonly baseUrl: string;
  /** How many requests of the kind under test reached the vendor. */
  sent(): number;
  close(): Promise<void>;
}

/** What a case's client side gets in the child process. */
export interface CaseContext {
  readonly baseUrl: string;
  /** The child's hooks and logger, whose every event is checked for canaries. */
  readonly hooks: HttpHooks;
  readonly logger: Logger;
}

/** One hostile behaviour, its client-side call and what must come of it. */
export interface HostileCase {
  /** Stable id (the child is told which case to run by it). */
  readonly id: string;
  /** The issue's item ("What is broken today", 1–7). */
  readonly item: number;
  readonly title: string;
  /** Acceptable outcomes: an error code, or `ok` for a call that must succeed. */
  readonly expect: readonly string[];
  /** Starts the vendor (parent process). */
  serve(): Promise<ServedVendor>;
  /** Makes the call (child process); its result, if it returns, is printed for the parent. */
  run(context: CaseContext): Promise<unknown>;
  /** For writes: the vendor must have received it at most this many times. */
  readonly maxSent?: number;
  /** For validation cases: nothing may reach the vendor. */
  readonly nothingSent?: boolean;
}

function io(context: CaseContext, extra: Record<string, unknown> = {}): InvoiceAdapterV1 {
  return createInvoiceOceanAdapter({
    apiToken: CANARY.invoiceOceanToken,
    baseUrl: context.baseUrl,
    ...CASE_LIMITS,
    ...extra,
    hooks: context.hooks,
    logger: context.logger,
  });
}

function methodStyle(context: CaseContext, extra: Record<string, unknown> = {}): InvoiceAdapterV1 {
  return createBillomatStyleAdapter({
    email: CANARY.methodStyleEmail,
    apiKey: CANARY.methodStyleKey,
    baseUrl: context.baseUrl,
    ...CASE_LIMITS,
    ...extra,
    hooks: context.hooks,
    logger: context.logger,
  });
}

function plandocket(context: CaseContext, extra: Record<string, unknown> = {}): InvoiceAdapterV1 {
  return createPlandocketAdapter({
    apiKey: CANARY.plandocketKey,
    baseUrl: context.baseUrl,
    ...CASE_LIMITS,
    ...extra,
    hooks: context.hooks,
    logger: context.logger,
  });
}

/** A vendor that is just a hostile handler; every request counts as "sent". */
function hostile(handler: HostileHandler): () => Promise<ServedVendor> {
  return async () => {
    const server = await serveHostile(handler);
    return {
      baseUrl: server.baseUrl,
      sent: () => server.requests.length,
      close: () => server.close(),
    };
  };
}

/** A real emulator whose one write is answered late: it commits after the client gave up. */
function lateCommit<Seed>(
  emulator: Emulator<Seed>,
  seed: Seed | undefined,
  write: { method: string; path?: RegExp; body?: RegExp },
): () => Promise<ServedVendor> {
  return async () => {
    if (seed !== undefined) emulator.seed(seed);
    emulator.faults.inject({
      kind: 'latency',
      ms: 1_500,
      match: {
        method: write.method,
        ...(write.path ? { path: write.path } : {}),
        ...(write.body ? { body: write.body } : {}),
      },
    });
    const served = await serveEmulator(emulator as Emulator<unknown>);
    return {
      baseUrl: served.baseUrl,
      sent: () =>
        emulator.requests.filter(
          (request) =>
            request.method === write.method &&
            (!write.path || write.path.test(request.path)) &&
            (!write.body || write.body.test(request.body)),
        ).length,
      close: () => served.close(),
    };
  };
}

const json = (value: unknown): string => JSON.stringify(value);
const WEBHOOK_SECRET = 'whsec-hostile-0c9d8e7f';
const html503 = answer(
  503,
  '<!DOCTYPE html><html><head><title>Maintenance</title></head><body>Back soon</body></html>',
  { 'content-type': 'text/html; charset=utf-8' },
);
/**
 * 64 MiB of spaces gzip to ~64 KiB; sixteen members inflate to 1 GiB. Made when the vendor
 * starts (in the test process), never in the measured child.
 */
function gzipBomb(): () => Promise<ServedVendor> {
  return async () => {
    const member = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20), { level: 9 });
    return hostile(compressed(member, 16))();
  };
}

const plandocketInvoice = (fields: Record<string, unknown>): Record<string, unknown> => ({
  id: 1,
  invoice_number: 'RE-2026-0001',
  status: 'sent',
  currency: 'EUR',
  created_at: '2026-11-01T10:00:00Z',
  ...fields,
});

/** Every hostile behaviour of issue 9, one case each. */
export const HOSTILE_CASES: readonly HostileCase[] = [
  // 1. Unbounded responses.
  {
    id: 'endless-body',
    item: 1,
    title: 'InvoiceOcean get: a body that never ends',
    expect: ['response_too_large'],
    serve: hostile(endlessBody()),
    run: (context) => io(context).invoices.get('1'),
  },
  {
    id: 'huge-body',
    item: 1,
    title: 'method-style invoice.get: a 200 MB body',
    expect: ['response_too_large'],
    serve: hostile(hugeBody(200 * 1024 * 1024)),
    run: (context) => methodStyle(context).invoices.get('1'),
  },
  {
    id: 'gzip-bomb',
    item: 1,
    title: 'Plandocket get: 1 MiB of gzip inflating to 1 GiB',
    expect: ['response_too_large'],
    serve: gzipBomb(),
    run: (context) => plandocket(context).invoices.get('1'),
  },
  {
    id: 'trickle',
    item: 1,
    title: 'method-style invoice.get: one byte a second',
    expect: ['timeout'],
    serve: hostile(trickle(1_000)),
    run: (context) => methodStyle(context).invoices.get('1'),
  },
  {
    id: 'no-answer',
    item: 1,
    title: 'InvoiceOcean list: a request that is never answered',
    expect: ['timeout'],
    serve: hostile(silence()),
    run: async (context) => {
      for await (const invoice of io(context).invoices.list()) return invoice;
      return undefined;
    },
  },
  {
    id: 'huge-exponent',
    item: 1,
    title: 'Plandocket get: a money literal 1e400000000',
    expect: ['provider'],
    serve: hostile(
      answer(200, `{"data":{"id":1,"invoice_number":"RE-1","currency":"EUR","total":1e400000000}}`),
    ),
    run: (context) => plandocket(context).invoices.get('1'),
  },

  // 4. Writes whose answer is late.
  {
    id: 'late-payment-plandocket',
    item: 4,
    title: 'Plandocket markPaid: the payment commits after the client timed out',
    expect: ['ok', 'outcome_unknown'],
    maxSent: 1,
    serve: lateCommit(
      createPlandocketEmulator({ apiKey: CANARY.plandocketKey }),
      { invoices: [{ id: 1 }] },
      { method: 'POST', path: /\/payments$/ },
    ),
    run: (context) =>
      plandocket(context, { timeoutMs: 500 }).invoices.markPaid('1', { amount: '10.00' }),
  },
  {
    id: 'late-payment-invoiceocean',
    item: 4,
    title: 'InvoiceOcean markPaid: the payment commits after the client timed out',
    expect: ['ok', 'outcome_unknown'],
    maxSent: 1,
    serve: lateCommit(
      createInvoiceOceanEmulator({ apiToken: CANARY.invoiceOceanToken, account: 'demo' }),
      undefined,
      { method: 'POST', path: /banking\/payments/ },
    ),
    run: async (context) => {
      const adapter = io(context, { timeoutMs: 500 });
      const created = await adapter.invoices.create({
        currency: 'EUR',
        issueDate: '2026-11-02',
        customer: { snapshot: { name: 'Buyer GmbH', taxId: 'DE123456789' } },
        lines: [{ description: 'Work', unitPrice: '100.00', taxRate: 19 }],
      });
      return adapter.invoices.markPaid(created.data.id, { amount: '10.00' });
    },
  },
  {
    id: 'late-create-method-style',
    item: 4,
    title: 'method-style create with externalId: the invoice commits after the client timed out',
    expect: ['ok', 'outcome_unknown'],
    maxSent: 1,
    serve: lateCommit(
      createMethodStyleEmulator({ email: CANARY.methodStyleEmail, apiKey: CANARY.methodStyleKey }),
      undefined,
      { method: 'POST', body: /"SERVICE":"invoice\.create"/ },
    ),
    run: (context) =>
      methodStyle(context, { timeoutMs: 500 }).invoices.create({
        currency: 'EUR',
        issueDate: '2026-11-02',
        customer: { snapshot: { name: 'Buyer GmbH', kind: 'company' } },
        lines: [{ description: 'Work', unitPrice: '100.00', taxRate: 19 }],
        externalId: 'order-4711',
      }),
  },

  // 5. Secrets echoed by the vendor.
  {
    id: 'echo-token-invoiceocean',
    item: 5,
    title: 'InvoiceOcean get: the token echoed into an unreadable field',
    expect: ['provider'],
    serve: hostile(
      answer(
        200,
        json({
          id: 1,
          number: 'FV 1',
          buyer_name: CANARY.invoiceOceanToken,
          price_gross: CANARY.invoiceOceanToken,
          api_token: CANARY.invoiceOceanToken,
        }),
      ),
    ),
    run: (context) => io(context).invoices.get('1'),
  },
  {
    id: 'echo-key-plandocket',
    item: 5,
    title: 'Plandocket get: the key echoed into an unreadable field',
    expect: ['provider'],
    serve: hostile(
      answer(
        200,
        json({
          data: plandocketInvoice({
            total: `Bearer ${CANARY.plandocketKey}`,
            due_date: CANARY.plandocketKey,
          }),
        }),
      ),
    ),
    run: (context) => plandocket(context).invoices.get('1'),
  },
  {
    id: 'echo-basic-method-style-xml',
    item: 5,
    title: 'method-style XML: the key echoed as a tag name and as text',
    expect: ['provider'],
    serve: hostile(
      answer(
        200,
        `<?xml version="1.0"?><FBAPI><REQUEST><${CANARY.methodStyleKey}>${CANARY.methodStyleEmail}:${CANARY.methodStyleKey}</FBAPI>`,
        { 'content-type': 'application/xml' },
      ),
    ),
    run: (context) => methodStyle(context, { format: 'xml' }).invoices.get('1'),
  },
  {
    id: 'json-on-xml-path',
    item: 5,
    title: 'InvoiceOcean XML: a broken JSON body echoing the token',
    expect: ['provider'],
    // Cut off mid-way: the original bug was a raw SyntaxError quoting the text's start.
    serve: hostile(answer(200, `{"api_token":"${CANARY.invoiceOceanToken}","id":`)),
    run: (context) => io(context, { format: 'xml' }).invoices.get('1'),
  },
  {
    id: 'userinfo-base-url',
    item: 5,
    title: 'Plandocket: credentials in the base URL userinfo, answered with a 500',
    expect: ['unavailable'],
    serve: hostile(answer(500, json({ error: 'boom' }))),
    run: (context) =>
      plandocket({
        ...context,
        baseUrl: context.baseUrl.replace('http://', `http://acme:${CANARY.userinfoPassword}@`),
      }).invoices.get('1'),
  },

  // 6. Untyped errors and misreadings.
  {
    id: 'deep-json',
    item: 6,
    title: 'InvoiceOcean get: JSON nested 2 000 deep',
    expect: ['provider'],
    serve: hostile(answer(200, `${'{"a":'.repeat(2_000)}1${'}'.repeat(2_000)}`)),
    run: (context) => io(context).invoices.get('1'),
  },
  {
    id: 'deep-xml',
    item: 6,
    title: 'InvoiceOcean XML get: XML nested 20 000 deep',
    expect: ['provider'],
    serve: hostile(
      answer(200, `${'<a>'.repeat(20_000)}${'</a>'.repeat(20_000)}`, {
        'content-type': 'application/xml',
      }),
    ),
    run: (context) => io(context, { format: 'xml' }).invoices.get('1'),
  },
  {
    id: 'proto-xml',
    item: 6,
    title: 'method-style XML: a <__proto__> tag',
    expect: ['provider'],
    serve: hostile(
      answer(
        200,
        '<FBAPI><RESPONSE><__proto__><polluted>1</polluted></__proto__></RESPONSE></FBAPI>',
        {
          'content-type': 'application/xml',
        },
      ),
    ),
    run: async (context) => {
      const read = await methodStyle(context, { format: 'xml' })
        .invoices.get('1')
        .then(
          (invoice) => ({ invoice }),
          (error: unknown) => ({ error }),
        );
      // Whatever the outcome, the tag must not have reached Object.prototype.
      if ((Object.prototype as Record<string, unknown>).polluted !== undefined)
        throw new Error('Object.prototype was polluted');
      if ('error' in read) throw read.error;
      return read.invoice;
    },
  },
  {
    id: 'duplicate-keys',
    item: 6,
    title: 'InvoiceOcean get: the same key twice with two totals',
    expect: ['provider'],
    serve: hostile(answer(200, '{"id":1,"price_gross":"10.00","price_gross":"9999.00"}')),
    run: (context) => io(context).invoices.get('1'),
  },
  ...(
    [
      ['empty-body', ''],
      ['empty-object', '{}'],
      ['empty-null', 'null'],
      ['empty-ok', '"ok"'],
      ['empty-data-null', '{"data":null}'],
      ['empty-list', '[]'],
    ] as const
  ).map(([id, body]): HostileCase => ({
    id,
    item: 6,
    title: `Plandocket get: 200 with ${body === '' ? 'an empty body' : body}`,
    expect: ['provider'],
    serve: hostile(answer(200, body)),
    run: (context) => plandocket(context).invoices.get('1'),
  })),
  {
    id: 'html-503-invoiceocean',
    item: 6,
    title: 'InvoiceOcean get: an HTML 503 maintenance page',
    expect: ['unavailable'],
    serve: hostile(html503),
    run: (context) => io(context).invoices.get('1'),
  },
  {
    id: 'html-503-method-style',
    item: 6,
    title: 'method-style invoice.get: an HTML 503 maintenance page',
    expect: ['unavailable'],
    serve: hostile(html503),
    run: (context) => methodStyle(context).invoices.get('1'),
  },
  {
    id: 'html-503-plandocket',
    item: 6,
    title: 'Plandocket get: an HTML 503 maintenance page',
    expect: ['unavailable'],
    serve: hostile(html503),
    run: (context) => plandocket(context).invoices.get('1'),
  },
  {
    id: 'unencoded-id',
    item: 6,
    title: 'InvoiceOcean: an id from a vendor answer that walks out of the path',
    expect: ['not_found', 'validation', 'provider'],
    // An unencoded `..` is resolved by the URL before sending: the request lands on /admin.
    serve: hostile((request, response) => {
      const escaped = request.url.startsWith('/admin');
      response.writeHead(escaped ? 200 : 404, { 'content-type': 'application/json' });
      response.end(
        json(escaped ? { id: 1, number: 'ADMIN' } : { code: 'error', message: 'not found' }),
      );
    }),
    run: (context) => io(context).invoices.get('1/../../admin'),
  },

  // 7. Validation gaps: nothing may be sent.
  {
    id: 'vendor-update-injection',
    item: 7,
    title: 'InvoiceOcean vendor client: update with price_net {"$gt": ""}',
    expect: ['validation'],
    nothingSent: true,
    serve: hostile(answer(200, json({ id: 1 }))),
    run: (context) => {
      const adapter = io(context) as unknown as {
        vendor: { products: { update(id: string, input: unknown): Promise<unknown> } };
      };
      return adapter.vendor.products.update('1', { price_net: { $gt: '' } });
    },
  },
  ...([1000, -19, 1e-7] as const).map((rate): HostileCase => ({
    id: `tax-rate-${String(rate)}`,
    item: 7,
    title: `InvoiceOcean create: a tax rate of ${String(rate)} %`,
    expect: ['validation'],
    nothingSent: true,
    serve: hostile(answer(201, json({ id: 1 }))),
    run: (context) =>
      io(context).invoices.create({
        currency: 'EUR',
        customer: { snapshot: { name: 'Buyer GmbH' } },
        lines: [{ description: 'Work', unitPrice: '100.00', taxRate: rate }],
      }),
  })),
  {
    id: 'zero-payment',
    item: 7,
    title: 'Plandocket markPaid: an amount of 0',
    expect: ['validation'],
    nothingSent: true,
    serve: hostile(answer(200, json({ data: plandocketInvoice({}) }))),
    run: (context) => plandocket(context).invoices.markPaid('1', { amount: '0' }),
  },
  {
    id: 'webhook-empty-secret',
    item: 7,
    title: 'Plandocket webhooks: a receiver with an empty secret',
    expect: ['validation'],
    nothingSent: true,
    serve: hostile(answer(200, '{}')),
    run: () => Promise.resolve(createWebhookReceiver({ secret: '' })),
  },
  {
    id: 'webhook-odd-headers',
    item: 7,
    title: 'Plandocket webhooks: the signature header twice and a numeric timestamp',
    expect: ['ok'],
    nothingSent: true,
    serve: hostile(answer(200, '{}')),
    run: () => {
      const secret = WEBHOOK_SECRET;
      const timestamp = Math.floor(Date.now() / 1000);
      const rawBody = '{"event":"invoice.paid","data":{"id":1}}';
      verifyWebhookSignature(secret, {
        signature: ['v1=00', signWebhook(secret, timestamp, rawBody)],
        timestamp,
        rawBody,
      });
      return Promise.resolve('verified');
    },
  },
  {
    id: 'webhook-replay',
    item: 7,
    title: 'Plandocket webhooks: one signed delivery delivered twice inside the window',
    expect: ['authentication'],
    nothingSent: true,
    serve: hostile(answer(200, '{}')),
    run: async () => {
      const receiver = createWebhookReceiver({ secret: WEBHOOK_SECRET });
      const timestamp = String(Math.floor(Date.now() / 1000));
      const rawBody = '{"event":"invoice.paid","data":{"id":1}}';
      const delivery = {
        signature: signWebhook(WEBHOOK_SECRET, timestamp, rawBody),
        timestamp,
        rawBody,
      };
      await receiver.verify(delivery);
      return receiver.verify(delivery);
    },
  },
];
