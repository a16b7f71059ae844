import { toDecimal } from '@invoicekit/core';
import { jsonResponse, textResponse, type EmulatorResponse } from '@invoicekit/core/emulator';
import { toRailsXml } from '../codec/rails-xml';
import { formatBigDecimal } from './big-decimal';
import { amountsOf } from './stored-amounts';
import type { StoredClient, StoredInvoice, StoredPayment, StoredProduct } from './state';
import { CLIENT_KEYS, INVOICE_KEYS, POSITION_KEYS } from './wire-keys';

function template(keys: readonly string[]): Readonly<Record<string, unknown>> {
  return Object.freeze(Object.fromEntries(keys.map((key) => [key, null])));
}

// Built once: every rendered record starts from a copy of its template.
const INVOICE_TEMPLATE = template(INVOICE_KEYS);
const POSITION_TEMPLATE = template(POSITION_KEYS);
const CLIENT_TEMPLATE = template(CLIENT_KEYS);

/**
 * An invoice as the vendor shows it: every key of the real capture, amounts computed under the
 * invoice's own strategy and written BigDecimal-style, positions included on request.
 */
export function renderInvoice(
  invoice: StoredInvoice,
  context: { publicBase: string; includePositions: boolean },
): Record<string, unknown> {
  const attributes = invoice.attributes;
  const amounts = amountsOf(invoice);
  const slug = String(attributes.number ?? invoice.id).replace(/[^A-Za-z0-9]+/g, '-');
  const rendered: Record<string, unknown> = {
    ...INVOICE_TEMPLATE,
    ...attributes,
    id: invoice.id,
    price_net: formatBigDecimal(amounts.net),
    price_tax: formatBigDecimal(amounts.tax),
    price_gross: formatBigDecimal(amounts.gross),
    adjust_invoice_price: formatBigDecimal(amounts.gross),
    paid: formatBigDecimal(invoice.paid),
    discount: formatBigDecimal(
      amounts.positions.reduce((sum, line) => sum.plus(line.discount ?? 0), toDecimal('0')),
    ),
    calculating_strategy: invoice.strategy,
    token: invoice.token,
    view_url: `${context.publicBase}/f/${slug}/${invoice.token}`,
    payment_url: `${context.publicBase}/invoice/payment/${invoice.token}`,
    product_cache: invoice.positions
      .map((position) => String(position.name ?? '').slice(0, 6))
      .join(', '),
    created_at: invoice.created_at,
    updated_at: invoice.updated_at,
  };
  delete rendered.api_token;
  if (context.includePositions) {
    rendered.positions = invoice.positions.map((position, index) => {
      const line = amounts.positions[index];
      return {
        ...POSITION_TEMPLATE,
        id: position.id,
        invoice_id: invoice.id,
        name: position.name,
        description: position.description,
        code: position.code,
        additional_info: position.additional_info ?? null,
        product_id: position.product_id,
        quantity: formatBigDecimal(position.quantity),
        quantity_unit: position.quantity_unit,
        tax: position.tax,
        tax2: '0',
        kind: position.kind,
        price_net: line ? formatBigDecimal(line.priceNet) : null,
        price_gross: line ? formatBigDecimal(line.priceGross) : null,
        price_tax: line ? formatBigDecimal(line.priceTax) : null,
        total_price_net: line ? formatBigDecimal(line.totalNet) : null,
        total_price_tax: line ? formatBigDecimal(line.totalTax) : null,
        total_price_gross: line ? formatBigDecimal(line.totalGross) : null,
        discount: line?.discount ? formatBigDecimal(line.discount) : null,
        discount_percent: position.discount_percent
          ? formatBigDecimal(position.discount_percent)
          : null,
        ...(position.correction_before_attributes
          ? { correction_before: position.correction_before_attributes }
          : {}),
        ...(position.correction_after_attributes
          ? { correction_after: position.correction_after_attributes }
          : {}),
        exchange_rate: '1.0',
        deleted: false,
        created_at: position.created_at,
        updated_at: position.updated_at,
      };
    });
  }
  return rendered;
}

export function renderClient(client: StoredClient): Record<string, unknown> {
  return {
    ...CLIENT_TEMPLATE,
    ...client.attributes,
    id: client.id,
    token: client.token,
    created_at: client.created_at,
    updated_at: client.updated_at,
  };
}

export function renderProduct(product: StoredProduct): Record<string, unknown> {
  return {
    id: product.id,
    ...product.attributes,
    created_at: product.created_at,
    updated_at: product.updated_at,
  };
}

export function renderPayment(payment: StoredPayment): Record<string, unknown> {
  return {
    id: payment.id,
    ...payment.attributes,
    created_at: payment.created_at,
    updated_at: payment.updated_at,
  };
}

/** Keys of the GET answer that the recorded `PUT /invoices/ID.json` answer does not carry. */
const GET_ONLY_KEYS = [
  'positions',
  'payment_url',
  'sales_code',
  'adjust_invoice_price',
  'check_fiscal_print',
] as const;

/**
 * An invoice as the vendor answers an update: the recorded 2018 answer of `PUT /invoices/ID.json`
 * (fixture `wooyek_invoice_put_status_response.json`) has the record's own columns — `account_id`,
 * `deleted`, `origin`, `search_data`, `additional_fields` — and none of the GET-only keys
 * (`positions`, `payment_url`, `sales_code`, `adjust_invoice_price`, `check_fiscal_print`).
 */
export function renderUpdatedInvoice(
  invoice: StoredInvoice,
  context: { publicBase: string },
): Record<string, unknown> {
  const omitted: ReadonlySet<string> = new Set(GET_ONLY_KEYS);
  return {
    account_id: 1,
    deleted: false,
    origin: 'api',
    search_data: null,
    additional_fields: null,
    ...Object.fromEntries(
      Object.entries(
        renderInvoice(invoice, { publicBase: context.publicBase, includePositions: false }),
      ).filter(([key]) => !omitted.has(key)),
    ),
  };
}

/** Answers in the request's format: JSON, or Rails XML under `root`. */
export function respond(
  format: string,
  status: number,
  root: string,
  value: unknown,
): EmulatorResponse {
  if (format === 'xml')
    return textResponse(status, toRailsXml(root, value), 'application/xml; charset=utf-8');
  return jsonResponse(status, value);
}

/** The documented error bodies. */
export const ERRORS = {
  unauthorized: { code: 'error', message: 'You must be logged in to gain access to the site' },
  notFound: { status: 404, error: 'Not Found' },
} as const;

/** `422 {"code":"error","message":{field: [messages]}}`. */
export function validationError(
  format: string,
  messages: Record<string, string[]>,
): EmulatorResponse {
  return respond(format, 422, 'errors', { code: 'error', message: messages });
}
