import { toDecimal } from '@invoicekit/core';
import type { EmulatorResponse } from '@invoicekit/core/emulator';
import { jsonResponse } from '@invoicekit/core/emulator';
import { CalculatingStrategySchema } from '../../config';
import { toCanonicalTaxRate } from '../../mapping/tax';
import { addDays, addMonths } from '../clock';
import { publicToken, type RouteContext } from '../context';
import { orderedBy } from '../list-order';
import { amountsOf } from '../stored-amounts';
import {
  ERRORS,
  renderInvoice,
  renderPayment,
  renderUpdatedInvoice,
  respond,
  validationError,
} from '../render';
import { incomingDecimal } from '../request';
import type { StoredInvoice, StoredPosition } from '../state';
import {
  findOrCreateClientForBuyer,
  applyClientCardToBuyer,
  updateClientFromBuyer,
} from './clients';

const MAX_PER_PAGE = 100;
const DEFAULT_PER_PAGE = 25;
const NUMBER_PREFIX: Readonly<Record<string, string>> = {
  proforma: 'P',
  estimate: 'O',
  correction: 'K',
  advance: 'ZAL',
  final: 'FK',
};

/** Header fields accepted from requests and echoed back. */
const HEADER_FIELDS = new Set([
  'number',
  'kind',
  'income',
  'issue_date',
  'sell_date',
  'place',
  'payment_to',
  'payment_to_kind',
  'payment_type',
  'status',
  'currency',
  'lang',
  'oid',
  'department_id',
  'client_id',
  'description',
  'show_discount',
  'discount_kind',
  'exchange_currency',
  'exchange_kind',
  'exchange_currency_rate',
  'split_payment',
  'reverse_charge',
  'use_oss',
  'from_invoice_id',
  'invoice_id',
  'correction_reason',
  'buyer_override',
  'seller_name',
  'seller_tax_no',
  'seller_email',
  'seller_phone',
  'seller_street',
  'seller_city',
  'seller_post_code',
  'seller_country',
  'seller_bank_account',
  'buyer_name',
  'buyer_first_name',
  'buyer_last_name',
  'buyer_company',
  'buyer_tax_no',
  'buyer_email',
  'buyer_phone',
  'buyer_street',
  'buyer_city',
  'buyer_post_code',
  'buyer_country',
  'buyer_note',
  'recipient_name',
  'recipient_street',
  'recipient_city',
  'recipient_post_code',
  'recipient_country',
  'internal_note',
  // Documented invoice fields (the vendor's API documentation, "Invoice - all fields").
  'seller_bank',
  'seller_www',
  'seller_fax',
  'seller_person',
  'category_id',
  'warehouse_id',
  'invoice_template_id',
  'additional_info',
  'additional_info_desc',
  'description_footer',
  'description_long',
  'delivery_date',
  'use_moss',
  'disable_tax_no_validation',
  'additional_invoice_field',
  // Early-payment discount ("skonto"), the exchange note and VosFactures' seller SWIFT.
  'skonto_active',
  'skonto_discount_date',
  'skonto_discount_value',
  'exchange_note',
  'seller_bank_swift',
]);

/**
 * Fields the vendor takes inside `additional_fields` on create (docs/vendors/invoiceocean.md §4,
 * VosFactures).
 */
const ADDITIONAL_FIELDS = new Set(['seller_bank_swift', 'additional_invoice_field']);

/**
 * Documented fields the vendor answers as integers (docs/vendors/invoiceocean.md §8.1); an empty
 * one is null.
 */
const INTEGER_FIELDS = new Set(['category_id', 'warehouse_id', 'invoice_template_id']);
/**
 * Documented flags the vendor answers as booleans (docs/vendors/invoiceocean.md §8.1), sent as
 * `"0"` / `"1"` in its examples.
 */
const BOOLEAN_FIELDS = new Set([
  'use_moss',
  'additional_info',
  'disable_tax_no_validation',
  'skonto_active',
]);

/** A documented field in the form the vendor answers it. */
function normalizeHeaderField(key: string, value: unknown): unknown {
  if (INTEGER_FIELDS.has(key)) {
    if (value === '' || value === null) return null;
    return /^\d+$/.test(String(value)) ? Number(value) : value;
  }
  if (BOOLEAN_FIELDS.has(key)) {
    if (value === '' || value === null) return false;
    return value === true || value === 1 || value === '1' || value === 'true' || value === 'yes';
  }
  if (key === 'delivery_date' && value === '') return null;
  return value;
}

