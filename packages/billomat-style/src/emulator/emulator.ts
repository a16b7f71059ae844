import {
  defineEmulator,
  textResponse,
  type Emulator,
  type EmulatorRateLimit,
  type EmulatorRequest,
  type EmulatorResponse,
} from '@invoicekit/core/emulator';
import { SERVICE_PATH } from '../client/service-path';
import { fromFbapiXml, toFbapiXml } from '../codec/xml-codec';
import { newPayment } from './payments';
import { echo, outstandingOf } from './render';
// CREATED / LASTUPDATE are German wall-clock times, read back by the same module.
import { berlinWallTime } from '../wire/vendor-values';
import { SERVICES, type ServiceCall } from './services';
import { createState, newStoredInvoice, type MethodStyleState, type StoredReminder } from './state';

/** Options of {@link createMethodStyleEmulator}. */
export interface MethodStyleEmulatorOptions {
  /** The account's login e-mail and API key (HTTP Basic). */
  readonly email: string;
  readonly apiKey: string;
  /** Bad credentials: `LoginError` inside HTTP 200 (the old recordings, default) or HTTP 401. */
  readonly authFailure?: 'login-error' | '401';
  /** Calls per minute; off by default (the vendor documents plan-dependent limits only). */
  readonly callsPerMinute?: number;
  /**
   * Base of DOCUMENT_URL / PAYPAL_URL links; by default the host the request was sent to, so the
   * links lead back to this emulator (over loopback or nock).
   */
  readonly publicBaseUrl?: string;
  readonly now?: () => Date;
}

/** What `seed()` accepts. */
export interface MethodStyleSeed {
  /** Customers by vendor fields (`CUSTOMER_TYPE`, `ORGANIZATION` …); `CUSTOMER_ID` optional. */
  readonly customers?: readonly Record<string, unknown>[];
  /** Completed invoices for a customer, with vendor items. */
  readonly invoices?: readonly {
    CUSTOMER_ID: number;
    TYPE?: 'draft' | 'outgoing';
    INVOICE_DATE?: string;
    ITEMS?: readonly Record<string, unknown>[];
    INVOICE_EXT_UID?: string;
    /**
     * Payments already received, each a record of its own (as the vendor's UI or a payment
     * provider books them); covering the total makes the invoice paid on the last one's date.
     */
    PAYMENTS?: readonly { DATE: string; AMOUNT: string; TYPE?: string; NOTE?: string }[];
  }[];
  readonly reminders?: readonly Omit<StoredReminder, 'id'>[];
}

const PLAIN = 'text/plain; charset=UTF-8';

function answer(format: 'json' | 'xml', body: Record<string, unknown>): EmulatorResponse {
  // The vendor sends text/plain whatever the format (the recordings).
  return textResponse(200, format === 'xml' ? toFbapiXml(body) : JSON.stringify(body), PLAIN);
}

function authenticated(request: EmulatorRequest, options: MethodStyleEmulatorOptions): boolean {
  const header = request.headers.authorization;
  if (!header?.startsWith('Basic ')) return false;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return decoded.slice(0, colon) === options.email && decoded.slice(colon + 1) === options.apiKey;
}

/**
 * A stateful emulator of the method-style endpoint: one POST route, Basic auth, JSON and XML
 * envelopes, errors inside HTTP 200, the draft → complete → cancel lifecycle, LIMIT/OFFSET paging,
 * on the emulator toolkit (faults, journal, loopback or nock).
 */
export function createMethodStyleEmulator(
  options: MethodStyleEmulatorOptions,
): Emulator<MethodStyleSeed> {
  const now = options.now ?? (() => new Date());
  return defineEmulator<MethodStyleState, MethodStyleSeed>({
    name: 'billomat-style',
    createState,
    ...(options.callsPerMinute
      ? {
          rateLimit: {
            limit: options.callsPerMinute,
            windowMs: 60_000,
            sendRetryAfter: false,
          } satisfies EmulatorRateLimit,
        }
      : {}),
    rateLimitBody: { RESPONSE: { ERRORS: ['API rate limit exceeded. Please try again later.'] } },
    seed: (state, data) => seed(state, data, now()),
    handler: (request, state) => {
      const document = /^\/document\/(\d+)\.pdf$/.exec(request.path);
      if (request.method === 'GET' && document) return documentOf(state, Number(document[1]));
      if (request.method !== 'POST' || request.path !== SERVICE_PATH) {
        return textResponse(404, '<html><body>Not Found</body></html>', 'text/html');
      }
      const text = request.body.trim();
      const format = text.startsWith('<') ? 'xml' : 'json';
      let envelope: Record<string, unknown>;
      try {
        // The vendor reads tags in any case, at every level (issue 10: clients send lower case).
        envelope = upperCaseKeys(
          format === 'xml' ? fromFbapiXml(text) : JSON.parse(text || '{}'),
        ) as Record<string, unknown>;
      } catch {
        return answer(format, { REQUEST: [], RESPONSE: { ERRORS: ['invalid request format'] } });
      }
      const requestEcho = echo(envelope);
      if (!authenticated(request, options)) {
        if (options.authFailure === '401') return textResponse(401, 'Unauthorized', PLAIN);
        return answer(format, {
          REQUEST: requestEcho,
          RESPONSE: { ERRORS: ['LoginError: Wrong API KEY or user credentials.'] },
        });
      }
      const service = SERVICES[String(envelope.SERVICE ?? '')];
      if (!service)
        return answer(format, {
          REQUEST: requestEcho,
          RESPONSE: { ERRORS: [`unknown SERVICE: ${String(envelope.SERVICE ?? '')}`] },
        });
      const at = now();
      const call: ServiceCall = {
        filter: (envelope.FILTER && typeof envelope.FILTER === 'object'
          ? envelope.FILTER
          : {}) as Record<string, unknown>,
        data: (envelope.DATA && typeof envelope.DATA === 'object' ? envelope.DATA : {}) as Record<
          string,
          unknown
        >,
        limit: pagingNumber(envelope.LIMIT),
        offset: pagingNumber(envelope.OFFSET),
        state,
        today: berlinWallTime(at).slice(0, 10),
        now: berlinWallTime(at),
        baseUrl: options.publicBaseUrl ?? linkBaseOf(request),
      };
      const result = service(call);
      return answer(format, {
        REQUEST: requestEcho,
        RESPONSE: 'errors' in result ? { ERRORS: result.errors } : result.response,
      });
    },
  });
}

