import {
  lenientBoolean,
  lenientDate,
  lenientDecimal,
  lenientId,
  lenientList,
  lenientString,
  lenientTimestamp,
} from '@invoicekit/core';
import { z } from 'zod';
import { CalculatingStrategySchema } from '../config';
import { PaymentWire } from './payment';
import { PositionWire } from './position';

/**
 * An invoice as the vendor returns it (GET, create, update, list items). Unknown keys are kept
 * (the vendor adds fields every year); known ones are read in every spelling seen.
 */
export const InvoiceWire = z.looseObject({
  id: lenientId,
  number: lenientString.optional(),
  kind: lenientString.optional(),
  status: lenientString.optional(),
  currency: lenientString.optional(),
  income: lenientBoolean.optional(),
  issue_date: lenientDate.optional(),
  sell_date: lenientString.optional(),
  payment_to: lenientDate.optional(),
  /** Integer days, `other_date` (then `payment_to` holds the date) or `off`. */
  payment_to_kind: lenientString.optional(),
  paid_date: lenientDate.optional(),
  price_net: lenientDecimal.optional(),
  price_gross: lenientDecimal.optional(),
  price_tax: lenientDecimal.optional(),
  paid: lenientDecimal.optional(),
  discount: lenientDecimal.optional(),
  discount_kind: lenientString.optional(),
  show_discount: lenientBoolean.optional(),
  client_id: lenientId.optional(),
  buyer_name: lenientString.optional(),
  buyer_first_name: lenientString.optional(),
  buyer_last_name: lenientString.optional(),
  buyer_company: lenientBoolean.optional(),
  buyer_tax_no: lenientString.optional(),
  buyer_email: lenientString.optional(),
  buyer_phone: lenientString.optional(),
  buyer_street: lenientString.optional(),
  buyer_city: lenientString.optional(),
  buyer_post_code: lenientString.optional(),
  buyer_country: lenientString.optional(),
  seller_name: lenientString.optional(),
  seller_tax_no: lenientString.optional(),
  seller_email: lenientString.optional(),
  seller_phone: lenientString.optional(),
  seller_street: lenientString.optional(),
  seller_city: lenientString.optional(),
  seller_post_code: lenientString.optional(),
  seller_country: lenientString.optional(),
  /** The seller's account printed for the buyer to pay into, and its bank. */
  seller_bank_account: lenientString.optional(),
  seller_bank: lenientString.optional(),
  /** VosFactures: the seller's BIC (sent in `additional_fields` on create). */
  seller_bank_swift: lenientString.optional(),
  /** How the buyer is to pay (`transfer`, `card` … or free text). */
  payment_type: lenientString.optional(),
  exchange_currency: lenientString.optional(),
  exchange_kind: lenientString.optional(),
  exchange_currency_rate: lenientDecimal.optional(),
  /** The rate in force (`exchange_rate` / `exchange_rate_den` units), whatever its source. */
  exchange_rate: lenientDecimal.optional(),
  exchange_rate_den: lenientDecimal.optional(),
  /** Early-payment discount ("skonto"): on/off, the last day it applies, its percentage. */
  skonto_active: lenientBoolean.optional(),
  skonto_discount_date: lenientDate.optional(),
  skonto_discount_value: lenientDecimal.optional(),
  /** A private note, never printed. */
  internal_note: lenientString.optional(),
  /** When the vendor e-mailed the invoice, and how that went: delivery kept apart from `status`. */
  sent_time: lenientString.optional(),
  email_status: lenientString.optional(),
  cancelled: lenientBoolean.optional(),
  /** Present with `additional_fields[invoice]=cancel_reason`. */
  cancel_reason: lenientString.optional(),
  /** The banking payments of the invoice, with `additional_fields[invoice]=connected_payments`. */
  connected_payments: lenientList(PaymentWire).optional(),
  description: lenientString.optional(),
  oid: lenientString.optional(),
  lang: lenientString.optional(),
  from_invoice_id: lenientId.optional(),
  invoice_id: lenientId.optional(),
  reverse_charge: lenientBoolean.optional(),
  calculating_strategy: CalculatingStrategySchema.nullish().catch(null),
  positions: lenientList(PositionWire).optional(),
  /** Remarks; `description` repeats the first one's content (docs/vendors/invoiceocean.md §8.5). */
  descriptions: lenientList(
    z.looseObject({ kind: lenientString.optional(), content: lenientString.optional() }),
  ).optional(),
  token: lenientString.optional(),
  view_url: lenientString.optional(),
  created_at: lenientTimestamp.optional(),
  updated_at: lenientTimestamp.optional(),
});
export type InvoiceWire = z.infer<typeof InvoiceWire>;