const notFound = (context: RouteContext): EmulatorResponse =>
  respond(context.path.format, 404, 'error', ERRORS.notFound);

function today(context: RouteContext): string {
  return context.today;
}

/** Positions from a request, validated; `{errors}` names the bad fields the vendor's way. */
function readPositions(
  context: RouteContext,
  raw: unknown,
  existing: readonly StoredPosition[],
): { positions: StoredPosition[] } | { errors: Record<string, string[]> } {
  const list = Array.isArray(raw)
    ? raw
    : raw && typeof raw === 'object'
      ? Object.values(raw as Record<string, unknown>)
      : [];
  const errors: Record<string, string[]> = {};
  const result = existing.map((position) => ({ ...position }));
  for (const entry of list) {
    if (typeof entry !== 'object' || entry === null) continue;
    const item = entry as Record<string, unknown>;
    const id = item.id === undefined || item.id === null ? undefined : Number(item.id);
    if (
      id !== undefined &&
      (item._destroy === 1 || item._destroy === '1' || item._destroy === true)
    ) {
      const index = result.findIndex((position) => position.id === id);
      if (index >= 0) result.splice(index, 1);
      continue;
    }
    const product =
      item.product_id === undefined || item.product_id === null
        ? undefined
        : context.state.products.get(Number(item.product_id));
    if (item.product_id !== undefined && item.product_id !== null && !product)
      errors['positions.product'] = ['must exist'];
    const fields: Record<string, string | undefined> = {};
    for (const key of [
      'quantity',
      'price_net',
      'price_gross',
      'total_price_gross',
      'discount',
      'discount_percent',
    ] as const) {
      const value = incomingDecimal(
        item[key] ??
          (key === 'price_net' || key === 'price_gross' ? product?.attributes[key] : undefined),
      );
      if (value === 'invalid') errors[`positions.${key}`] = ['is not a number'];
      else fields[key] = value;
    }
    const tax = item.tax ?? product?.attributes.tax ?? '23';
    try {
      toCanonicalTaxRate(String(tax));
    } catch {
      errors['positions.tax'] = ['is not included in the list'];
    }
    const name = (item.name ?? product?.attributes.name ?? null) as string | null;
    const base = id === undefined ? undefined : result.find((position) => position.id === id);
    const merged: StoredPosition = {
      ...(base ?? {
        id: context.state.positionIds.next++,
        name: null,
        description: null,
        code: null,
        product_id: null,
        quantity: '1',
        quantity_unit: null,
        tax: '23',
        kind: null,
        created_at: context.timestamp,
      }),
      updated_at: context.timestamp,
    } as StoredPosition;
    if (name !== null || !base) merged.name = name;
    if (item.description !== undefined)
      merged.description = (item.description as string | null) ?? null;
    if (item.code !== undefined) merged.code = (item.code as string | null) ?? null;
    if (item.additional_info !== undefined)
      merged.additional_info =
        item.additional_info === null || item.additional_info === ''
          ? null
          : String(item.additional_info);
    if (product) merged.product_id = product.id;
    if (item.quantity_unit !== undefined)
      merged.quantity_unit = (item.quantity_unit as string | null) ?? null;
    if (item.kind !== undefined) merged.kind = (item.kind as string | null) ?? null;
    for (const side of ['correction_before_attributes', 'correction_after_attributes'] as const) {
      const record = item[side];
      if (record && typeof record === 'object') merged[side] = record as Record<string, unknown>;
    }
    if (item.tax !== undefined || product || !base) merged.tax = String(tax);
    for (const [key, value] of Object.entries(fields)) {
      if (value !== undefined) (merged as unknown as Record<string, unknown>)[key] = value;
    }
    if (fields.quantity === undefined && !base) merged.quantity = '1';
    if (!merged.name) errors['positions.name'] = ["can't be blank"];
    if (!base) result.push(merged);
    else result[result.indexOf(base)] = merged;
  }
  return Object.keys(errors).length > 0 ? { errors } : { positions: result };
}

