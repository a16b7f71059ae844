import { kindOf } from './kind-of';
import { VENDOR_ID } from './vendor-id';
import { VAT_PERCENT_RULE, isNormalizedVatPercent } from './vat-percent';

export { isNormalizedVatPercent };
import { berlinDateAt, berlinWallTimeToIso, type BerlinFold } from './vendor-values';
import {
  lenientTimestampText,
  optional,
  recordReader,
  wireBoolean,
  wireDate,
  wireDecimal,
  wireId,
  wireList,
  wireString,
  type WireField,
} from './wire-reader';

/**
 * The records this package reads from the vendor, without zod: the same fields, spellings and
 * messages as the reference schemas in `./invoice` (a property test holds them equal), but only
 * the declared tags are built — the vendor object stays in `raw` as received.
 */

/** A vendor id the record cannot do without: digits, never empty. */
export const readVendorId: WireField<string | undefined> = (value, issues, parent, key) => {
  const id = wireId(value, issues, parent, key);
  if (id === undefined) return undefined;
  if (id !== null && VENDOR_ID.test(id)) return id;
  issues.push({
    path: [...parent, key],
    message:
      id === null ? 'missing' : `not a vendor id (digits): a string of ${id.length} characters`,
  });
  return undefined;
};

/** A vendor id that may be absent (`null`); when present, digits. */
export const readOptionalVendorId: WireField<string | null | undefined> = (
  value,
  issues,
  parent,
  key,
) => {
  const id = wireId(value, issues, parent, key);
  if (id === undefined || id === null || VENDOR_ID.test(id)) return id;
  issues.push({
    path: [...parent, key],
    message: `not a vendor id (digits): a string of ${id.length} characters`,
  });
  return undefined;
};

/** A VAT_PERCENT: the lenient decimal, then a rate from 0 to 100 with at most 4 decimals. */
export const readVatPercent: WireField<string | null | undefined> = (
  value,
  issues,
  parent,
  key,
) => {
  const rate = wireDecimal(value, issues, parent, key);
  if (rate === undefined || rate === null || isNormalizedVatPercent(rate)) return rate;
  issues.push({ path: [...parent, key], message: `not ${VAT_PERCENT_RULE}` });
  return undefined;
};

const LOCAL_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})$/;

function berlinTimestampField(fold: BerlinFold): WireField<string | null | undefined> {
  return (value, issues, parent, key) => {
    if (typeof value === 'string') {
      const local = LOCAL_TIME.exec(value.trim());
      if (local?.[1] && local[2] && !local[1].startsWith('0000'))
        return berlinWallTimeToIso(local[1], local[2], fold);
    }
    const read = lenientTimestampText(value);
    if (read !== undefined) return read;
    // The value is not quoted: a vendor may echo the credential into the very field that is wrong.
    issues.push({ path: [...parent, key], message: `not a timestamp: ${kindOf(value)}` });
    return undefined;
  };
}

/** CREATED: Berlin wall time, the first pass in the autumn fold (see `berlinTimestamp`). */
export const readBerlinTimestamp = berlinTimestampField('earlier');
/** LASTUPDATE: Berlin wall time, the later pass in the autumn fold (see `berlinChangeTimestamp`). */
export const readBerlinChangeTimestamp = berlinTimestampField('later');

const BARE_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** DUE_DATE: a bare date as it is, a date-time as the Berlin date of that UTC instant. */
export const readBerlinDueDate: WireField<string | null | undefined> = (
  value,
  issues,
  parent,
  key,
) => {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string') {
    const text = value.trim();
    if (text.startsWith('0000-00-00')) return null;
    if (BARE_DATE.test(text)) return text;
    const stamped = LOCAL_TIME.exec(text);
    if (stamped) return berlinDateAt(Date.parse(`${stamped[1]}T${stamped[2]}Z`));
  }
  issues.push({ path: [...parent, key], message: `not a due date: ${kindOf(value)}` });
  return undefined;
};

const text = optional(wireString);
const decimal = optional(wireDecimal);
const date = optional(wireDate);

