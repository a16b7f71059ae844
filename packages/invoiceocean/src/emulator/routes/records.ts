import { EntityStore, jsonResponse, type EmulatorResponse } from '@invoicekit/core/emulator';
import type { RouteContext } from '../context';
import { parseMultipart } from '../multipart';
import { ERRORS, respond, validationError } from '../render';
import type { StoredRecord } from '../state';
import { isInvoiceOceanWebhookKind } from '../../webhooks/webhook-kinds';

/** How one of the simpler resources behaves. */
interface RecordSpec {
  /** The body's wrapper key (`warehouse_document`). */
  readonly wrapper: string;
  readonly firstId: number;
  readonly required: readonly string[];
  /** Resource-specific checks and derived fields; returns field errors, or the attributes to store. */
  readonly prepare?: (
    input: Record<string, unknown>,
    context: RouteContext,
    existing?: StoredRecord,
  ) => Record<string, unknown> | { errors: Record<string, string[]> };
}

const EVERY = ['1w', '1m', '2m', '3m', '6m', '1y'];

/** Price-list positions arrive as a hash keyed "0", "1" … (Rails nested attributes). */
function priceListPositions(input: Record<string, unknown>): Record<string, unknown> {
  const { price_list_positions_attributes: positions, ...rest } = input;
  if (positions === undefined) return rest;
  const list = Array.isArray(positions)
    ? positions
    : Object.values(positions as Record<string, unknown>);
  return { ...rest, price_list_positions: list };
}

/** The resources the vendor pages and documents use, by path. */
export const RECORD_SPECS: Readonly<Record<string, RecordSpec>> = {
  categories: { wrapper: 'category', firstId: 10_000, required: ['name'] },
  warehouses: { wrapper: 'warehouse', firstId: 20_000, required: ['name'] },
  departments: { wrapper: 'department', firstId: 30_000, required: ['name'] },
  bank_accounts: {
    wrapper: 'bank_account',
    firstId: 40_000,
    required: [],
    // the documented validation answers (docs_fakturownia_bank_accounts_error_table.md)
    prepare: (input) => {
      const errors: Record<string, string[]> = {};
      if (!input.bank_account_number) errors.bank_accounts = ["can't be blank"];
      if (typeof input.name === 'string' && input.name.length > 255)
        errors.name = ['is too long (maximum is 255 characters)'];
      if (typeof input.account_description === 'string' && input.account_description.length > 256) {
        errors.account_description = ['is too long (maximum is 256 characters)'];
      }
      return Object.keys(errors).length > 0 ? { errors } : input;
    },
  },
  price_lists: {
    wrapper: 'price_list',
    firstId: 50_000,
    required: ['name'],
    // the keys of VosFactures' documented list sample
    prepare: (input) => ({
      deleted: false,
      account_id: 1,
      description: null,
      currency: 'PLN',
      ...priceListPositions(input),
    }),
  },
  recurrings: {
    wrapper: 'recurring',
    firstId: 60_000,
    required: ['name', 'invoice_id'],
    prepare: (input, context) => {
      const errors: Record<string, string[]> = {};
      if (input.every !== undefined && !EVERY.includes(String(input.every)))
        errors.every = ['is not included in the list'];
      if (input.invoice_id !== undefined && !context.state.invoices.get(Number(input.invoice_id)))
        errors.invoice = ['must exist'];
      return Object.keys(errors).length > 0 ? { errors } : input;
    },
  },
  // The account's webhooks (docs/vendors/invoiceocean.md §5.8): the emulator posts to the active ones.
  webhooks: {
    wrapper: 'webhook',
    firstId: 80_000,
    required: ['kind', 'url'],
    prepare: (input) =>
      isInvoiceOceanWebhookKind(input.kind)
        ? { active: true, api_token: null, ...input }
        : { errors: { kind: ['is not included in the list'] } },
  },
  warehouse_documents: {
    wrapper: 'warehouse_document',
    firstId: 70_000,
    required: ['kind'],
    prepare: (input, context, existing) => {
      const kind = String(input.kind ?? existing?.attributes.kind ?? '');
      if (!['pz', 'wz', 'mm'].includes(kind))
        return { errors: { kind: ['is not included in the list'] } };
      const actions = Array.isArray(input.warehouse_actions)
        ? (input.warehouse_actions as Record<string, unknown>[])
        : undefined;
      const number =
        existing?.attributes.number ??
        input.number ??
        `${kind.toUpperCase()} ${(recordStore(context, 'warehouse_documents').size + 1).toString()}/${context.today.slice(5, 7)}/${context.today.slice(0, 4)}`;
      return {
        ...input,
        kind,
        number,
        ...(actions
          ? { warehouse_actions: actions.map((action, index) => ({ id: index + 1, ...action })) }
          : {}),
      };
    },
  },
};