/**
 * LIMIT / OFFSET: clients send `null` (or an empty XML tag) on every call, and the vendor reads
 * that as absent (LIMIT 10 by default) — never as 0, which would clamp the page to one row.
 */
function pagingNumber(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (Array.isArray(value) && value.length === 0) return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}

/**
 * The envelope with every tag name in upper case (top level, FILTER, DATA, ITEMS and their tags),
 * as the vendor reads it and names it in its REQUEST echo. Values are kept as sent.
 */
function upperCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(upperCaseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, inner]) => [
      key.toUpperCase(),
      upperCaseKeys(inner),
    ]),
  );
}

/**
 * DOCUMENT_URL: a bearer link (no Basic auth) to the invoice's PDF — a minimal but well-formed
 * PDF naming the invoice, so downloads can be checked byte for byte.
 */
/** Where the request was sent: plain HTTP for loopback hosts, HTTPS for any other. */
function linkBaseOf(request: EmulatorRequest): string {
  const host = request.headers.host ?? 'app.monsum.com';
  return /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(host)
    ? `http://${host}`
    : `https://${host}`;
}

function documentOf(state: MethodStyleState, id: number): EmulatorResponse {
  const invoice = state.invoices.get(id);
  if (!invoice) return textResponse(404, '<html><body>Not Found</body></html>', 'text/html');
  const label = invoice.number ? `Invoice ${invoice.number}` : `Draft ${invoice.id}`;
  // EU_DELIVERY: the document states the intra-community delivery (the vendor's invoice page).
  const notes = invoice.euDelivery ? '% Innergemeinschaftliche Lieferung\n' : '';
  const body = Buffer.from(`%PDF-1.4\n% ${label}\n${notes}%%EOF\n`, 'latin1');
  return {
    status: 200,
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="${invoice.number || invoice.id}.pdf"`,
    },
    body,
  };
}

function seed(state: MethodStyleState, data: MethodStyleSeed, at: Date): void {
  const timestamp = berlinWallTime(at);
  for (const { CUSTOMER_ID, ...fields } of data.customers ?? []) {
    const record = {
      fields: {
        CUSTOMER_TYPE: 'business',
        CUSTOMER_NUMBER: String(state.customers.size + 1),
        ...fields,
      },
      created: timestamp,
      updated: timestamp,
    };
    if (typeof CUSTOMER_ID === 'number') state.customers.put({ ...record, id: CUSTOMER_ID });
    else state.customers.insert(record);
  }
  for (const invoice of data.invoices ?? []) {
    const items = (
      invoice.ITEMS ?? [
        { DESCRIPTION: 'Seeded service', UNIT_PRICE: '100.00', VAT_PERCENT: '19', QUANTITY: '1' },
      ]
    ).map((item, index) => ({
      id: state.itemIds.next++,
      articleNumber: String(item.ARTICLE_NUMBER ?? ''),
      description: String(item.DESCRIPTION ?? ''),
      quantity: String(item.QUANTITY ?? '1'),
      unit: String(item.UNIT ?? ''),
      unitPrice: String(item.UNIT_PRICE ?? '0'),
      vatPercent: String(item.VAT_PERCENT ?? '19'),
      sortOrder: index + 1,
    }));
    const type = invoice.TYPE ?? 'outgoing';
    const stored = state.invoices.insert(
      newStoredInvoice(
        {
          type,
          customerId: invoice.CUSTOMER_ID,
          extUid: invoice.INVOICE_EXT_UID ?? '',
          invoiceDate: invoice.INVOICE_DATE ?? timestamp.slice(0, 10),
          items,
          number: type === 'outgoing' ? String(state.numbers.next++) : '',
          status: type === 'outgoing' ? 'open' : 'draft',
        },
        timestamp,
      ),
    );
    const payments = (invoice.PAYMENTS ?? []).map((payment) =>
      newPayment(state, {
        date: payment.DATE,
        amount: payment.AMOUNT,
        currency: stored.currency,
        note: payment.NOTE ?? '',
        type: payment.TYPE ?? '',
      }),
    );
    if (payments.length > 0) {
      const open = outstandingOf({ ...stored, payments });
      state.invoices.update(stored.id, {
        payments,
        ...(open.isZero() ? { paidDate: payments.at(-1)?.date ?? null, status: 'paid' } : {}),
      });
    }
  }
  for (const reminder of data.reminders ?? []) state.reminders.insert(reminder);
}
