import { clientKey } from '../invoice-store';
import type { EmulatorResponse } from '@invoicekit/core/emulator';
import { jsonResponse } from '@invoicekit/core/emulator';
import { publicToken, type RouteContext } from '../context';
import { ERRORS, renderClient, respond, validationError } from '../render';
import { orderedBy } from '../list-order';
import type { StoredClient } from '../state';

/**
 * A client as a read answers it: the SWIFT only when asked, `additional_fields[client]=swift`
 * (docs/vendors/invoiceocean.md §5.3); the recorded client answer carries no such key.
 */
function renderRead(context: RouteContext, client: StoredClient): Record<string, unknown> {
  const asked = context.request.query
    .getAll('additional_fields[client]')
    .flatMap((value) => value.split(','))
    .includes('swift');
  return Object.fromEntries(
    Object.entries(renderClient(client)).filter(([key]) => asked || key !== 'swift'),
  );
}

const CLIENT_FIELDS = [
  'name',
  'shortcut',
  'tax_no',
  'post_code',
  'city',
  'street',
  'street_no',
  'country',
  'email',
  'phone',
  'mobile_phone',
  'www',
  'fax',
  'first_name',
  'last_name',
  'bank',
  'bank_account',
  'swift',
  'note',
  'company',
  'person',
  'external_id',
  'title',
  'register_number',
  'payment_to_kind',
  'default_payment_type',
  'discount',
  'category_id',
  'department_id',
  'kind',
  'tax_no_kind',
  'disable_auto_reminders',
] as const;

function pick(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(input).filter(([key]) => (CLIENT_FIELDS as readonly string[]).includes(key)),
  );
}

/** A shortcut that is unique in the account: `"Client1"`, then `"Client1 (2)"` … (live 2018 behaviour). */
function uniqueShortcut(context: RouteContext, wanted: string, except?: number): string {
  const taken = new Set(
    context.state.clients
      .all()
      .filter((client) => client.id !== except)
      .map((client) => String(client.attributes.shortcut)),
  );
  if (!taken.has(wanted)) return wanted;
  for (let n = 2; ; n += 1) if (!taken.has(`${wanted} (${n})`)) return `${wanted} (${n})`;
}

function insertClient(context: RouteContext, attributes: Record<string, unknown>): StoredClient {
  const name = String(
    attributes.name ?? [attributes.first_name, attributes.last_name].filter(Boolean).join(' '),
  );
  const created = context.state.clients.insert({
    attributes: {
      company: true,
      kind: 'buyer',
      deleted: false,
      dynamic_fields: {},
      balance: '0.0',
      attachments_count: 0,
      use_delivery_address: false,
      use_mass_payment: false,
      disable_auto_reminders: false,
      ...attributes,
      name,
      shortcut: uniqueShortcut(context, String(attributes.shortcut ?? name)),
      tax_no_check:
        attributes.tax_no && attributes.country
          ? `${String(attributes.country).toUpperCase()}${String(attributes.tax_no)}`
          : null,
    },
    token: '',
    created_at: context.timestamp,
    updated_at: context.timestamp,
  });
  created.token = publicToken('client', created.id);
  return created;
}

const BUYER_TO_CLIENT: Readonly<Record<string, string>> = {
  buyer_name: 'name',
  buyer_first_name: 'first_name',
  buyer_last_name: 'last_name',
  buyer_tax_no: 'tax_no',
  buyer_email: 'email',
  buyer_phone: 'phone',
  buyer_street: 'street',
  buyer_city: 'city',
  buyer_post_code: 'post_code',
  buyer_country: 'country',
  buyer_company: 'company',
};

function buyerAsClient(attributes: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(BUYER_TO_CLIENT).flatMap(([buyer, client]) =>
      attributes[buyer] === undefined ? [] : [[client, attributes[buyer]]],
    ),
  );
}

/**
 * The vendor matches an invoice's buyer against existing clients (tax number, e-mail, name) and
 * creates a client when none matches — the source of duplicate clients
 * (docs/vendors/invoiceocean.md §17.4). `client_id: -1` always creates one.
 */
