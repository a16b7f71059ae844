import {
  defineEmulator,
  jsonResponse,
  type Emulator,
  type EmulatorRateLimit,
  type EmulatorRequest,
} from '@invoicekit/core/emulator';
import { DEFAULT_CALCULATING_STRATEGY, type CalculatingStrategy } from '../config';
import { systemEmulatorClock, vendorNow, type EmulatorClock } from './clock';
import { publicToken, type RouteContext } from './context';
import { ERRORS, respond } from './render';
import { parsePath, readBody } from './request';
import { handleAccounts, handleLogin } from './routes/accounts';
import { handleClients } from './routes/clients';
import { handleRecords, recordStore } from './routes/records';
import { handleInvoices, handlePublicInvoice } from './routes/invoices';
import { handlePayments } from './routes/payments';
import { handleProducts } from './routes/products';
import { createState, type InvoiceOceanState, type StoredPosition } from './state';
import { queueWebhooks, snapshotForWebhooks, takeWebhooks } from './webhooks';

/** Options of {@link createInvoiceOceanEmulator}. */
export interface InvoiceOceanEmulatorOptions {
  /** The API token the account accepts (the bare token, without `/prefix`). */
  readonly apiToken: string;
  /** Account prefix, for public links: `https://{account}.invoiceocean.com`. */
  readonly account?: string;
  /** Login and password accepted by HTTP Basic (the XML variant). */
  readonly basicAuth?: { readonly login: string; readonly password: string };
  /** The account's calculation settings; the vendor defaults otherwise. */
  readonly calculatingStrategy?: CalculatingStrategy;
  /** Currency of invoices created without one. */
  readonly defaultCurrency?: string;
  /** Rate limiting: off by default, as the vendor documents none. */
  readonly rateLimit?: EmulatorRateLimit;
  readonly clock?: EmulatorClock;
}

/** What `seed()` accepts: invoices in the vendor's own request shape, and clients/products. */
export interface InvoiceOceanSeed {
  readonly invoices?: readonly (Record<string, unknown> & {
    positions?: readonly Record<string, unknown>[];
  })[];
  readonly clients?: readonly Record<string, unknown>[];
  readonly products?: readonly Record<string, unknown>[];
  readonly payments?: readonly Record<string, unknown>[];
  /** The simpler resources by path: `{ categories: [{ id: 100, name: 'x' }] }`. */
  readonly records?: Readonly<Record<string, readonly Record<string, unknown>[]>>;
}

function authenticated(
  request: EmulatorRequest,
  body: Record<string, unknown>,
  options: InvoiceOceanEmulatorOptions,
  state: InvoiceOceanState,
): boolean {
  const token =
    request.query.get('api_token') ??
    (typeof body.api_token === 'string' ? body.api_token : undefined);
  if (token !== undefined) {
    // The account's own token — bare, or TOKEN/prefix naming this account — or one issued by
    // the partner API.
    const [bare, prefix] = token.split('/');
    if (prefix !== undefined && prefix !== (options.account ?? prefix)) return false;
    return (
      bare === options.apiToken || state.accounts.some((account) => account.api_token === bare)
    );
  }
  const header = request.headers.authorization;
  if (options.basicAuth && header?.startsWith('Basic ')) {
    const [login, password] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':');
    return login === options.basicAuth.login && password === options.basicAuth.password;
  }
  return false;
}

/**
 * A stateful emulator of the InvoiceOcean family's REST API: the same routes (`.json` and `.xml`),
 * auth, status codes, bodies, money formatting and VAT maths as the vendor, on the emulator
 * toolkit (faults, journal, serve on loopback or attach to nock).
 */
export function createInvoiceOceanEmulator(
  options: InvoiceOceanEmulatorOptions,
): Emulator<InvoiceOceanSeed> {
  const clock = options.clock ?? systemEmulatorClock;
  const settings = {
    publicBase: `https://${options.account ?? 'emulator'}.invoiceocean.com`,
    strategy: options.calculatingStrategy ?? DEFAULT_CALCULATING_STRATEGY,
    defaultCurrency: options.defaultCurrency ?? 'PLN',
  };
  return defineEmulator<InvoiceOceanState, InvoiceOceanSeed>({
    name: 'invoiceocean',
    createState,
    rateLimit: options.rateLimit,
    rateLimitBody: { code: 'error', message: 'Too many requests' },
    serverErrorBody: { status: 500, error: 'Internal Server Error' },
    seed: (state, data) => seedState(state, data, clock, settings),
    takeWebhooks,
    handler: (request, state) => {
      // A read changes nothing, so only writes are compared for the webhooks they cause.
      const before = request.method === 'GET' ? undefined : snapshotForWebhooks(state);
      const response = route(request, state);
      if (before) queueWebhooks(state, before, settings, 'pl');
      return response;
    },
  });

  function route(request: EmulatorRequest, state: InvoiceOceanState) {
    const path = parsePath(request.path);
    let body: Record<string, unknown>;
    try {
      body = readBody(request);
    } catch {
      return jsonResponse(400, { code: 'error', message: 'malformed request body' });
    }
    const { timestamp, today } = vendorNow(clock.now());
    const context: RouteContext = { request, path, body, state, settings, timestamp, today };
    if (path.resource === 'login' && request.method === 'POST') return handleLogin(context);
    const publicLink = handlePublicInvoice(context);
    if (publicLink) return publicLink;
    if (!authenticated(request, body, options, state))
      return jsonResponse(401, ERRORS.unauthorized);
    const account = handleAccounts(context, {
      prefix: options.account ?? 'emulator',
      apiToken: options.apiToken,
    });
    if (account) return account;
    const record = handleRecords(context);
    if (record) return record;
    switch (path.resource) {
      case 'invoices':
        return handleInvoices(context);
      case 'clients':
        return handleClients(context);
      case 'products':
        return handleProducts(context);
      case 'banking/payments':
        return handlePayments(context);
      default:
        return respond(path.format, 404, 'error', ERRORS.notFound);
    }
  }
}