/** The store of one resource, created on first use. */
export function recordStore(
  context: Pick<RouteContext, 'state'>,
  path: string,
): EntityStore<StoredRecord> {
  let store = context.state.records.get(path);
  if (!store) {
    store = new EntityStore<StoredRecord>(RECORD_SPECS[path]?.firstId ?? 1);
    context.state.records.set(path, store);
  }
  return store;
}

function render(record: StoredRecord): Record<string, unknown> {
  return {
    id: record.id,
    ...record.attributes,
    created_at: record.created_at,
    updated_at: record.updated_at,
  };
}

/** `department[name]=x` and `department[logo]=@file` from a multipart upload. */
function multipartInput(
  context: RouteContext,
  wrapper: string,
): Record<string, unknown> | undefined {
  const contentType = context.request.headers['content-type'] ?? '';
  if (!contentType.startsWith('multipart/form-data')) return undefined;
  const raw = context.request.rawBody ?? Buffer.from(context.request.body, 'utf8');
  const input: Record<string, unknown> = {};
  for (const part of parseMultipart(raw, contentType)) {
    const field = new RegExp(`^${wrapper}\\[(\\w+)\\]$`).exec(part.name)?.[1];
    if (!field) continue;
    input[field] =
      part.fileName === undefined
        ? part.data.toString('utf8')
        : {
            file_name: part.fileName,
            content_type: part.contentType ?? null,
            size: part.data.length,
          };
  }
  return input;
}

/** `/warehouse_actions.json`: the actions of every warehouse document, with the documented filters. */
function warehouseActions(context: RouteContext): EmulatorResponse {
  const query = context.request.query;
  const actions = recordStore(context, 'warehouse_documents')
    .all()
    .flatMap((document) =>
      ((document.attributes.warehouse_actions as Record<string, unknown>[] | undefined) ?? []).map(
        (action): Record<string, unknown> => ({
          ...action,
          kind: document.attributes.kind,
          warehouse_id: document.attributes.warehouse_id ?? null,
          warehouse_document_id: document.id,
          date: document.attributes.issue_date ?? null,
        }),
      ),
    )
    .filter(
      (action) =>
        (!query.get('warehouse_id') || String(action.warehouse_id) === query.get('warehouse_id')) &&
        (!query.get('kind') || action.kind === query.get('kind')) &&
        (!query.get('product_id') || String(action.product_id) === query.get('product_id')) &&
        (!query.get('warehouse_document_id') ||
          String(action.warehouse_document_id) === query.get('warehouse_document_id')),
    );
  return respond(context.path.format, 200, 'warehouse-actions', actions);
}

/**
 * VosFactures' `GET /price_lists/ID/prices_for_products.json?product_ids[]=…`: the list's price for
 * each product (or the product's own), keyed by product id.
 */
