import {
  lenientBoolean,
  lenientDate,
  lenientDecimal,
  lenientList,
  lenientString,
} from '@invoicekit/core';
import { z } from 'zod';
import { optionalVendorId, vendorId } from './vendor-id';
import { vatPercent } from './vat-percent';
import { berlinChangeTimestamp, berlinDueDate, berlinTimestamp } from './vendor-values';

/** An invoice line (`ITEMS[]`, also `item.get`): strings and unrounded JSON numbers mixed. */
export const ItemWire = z.looseObject({
  INVOICE_ITEM_ID: optionalVendorId.optional(),
  INVOICE_ID: optionalVendorId.optional(),
  ARTICLE_NUMBER: lenientString.optional(),
  DESCRIPTION: lenientString.optional(),
  QUANTITY: lenientDecimal.optional(),
  UNIT: lenientString.optional(),
  UNIT_PRICE: lenientDecimal.optional(),
  VAT_PERCENT: vatPercent.optional(),
  VAT_VALUE: lenientDecimal.optional(),
  COMPLETE_NET: lenientDecimal.optional(),
  COMPLETE_GROSS: lenientDecimal.optional(),
  SORT_ORDER: lenientDecimal.optional(),
});
export type ItemWire = z.infer<typeof ItemWire>;

/**
 * A payment (`PAYMENTS[]`: PAYMENT_ID, DATE, AMOUNT, CURRENCY_CODE, NOTE, TYPE). TYPE is the method
 * as the vendor keeps it: a PAYMENT_TYPE code, a German name or classic setpaid's free text.
 */
export const PaymentWire = z.looseObject({
  PAYMENT_ID: optionalVendorId.optional(),
  DATE: lenientDate.optional(),
  AMOUNT: lenientDecimal.optional(),
  CURRENCY_CODE: lenientString.optional(),
  NOTE: lenientString.optional(),
  TYPE: lenientString.optional(),
});
export type PaymentWire = z.infer<typeof PaymentWire>;

/**
 * An invoice as `invoice.get` returns it (Monsum field list of the vendor's invoice page, classic
 * fields tolerated).
 */
export const InvoiceWire = z.looseObject({
  INVOICE_ID: vendorId,
  INVOICE_EXT_UID: lenientString.optional(),
  STATUS: lenientString.optional(),
  TYPE: lenientString.optional(),
  CUSTOMER_ID: optionalVendorId.optional(),
  CUSTOMER_NUMBER: lenientString.optional(),
  ORGANIZATION: lenientString.optional(),
  SALUTATION: lenientString.optional(),
  FIRST_NAME: lenientString.optional(),
  LAST_NAME: lenientString.optional(),
  ADDRESS: lenientString.optional(),
  ADDRESS_2: lenientString.optional(),
  ZIPCODE: lenientString.optional(),
  CITY: lenientString.optional(),
  COUNTRY_CODE: lenientString.optional(),
  VAT_ID: lenientString.optional(),
  COMMENT: lenientString.optional(),
  COMMENT_: lenientString.optional(),
  PAYMENT_TYPE: lenientString.optional(),
  DAYS_FOR_PAYMENT: lenientString.optional(),
  CURRENCY_CODE: lenientString.optional(),
  INVOICE_NUMBER: lenientString.optional(),
  INVOICE_TITLE: lenientString.optional(),
  INTROTEXT: lenientString.optional(),
  NOTE: lenientString.optional(),
  PAID_DATE: lenientDate.optional(),
  IS_CANCELED: lenientBoolean.optional(),
  INVOICE_DATE: lenientDate.optional(),
  DUE_DATE: berlinDueDate.optional(),
  DELIVERY_DATE: lenientString.optional(),
  CASH_DISCOUNT_PERCENT: lenientDecimal.optional(),
  CASH_DISCOUNT_DAYS: lenientString.optional(),
  SUB_TOTAL: lenientDecimal.optional(),
  VAT_TOTAL: lenientDecimal.optional(),
  TOTAL: lenientDecimal.optional(),
  OUTSTANDING_AMOUNT: lenientDecimal.optional(),
  ITEMS: lenientList(ItemWire).optional(),
  PAYMENTS: lenientList(PaymentWire).optional(),
  VAT_ITEMS: lenientList(
    z.looseObject({
      VAT_PERCENT: vatPercent.optional(),
      COMPLETE_NET: lenientDecimal.optional(),
      VAT_VALUE: lenientDecimal.optional(),
    }),
  ).optional(),
  DOCUMENT_URL: lenientString.optional(),
  LASTUPDATE: berlinChangeTimestamp.optional(),
  CREATED: berlinTimestamp.optional(),
});
export type InvoiceWire = z.infer<typeof InvoiceWire>;

/** A customer (`customer.get`). */
export const CustomerWire = z.looseObject({
  CUSTOMER_ID: vendorId,
  CUSTOMER_NUMBER: lenientString.optional(),
  CUSTOMER_EXT_UID: lenientString.optional(),
  CUSTOMER_TYPE: lenientString.optional(),
  ORGANIZATION: lenientString.optional(),
  SALUTATION: lenientString.optional(),
  FIRST_NAME: lenientString.optional(),
  LAST_NAME: lenientString.optional(),
  ADDRESS: lenientString.optional(),
  ADDRESS_2: lenientString.optional(),
  ZIPCODE: lenientString.optional(),
  CITY: lenientString.optional(),
  COUNTRY_CODE: lenientString.optional(),
  PHONE: lenientString.optional(),
  MOBILE: lenientString.optional(),
  EMAIL: lenientString.optional(),
  VAT_ID: lenientString.optional(),
  BANK_NAME: lenientString.optional(),
  BANK_IBAN: lenientString.optional(),
  BANK_BIC: lenientString.optional(),
  COMMENT: lenientString.optional(),
  CREATED: berlinTimestamp.optional(),
  LASTUPDATE: berlinChangeTimestamp.optional(),
});
export type CustomerWire = z.infer<typeof CustomerWire>;

/** A payment reminder (`invoice.getreminders`). */
export const ReminderWire = z.looseObject({
  REMINDER_ID: vendorId,
  INVOICE_ID: optionalVendorId.optional(),
  DUNNING_LEVEL: lenientDecimal.optional(),
  DUNNING_FEE: lenientDecimal.optional(),
  DUNNING_DATE: lenientDate.optional(),
  CREATED: berlinTimestamp.optional(),
  DAYS_FOR_PAYMENT: lenientString.optional(),
});
export type ReminderWire = z.infer<typeof ReminderWire>;
