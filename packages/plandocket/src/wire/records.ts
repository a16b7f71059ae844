import { lenientBoolean, lenientId, lenientList, lenientString } from '@invoicekit/core';
import { z } from 'zod';
import {
  exactDecimal,
  wholeNumber,
  wireDate,
  wireDayOrTimestamp,
  wireId,
  wireTimestamp,
} from './values';

/**
 * The vendor's records, read leniently: every documented field optional, unknown fields kept.
 * The shapes of `include=items|payments|contact` are not documented; the item fields below are
 * the common spellings, with alternatives where vendors differ.
 */

/** The contact fields that are free text (docs/vendors/plandocket.md §4), in the vendor's order. */
export const CONTACT_TEXT_FIELDS = [
  'customer_number',
  'company_name',
  'first_name',
  'last_name',
  'address',
  'postal_code',
  'city',
  'country',
  'state',
  'phone',
  'fax',
  'mobile',
  'email',
  'website',
  'notes',
  'tax_id',
] as const;

/** A contact (= customer). */
export const ContactWire = z.looseObject({
  id: wireId.optional(),
  customer_number: lenientString.optional(),
  company_name: lenientString.optional(),
  first_name: lenientString.optional(),
  last_name: lenientString.optional(),
  address: lenientString.optional(),
  postal_code: lenientString.optional(),
  city: lenientString.optional(),
  country: lenientString.optional(),
  state: lenientString.optional(),
  phone: lenientString.optional(),
  fax: lenientString.optional(),
  mobile: lenientString.optional(),
  email: lenientString.optional(),
  website: lenientString.optional(),
  notes: lenientString.optional(),
  tax_id: lenientString.optional(),
  created_at: wireTimestamp.optional(),
  updated_at: wireTimestamp.optional(),
});
export type ContactWire = z.infer<typeof ContactWire>;

/** A payment. */
export const PaymentWire = z.looseObject({
  id: wireId.optional(),
  invoice_id: wireId.optional(),
  amount: exactDecimal.optional(),
  currency: lenientString.optional(),
  gateway_id: lenientId.optional(),
  gateway_key: lenientString.optional(),
  gateway_name: lenientString.optional(),
  transaction_id: lenientString.optional(),
  status: lenientString.optional(),
  payment_date: wireDayOrTimestamp.optional(),
  notes: lenientString.optional(),
  created_at: wireTimestamp.optional(),
});
export type PaymentWire = z.infer<typeof PaymentWire>;

/** An invoice line (`include=items`; shape undocumented). */
export const ItemWire = z.looseObject({
  id: lenientId.optional(),
  description: lenientString.optional(),
  name: lenientString.optional(),
  /** The catalogue item (a Plandocket service) the line was made from, where the vendor says. */
  product_id: lenientId.optional(),
  quantity: exactDecimal.optional(),
  unit: lenientString.optional(),
  unit_price: exactDecimal.optional(),
  price: exactDecimal.optional(),
  tax_rate: exactDecimal.optional(),
  vat_rate: exactDecimal.optional(),
  net: exactDecimal.optional(),
  tax: exactDecimal.optional(),
  total: exactDecimal.optional(),
});
export type ItemWire = z.infer<typeof ItemWire>;

/** An invoice (the documented response schema). */
export const InvoiceWire = z.looseObject({
  id: wireId.optional(),
  invoice_id: wireId.optional(),
  invoice_number: lenientString.optional(),
  invoice_type: lenientString.optional(),
  related_invoice_id: wireId.optional(),
  status: lenientString.optional(),
  event_participant_id: lenientId.optional(),
  total: exactDecimal.optional(),
  currency: lenientString.optional(),
  paid_amount: exactDecimal.optional(),
  open_amount: exactDecimal.optional(),
  service_date: wireDate.optional(),
  due_date: wireDate.optional(),
  is_reverse_charge: lenientBoolean.optional(),
  is_locked: lenientBoolean.optional(),
  locked_at: wireTimestamp.optional(),
  reminder_sent_at: wireTimestamp.optional(),
  reminder_count: wholeNumber.optional(),
  notes: lenientString.optional(),
  created_at: wireTimestamp.optional(),
  updated_at: wireTimestamp.optional(),
  items: lenientList(ItemWire).optional(),
  payments: lenientList(PaymentWire).optional(),
  contact: ContactWire.nullable().optional(),
});
export type InvoiceWire = z.infer<typeof InvoiceWire>;
