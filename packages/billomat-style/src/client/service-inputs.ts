import {
  DecimalStringSchema,
  IsoDateSchema,
  NonNegativeDecimalStringSchema,
} from '@invoicekit/core';
import { z } from 'zod';
import { VAT_PERCENT_RULE, isVatPercent } from '../wire/vat-percent';
import { VENDOR_ID } from '../wire/vendor-id';

/**
 * Inputs of the typed low-level calls, in the vendor's own tag names. Each is validated before
 * anything is sent; unknown tags are refused (a typo would otherwise be ignored by the vendor).
 */

const Flag = z.union([z.boolean(), z.literal(0), z.literal(1)]).transform((flag) => (flag ? 1 : 0));
/**
 * A whole number given as a JS number. Safe integers only: `String(1e21)` is `"1e+21"`, and the
 * vendor would read exponent notation as 1.
 */
const WholeNumber = z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);
const Amount = z
  .union([NonNegativeDecimalStringSchema, WholeNumber.nonnegative().transform(String)])
  .describe('a decimal string such as "19.99"');
/** VAT_PERCENT: 0 to 100 with at most 4 decimals, as a decimal string or a whole number. */
const VatPercent = z
  .union([DecimalStringSchema, WholeNumber.transform(String)])
  .refine(isVatPercent, { message: `must be ${VAT_PERCENT_RULE}` });
/** A vendor id: the vendor's ids are integers, given as digits or a positive safe integer. */
const IdInput = z.union([
  z.string().trim().regex(VENDOR_ID, { message: 'must be a vendor id (digits)' }),
  WholeNumber.positive().transform(String),
]);

/**
 * `invoice.get` FILTER: every tag of the vendor's invoice page plus the classic product's date
 * ranges.
 */
export const InvoiceFilterSchema = z.strictObject({
  INVOICE_ID: z.union([IdInput, z.array(IdInput).min(1)]).optional(),
  INVOICE_NUMBER: z.string().optional(),
  INVOICE_TITLE: z.string().optional(),
  CUSTOMER_ID: IdInput.optional(),
  MONTH: z.number().int().min(1).max(12).optional(),
  YEAR: z.number().int().min(1900).max(9999).optional(),
  START_DUE_DATE: IsoDateSchema.optional(),
  END_DUE_DATE: IsoDateSchema.optional(),
  START_PAID_DATE: IsoDateSchema.optional(),
  END_PAID_DATE: IsoDateSchema.optional(),
  START_DATE: IsoDateSchema.optional(),
  END_DATE: IsoDateSchema.optional(),
  TYPE: z.enum(['outgoing', 'draft', 'credit']).optional(),
  STATE: z.enum(['unpaid', 'paid', 'overdue']).optional(),
});
/** What `InvoiceFilterSchema` accepts: the input, before defaults and transforms. */
export type InvoiceFilter = z.input<typeof InvoiceFilterSchema>;

/** One page: `LIMIT` (vendor default 10, cap 100) and `OFFSET`. */
export const PageSchema = z.strictObject({
  limit: z.number().int().min(1).max(100).optional(),
  offset: WholeNumber.nonnegative().optional(),
});
/** What `PageSchema` accepts: the input, before defaults and transforms. */
export type PageInput = z.input<typeof PageSchema>;

/** An `ITEMS` entry of `invoice.create` / `invoice.update`. */
export const ItemInputSchema = z
  .strictObject({
    DESCRIPTION: z.string().optional(),
    ARTICLE_NUMBER: z.string().optional(),
    QUANTITY: Amount.optional(),
    UNIT: z.string().optional(),
    // Negative for a credit or discount line.
    UNIT_PRICE: z.union([DecimalStringSchema, WholeNumber.transform(String)]).optional(),
    VAT_PERCENT: VatPercent.optional(),
    // The line's gross total ("Gesamtbruttobetrag", the vendor's invoice page), in place of a
    // UNIT_PRICE.
    COMPLETE_GROSS: z.union([DecimalStringSchema, WholeNumber.transform(String)]).optional(),
    // On invoice.update: the existing line this item replaces ("ID der Rechnungsposition").
    INVOICE_ITEM_ID: IdInput.optional(),
    SORT_ORDER: WholeNumber.nonnegative().optional(),
  })
  .refine((item) => item.DESCRIPTION !== undefined || item.ARTICLE_NUMBER !== undefined, {
    message: 'an item needs DESCRIPTION, or ARTICLE_NUMBER to be filled from the article',
  });
/** What `ItemInputSchema` accepts: the input, before defaults and transforms. */
export type ItemInput = z.input<typeof ItemInputSchema>;

