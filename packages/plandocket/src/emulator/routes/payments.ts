import { Decimal, formatFixed, toDecimal } from '@invoicekit/core';
import type { EmulatorResponse } from '@invoicekit/core/emulator';
import { openAmount, paidAmount } from '../amounts';
import type { RouteContext } from '../context';
import {
  failure,
  noContent,
  notFound,
  ok,
  okList,
  validationFailed,
  type FieldErrors,
} from '../envelope';
import { addError, hasErrors, readText } from '../fields';
import { gatewayOfKey } from '../gateways';
import { settleInvoice } from '../lifecycle';
import { includesOf, paginate, queryText, sortRows, type SortFields } from '../query';
import { renderPayment } from '../render';
import type { StoredInvoice, StoredPayment } from '../state';
import { readDate, readDecimal, readTimestamp } from '../values';

/**
 * Payment statuses the emulator accepts. Only `completed` is documented (the default,
 * docs/vendors/plandocket.md §8); the others are the usual gateway states, and only `completed`
 * counts towards paid.
 */
export const PAYMENT_STATUSES = [
  'pending',
  'completed',
  'failed',
  'cancelled',
  'refunded',
] as const;

/** The documented sort fields (docs/vendors/plandocket.md §4). */
const SORT_FIELDS: SortFields<StoredPayment> = {
  amount: (payment) => toDecimal(payment.amount),
  status: (payment) => payment.status,
  payment_date: (payment) => payment.payment_date,
  created_at: (payment) => payment.created_at,
};

/** The fields a create or update may set, before they are stored. */
type PaymentFields = Partial<
  Omit<StoredPayment, 'id' | 'invoice_id' | 'created_at' | 'updated_at'>
>;

/**
 * Reads and checks the writable payment fields against their invoice. `current` is the payment
 * being updated: its own completed amount is already part of "paid", so it is added back to the
 * open amount it is checked against.
 */
function readPayment(
  context: RouteContext,
  invoice: StoredInvoice | undefined,
  current: StoredPayment | undefined,
  errors: FieldErrors,
): PaymentFields {
  const { body } = context;
  const fields: PaymentFields = {};

  if (Object.hasOwn(body, 'amount') || !current) {
    const amount = readAmount(body.amount, errors);
    if (amount !== undefined) fields.amount = formatFixed(amount, 2);
  }

  if (Object.hasOwn(body, 'currency')) {
    const currency = body.currency;
    if (typeof currency !== 'string' || !/^[A-Za-z]{3}$/.test(currency)) {
      addError(errors, 'currency', 'must be a 3-letter currency code');
    } else if (invoice && currency.toUpperCase() !== invoice.currency) {
      // Paid and open amounts are in the invoice's currency; a foreign payment cannot count.
      addError(errors, 'currency', 'must match the invoice currency');
    } else {
      fields.currency = currency.toUpperCase();
    }
  }

  if (Object.hasOwn(body, 'status')) {
    const status = body.status;
    if (typeof status === 'string' && (PAYMENT_STATUSES as readonly string[]).includes(status)) {
      fields.status = status;
    } else {
      addError(errors, 'status', `must be one of: ${PAYMENT_STATUSES.join(', ')}`);
    }
  }

  if (Object.hasOwn(body, 'payment_date')) {
    const date = readTimestamp(body.payment_date);
    if (date === undefined) addError(errors, 'payment_date', 'must be an ISO 8601 date');
    else fields.payment_date = date;
  }

  for (const field of ['notes', 'gateway_key', 'transaction_id'] as const) {
    const value = readText(body, field, errors);
    if (value !== undefined) fields[field] = value;
  }
  // The gateway's name follows its key: the vendor names the tenant's gateway, not the caller.
  if (fields.gateway_key !== undefined)
    fields.gateway_name = gatewayOfKey(fields.gateway_key)?.name ?? null;
  // A canceled or refunded invoice takes no more money.
  if (invoice && !current && ['cancelled', 'refunded'].includes(invoice.status))
    addError(errors, 'invoice_number', `invoice is ${invoice.status}`);
  // A payment may not exceed what is open; checked whenever its amount or status is written.
  const amount = fields.amount ?? current?.amount;
  const touched = !current || Object.hasOwn(body, 'amount') || Object.hasOwn(body, 'status');
  if (invoice && amount !== undefined && touched && !errors.amount) {
    const alreadyCounted =
      current?.status === 'completed' ? toDecimal(current.amount) : new Decimal(0);
    if (toDecimal(amount).greaterThan(openAmount(context.state, invoice).plus(alreadyCounted))) {
      addError(errors, 'amount', 'exceeds the open amount');
    }
  }
  return fields;
}

/** `amount`: required, a JSON number above 0 with at most two decimals. */
function readAmount(value: unknown, errors: FieldErrors): Decimal | undefined {
  if (value === undefined || value === null || value === '') {
    addError(errors, 'amount', 'is required');
    return undefined;
  }
  // The vendor documents amount as a float: a JSON number, not numeric text.
  const amount = typeof value === 'number' ? readDecimal(value) : undefined;
  if (amount === undefined) addError(errors, 'amount', 'must be a number');
  else if (!amount.greaterThan(0)) addError(errors, 'amount', 'must be greater than 0');
  else if (amount.decimalPlaces() > 2) addError(errors, 'amount', 'must have at most 2 decimals');
  else return amount;
  return undefined;
}