export function findOrCreateClientForBuyer(
  context: RouteContext,
  attributes: Record<string, unknown>,
  forceNew: boolean,
): StoredClient {
  const wanted = buyerAsClient(attributes);
  if (!forceNew) {
    // The client index narrows the account to candidates; the same test as ever decides.
    const match = context.state.clients.firstWith(
      [
        ...(wanted.tax_no !== undefined && wanted.tax_no !== null
          ? clientKey('tax_no', wanted.tax_no)
          : []),
        ...(wanted.email !== undefined && wanted.email !== null
          ? clientKey('email', wanted.email)
          : []),
        ...(wanted.name !== undefined ? clientKey('name', wanted.name) : []),
      ],
      (client) =>
        (wanted.tax_no !== undefined &&
          wanted.tax_no !== null &&
          client.attributes.tax_no === wanted.tax_no) ||
        (wanted.email !== undefined &&
          wanted.email !== null &&
          client.attributes.email === wanted.email) ||
        (wanted.name !== undefined && client.attributes.name === wanted.name),
    );
    if (match) return match;
  }
  return insertClient(context, wanted);
}

/**
 * With `client_id` and no `buyer_override`, the client card replaces the buyer fields
 * (docs/vendors/invoiceocean.md §17.5).
 */
export function applyClientCardToBuyer(
  context: RouteContext,
  clientId: number,
  attributes: Record<string, unknown>,
): void {
  const client = context.state.clients.get(clientId);
  if (!client) return;
  for (const [buyer, field] of Object.entries(BUYER_TO_CLIENT))
    attributes[buyer] = client.attributes[field] ?? null;
}

/** `buyer_override: true` writes the buyer fields onto the client card. */
export function updateClientFromBuyer(
  context: RouteContext,
  clientId: number,
  attributes: Record<string, unknown>,
): void {
  const client = context.state.clients.get(clientId);
  if (!client) return;
  context.state.clients.update(clientId, {
    attributes: { ...client.attributes, ...buyerAsClient(attributes) },
    updated_at: context.timestamp,
  });
}

/** `/clients…` */
export function handleClients(context: RouteContext): EmulatorResponse {
  const { path, request, state, body } = context;
  const format = path.format;
  if (path.id === undefined) {
    if (request.method === 'GET') {
      const query = request.query;
      const contains = (value: unknown, wanted: string | null): boolean =>
        !wanted ||
        String(value ?? '')
          .toLowerCase()
          .includes(wanted.toLowerCase());
      const matches = state.clients
        .all()
        .filter(
          (client) =>
            contains(client.attributes.name, query.get('name')) &&
            contains(client.attributes.email, query.get('email')) &&
            contains(client.attributes.shortcut, query.get('shortcut')) &&
            contains(client.attributes.tax_no, query.get('tax_no')) &&
            (!query.get('external_id') ||
              client.attributes.external_id === query.get('external_id')),
        );
      const page = Math.max(1, Number(query.get('page') ?? '1') || 1);
      const perPage = Math.min(100, Math.max(1, Number(query.get('per_page') ?? '25') || 25));
      return respond(
        format,
        200,
        'clients',
        orderedBy(matches, query.get('order'))
          .slice((page - 1) * perPage, page * perPage)
          .map((client) => renderRead(context, client)),
      );
    }
    if (request.method === 'POST') {
      const input = pick((body.client ?? {}) as Record<string, unknown>);
      if (!input.name && !input.last_name)
        return validationError(format, { name: ["can't be blank"] });
      return respond(format, 201, 'client', renderClient(insertClient(context, input)));
    }
    return respond(format, 404, 'error', ERRORS.notFound);
  }
  const client = state.clients.get(Number(path.id));
  if (!client) return respond(format, 404, 'error', ERRORS.notFound);
  if (request.method === 'GET') return respond(format, 200, 'client', renderRead(context, client));
  if (request.method === 'PUT' || request.method === 'PATCH') {
    const input = pick((body.client ?? {}) as Record<string, unknown>);
    if (input.shortcut !== undefined)
      input.shortcut = uniqueShortcut(context, String(input.shortcut), client.id);
    const next = state.clients.update(client.id, {
      attributes: { ...client.attributes, ...input },
      updated_at: context.timestamp,
    }) as StoredClient;
    return respond(format, 200, 'client', renderClient(next));
  }
  if (request.method === 'DELETE') {
    state.clients.delete(client.id);
    return jsonResponse(200, 'ok');
  }
  return respond(format, 404, 'error', ERRORS.notFound);
}