/** The invoice fields `invoice.create` and `invoice.update` share (everything but the ids). */
export const InvoiceDataSchema = z.strictObject({
  INVOICE_EXT_UID: z.string().max(255).optional(),
  CUSTOMER_COSTCENTER_ID: IdInput.optional(),
  CONTACT_ID: IdInput.optional(),
  PROJECT_ID: IdInput.optional(),
  CURRENCY_CODE: z.string().length(3).optional(),
  TEMPLATE_ID: IdInput.optional(),
  INTROTEXT: z.string().optional(),
  INVOICE_TITLE: z.string().optional(),
  INVOICE_DATE: IsoDateSchema.optional(),
  DELIVERY_DATE: z.string().optional(),
  SERVICE_PERIOD_START: IsoDateSchema.optional(),
  SERVICE_PERIOD_END: IsoDateSchema.optional(),
  CASH_DISCOUNT_PERCENT: Amount.optional(),
  CASH_DISCOUNT_DAYS: WholeNumber.nonnegative().optional(),
  VAT_CASE: z.string().optional(),
  IS_GROSS: Flag.optional(),
  EU_DELIVERY: Flag.optional(),
  ITEMS: z.array(ItemInputSchema).optional(),
});

/** `invoice.create` DATA: always makes a draft. */
export const InvoiceCreateDataSchema = InvoiceDataSchema.extend({ CUSTOMER_ID: IdInput });
/** What `InvoiceCreateDataSchema` accepts: the input, before defaults and transforms. */
export type InvoiceCreateData = z.input<typeof InvoiceCreateDataSchema>;

/** `invoice.update` DATA: drafts only; `DELETE_EXISTING_ITEMS: 1` replaces every line. */
export const InvoiceUpdateDataSchema = InvoiceDataSchema.extend({
  INVOICE_ID: IdInput,
  DELETE_EXISTING_ITEMS: Flag.optional(),
});
/** What `InvoiceUpdateDataSchema` accepts: the input, before defaults and transforms. */
export type InvoiceUpdateData = z.input<typeof InvoiceUpdateDataSchema>;

/** `invoice.cancel` DATA; a partial cancellation (Storno) needs both amount and description. */
export const InvoiceCancelDataSchema = z
  .strictObject({
    INVOICE_ID: IdInput,
    CANCELLATION_AMOUNT: Amount.optional(),
    DESCRIPTION: z.string().min(1).optional(),
  })
  .refine((data) => data.CANCELLATION_AMOUNT === undefined || data.DESCRIPTION !== undefined, {
    path: ['DESCRIPTION'],
    message: 'a partial cancellation needs a DESCRIPTION',
  });
/** What `InvoiceCancelDataSchema` accepts: the input, before defaults and transforms. */
export type InvoiceCancelData = z.input<typeof InvoiceCancelDataSchema>;

const Emails = z.union([z.email(), z.array(z.email()).min(1)]);

/**
 * `invoice.sendbyemail` DATA: the vendor requires SUBJECT and MESSAGE (the vendor's invoice page).
 */
export const SendByEmailDataSchema = z.strictObject({
  INVOICE_ID: IdInput,
  RECIPIENT: z.strictObject({ TO: Emails, CC: Emails.optional(), BCC: Emails.optional() }),
  SUBJECT: z.string().min(1),
  MESSAGE: z.string().min(1),
  RECEIPT_CONFIRMATION: Flag.optional(),
});
/** What `SendByEmailDataSchema` accepts: the input, before defaults and transforms. */
export type SendByEmailData = z.input<typeof SendByEmailDataSchema>;

/** `invoice.complete` DATA: Monsum also takes the payment provider's customer token. */
export const CompleteDataSchema = z.strictObject({
  INVOICE_ID: IdInput,
  PAYMENT_TOKEN: z.string().optional(),
  PAYMENT_PROVIDER: z.string().optional(),
});
/** What `CompleteDataSchema` accepts: the input, before defaults and transforms. */
export type CompleteData = z.input<typeof CompleteDataSchema>;

/** `invoice.setpaid` DATA. */
export const SetPaidDataSchema = z.strictObject({
  INVOICE_ID: IdInput,
  PAID_DATE: IsoDateSchema.optional(),
  PAYMENT_METHOD: z.string().optional(),
});
/** What `SetPaidDataSchema` accepts: the input, before defaults and transforms. */
export type SetPaidData = z.input<typeof SetPaidDataSchema>;

/** `customer.get` FILTER. */
export const CustomerFilterSchema = z.strictObject({
  // One id or an id array, as invoice.get's INVOICE_ID.
  CUSTOMER_ID: z.union([IdInput, z.array(IdInput).min(1)]).optional(),
  CUSTOMER_NUMBER: z.string().optional(),
  CUSTOMER_EXT_UID: z.string().optional(),
  COUNTRY_CODE: z.string().length(2).optional(),
  CITY: z.string().optional(),
  TERM: z.string().min(1).optional(),
});
/** What `CustomerFilterSchema` accepts: the input, before defaults and transforms. */
export type CustomerFilter = z.input<typeof CustomerFilterSchema>;

