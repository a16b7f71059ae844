import {
  lenientBoolean,
  lenientId,
  lenientString,
  lenientTimestamp,
  lenientDecimal,
} from '@invoicekit/core';
import { z } from 'zod';

/**
 * A client (buyer) record. The captured GET fixture has no `id`, so the wire reads it optional;
 * a canonical customer needs one (see `toCanonicalCustomer`).
 */
export const ClientWire = z.looseObject({
  id: lenientId.optional(),
  name: lenientString.optional(),
  first_name: lenientString.optional(),
  last_name: lenientString.optional(),
  company: lenientBoolean.optional(),
  tax_no: lenientString.optional(),
  email: lenientString.optional(),
  phone: lenientString.optional(),
  mobile_phone: lenientString.optional(),
  street: lenientString.optional(),
  street_no: lenientString.optional(),
  city: lenientString.optional(),
  post_code: lenientString.optional(),
  country: lenientString.optional(),
  bank: lenientString.optional(),
  bank_account: lenientString.optional(),
  /** The client's BIC, with `additional_fields[client]=bank_account,swift`. */
  swift: lenientString.optional(),
  shortcut: lenientString.optional(),
  note: lenientString.optional(),
  external_id: lenientString.optional(),
  balance: lenientDecimal.optional(),
  created_at: lenientTimestamp.optional(),
  updated_at: lenientTimestamp.optional(),
});
export type ClientWire = z.infer<typeof ClientWire>;
