import { z } from 'zod';

/** Money and quantities arrive as strings or numbers; keep them as decimal text. */
const wireDecimal = z.union([z.string(), z.number().transform(String)]);
const wireId = z.union([z.number().int(), z.string()]).transform(String);

export const AcmeLineWire = z.looseObject({
  id: wireId.nullish(),
  title: z.string(),
  qty: wireDecimal,
  unit_price: wireDecimal,
  price_kind: z.enum(['net', 'gross']).catch('net'),
  tax_rate: z.union([z.string(), z.number().transform(String)]),
  discount_percent: wireDecimal.nullish(),
  discount_amount: wireDecimal.nullish(),
  net: wireDecimal,
  tax: wireDecimal,
  gross: wireDecimal,
  discount: wireDecimal.nullish(),
});
export type AcmeLineWire = z.infer<typeof AcmeLineWire>;

export const AcmeInvoiceWire = z.looseObject({
  id: wireId,
  number: z.string().nullish(),
  kind: z.string(),
  status: z.string(),
  currency: z.string(),
  issued_on: z.string().nullish(),
  due_on: z.string().nullish(),
  paid_on: z.string().nullish(),
  customer_id: wireId.nullish(),
  buyer: z
    .looseObject({
      name: z.string(),
      tax_id: z.string().nullish(),
      email: z.string().nullish(),
    })
    .nullish(),
  external_id: z.string().nullish(),
  related_invoice_id: wireId.nullish(),
  notes: z.string().nullish(),
  lines: z.array(AcmeLineWire).catch([]),
  net_total: wireDecimal,
  tax_total: wireDecimal,
  gross_total: wireDecimal,
  paid_total: wireDecimal.nullish(),
  payments: z
    .array(
      z.looseObject({
        id: wireId,
        amount: wireDecimal,
        date: z.string().nullish(),
        method: z.string().nullish(),
        reference: z.string().nullish(),
      }),
    )
    .nullish(),
  created_at: z.string().nullish(),
  updated_at: z.string().nullish(),
});
export type AcmeInvoiceWire = z.infer<typeof AcmeInvoiceWire>;

export const AcmeCustomerWire = z.looseObject({
  id: wireId,
  type: z.enum(['company', 'person']).catch('company'),
  name: z.string(),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  tax_id: z.string().nullish(),
  email: z.string().nullish(),
  phone: z.string().nullish(),
  address: z
    .looseObject({
      street: z.string().nullish(),
      city: z.string().nullish(),
      zip: z.string().nullish(),
      country: z.string().nullish(),
    })
    .nullish(),
  external_id: z.string().nullish(),
  created_at: z.string().nullish(),
  updated_at: z.string().nullish(),
});
export type AcmeCustomerWire = z.infer<typeof AcmeCustomerWire>;

/** `{ data, meta }` with data a record or a list. */
export function envelope<T extends z.ZodType>(data: T) {
  return z.looseObject({
    data,
    meta: z.looseObject({ request_id: z.string().nullish() }).nullish(),
  });
}
