import { z } from 'zod';

/**
 * Every documented filter, sort and include of `GET /api/v1/invoices`
 * (docs/vendors/plandocket.md §2.2).
 */
export const InvoiceQuerySchema = z.strictObject({
  status: z.string().min(1).optional(),
  customer_number: z.string().min(1).optional(),
  event_key: z.string().min(1).optional(),
  type: z.enum(['invoice', 'credit_note']).optional(),
  sort: z.enum(['invoice_number', 'total', 'status', 'due_date', 'created_at']).optional(),
  order: z.enum(['ASC', 'DESC']).optional(),
  include: z.array(z.enum(['items', 'payments', 'contact'])).optional(),
});
/** What `InvoiceQuerySchema` accepts: the input, before defaults and transforms. */
export type InvoiceQuery = z.input<typeof InvoiceQuerySchema>;

/** Every include of an invoice: its lines, payments and contact, in the same call. */
export const INVOICE_INCLUDES_ALL = ['items', 'payments', 'contact'] as const;

/** Every documented filter and sort of `GET /api/v1/contacts`. */
export const ContactQuerySchema = z.strictObject({
  search: z.string().min(1).optional(),
  category_key: z.string().min(1).optional(),
  event_key: z.string().min(1).optional(),
  sort: z
    .enum([
      'company_name',
      'last_name',
      'first_name',
      'email',
      'customer_number',
      'city',
      'created_at',
    ])
    .optional(),
  order: z.enum(['ASC', 'DESC']).optional(),
  include: z.array(z.enum(['categories', 'events'])).optional(),
});
/** What `ContactQuerySchema` accepts: the input, before defaults and transforms. */
export type ContactQuery = z.input<typeof ContactQuerySchema>;

/** Every documented filter and sort of `GET /api/v1/payments`. */
export const PaymentQuerySchema = z.strictObject({
  invoice_number: z.string().min(1).optional(),
  status: z.string().min(1).optional(),
  date_from: z.iso.date().optional(),
  date_to: z.iso.date().optional(),
  sort: z.enum(['amount', 'status', 'payment_date', 'created_at']).optional(),
  order: z.enum(['ASC', 'DESC']).optional(),
  include: z.array(z.enum(['invoice'])).optional(),
});
/** What `PaymentQuerySchema` accepts: the input, before defaults and transforms. */
export type PaymentQuery = z.input<typeof PaymentQuerySchema>;