function nextNumber(context: RouteContext, kind: string, issueDate: string): string {
  const [year, month] = issueDate.split('-');
  const series = `${kind}-${year}-${month}`;
  const next = (context.state.numbering.get(series) ?? 0) + 1;
  context.state.numbering.set(series, next);
  return `${NUMBER_PREFIX[kind] ?? ''}${next}/${month}/${year}`;
}

function headerFrom(body: Record<string, unknown>): Record<string, unknown> {
  const nested =
    body.additional_fields && typeof body.additional_fields === 'object'
      ? Object.entries(body.additional_fields as Record<string, unknown>).filter(([key]) =>
          ADDITIONAL_FIELDS.has(key),
        )
      : [];
  return Object.fromEntries(
    [...Object.entries(body).filter(([key]) => HEADER_FIELDS.has(key)), ...nested].map(
      ([key, value]) => [key, normalizeHeaderField(key, value)],
    ),
  );
}

/** The opt-in fields a read asks for: `additional_fields[invoice]=a,b`. */
function requestedFields(context: RouteContext): Set<string> {
  const query = context.request.query;
  const raw = [
    ...query.getAll('additional_fields[invoice]'),
    ...query.getAll('additional_fields[invoice][]'),
  ];
  return new Set(raw.flatMap((value) => value.split(',')).map((value) => value.trim()));
}

/**
 * An invoice as a read answers it: opt-in fields only when asked — `connected_payments` (the
 * banking payments settling it, as `/banking/payments` shows them) and `cancel_reason`.
 */
function renderRead(
  context: RouteContext,
  invoice: StoredInvoice,
  includePositions: boolean,
  wanted: ReadonlySet<string> = requestedFields(context),
): Record<string, unknown> {
  const rendered = renderInvoice(invoice, {
    publicBase: context.settings.publicBase,
    includePositions,
  });
  // `cancel_reason` is added only when asked (`additional_fields[invoice]=…`,
  // docs/vendors/invoiceocean.md §4); dropped in place, not by copying every other key.
  if (!wanted.has('cancel_reason')) delete rendered.cancel_reason;
  if (wanted.has('connected_payments')) {
    // The payments index, not a scan of every payment of the account per invoice read.
    rendered.connected_payments = context.state.payments.settling(invoice.id).map(renderPayment);
  }
  return rendered;
}

function paymentDue(attributes: Record<string, unknown>): void {
  const kind = attributes.payment_to_kind;
  const issue = String(attributes.issue_date);
  if (kind === 'off') attributes.payment_to = null;
  else if (
    kind !== undefined &&
    kind !== null &&
    kind !== 'other_date' &&
    /^\d+$/.test(String(kind))
  ) {
    attributes.payment_to = addDays(issue, Number(kind));
  }
}

/**
 * A document made from another (`from_invoice_id`: proforma → VAT, advance → final) takes the
 * source's buyer, currency and positions unless the request gives its own.
 */
function fromSourceInvoice(
  context: RouteContext,
  input: Record<string, unknown>,
): Record<string, unknown> {
  if (input.from_invoice_id === undefined || input.from_invoice_id === null) return input;
  const source = context.state.invoices.get(Number(input.from_invoice_id));
  if (!source) return input;
  const inherited = Object.fromEntries(
    Object.entries(source.attributes).filter(
      ([key]) => key.startsWith('buyer_') || ['client_id', 'currency', 'lang', 'oid'].includes(key),
    ),
  );
  const positions = source.positions.map(
    ({ id: _id, created_at: _created, updated_at: _updated, ...position }) => position,
  );
  return { ...inherited, oid: undefined, positions, ...input };
}