/** GET /payments: `invoice_number`, `status`, `date_from` / `date_to` (inclusive, by day). */
export function listPayments(context: RouteContext): EmulatorResponse {
  const { query } = context.request;
  const { state } = context;
  const invoiceNumber = queryText(query, 'invoice_number');
  const status = queryText(query, 'status');
  const from = queryText(query, 'date_from');
  const to = queryText(query, 'date_to');
  const fromDate = from === undefined ? undefined : readDate(from);
  const toDate = to === undefined ? undefined : readDate(to);
  if ((from !== undefined && !fromDate) || (to !== undefined && !toDate)) {
    return validationFailed(context, {
      ...(from !== undefined && !fromDate ? { date_from: ['must be a date (YYYY-MM-DD)'] } : {}),
      ...(to !== undefined && !toDate ? { date_to: ['must be a date (YYYY-MM-DD)'] } : {}),
    });
  }
  // By invoice number (how a payment whose answer was lost is looked for): only that invoice's
  // payments, from the indexes. The order is the sort's, below.
  const candidates =
    invoiceNumber === undefined
      ? state.payments.all()
      : state.invoices
          .lookup('number', invoiceNumber)
          .flatMap((invoice) => state.payments.lookup('invoice', invoice.id));
  const rows = candidates.filter((payment) => {
    const day = payment.payment_date.slice(0, 10);
    return (
      (status === undefined || payment.status === status) &&
      (fromDate === undefined || day >= fromDate) &&
      (toDate === undefined || day <= toDate)
    );
  });
  const sorted = sortRows(rows, query, SORT_FIELDS, 'created_at');
  if (!sorted.ok) return failure(context, 400, sorted.message);
  const includes = includesOf(query);
  const page = paginate(sorted.rows, context.request, context.options.pagination);
  return okList(context, {
    ...page,
    rows: page.rows.map((payment) => renderPayment(state, payment, includes)),
  });
}

/** GET /payments/{id} with `include=invoice`. */
export function getPayment(context: RouteContext): EmulatorResponse {
  const payment = context.state.payments.get(context.id);
  if (!payment) return notFound(context);
  return ok(context, renderPayment(context.state, payment, includesOf(context.request.query)));
}

/**
 * POST /payments → 201. The invoice is named by its NUMBER (docs/vendors/plandocket.md §4). A
 * completed payment moves the invoice to `partially_paid` or `paid`.
 */
export function createPayment(context: RouteContext): EmulatorResponse {
  const { state, body } = context;
  const errors: FieldErrors = {};
  const number = body.invoice_number;
  let invoice: StoredInvoice | undefined;
  if (number === undefined || number === null || String(number).trim() === '') {
    addError(errors, 'invoice_number', 'is required');
  } else if (typeof number !== 'string' && typeof number !== 'number') {
    addError(errors, 'invoice_number', 'must be a string');
  } else {
    invoice = state.invoices.first('number', String(number).trim());
    if (!invoice) addError(errors, 'invoice_number', 'not found');
  }
  const fields = readPayment(context, invoice, undefined, errors);
  if (hasErrors(errors) || !invoice) return validationFailed(context, errors);
  const paidBefore = paidAmount(state, invoice.id);
  const payment = state.payments.insert({
    invoice_id: invoice.id,
    amount: fields.amount ?? '0.00',
    currency: fields.currency ?? invoice.currency,
    gateway_key: fields.gateway_key ?? null,
    gateway_name: fields.gateway_name ?? null,
    transaction_id: fields.transaction_id ?? null,
    status: fields.status ?? 'completed',
    payment_date: fields.payment_date ?? context.timestamp,
    notes: fields.notes ?? null,
    created_at: context.timestamp,
    updated_at: context.timestamp,
  });
  settleInvoice(state, invoice.id, context.timestamp, paidBefore, true);
  return ok(context, renderPayment(state, payment), 201);
}

/** PUT / PATCH /payments/{id}; the invoice's amounts and status follow. */
export function updatePayment(context: RouteContext): EmulatorResponse {
  const { state } = context;
  const payment = state.payments.get(context.id);
  if (!payment) return notFound(context);
  const errors: FieldErrors = {};
  const fields = readPayment(context, state.invoices.get(payment.invoice_id), payment, errors);
  if (hasErrors(errors)) return validationFailed(context, errors);
  const paidBefore = paidAmount(state, payment.invoice_id);
  const updated = state.payments.update(payment.id, { ...fields, updated_at: context.timestamp });
  settleInvoice(state, payment.invoice_id, context.timestamp, paidBefore, true);
  return ok(context, renderPayment(state, updated ?? payment));
}

/** DELETE /payments/{id} → 204; the invoice's amounts and status follow. */
export function deletePayment(context: RouteContext): EmulatorResponse {
  const payment = context.state.payments.get(context.id);
  if (!payment) return notFound(context);
  const paidBefore = paidAmount(context.state, payment.invoice_id);
  context.state.payments.delete(payment.id);
  settleInvoice(context.state, payment.invoice_id, context.timestamp, paidBefore, true);
  return noContent(context);
}
