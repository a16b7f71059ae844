import { Decimal, formatMoney, isCurrencyCode, toDecimal } from '@invoicekit/core';
import type { EmulatorResponse } from '@invoicekit/core/emulator';
import { jsonResponse } from '@invoicekit/core/emulator';
import type { RouteContext } from '../context';
import { formatBigDecimal } from '../big-decimal';
import { amountsOf } from '../stored-amounts';
import { ERRORS, renderPayment, respond, validationError } from '../render';
import { incomingDecimal } from '../request';
import type { StoredPayment } from '../state';

/**
 * Applies a payment to invoices in the order given: the first is paid fully before the next
 * (docs/vendors/invoiceocean.md §5.7). Each invoice becomes `paid` when nothing is due, `partial`
 * otherwise.
 */
export function applyPayment(
  context: RouteContext,
  invoiceIds: readonly number[],
  amount: Decimal,
  paidDate: string,
): void {
  let remaining = amount;
  for (const id of invoiceIds) {
    const invoice = context.state.invoices.get(id);
    if (!invoice || remaining.lessThanOrEqualTo(0)) continue;
    const gross = amountsOf(invoice).gross;
    const due = gross.minus(toDecimal(invoice.paid));
    const applied = Decimal.min(due, remaining);
    remaining = remaining.minus(applied);
    const paid = toDecimal(invoice.paid).plus(applied);
    const currency = String(invoice.attributes.currency);
    const fully = paid.greaterThanOrEqualTo(gross);
    context.state.invoices.update(id, {
      paid: isCurrencyCode(currency) ? formatMoney(paid, currency) : paid.toString(),
      attributes: {
        ...invoice.attributes,
        status: fully ? 'paid' : 'partial',
        paid_date: fully ? paidDate : (invoice.attributes.paid_date ?? null),
      },
      updated_at: context.timestamp,
    });
  }
}

/**
 * The payment fields the vendor documents (Payments, "Full JSON") besides those computed here:
 * stored as sent and echoed — `provider` is the method a payment was made with.
 */
const DOCUMENTED_FIELDS = [
  'city',
  'client_id',
  'comment',
  'country',
  'department_id',
  'description',
  'email',
  'first_name',
  'generate_invoice',
  'invoice_city',
  'invoice_comment',
  'invoice_country',
  'invoice_name',
  'invoice_post_code',
  'invoice_street',
  'invoice_tax_no',
  'last_name',
  'oid',
  'phone',
  'post_code',
  'product_id',
  'promocode',
  'provider',
  'provider_response',
  'provider_status',
  'provider_title',
  'quantity',
  'street',
] as const;

/** `/banking/payments…` and the documented singular `/banking/payment/ID` */
export function handlePayments(context: RouteContext): EmulatorResponse {
  const { path, request, state, body } = context;
  const format = path.format;
  if (path.id === undefined) {
    if (request.method === 'GET')
      return respond(format, 200, 'banking-payments', state.payments.all().map(renderPayment));
    if (request.method === 'POST') {
      const input = (body.banking_payment ?? {}) as Record<string, unknown>;
      const price = incomingDecimal(input.price);
      if (price === undefined || price === 'invalid')
        return validationError(format, { price: ['is not a number'] });
      // A payment may stand alone (`invoice_id: null`) or settle invoices in the order given.
      const ids = (Array.isArray(input.invoice_ids) ? input.invoice_ids : [input.invoice_id])
        .filter((id) => id !== null && id !== undefined && id !== '')
        .map(Number);
      const missing = ids.filter((id) => !state.invoices.get(id));
      if (missing.length > 0) return validationError(format, { invoice_id: ['does not exist'] });
      const paidDate =
        typeof input.paid_date === 'string' && input.paid_date !== ''
          ? input.paid_date
          : context.today;
      const created = state.payments.insert({
        attributes: {
          ...Object.fromEntries(DOCUMENTED_FIELDS.map((key) => [key, input[key] ?? null])),
          name: input.name ?? 'Payment',
          price: formatBigDecimal(price),
          currency: input.currency ?? state.invoices.get(ids[0] ?? -1)?.attributes.currency ?? null,
          invoice_id: ids[0] ?? null,
          invoice_ids: ids,
          paid: input.paid ?? true,
          paid_date: paidDate,
          kind: input.kind ?? 'api',
        },
        created_at: context.timestamp,
        updated_at: context.timestamp,
      } as Omit<StoredPayment, 'id'>);
      if (created.attributes.paid !== false) applyPayment(context, ids, toDecimal(price), paidDate);
      return respond(format, 201, 'banking-payment', renderPayment(created));
    }
    return respond(format, 404, 'error', ERRORS.notFound);
  }
  const payment = state.payments.get(Number(path.id));
  if (!payment) return respond(format, 404, 'error', ERRORS.notFound);
  if (request.method === 'GET')
    return respond(format, 200, 'banking-payment', renderPayment(payment));
  if (request.method === 'PATCH' || request.method === 'PUT') {
    const input = (body.banking_payment ?? {}) as Record<string, unknown>;
    const next = state.payments.update(payment.id, {
      attributes: { ...payment.attributes, ...input },
      updated_at: context.timestamp,
    });
    return respond(format, 200, 'banking-payment', renderPayment(next as StoredPayment));
  }
  if (request.method === 'DELETE') {
    state.payments.delete(payment.id);
    return jsonResponse(200, 'ok');
  }
  return respond(format, 404, 'error', ERRORS.notFound);
}