function create(context: RouteContext): EmulatorResponse {
  const { body, state, path } = context;
  const input = fromSourceInvoice(context, (body.invoice ?? {}) as Record<string, unknown>);
  const errors: Record<string, string[]> = {};

  if (input.oid !== undefined && input.oid !== null && String(input.oid_unique ?? '') === 'yes') {
    if (state.invoices.withOid(String(input.oid)).length > 0)
      errors.oid = ['has already been taken'];
  }
  const strategyResult =
    input.calculating_strategy === undefined
      ? undefined
      : CalculatingStrategySchema.safeParse(input.calculating_strategy);
  if (strategyResult && !strategyResult.success)
    errors.calculating_strategy = ['must have position, sum and invoice_form_price_kind'];

  const attributes: Record<string, unknown> = headerFrom(input);
  const clientId =
    attributes.client_id === undefined || attributes.client_id === null
      ? undefined
      : Number(attributes.client_id);
  if (clientId !== undefined && clientId !== -1 && !state.clients.get(clientId))
    errors.client = ['must exist'];
  const hasBuyer = Boolean(
    attributes.buyer_name || attributes.buyer_first_name || attributes.buyer_last_name,
  );
  if (clientId === undefined && !hasBuyer) errors.buyer_name = ["can't be blank"];
  if (
    input.positions === undefined ||
    (Array.isArray(input.positions) && input.positions.length === 0)
  ) {
    errors.positions = ["can't be blank"];
  }
  const read = readPositions(context, input.positions, []);
  if ('errors' in read) Object.assign(errors, read.errors);
  if (Object.keys(errors).length > 0 || 'errors' in read)
    return validationError(path.format, errors);

  attributes.kind = attributes.kind ?? 'vat';
  attributes.income = attributes.income ?? true;
  attributes.status = attributes.status ?? 'issued';
  attributes.currency = String(
    attributes.currency ?? context.settings.defaultCurrency,
  ).toUpperCase();
  attributes.issue_date = attributes.issue_date ?? today(context);
  attributes.sell_date = attributes.sell_date ?? attributes.issue_date;
  attributes.payment_to_kind =
    attributes.payment_to_kind ?? (attributes.payment_to ? 'other_date' : '5');
  paymentDue(attributes);
  attributes.number =
    attributes.number ??
    nextNumber(context, String(attributes.kind), String(attributes.issue_date));
  attributes.lang = attributes.lang ?? 'pl';
  attributes.from_api = true;
  attributes.pattern = 'nr-m/mm/yyyy';
  attributes.oid =
    attributes.oid === undefined || attributes.oid === null ? null : String(attributes.oid);

  // Buyer ↔ client card, as the vendor does it (docs/vendors/invoiceocean.md §17 pitfalls 4 and 5).
  if (clientId === -1 || (clientId === undefined && hasBuyer)) {
    attributes.client_id = findOrCreateClientForBuyer(context, attributes, clientId === -1).id;
  } else if (clientId !== undefined) {
    if (attributes.buyer_override === true || attributes.buyer_override === 'true')
      updateClientFromBuyer(context, clientId, attributes);
    else applyClientCardToBuyer(context, clientId, attributes);
  }
  delete attributes.buyer_override;

  const created = state.invoices.insert({
    attributes,
    positions: read.positions,
    strategy: strategyResult?.success ? strategyResult.data : context.settings.strategy,
    paid: '0',
    token: '',
    created_at: context.timestamp,
    updated_at: context.timestamp,
  } as Omit<StoredInvoice, 'id'>);
  created.token = publicToken('invoice', created.id);
  if (attributes.status === 'paid') markFullyPaid(context, created);
  return respond(
    path.format,
    201,
    'invoice',
    renderInvoice(created, { publicBase: context.settings.publicBase, includePositions: true }),
  );
}

/** Setting status "paid" records the whole gross as paid, dated today (live 2018 capture). */
function markFullyPaid(context: RouteContext, invoice: StoredInvoice): void {
  invoice.paid = amountsOf(invoice).gross.toString();
  invoice.attributes.status = 'paid';
  invoice.attributes.paid_date = invoice.attributes.paid_date ?? context.today;
}

