import {
  lenientBoolean,
  lenientDate,
  lenientDecimal,
  lenientId,
  lenientString,
} from '@invoicekit/core';
import { z } from 'zod';

/**
 * Record readers and input validators of the vendor resources beyond invoices and clients, from
 * the vendor documentation (reference §5) and the seed pages' examples. Records are loose: the
 * documented fields are typed, anything else is kept as sent.
 */

const id = lenientId;
const decimalInput = z.union([z.string().regex(/^-?\d+([.,]\d+)?$/), z.number().finite()]);
const idInput = z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]);

export const ProductRecord = z.looseObject({
  id,
  name: lenientString.optional(),
  code: lenientString.optional(),
  price_net: lenientDecimal.optional(),
  price_gross: lenientDecimal.optional(),
  tax: lenientString.optional(),
});
export const ProductInput = z.looseObject({
  name: z.string().min(1),
  code: z.string().optional(),
  price_net: decimalInput.optional(),
  price_gross: decimalInput.optional(),
  tax: z.union([z.string(), z.number()]).optional(),
  quantity_unit: z.string().optional(),
  service: z.boolean().optional(),
});

export const PaymentRecord = z.looseObject({
  id,
  name: lenientString.optional(),
  price: lenientDecimal.optional(),
  invoice_id: lenientId.optional(),
  paid: lenientBoolean.optional(),
  paid_date: lenientDate.optional(),
  kind: lenientString.optional(),
});
export const PaymentInput = z.looseObject({
  name: z.string().min(1),
  price: decimalInput,
  invoice_id: idInput.nullish(),
  invoice_ids: z.array(idInput).optional(),
  paid: z.boolean().optional(),
  paid_date: z.string().optional(),
  kind: z.string().optional(),
  currency: z.string().optional(),
});

export const CategoryRecord = z.looseObject({
  id,
  name: lenientString.optional(),
  description: lenientString.optional(),
});
export const CategoryInput = z.looseObject({
  name: z.string().min(1),
  description: z.string().nullish(),
});

export const WarehouseRecord = z.looseObject({
  id,
  name: lenientString.optional(),
  kind: lenientString.optional(),
  description: lenientString.optional(),
});
export const WarehouseInput = z.looseObject({
  name: z.string().min(1),
  kind: z.string().nullish(),
  description: z.string().nullish(),
});

export const DepartmentRecord = z.looseObject({
  id,
  name: lenientString.optional(),
  shortcut: lenientString.optional(),
  tax_no: lenientString.optional(),
});
export const DepartmentInput = z.looseObject({
  name: z.string().min(1),
  shortcut: z.string().optional(),
  tax_no: z.string().optional(),
});

export const BankAccountRecord = z.looseObject({
  id,
  name: lenientString.optional(),
  bank_name: lenientString.optional(),
  bank_account_number: lenientString.optional(),
  bank_currency: lenientString.optional(),
  bank_swift: lenientString.optional(),
});
export const BankAccountInput = z.looseObject({
  bank_account_number: z.string().min(1),
  name: z.string().max(255).optional(),
  bank_name: z.string().optional(),
  bank_currency: z.string().optional(),
  bank_swift: z.string().optional(),
  account_description: z.string().max(256).nullish(),
});

export const PriceListRecord = z.looseObject({
  id,
  name: lenientString.optional(),
  currency: lenientString.optional(),
  description: lenientString.optional(),
});
export const PriceListInput = z.looseObject({
  name: z.string().min(1),
  description: z.string().optional(),
  currency: z.string().optional(),
  /** Rails nested attributes: a hash keyed "0", "1" … of positions. */
  price_list_positions_attributes: z
    .record(z.string(), z.record(z.string(), z.unknown()))
    .optional(),
});

export const RecurringRecord = z.looseObject({
  id,
  name: lenientString.optional(),
  invoice_id: lenientId.optional(),
  every: lenientString.optional(),
  next_invoice_date: lenientDate.optional(),
});
export const RecurringInput = z.looseObject({
  name: z.string().min(1),
  invoice_id: idInput,
  start_date: z.string().optional(),
  every: z.enum(['1w', '1m', '2m', '3m', '6m', '1y']).optional(),
  issue_working_day_only: z.boolean().optional(),
  send_email: z.boolean().optional(),
  buyer_email: z.string().optional(),
  end_date: z.string().nullish(),
  next_invoice_date: z.string().optional(),
});

const WarehouseAction = z.looseObject({
  product_id: idInput.optional(),
  product_name: z.string().optional(),
  quantity: decimalInput,
  price_net: decimalInput.optional(),
  purchase_price_net: decimalInput.optional(),
  tax: z.union([z.string(), z.number()]).optional(),
  purchase_tax: z.union([z.string(), z.number()]).optional(),
  warehouse2_id: idInput.optional(),
});
export const WarehouseDocumentRecord = z.looseObject({
  id,
  kind: lenientString.optional(),
  number: lenientString.optional(),
  warehouse_id: lenientId.optional(),
  issue_date: lenientDate.optional(),
});
export const WarehouseDocumentInput = z.looseObject({
  /** pz: goods received; wz: goods issued; mm: transfer between warehouses. */
  kind: z.enum(['pz', 'wz', 'mm']),
  number: z.string().nullish(),
  warehouse_id: idInput.optional(),
  issue_date: z.string().optional(),
  department_id: idInput.optional(),
  department_name: z.string().optional(),
  client_id: idInput.optional(),
  client_name: z.string().optional(),
  invoice_ids: z.array(idInput).optional(),
  warehouse_actions: z.array(WarehouseAction).optional(),
});
export const WarehouseActionRecord = z.looseObject({
  id: lenientId.optional(),
  product_id: lenientId.optional(),
  quantity: lenientDecimal.optional(),
  kind: lenientString.optional(),
  warehouse_document_id: lenientId.optional(),
});
