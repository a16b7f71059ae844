import type { EmulatorResponse } from '@invoicekit/core/emulator';
import { invoiceTotal } from '../amounts';
import type { RouteContext } from '../context';
import { failure, notFound, ok, okList, validationFailed, type FieldErrors } from '../envelope';
import { addError, hasErrors, readText } from '../fields';
import { INVOICE_STATUSES, statusChange } from '../lifecycle';
import {
  includesOf,
  paginate,
  queryText,
  sortRows,
  type SortFields,
  type SortResult,
} from '../query';
import { contactOfInvoice, eventKeyOfInvoice, renderInvoice } from '../render';
import type { StoredInvoice } from '../state';
import { readDate } from '../values';
import { queueInvoiceWebhook } from '../webhooks';

/** The documented sort fields (docs/vendors/plandocket.md §2.2). */
const SORT_FIELDS: SortFields<StoredInvoice> = {
  invoice_number: (invoice) => invoice.invoice_number,
  total: (invoice) => invoiceTotal(invoice),
  status: (invoice) => invoice.status,
  due_date: (invoice) => invoice.due_date,
  created_at: (invoice) => invoice.created_at,
};

/** GET /invoices: filters `status`, `customer_number`, `event_key`, `type`; sort; include; paging. */
export function listInvoices(context: RouteContext): EmulatorResponse {
  const { query } = context.request;
  const { state } = context;
  const status = queryText(query, 'status');
  const customerNumber = queryText(query, 'customer_number');
  const eventKey = queryText(query, 'event_key');
  const type = queryText(query, 'type');
  const sorted = sortedInvoices(context);
  if (!sorted.ok) return failure(context, 400, sorted.message);
  // Sorting is total (ties by id), so filtering the sorted book keeps the order a sort of the
  // filtered rows would give.
  const rows =
    status === undefined &&
    type === undefined &&
    customerNumber === undefined &&
    eventKey === undefined
      ? sorted.rows
      : sorted.rows.filter(
          (invoice) =>
            (status === undefined || invoice.status === status) &&
            (type === undefined || invoice.invoice_type === type) &&
            (customerNumber === undefined ||
              contactOfInvoice(state, invoice)?.customer_number === customerNumber) &&
            (eventKey === undefined || eventKeyOfInvoice(state, invoice) === eventKey),
        );
  const includes = includesOf(query);
  const page = paginate(rows, context.request, context.options.pagination);
  return okList(context, {
    ...page,
    rows: page.rows.map((invoice) => renderInvoice(state, invoice, includes)),
  });
}

/** Every invoice in the listing's order, sorted again only when an invoice changed. */
function sortedInvoices(context: RouteContext): SortResult<StoredInvoice> {
  const { state } = context;
  const { query } = context.request;
  const sort = `${queryText(query, 'sort') ?? ''} ${queryText(query, 'order') ?? ''}`;
  const cached = state.invoiceOrder;
  if (cached && cached.version === state.invoices.version && cached.sort === sort)
    return { ok: true, rows: cached.rows };
  const sorted = sortRows(state.invoices.all(), query, SORT_FIELDS, 'created_at');
  if (sorted.ok) state.invoiceOrder = { version: state.invoices.version, sort, rows: sorted.rows };
  return sorted;
}

/** GET /invoices/{id} with `include`. */
export function getInvoice(context: RouteContext): EmulatorResponse {
  const invoice = context.state.invoices.get(context.id);
  if (!invoice) return notFound(context);
  return ok(context, renderInvoice(context.state, invoice, includesOf(context.request.query)));
}

/**
 * PUT / PATCH /invoices/{id}: only `status`, `notes` and `due_date` can change
 * (docs/vendors/plandocket.md §2.3); other fields are ignored. A locked invoice keeps its due date;
 * its notes and status may still change. The lock is judged as the invoice was before this request,
 * so the request that sends a draft may still set its due date.
 */
export function updateInvoice(context: RouteContext): EmulatorResponse {
  const invoice = context.state.invoices.get(context.id);
  if (!invoice) return notFound(context);
  const { body } = context;
  const errors: FieldErrors = {};
  let changes: Partial<StoredInvoice> = {};

  if (Object.hasOwn(body, 'status')) {
    const status = body.status;
    if (typeof status === 'string' && (INVOICE_STATUSES as readonly string[]).includes(status)) {
      changes = statusChange(invoice, status, context.timestamp);
    } else {
      addError(errors, 'status', `must be one of: ${INVOICE_STATUSES.join(', ')}`);
    }
  }

  const notes = readText(body, 'notes', errors);
  if (notes !== undefined) changes.notes = notes;

  if (Object.hasOwn(body, 'due_date')) {
    const dueDate = body.due_date === null ? null : readDate(body.due_date);
    if (dueDate === undefined) {
      addError(errors, 'due_date', 'must be a date (YYYY-MM-DD)');
    } else if (invoice.is_locked && dueDate !== invoice.due_date) {
      addError(errors, 'due_date', 'Invoice is locked');
    } else {
      changes.due_date = dueDate;
    }
  }

  if (hasErrors(errors)) return validationFailed(context, errors);
  const updated = context.state.invoices.update(invoice.id, {
    ...changes,
    updated_at: context.timestamp,
  });
  if (updated && updated.status === 'cancelled' && invoice.status !== 'cancelled')
    queueInvoiceWebhook(context.state, 'invoice.cancelled', updated, context.timestamp);
  return ok(
    context,
    renderInvoice(context.state, updated ?? invoice, includesOf(context.request.query)),
  );
}