function update(context: RouteContext, invoice: StoredInvoice): EmulatorResponse {
  const input = (context.body.invoice ?? {}) as Record<string, unknown>;
  const errors: Record<string, string[]> = {};
  let positions = invoice.positions;
  if (input.positions !== undefined) {
    const read = readPositions(context, input.positions, invoice.positions);
    if ('errors' in read) return validationError(context.path.format, read.errors);
    positions = read.positions;
  }
  if (
    input.calculating_strategy !== undefined &&
    !CalculatingStrategySchema.safeParse(input.calculating_strategy).success
  ) {
    errors.calculating_strategy = ['must have position, sum and invoice_form_price_kind'];
  }
  if (Object.keys(errors).length > 0) return validationError(context.path.format, errors);
  const attributes = { ...invoice.attributes, ...headerFrom(input) };
  if (input.payment_to_kind !== undefined || input.issue_date !== undefined) paymentDue(attributes);
  const next = context.state.invoices.update(invoice.id, {
    attributes,
    positions,
    updated_at: context.timestamp,
  }) as StoredInvoice;
  if (input.calculating_strategy !== undefined)
    next.strategy = CalculatingStrategySchema.parse(input.calculating_strategy);
  if (input.status === 'paid') markFullyPaid(context, next);
  return respond(
    context.path.format,
    200,
    'invoice',
    renderUpdatedInvoice(next, { publicBase: context.settings.publicBase }),
  );
}

/**
 * The `period` filter of a list as a test of a date, its bounds worked out once per request
 * (a list tests every invoice of the book).
 */
function periodTest(context: RouteContext): (date: unknown) => boolean {
  const query = context.request.query;
  const period = query.get('period') ?? 'last_12_months';
  if (period === 'all') return () => true;
  const now = context.today;
  const [year, month] = now.split('-');
  const isText = (date: unknown): date is string => typeof date === 'string';
  switch (period) {
    case 'this_month': {
      const prefix = `${year}-${month}`;
      return (date) => isText(date) && date.startsWith(prefix);
    }
    case 'last_month': {
      const prefix = addMonths(`${year}-${month}-01`, -1).slice(0, 7);
      return (date) => isText(date) && date.startsWith(prefix);
    }
    case 'last_30_days': {
      const from = addDays(now, -30);
      return (date) => isText(date) && date >= from && date <= now;
    }
    case 'this_year':
      return (date) => isText(date) && date.startsWith(`${year}-`);
    case 'last_year': {
      const prefix = `${Number(year) - 1}-`;
      return (date) => isText(date) && date.startsWith(prefix);
    }
    case 'more': {
      const from = query.get('date_from');
      const to = query.get('date_to');
      return (date) => isText(date) && (!from || date >= from) && (!to || date <= to);
    }
    default: {
      // last_12_months, the vendor's default — the reason a plain list "loses" old invoices.
      const from = addMonths(now, -12);
      return (date) => isText(date) && date > from && date <= now;
    }
  }
}

/** The list's filters as one test of an invoice, every query value read once per request. */
function listFilter(context: RouteContext): (invoice: StoredInvoice) => boolean {
  const query = context.request.query;
  const dateField =
    { paid_date: 'paid_date', transaction_date: 'sell_date', sell_date: 'sell_date' }[
      query.get('search_date_type') ?? ''
    ] ?? 'issue_date';
  const inPeriod = periodTest(context);
  const kinds = [...query.getAll('kinds[]'), ...query.getAll('kinds')];
  const ids = query.get('invoice_ids')?.split(',').map(Number);
  const clientId = query.get('client_id');
  const number = query.get('number');
  const kind = query.get('kind');
  const oid = query.get('oid');
  const status = query.get('status');
  // The vendor's docs (docs/vendor-dialects.md §2): `from_invoice_id=` lists the invoices created from that document, `invoice_id=`
  // the invoices on whose basis it was created (each names it in the field of the same name).
  const links = (['from_invoice_id', 'invoice_id'] as const).flatMap((link) => {
    const wanted = query.get(link);
    return wanted ? [[link, wanted] as const] : [];
  });
  const income = query.get('income');
  const wantedIncome = income === 'no' || income === '0' ? 'false' : 'true';
  return (invoice) => {
    const attributes = invoice.attributes;
    if (!inPeriod(attributes[dateField])) return false;
    if (clientId && String(attributes.client_id) !== clientId) return false;
    if (number && attributes.number !== number) return false;
    if (kind && attributes.kind !== kind) return false;
    if (kinds.length > 0 && !kinds.includes(String(attributes.kind))) return false;
    if (oid && attributes.oid !== oid) return false;
    if (status && attributes.status !== status) return false;
    if (ids && !ids.includes(invoice.id)) return false;
    for (const [link, wanted] of links) if (String(attributes[link]) !== wanted) return false;
    if (income && String(attributes.income) !== wantedIncome) return false;
    return true;
  };
}