/** Seeds records directly, as if created through the API long ago (no period window applies to ids). */
function seedState(
  state: InvoiceOceanState,
  data: InvoiceOceanSeed,
  clock: EmulatorClock,
  settings: { strategy: CalculatingStrategy; defaultCurrency: string },
): void {
  const { timestamp, today } = vendorNow(clock.now());
  for (const { id, ...client } of data.clients ?? []) {
    const record = {
      attributes: { company: true, kind: 'buyer', ...client },
      token: '',
      created_at: timestamp,
      updated_at: timestamp,
    };
    const created =
      typeof id === 'number' ? state.clients.put({ ...record, id }) : state.clients.insert(record);
    created.token = publicToken('client', created.id);
  }
  for (const { id, ...product } of data.products ?? []) {
    const record = { attributes: { ...product }, created_at: timestamp, updated_at: timestamp };
    if (typeof id === 'number') state.products.put({ ...record, id });
    else state.products.insert(record);
  }
  for (const [path, records] of Object.entries(data.records ?? {})) {
    const store = recordStore({ state }, path);
    for (const { id, ...attributes } of records) {
      const record = { attributes, created_at: timestamp, updated_at: timestamp };
      if (typeof id === 'number') store.put({ ...record, id });
      else store.insert(record);
    }
  }
  for (const { id, ...payment } of data.payments ?? []) {
    const record = {
      attributes: { kind: 'api', paid: true, ...payment },
      created_at: timestamp,
      updated_at: timestamp,
    };
    if (typeof id === 'number') state.payments.put({ ...record, id });
    else state.payments.insert(record);
  }
  for (const seeded of data.invoices ?? []) {
    const { positions = [], id, ...attributes } = seeded;
    const stored = positions.map((position): StoredPosition => ({
      id: typeof position.id === 'number' ? position.id : state.positionIds.next++,
      name: String(position.name ?? 'Seeded item'),
      description: null,
      code: null,
      product_id: null,
      quantity: String(position.quantity ?? '1'),
      quantity_unit: null,
      tax: String(position.tax ?? '23'),
      kind: null,
      created_at: timestamp,
      updated_at: timestamp,
      ...(position.price_net !== undefined ? { price_net: String(position.price_net) } : {}),
      ...(position.price_gross !== undefined ? { price_gross: String(position.price_gross) } : {}),
      ...(position.total_price_gross !== undefined
        ? { total_price_gross: String(position.total_price_gross) }
        : {}),
    }));
    const issueDate = String(attributes.issue_date ?? today);
    const record = {
      attributes: {
        kind: 'vat',
        status: 'issued',
        currency: settings.defaultCurrency,
        income: true,
        issue_date: issueDate,
        sell_date: issueDate,
        number: null,
        buyer_name: 'Seeded Buyer Sp. z o.o.',
        ...attributes,
      },
      positions:
        stored.length > 0
          ? stored
          : [
              {
                id: state.positionIds.next++,
                name: 'Seeded service',
                description: null,
                code: null,
                product_id: null,
                quantity: '1',
                quantity_unit: null,
                price_net: '100',
                tax: '23',
                kind: null,
                created_at: timestamp,
                updated_at: timestamp,
              },
            ],
      strategy: settings.strategy,
      paid: String(attributes.paid ?? '0'),
      token: '',
      created_at: timestamp,
      updated_at: timestamp,
    };
    const created =
      typeof id === 'number'
        ? state.invoices.put({ ...record, id })
        : state.invoices.insert(record);
    created.token = publicToken('invoice', created.id);
    if (created.attributes.number === null)
      created.attributes.number = `S${created.id}/${issueDate.slice(5, 7)}/${issueDate.slice(0, 4)}`;
  }
}
