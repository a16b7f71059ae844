import { lenientId } from '@invoicekit/core';
import { z } from 'zod';

/**
 * The vendor's ids (`INVOICE_ID`, `CUSTOMER_ID`, `INVOICE_ITEM_ID` …) are integers, sent as JSON
 * numbers or strings of digits (docs/vendors/method-style.md §10.1). An id in any other form did
 * not come from the vendor's database and is never sent back to it.
 */
export const VENDOR_ID = /^\d{1,20}$/;

/** A vendor id the record cannot do without: digits, never empty. */
export const vendorId = lenientId.transform((value, ctx): string => {
  if (value !== null && VENDOR_ID.test(value)) return value;
  ctx.addIssue({
    code: 'custom',
    message:
      value === null
        ? 'missing'
        : `not a vendor id (digits): a string of ${value.length} characters`,
  });
  return z.NEVER;
});

/** A vendor id that may be absent (`null`); when present, digits. */
export const optionalVendorId = lenientId.transform((value, ctx): string | null => {
  if (value === null || VENDOR_ID.test(value)) return value;
  ctx.addIssue({
    code: 'custom',
    message: `not a vendor id (digits): a string of ${value.length} characters`,
  });
  return z.NEVER;
});
