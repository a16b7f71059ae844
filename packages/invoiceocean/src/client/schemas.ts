import {
  decimalTextOfNumber,
  lenientBoolean,
  lenientDate,
  lenientDecimal,
  lenientId,
  lenientString,
} from '@invoicekit/core';
import { z } from 'zod';
import { VendorTaxSchema } from '../mapping/tax';

/**
 * Record readers and input validators of the vendor resources, from the vendor documentation
 * (docs/vendors/invoiceocean.md §5) and the vendor pages' examples. Records are loose: the
 * documented fields are typed, anything else is kept as sent. Inputs (create and update) type every
 * documented field — amounts, quantities, tax rates, ids, texts — so that `price_net: {"$gt": ""}`
 * or a tax of `1e-7` never goes out; other fields pass if they are plain JSON under a field name.
 */

const id = lenientId;

/**
 * A field name the vendor could know: Rails attribute names (`buyer_tax_no`, `_destroy`) and
 * the index keys of nested-attribute hashes (`"0"`, `"1"`). Anything else — `$gt`, `a b`,
 * `x><y` — would be an operator or, in XML, markup: refused.
 */
const FIELD_NAME = /^(?:[A-Za-z_][A-Za-z0-9_]*|\d+)$/;

function checkFieldNames(value: unknown, ctx: z.RefinementCtx): void {
  // Iterative: a caller's deeply nested value must not overflow the stack here.
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop() as (typeof stack)[number];
    if (typeof current !== 'object' || current === null) continue;
    const entries = Array.isArray(current)
      ? current.map((item, index) => [index, item] as const)
      : Object.entries(current);
    for (const [key, inner] of entries) {
      if (typeof key === 'string' && !FIELD_NAME.test(key)) {
        ctx.addIssue({ code: 'custom', path: [...path, key], message: 'is not a field name' });
        continue;
      }
      stack.push({ value: inner, path: [...path, key] });
    }
  }
}

/** Any JSON value under a field the schema does not type, with field names checked. */
const extraField = z.json().optional();

/**
 * Create and update validators of one vendor record: the documented fields typed, any other
 * field kept if it is plain JSON under a plausible name. Update takes any subset.
 */
export function vendorInput<Shape extends z.ZodRawShape>(shape: Shape) {
  const base = z.object(shape).catchall(extraField);
  return {
    create: base.superRefine(checkFieldNames),
    update: base.partial().superRefine(checkFieldNames),
  };
}

/** A nested vendor object (a position, an action): typed fields, other JSON kept. */
function nestedInput<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.object(shape).catchall(extraField).superRefine(checkFieldNames);
}

/**
 * An amount or quantity: decimal text (`"10.23"`, `"-5"`, `"59,00"`) as given, or a JS number
 * written out as plain decimal text — `1e-7` goes out as `"0.0000001"`, never in exponent form.
 */
const decimalInput = z.union([
  z
    .string()
    .trim()
    .regex(/^-?\d+([.,]\d+)?$/, { message: 'must be a decimal number' }),
  z.number().finite().transform(decimalTextOfNumber),
]);
const idInput = z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]);
const tax = VendorTaxSchema;
/** Text fields: a string (or null to clear it); an object where a name belongs is refused. */
const text = z.string().nullish();
const flag = z.union([
  z.boolean(),
  z.literal(0),
  z.literal(1),
  z.enum(['0', '1', 'true', 'false']),
]);

const party = (prefix: 'buyer' | 'seller') =>
  Object.fromEntries(
    [
      'name',
      'first_name',
      'last_name',
      'tax_no',
      'email',
      'phone',
      'street',
      'city',
      'post_code',
      'country',
      'person',
    ].map((field) => [`${prefix}_${field}`, text]),
  ) as Record<`${typeof prefix}_${string}`, typeof text>;

/** An invoice position as the vendor takes it (create, or update with `id` / `_destroy`). */
const PositionInput = nestedInput({
  id: idInput.optional(),
  name: text,
  description: text,
  code: text,
  product_id: idInput.nullish(),
  quantity: decimalInput.optional(),
  quantity_unit: text,
  price_net: decimalInput.optional(),
  price_gross: decimalInput.optional(),
  total_price_net: decimalInput.optional(),
  total_price_gross: decimalInput.optional(),
  tax: tax.optional(),
  discount: decimalInput.nullish(),
  discount_percent: decimalInput.nullish(),
  kind: text,
  _destroy: flag.optional(),
});

/** What the vendor client's `invoices.create` / `update` send under `invoice`. */
export const InvoiceInput = vendorInput({
  kind: text,
  number: text,
  status: text,
  currency: text,
  lang: text,
  issue_date: text,
  sell_date: text,
  payment_to: text,
  payment_to_kind: text,
  paid_date: text,
  payment_type: text,
  place: text,
  description: text,
  oid: text,
  income: flag.optional(),
  client_id: idInput.nullish(),
  department_id: idInput.nullish(),
  from_invoice_id: idInput.nullish(),
  invoice_id: idInput.nullish(),
  price_net: decimalInput.optional(),
  price_gross: decimalInput.optional(),
  paid: decimalInput.optional(),
  discount: decimalInput.nullish(),
  ...party('buyer'),
  ...party('seller'),
  seller_bank_account: text,
  seller_bank: text,
  exchange_currency: text,
  exchange_kind: text,
  exchange_currency_rate: decimalInput.nullish(),
  /** The early-payment discount: on/off, the last day it applies, its percentage. */
  skonto_active: flag.nullish(),
  skonto_discount_date: text,
  skonto_discount_value: decimalInput.nullish(),
  /** Never printed. */
  internal_note: text,
  /** Fields the vendor takes only here on create (VosFactures: `seller_bank_swift`). */
  additional_fields: z.record(z.string(), z.json()).optional(),
  positions: z.array(PositionInput).optional(),
});