function list(context: RouteContext): EmulatorResponse {
  const query = context.request.query;
  const includePositions = query.get('include_positions') === 'true';
  const matches = listFilter(context);
  const oid = query.get('oid');
  // A look-up by order id reads the oid index, not the book.
  const candidates = oid ? context.state.invoices.withOid(oid) : context.state.invoices.all();
  const page = Math.max(1, Number(query.get('page') ?? '1') || 1);
  const perPage = Math.min(
    MAX_PER_PAGE,
    Math.max(1, Number(query.get('per_page') ?? DEFAULT_PER_PAGE) || DEFAULT_PER_PAGE),
  );
  const slice = orderedBy(candidates.filter(matches), query.get('order')).slice(
    (page - 1) * perPage,
    page * perPage,
  );
  const wanted = requestedFields(context);
  return respond(
    context.path.format,
    200,
    'invoices',
    slice.map((invoice) => renderRead(context, invoice, includePositions, wanted)),
  );
}

function pdf(context: RouteContext, invoice: StoredInvoice): EmulatorResponse {
  const option = context.request.query.get('print_option') ?? 'original';
  const text = `%PDF-1.4\n% InvoiceOcean emulator: ${String(invoice.attributes.number)} (${option})\n%%EOF\n`;
  return {
    status: 200,
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="${String(invoice.attributes.number).replace(/\//g, '-')}.pdf"`,
    },
    body: Buffer.from(text, 'latin1'),
  };
}

function sendByEmail(context: RouteContext, invoice: StoredInvoice): EmulatorResponse {
  const raw =
    context.request.query.get('email_to') ??
    (context.body.email_to as string | undefined) ??
    (invoice.attributes.buyer_email as string | undefined);
  const recipients = (raw ?? '')
    .split(',')
    .map((address) => address.trim())
    .filter(Boolean);
  if (recipients.length === 0)
    return respond(context.path.format, 200, 'hash', {
      status: 'error',
      message: 'Brak adresu e-mail odbiorcy',
    });
  if (recipients.length > 5)
    return validationError(context.path.format, { email_to: ['too many recipients (max 5)'] });
  const attributes: Record<string, unknown> = {
    ...invoice.attributes,
    sent_time: context.timestamp,
    email_status: 'sent',
  };
  if (attributes.status === 'issued') attributes.status = 'sent';
  context.state.invoices.update(invoice.id, { attributes, updated_at: context.timestamp });
  return respond(context.path.format, 200, 'hash', {
    status: 'ok',
    message: `Faktura wysłana do: ${recipients.join(', ')}`,
  });
}

/** The status names the vendor shows (English UI); `color_kind` groups them. [inferred] */
const STATUS_LOOK: Readonly<Record<string, { translation: string; colorKind: string }>> = {
  issued: { translation: 'Issued', colorKind: 'blue' },
  sent: { translation: 'Sent', colorKind: 'blue' },
  paid: { translation: 'Paid', colorKind: 'green' },
  partial: { translation: 'Partially paid', colorKind: 'orange' },
  rejected: { translation: 'Rejected', colorKind: 'red' },
  accepted: { translation: 'Accepted', colorKind: 'green' },
  incomplete: { translation: 'Incomplete', colorKind: 'grey' },
};

/**
 * `POST /invoices/ID/change_status.json?status=…[&paid_date=…]`: answers the vendor's status
 * shape (`{id, status, approval_status, payment_status, color_kind, colors, percent_paid,
 * translation, approval_translation}`, docs/vendors/invoiceocean.md §9); a `paid_date` sent with it
 * is the date kept.
 */
function changeStatus(context: RouteContext, invoice: StoredInvoice): EmulatorResponse {
  const status = context.request.query.get('status') ?? (context.body.status as string | undefined);
  if (!status || !(status in STATUS_LOOK)) {
    return validationError(context.path.format, { status: ['is not included in the list'] });
  }
  const sentDate =
    context.request.query.get('paid_date') ??
    (typeof context.body.paid_date === 'string' ? context.body.paid_date : null);
  const paidDate = sentDate && /^\d{4}-\d{2}-\d{2}$/.test(sentDate) ? sentDate : null;
  if (sentDate && !paidDate) {
    return validationError(context.path.format, { paid_date: ['is not a date'] });
  }
  const next = context.state.invoices.update(invoice.id, {
    attributes: {
      ...invoice.attributes,
      status,
      ...(paidDate ? { paid_date: paidDate } : {}),
    },
    updated_at: context.timestamp,
  }) as StoredInvoice;
  if (status === 'paid') markFullyPaid(context, next);
  const gross = toDecimal(amountsOf(next).gross.toString());
  const percentPaid = gross.isZero()
    ? '0'
    : toDecimal(next.paid).dividedBy(gross).times(100).toDecimalPlaces(0).toString();
  const look = STATUS_LOOK[status] as { translation: string; colorKind: string };
  return jsonResponse(200, {
    id: next.id,
    status,
    approval_status: null,
    payment_status: status === 'paid' ? 'paid' : 'unpaid',
    color_kind: look.colorKind,
    colors: [look.colorKind],
    percent_paid: Number(percentPaid),
    translation: look.translation,
    approval_translation: null,
  });
}

function cancel(context: RouteContext): EmulatorResponse {
  const id = Number(
    context.body.cancel_invoice_id ?? context.request.query.get('cancel_invoice_id'),
  );
  const invoice = context.state.invoices.get(id);
  if (!invoice) return notFound(context);
  context.state.invoices.update(id, {
    attributes: {
      ...invoice.attributes,
      kind: 'canceled',
      cancel_reason:
        context.body.cancel_reason ?? context.request.query.get('cancel_reason') ?? null,
      cancelled: true,
    },
    updated_at: context.timestamp,
  });
  return respond(context.path.format, 200, 'hash', {
    code: 'success',
    message: 'Dokument został anulowany',
  });
}

/** `/invoices…` */
const PUBLIC_LINK = /^\/(?:invoice|f\/[^/]+)\/([A-Za-z0-9_-]+)(\.pdf)?$/;

/**
 * The token links the vendor documents as public ("Such links allow you to refer to the selected
 * invoice without having to log in"): `/invoice/{token}` (preview), `/invoice/{token}.pdf`, and
 * the `view_url` form `/f/{number}/{token}`. No api_token; an unknown token is a 404. Anything
 * else is not a public link (undefined).
 */
export function handlePublicInvoice(context: RouteContext): EmulatorResponse | undefined {
  if (context.request.method !== 'GET') return undefined;
  const match = PUBLIC_LINK.exec(context.request.path);
  if (!match) return undefined;
  const token = match[1];
  const invoice = context.state.invoices.find((candidate) => candidate.token === token);
  if (!invoice) return notFound(context);
  if (match[2] === '.pdf') return pdf(context, invoice);
  const number = String(invoice.attributes.number ?? invoice.id).replace(/[&<>"']/g, '');
  return {
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: `<!DOCTYPE html><html><head><title>${number}</title></head><body><h1>${number}</h1></body></html>`,
  };
}

export function handleInvoices(context: RouteContext): EmulatorResponse {
  const { path, request, state } = context;
  if (path.id === undefined && path.action === undefined) {
    if (request.method === 'GET') return list(context);
    if (request.method === 'POST') return create(context);
  }
  if (path.id === undefined && path.action === 'cancel' && request.method === 'POST')
    return cancel(context);
  if (path.id === undefined) return notFound(context);

  const invoice = state.invoices.get(Number(path.id));
  if (!invoice) return notFound(context);
  if (path.action === undefined) {
    if (request.method === 'GET' && path.format === 'pdf') return pdf(context, invoice);
    if (request.method === 'GET') {
      return respond(path.format, 200, 'invoice', renderRead(context, invoice, true));
    }
    if (request.method === 'PUT' || request.method === 'PATCH') return update(context, invoice);
    if (request.method === 'DELETE') {
      state.invoices.delete(invoice.id);
      return path.format === 'xml' ? respond('xml', 200, 'result', 'ok') : jsonResponse(200, 'ok');
    }
  }
  if (request.method === 'POST' && path.action === 'send_by_email')
    return sendByEmail(context, invoice);
  if (request.method === 'POST' && path.action === 'change_status')
    return changeStatus(context, invoice);
  return notFound(context);
}