/** An invoice line (`ITEMS[]`, also `item.get`). */
export const readItem = recordReader({
  INVOICE_ITEM_ID: optional(readOptionalVendorId),
  INVOICE_ID: optional(readOptionalVendorId),
  ARTICLE_NUMBER: text,
  DESCRIPTION: text,
  QUANTITY: decimal,
  UNIT: text,
  UNIT_PRICE: decimal,
  VAT_PERCENT: optional(readVatPercent),
  VAT_VALUE: decimal,
  COMPLETE_NET: decimal,
  COMPLETE_GROSS: decimal,
  SORT_ORDER: decimal,
});
/** An invoice line as read. */
export type ItemWire = ReturnType<typeof readItem>;

/** A payment (`PAYMENTS[]`: PAYMENT_ID, DATE, AMOUNT, CURRENCY_CODE, NOTE, TYPE). */
export const readPayment = recordReader({
  PAYMENT_ID: optional(readOptionalVendorId),
  DATE: date,
  AMOUNT: decimal,
  CURRENCY_CODE: text,
  NOTE: text,
  TYPE: text,
});
/** A payment as read. */
export type PaymentWire = ReturnType<typeof readPayment>;

const readVatItem = recordReader({
  VAT_PERCENT: optional(readVatPercent),
  COMPLETE_NET: decimal,
  VAT_VALUE: decimal,
});

/** An invoice as `invoice.get` returns it (the fields of `InvoiceWire`). */
export const readInvoice = recordReader({
  INVOICE_ID: readVendorId,
  INVOICE_EXT_UID: text,
  STATUS: text,
  TYPE: text,
  CUSTOMER_ID: optional(readOptionalVendorId),
  CUSTOMER_NUMBER: text,
  ORGANIZATION: text,
  SALUTATION: text,
  FIRST_NAME: text,
  LAST_NAME: text,
  ADDRESS: text,
  ADDRESS_2: text,
  ZIPCODE: text,
  CITY: text,
  COUNTRY_CODE: text,
  VAT_ID: text,
  COMMENT: text,
  COMMENT_: text,
  PAYMENT_TYPE: text,
  DAYS_FOR_PAYMENT: text,
  CURRENCY_CODE: text,
  INVOICE_NUMBER: text,
  INVOICE_TITLE: text,
  INTROTEXT: text,
  NOTE: text,
  PAID_DATE: date,
  IS_CANCELED: optional(wireBoolean),
  INVOICE_DATE: date,
  DUE_DATE: optional(readBerlinDueDate),
  DELIVERY_DATE: text,
  CASH_DISCOUNT_PERCENT: decimal,
  CASH_DISCOUNT_DAYS: text,
  SUB_TOTAL: decimal,
  VAT_TOTAL: decimal,
  TOTAL: decimal,
  OUTSTANDING_AMOUNT: decimal,
  ITEMS: optional(wireList(readItem)),
  PAYMENTS: optional(wireList(readPayment)),
  VAT_ITEMS: optional(wireList(readVatItem)),
  DOCUMENT_URL: text,
  LASTUPDATE: optional(readBerlinChangeTimestamp),
  CREATED: optional(readBerlinTimestamp),
});
/** An invoice as read. */
export type InvoiceWire = ReturnType<typeof readInvoice>;

/** A customer (`customer.get`). */
export const readCustomer = recordReader({
  CUSTOMER_ID: readVendorId,
  CUSTOMER_NUMBER: text,
  CUSTOMER_EXT_UID: text,
  CUSTOMER_TYPE: text,
  ORGANIZATION: text,
  SALUTATION: text,
  FIRST_NAME: text,
  LAST_NAME: text,
  ADDRESS: text,
  ADDRESS_2: text,
  ZIPCODE: text,
  CITY: text,
  COUNTRY_CODE: text,
  PHONE: text,
  MOBILE: text,
  EMAIL: text,
  VAT_ID: text,
  BANK_NAME: text,
  BANK_IBAN: text,
  BANK_BIC: text,
  COMMENT: text,
  CREATED: optional(readBerlinTimestamp),
  LASTUPDATE: optional(readBerlinChangeTimestamp),
});
/** A customer as read. */
export type CustomerWire = ReturnType<typeof readCustomer>;

/** A payment reminder (`invoice.getreminders`). */
export const readReminder = recordReader({
  REMINDER_ID: readVendorId,
  INVOICE_ID: optional(readOptionalVendorId),
  DUNNING_LEVEL: decimal,
  DUNNING_FEE: decimal,
  DUNNING_DATE: date,
  CREATED: optional(readBerlinTimestamp),
  DAYS_FOR_PAYMENT: text,
});
/** A reminder as read. */
export type ReminderWire = ReturnType<typeof readReminder>;