/** What the vendor client's `clients.create` / `update` send under `client`. */
export const ClientInput = vendorInput({
  name: text,
  first_name: text,
  last_name: text,
  tax_no: text,
  email: text,
  phone: text,
  mobile_phone: text,
  street: text,
  street_no: text,
  city: text,
  post_code: text,
  country: text,
  bank: text,
  bank_account: text,
  swift: text,
  shortcut: text,
  note: text,
  external_id: text,
  company: flag.optional(),
  discount: decimalInput.nullish(),
  default_tax: tax.nullish(),
  department_id: idInput.nullish(),
  category_id: idInput.nullish(),
});

export const ProductRecord = z.looseObject({
  id,
  name: lenientString.optional(),
  code: lenientString.optional(),
  price_net: lenientDecimal.optional(),
  price_gross: lenientDecimal.optional(),
  tax: lenientString.optional(),
});
export const ProductInput = vendorInput({
  name: z.string().min(1),
  code: z.string().optional(),
  price_net: decimalInput.optional(),
  price_gross: decimalInput.optional(),
  tax: tax.optional(),
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
  provider: lenientString.optional(),
  description: lenientString.optional(),
});
/** The payment fields of the vendor's documentation (Payments, "Full JSON"); nulls clear. */
export const PaymentInput = vendorInput({
  name: z.string().min(1),
  price: decimalInput,
  invoice_id: idInput.nullish(),
  invoice_ids: z.array(idInput).optional(),
  paid: z.boolean().optional(),
  paid_date: text,
  kind: text,
  currency: text,
  city: text,
  client_id: idInput.nullish(),
  comment: text,
  country: text,
  department_id: idInput.nullish(),
  description: text,
  email: text,
  first_name: text,
  last_name: text,
  generate_invoice: flag.nullish(),
  invoice_city: text,
  invoice_comment: text,
  invoice_country: text,
  invoice_name: text,
  invoice_post_code: text,
  invoice_street: text,
  invoice_tax_no: text,
  oid: text,
  phone: text,
  post_code: text,
  product_id: idInput.nullish(),
  promocode: text,
  provider: text,
  provider_response: text,
  provider_status: text,
  provider_title: text,
  quantity: decimalInput.nullish(),
  street: text,
});

export const CategoryRecord = z.looseObject({
  id,
  name: lenientString.optional(),
  description: lenientString.optional(),
});
export const CategoryInput = vendorInput({
  name: z.string().min(1),
  description: z.string().nullish(),
});

export const WarehouseRecord = z.looseObject({
  id,
  name: lenientString.optional(),
  kind: lenientString.optional(),
  description: lenientString.optional(),
});
export const WarehouseInput = vendorInput({
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
export const DepartmentInput = vendorInput({
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
export const BankAccountInput = vendorInput({
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
export const PriceListInput = vendorInput({
  name: z.string().min(1),
  description: z.string().optional(),
  currency: z.string().optional(),
  /** Rails nested attributes: a hash keyed "0", "1" … of positions. */
  price_list_positions_attributes: z
    .record(
      z.string().regex(/^\d+$/),
      nestedInput({
        priceable_id: idInput.optional(),
        price_net: decimalInput.optional(),
        price_gross: decimalInput.optional(),
        tax: tax.optional(),
        use_percentage: flag.optional(),
        percentage: decimalInput.nullish(),
      }),
    )
    .optional(),
});

export const RecurringRecord = z.looseObject({
  id,
  name: lenientString.optional(),
  invoice_id: lenientId.optional(),
  every: lenientString.optional(),
  next_invoice_date: lenientDate.optional(),
});
export const RecurringInput = vendorInput({
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

const WarehouseAction = nestedInput({
  product_id: idInput.optional(),
  product_name: z.string().optional(),
  quantity: decimalInput,
  price_net: decimalInput.optional(),
  purchase_price_net: decimalInput.optional(),
  tax: tax.optional(),
  purchase_tax: tax.optional(),
  warehouse2_id: idInput.optional(),
});
export const WarehouseDocumentRecord = z.looseObject({
  id,
  kind: lenientString.optional(),
  number: lenientString.optional(),
  warehouse_id: lenientId.optional(),
  issue_date: lenientDate.optional(),
});
export const WarehouseDocumentInput = vendorInput({
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
/** A warehouse action written on its own. */
export const WarehouseActionInput = vendorInput({
  product_id: idInput.optional(),
  warehouse_id: idInput.optional(),
  warehouse_document_id: idInput.optional(),
  quantity: decimalInput.optional(),
  price_net: decimalInput.optional(),
  tax: tax.optional(),
  kind: text,
});
export const WarehouseActionRecord = z.looseObject({
  id: lenientId.optional(),
  product_id: lenientId.optional(),
  quantity: lenientDecimal.optional(),
  kind: lenientString.optional(),
  warehouse_document_id: lenientId.optional(),
});
