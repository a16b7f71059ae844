import {
  booleanField as boolean,
  dateField as date,
  decimalField as decimal,
  idField as id,
  listField as list,
  optional,
  required,
  stringField as string,
  timestampField as timestamp,
  wireRecord,
  type FieldReader,
} from './field-reader';
import { CalculatingStrategySchema } from '../config';
import type { InvoiceWire } from './invoice';
import type { PaymentWire } from './payment';
import type { PositionWire } from './position';

/**
 * The wire records read on every invoice read, field for field the zod schemas `PositionWire`,
 * `PaymentWire` and `InvoiceWire` (which stay the documented shapes and the types), without
 * copying the keys they do not name. `invoice-reader.test.ts` proves both read alike.
 */

/** `PositionWire`. */
export const POSITION_RECORD = wireRecord<PositionWire>({
  id: optional(id),
  name: optional(string),
  description: optional(string),
  code: optional(string),
  product_id: optional(id),
  quantity: optional(decimal),
  quantity_unit: optional(string),
  price_net: optional(decimal),
  price_gross: optional(decimal),
  price_tax: optional(decimal),
  total_price_net: optional(decimal),
  total_price_gross: optional(decimal),
  total_price_tax: optional(decimal),
  tax: optional(string),
  discount: optional(decimal),
  discount_percent: optional(decimal),
  kind: optional(string),
});

/** `PaymentWire`. */
export const PAYMENT_RECORD = wireRecord<PaymentWire>({
  id: required(id),
  name: optional(string),
  price: optional(decimal),
  currency: optional(string),
  invoice_id: optional(id),
  paid: optional(boolean),
  paid_date: optional(date),
  kind: optional(string),
  description: optional(string),
  provider: optional(string),
  comment: optional(string),
  created_at: optional(string),
});

const DESCRIPTION_RECORD = wireRecord({ kind: optional(string), content: optional(string) });

const NULLISH_STRATEGY = CalculatingStrategySchema.nullish().catch(null);
/** `calculating_strategy`: a valid strategy, or `null` for anything else (zod's `.catch(null)`). */
const strategy: FieldReader<unknown> = (value) => NULLISH_STRATEGY.parse(value);

/** `InvoiceWire`, in the same field order (issues come in that order). */
export const INVOICE_RECORD = wireRecord<InvoiceWire>({
  id: required(id),
  number: optional(string),
  kind: optional(string),
  status: optional(string),
  currency: optional(string),
  income: optional(boolean),
  issue_date: optional(date),
  sell_date: optional(string),
  payment_to: optional(date),
  payment_to_kind: optional(string),
  paid_date: optional(date),
  price_net: optional(decimal),
  price_gross: optional(decimal),
  price_tax: optional(decimal),
  paid: optional(decimal),
  discount: optional(decimal),
  discount_kind: optional(string),
  show_discount: optional(boolean),
  client_id: optional(id),
  buyer_name: optional(string),
  buyer_first_name: optional(string),
  buyer_last_name: optional(string),
  buyer_company: optional(boolean),
  buyer_tax_no: optional(string),
  buyer_email: optional(string),
  buyer_phone: optional(string),
  buyer_street: optional(string),
  buyer_city: optional(string),
  buyer_post_code: optional(string),
  buyer_country: optional(string),
  seller_name: optional(string),
  seller_tax_no: optional(string),
  seller_email: optional(string),
  seller_phone: optional(string),
  seller_street: optional(string),
  seller_city: optional(string),
  seller_post_code: optional(string),
  seller_country: optional(string),
  seller_bank_account: optional(string),
  seller_bank: optional(string),
  seller_bank_swift: optional(string),
  payment_type: optional(string),
  exchange_currency: optional(string),
  exchange_kind: optional(string),
  exchange_currency_rate: optional(decimal),
  exchange_rate: optional(decimal),
  exchange_rate_den: optional(decimal),
  skonto_active: optional(boolean),
  skonto_discount_date: optional(date),
  skonto_discount_value: optional(decimal),
  internal_note: optional(string),
  sent_time: optional(string),
  email_status: optional(string),
  cancelled: optional(boolean),
  cancel_reason: optional(string),
  connected_payments: optional(list(PAYMENT_RECORD.field)),
  description: optional(string),
  oid: optional(string),
  lang: optional(string),
  from_invoice_id: optional(id),
  invoice_id: optional(id),
  reverse_charge: optional(boolean),
  calculating_strategy: optional(strategy),
  positions: optional(list(POSITION_RECORD.field)),
  descriptions: optional(list(DESCRIPTION_RECORD.field)),
  token: optional(string),
  view_url: optional(string),
  created_at: optional(timestamp),
  updated_at: optional(timestamp),
});
