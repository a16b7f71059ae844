import type { EmulatorRequest, EmulatorResponse } from '@invoicekit/core/emulator';
import { isAuthenticated } from './auth';
import { readObjectBody } from './body';
import type { RouteContext } from './context';
import { failure, notFound } from './envelope';
import type { ResolvedOptions } from './options';
import {
  createContact,
  deleteContact,
  getContact,
  listContacts,
  updateContact,
} from './routes/contacts';
import { getInvoice, listInvoices, updateInvoice } from './routes/invoices';
import { getParticipant } from './routes/participants';
import {
  createPayment,
  deletePayment,
  getPayment,
  listPayments,
  updatePayment,
} from './routes/payments';
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  listWebhookEvents,
  listWebhooks,
} from './routes/webhooks';
import type { PlandocketState } from './state';
import { isoTimestamp } from './values';

type RouteHandler = (context: RouteContext) => EmulatorResponse;

/** One resource path: the scope it needs and the methods it answers. */
interface Route {
  readonly pattern: RegExp;
  readonly scope: string;
  readonly methods: Readonly<Partial<Record<string, RouteHandler>>>;
}

/**
 * The emulated endpoints. Invoices have no POST or DELETE (the API cannot create or delete them,
 * docs/vendors/plandocket.md §2.1): those methods fall through to the generic 405. The payments
 * endpoints also need the tenant's `invoices` feature flag, which the emulated tenant always has.
 */
const ROUTES: readonly Route[] = [
  { pattern: /^\/api\/v1\/invoices\/?$/, scope: 'invoices', methods: { GET: listInvoices } },
  {
    pattern: /^\/api\/v1\/invoices\/(\d+)\/?$/,
    scope: 'invoices',
    methods: { GET: getInvoice, PUT: updateInvoice, PATCH: updateInvoice },
  },
  {
    pattern: /^\/api\/v1\/contacts\/?$/,
    scope: 'contacts',
    methods: { GET: listContacts, POST: createContact },
  },
  {
    pattern: /^\/api\/v1\/contacts\/(\d+)\/?$/,
    scope: 'contacts',
    methods: { GET: getContact, PUT: updateContact, PATCH: updateContact, DELETE: deleteContact },
  },
  {
    pattern: /^\/api\/v1\/payments\/?$/,
    scope: 'payments',
    methods: { GET: listPayments, POST: createPayment },
  },
  {
    pattern: /^\/api\/v1\/payments\/(\d+)\/?$/,
    scope: 'payments',
    methods: { GET: getPayment, PUT: updatePayment, PATCH: updatePayment, DELETE: deletePayment },
  },
  {
    pattern: /^\/api\/v1\/participants\/(\d+)\/?$/,
    scope: 'participants',
    methods: { GET: getParticipant },
  },
  {
    pattern: /^\/api\/v1\/webhooks\/?$/,
    scope: 'webhooks',
    methods: { GET: listWebhooks, POST: createWebhook },
  },
  {
    pattern: /^\/api\/v1\/webhooks\/events\/?$/,
    scope: 'webhooks',
    methods: { GET: listWebhookEvents },
  },
  {
    pattern: /^\/api\/v1\/webhooks\/(\d+)\/?$/,
    scope: 'webhooks',
    methods: { GET: getWebhook, DELETE: deleteWebhook },
  },
];

/** The route a path belongs to, with its `{id}` (0 for collection paths). */
function matchRoute(path: string): { route: Route; id: number } | undefined {
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (match) return { route, id: match[1] === undefined ? 0 : Number(match[1]) };
  }
  return undefined;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Answers one request in the order a typical API stack checks it: authentication (401) for
 * anything under `/api/v1`, then the route (404) and method (405), the key's scope (403), the JSON
 * body (400), and finally the resource itself.
 */
export function dispatch(
  request: EmulatorRequest,
  state: PlandocketState,
  options: ResolvedOptions,
): EmulatorResponse {
  const requestId = `req_${state.counters.request++}`;
  const identified = { requestId };
  if (!/^\/api\/v1(\/|$)/.test(request.path)) return notFound(identified);
  if (!isAuthenticated(request, options.apiKey)) {
    return failure(identified, 401, 'Unauthenticated');
  }

  const found = matchRoute(request.path);
  if (!found) return notFound(identified);
  const { route, id } = found;
  const handler = route.methods[request.method];
  if (!handler) {
    return failure(identified, 405, 'Method not allowed', {
      allow: Object.keys(route.methods).join(', '),
    });
  }
  if (!options.scopes.has(route.scope)) {
    return failure(identified, 403, `Insufficient permissions: missing scope ${route.scope}`);
  }

  let body: Record<string, unknown> = {};
  if (WRITES.has(request.method)) {
    const read = readObjectBody(request);
    if (!read.ok) return failure(identified, 400, read.message);
    body = read.body;
  }
  return handler({
    request,
    state,
    options,
    requestId,
    timestamp: isoTimestamp(options.now()),
    id,
    body,
  });
}
