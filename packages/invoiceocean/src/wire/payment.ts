import {
  lenientBoolean,
  lenientDate,
  lenientDecimal,
  lenientId,
  lenientString,
} from '@invoicekit/core';
import { z } from 'zod';

/** A banking payment (`/banking/payments`). */
export const PaymentWire = z.looseObject({
  id: lenientId,
  name: lenientString.optional(),
  price: lenientDecimal.optional(),
  currency: lenientString.optional(),
  invoice_id: lenientId.optional(),
  paid: lenientBoolean.optional(),
  paid_date: lenientDate.optional(),
  kind: lenientString.optional(),
  description: lenientString.optional(),
  /** The method the payment was made with (`transfer`, `card`, `cash` … or free text). */
  provider: lenientString.optional(),
  comment: lenientString.optional(),
  created_at: lenientString.optional(),
});
export type PaymentWire = z.infer<typeof PaymentWire>;
