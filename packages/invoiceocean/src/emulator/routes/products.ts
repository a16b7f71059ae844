import type { EmulatorResponse } from '@invoicekit/core/emulator';
import { jsonResponse } from '@invoicekit/core/emulator';
import { taxFraction, roundToCurrency, toDecimal } from '@invoicekit/core';
import { toCanonicalTaxRate } from '../../mapping/tax';
import { formatBigDecimal } from '../big-decimal';
import type { RouteContext } from '../context';
import { ERRORS, renderProduct, respond, validationError } from '../render';
import { incomingDecimal } from '../request';
import type { StoredProduct } from '../state';

const PRODUCT_FIELDS = [
  'name',
  'code',
  'ean_code',
  'description',
  'price_net',
  'tax',
  'price_gross',
  'currency',
  'category_id',
  'tag_list',
  'service',
  'electronic_service',
  'limited',
  'stock_level',
  'purchase_price_net',
  'quantity_unit',
  'quantity',
  'additional_info',
  'supplier_code',
  'accounting_id',
  'disabled',
  'use_moss',
  'package',
] as const;

/** Prices: net from gross and tax (the vendor derives net; it cannot be set on update). */
function withPrices(
  input: Record<string, unknown>,
  isUpdate: boolean,
): Record<string, unknown> | { error: Record<string, string[]> } {
  const tax = String(input.tax ?? '23');
  let fraction;
  try {
    fraction = taxFraction(toCanonicalTaxRate(tax));
  } catch {
    return { error: { tax: ['is not included in the list'] } };
  }
  const gross = incomingDecimal(input.price_gross);
  const net = incomingDecimal(input.price_net);
  if (gross === 'invalid' || net === 'invalid')
    return { error: { price_gross: ['is not a number'] } };
  const result: Record<string, unknown> = { ...input, tax };
  if (gross !== undefined) {
    result.price_gross = formatBigDecimal(gross);
    result.price_net = formatBigDecimal(
      roundToCurrency(toDecimal(gross).dividedBy(fraction.plus(1)), 'PLN'),
    );
  } else if (net !== undefined && !isUpdate) {
    result.price_net = formatBigDecimal(net);
    result.price_gross = formatBigDecimal(
      roundToCurrency(toDecimal(net).times(fraction.plus(1)), 'PLN'),
    );
  } else if (isUpdate) {
    delete result.price_net;
  }
  if (result.price_gross !== undefined && result.price_net !== undefined) {
    result.price_tax = formatBigDecimal(
      toDecimal(String(result.price_gross)).minus(toDecimal(String(result.price_net))),
    );
  }
  return result;
}

function pick(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(input).filter(([key]) => (PRODUCT_FIELDS as readonly string[]).includes(key)),
  );
}

/** `/products…` */
export function handleProducts(context: RouteContext): EmulatorResponse {
  const { path, request, state, body } = context;
  const format = path.format;
  if (path.id === undefined) {
    if (request.method === 'GET') {
      const page = Math.max(1, Number(request.query.get('page') ?? '1') || 1);
      const perPage = Math.min(
        100,
        Math.max(1, Number(request.query.get('per_page') ?? '25') || 25),
      );
      const ids = (request.query.get('ids')?.split(',') ?? request.query.getAll('ids[]'))
        .map(Number)
        .filter((id) => id > 0);
      const matches = state.products
        .all()
        .filter((product) => ids.length === 0 || ids.includes(product.id));
      return respond(
        format,
        200,
        'products',
        matches.slice((page - 1) * perPage, page * perPage).map(renderProduct),
      );
    }
    if (request.method === 'POST') {
      const input = pick((body.product ?? {}) as Record<string, unknown>);
      if (!input.name) return validationError(format, { name: ["can't be blank"] });
      const priced = withPrices(input, false);
      if ('error' in priced)
        return validationError(format, priced.error as Record<string, string[]>);
      const created = state.products.insert({
        attributes: { currency: 'PLN', ...priced },
        created_at: context.timestamp,
        updated_at: context.timestamp,
      });
      return respond(format, 201, 'product', renderProduct(created));
    }
    return respond(format, 404, 'error', ERRORS.notFound);
  }
  const product = state.products.get(Number(path.id));
  if (!product) return respond(format, 404, 'error', ERRORS.notFound);
  if (request.method === 'GET') return respond(format, 200, 'product', renderProduct(product));
  if (request.method === 'PUT' || request.method === 'PATCH') {
    const input = pick((body.product ?? {}) as Record<string, unknown>);
    const priced = withPrices({ tax: product.attributes.tax, ...input }, true);
    if ('error' in priced) return validationError(format, priced.error as Record<string, string[]>);
    const next = state.products.update(product.id, {
      attributes: { ...product.attributes, ...priced },
      updated_at: context.timestamp,
    }) as StoredProduct;
    return respond(format, 200, 'product', renderProduct(next));
  }
  if (request.method === 'DELETE') {
    state.products.delete(product.id);
    return jsonResponse(200, 'ok');
  }
  return respond(format, 404, 'error', ERRORS.notFound);
}