/** A value of a customer field: text or a number, never an object or a list. */
const CustomerValue = z.union([
  z.string(),
  z.number().finite(),
  z.boolean().transform((flag) => (flag ? 1 : 0)),
]);

/** The customer fields whose values the vendor constrains (docs/vendors/method-style.md §9.15). */
const CUSTOMER_FIELDS = {
  CUSTOMER_TYPE: z.enum(['business', 'consumer']).optional(),
  CUSTOMER_EXT_UID: z.string().max(255).optional(),
  COUNTRY_CODE: z
    .string()
    .regex(/^[A-Za-z]{2}$/, { message: 'must be an ISO 3166 alpha-2 code' })
    .optional(),
  CURRENCY_CODE: z.string().length(3).optional(),
  EMAIL: z.union([z.email(), z.literal('')]).optional(),
  PAYMENT_TYPE: z
    .union([z.enum(['1', '2', '3', '4', '5', '6']), z.number().int().min(1).max(6)])
    .optional(),
  DAYS_FOR_PAYMENT: z.union([z.string().regex(/^\d{1,4}$/), WholeNumber.nonnegative()]).optional(),
};

/**
 * Customer DATA: the vendor's fields, passed through as given (its list grows over time) — but
 * every value is a scalar. An object where a field's value belongs (`{"$gt": ""}`) is refused
 * before anything is sent; so are tags that are not UPPER_SNAKE_CASE.
 */
export const CustomerDataSchema = z
  .object(CUSTOMER_FIELDS)
  .catchall(CustomerValue)
  .superRefine((data, ctx) => {
    const tags = Object.keys(data);
    if (tags.length === 0) ctx.addIssue({ code: 'custom', message: 'give at least one field' });
    for (const tag of tags)
      if (!/^[A-Z][A-Z0-9_]*$/.test(tag))
        ctx.addIssue({ code: 'custom', path: [tag], message: 'vendor tags are UPPER_SNAKE_CASE' });
  });
/** What `CustomerDataSchema` accepts: the input, before defaults and transforms. */
export type CustomerData = z.input<typeof CustomerDataSchema>;

/** `customer.create` DATA: a new customer has no id yet. */
export const CustomerCreateDataSchema = CustomerDataSchema.refine(
  (data) => data.CUSTOMER_ID === undefined,
  { path: ['CUSTOMER_ID'], message: 'a new customer has no CUSTOMER_ID' },
);

/** `customer.update` DATA: the customer's id and the fields to set. */
export const CustomerUpdateDataSchema = z
  .object({ ...CUSTOMER_FIELDS, CUSTOMER_ID: IdInput })
  .catchall(CustomerValue)
  .superRefine((data, ctx) => {
    for (const tag of Object.keys(data))
      if (!/^[A-Z][A-Z0-9_]*$/.test(tag))
        ctx.addIssue({ code: 'custom', path: [tag], message: 'vendor tags are UPPER_SNAKE_CASE' });
  });
/** What `CustomerUpdateDataSchema` accepts: the input, before defaults and transforms. */
export type CustomerUpdateData = z.input<typeof CustomerUpdateDataSchema>;

/**
 * The parts of an envelope sent through `call()` (the escape hatch to any service): a service
 * name, records of vendor tags, and whole-number paging. Values are JSON data only.
 */
const JsonValue: z.ZodType<unknown> = z.lazy(() =>
  z.union([
    z.string(),
    z.number().finite(),
    z.boolean(),
    z.null(),
    z.array(JsonValue),
    z.record(
      z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'not a tag name' }),
      JsonValue,
    ),
  ]),
);
const TagRecord = z.record(
  z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'not a tag name' }),
  JsonValue,
);
/**
 * The parts of a raw envelope for `adapter.vendor.call()`: FILTER and DATA as tag trees, LIMIT,
 * OFFSET.
 */
export const EnvelopePartsSchema = z.strictObject({
  filter: TagRecord.optional(),
  data: TagRecord.optional(),
  limit: z.number().int().min(1).max(100).optional(),
  offset: WholeNumber.nonnegative().optional(),
});
/** A service name as the vendor spells it (`invoice.get`, `customer.create`, …). */
export const ServiceNameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9]*(\.[a-z0-9]+)+$/, { message: 'a service name such as "invoice.get"' });

/** An `INVOICE_EXT_UID` / `CUSTOMER_EXT_UID` to look up. */
export const ExtUidSchema = z.string().min(1).max(255);

export { IdInput as IdInputSchema };