function pricesForProducts(
  context: RouteContext,
  priceList: StoredRecord,
): Record<string, unknown> {
  const ids = [
    ...context.request.query.getAll('product_ids[]'),
    ...(context.request.query.get('product_ids')?.split(',') ?? []),
  ];
  const positions =
    (priceList.attributes.price_list_positions as Record<string, unknown>[] | undefined) ?? [];
  const result: Record<string, unknown> = {};
  for (const id of ids) {
    const product = context.state.products.get(Number(id));
    const position = positions.find((entry) => String(entry.priceable_id) === id);
    if (!product && !position) continue;
    result[id] = {
      price_net: position?.price_net ?? product?.attributes.price_net ?? null,
      price_gross: position?.price_gross ?? product?.attributes.price_gross ?? null,
      tax: position?.tax ?? '',
      currency: priceList.attributes.currency ?? null,
      category_id: product?.attributes.category_id ?? null,
    };
  }
  return result;
}

/** The simpler resources: list, get, create, update (multipart too), delete. */
export function handleRecords(context: RouteContext): EmulatorResponse | undefined {
  const { path, request } = context;
  if (path.resource === 'warehouse_actions' && request.method === 'GET')
    return warehouseActions(context);
  const spec = RECORD_SPECS[path.resource];
  if (!spec) return undefined;
  const store = recordStore(context, path.resource);
  const format = path.format;
  const input =
    multipartInput(context, spec.wrapper) ??
    ((context.body[spec.wrapper] ?? {}) as Record<string, unknown>);

  const save = (existing?: StoredRecord): EmulatorResponse => {
    const merged = { ...(existing?.attributes ?? {}), ...input };
    const missing = spec.required.filter(
      (field) => merged[field] === undefined || merged[field] === null || merged[field] === '',
    );
    if (missing.length > 0)
      return validationError(
        format,
        Object.fromEntries(missing.map((field) => [field, ["can't be blank"]])),
      );
    const prepared = spec.prepare ? spec.prepare(merged, context, existing) : merged;
    if (
      'errors' in prepared &&
      typeof prepared.errors === 'object' &&
      prepared.errors !== null &&
      !Array.isArray(prepared.errors)
    ) {
      return validationError(format, prepared.errors as Record<string, string[]>);
    }
    if (existing) {
      const next = store.update(existing.id, {
        attributes: prepared,
        updated_at: context.timestamp,
      }) as StoredRecord;
      return respond(format, 200, spec.wrapper, render(next));
    }
    const created = store.insert({
      attributes: prepared,
      created_at: context.timestamp,
      updated_at: context.timestamp,
    });
    return respond(format, 201, spec.wrapper, render(created));
  };

  if (path.id === undefined) {
    if (request.method === 'GET') {
      const page = Math.max(1, Number(request.query.get('page') ?? '1') || 1);
      const perPage = Math.min(
        100,
        Math.max(1, Number(request.query.get('per_page') ?? '25') || 25),
      );
      return respond(
        format,
        200,
        path.resource.replace(/_/g, '-'),
        store
          .all()
          .slice((page - 1) * perPage, page * perPage)
          .map(render),
      );
    }
    if (request.method === 'POST') return save();
    return respond(format, 404, 'error', ERRORS.notFound);
  }
  const record = store.get(Number(path.id));
  if (
    record &&
    path.resource === 'price_lists' &&
    path.action === 'prices_for_products' &&
    request.method === 'GET'
  ) {
    return respond(format, 200, 'prices', pricesForProducts(context, record));
  }
  if (!record)
    return respond(
      format,
      404,
      'error',
      path.resource === 'bank_accounts' ? { code: 'error', message: 'Not found' } : ERRORS.notFound,
    );
  if (request.method === 'GET') return respond(format, 200, spec.wrapper, render(record));
  if (request.method === 'PUT' || request.method === 'PATCH') return save(record);
  if (request.method === 'DELETE') {
    store.delete(record.id);
    // bank accounts answer `head :ok`: an empty body (docs/vendors/invoiceocean.md §5.8)
    return path.resource === 'bank_accounts' ? { status: 200 } : jsonResponse(200, 'ok');
  }
  return respond(format, 404, 'error', ERRORS.notFound);
}
