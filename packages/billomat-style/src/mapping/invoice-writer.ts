import {
  formatMinimal,
  UnsupportedOperationError,
  ValidationError,
  toDecimal,
  type AdapterWarning,
  type ParsedCustomerCreateInput,
  type ParsedCustomerUpdateInput,
  type ParsedInvoiceCreateInput,
  type ParsedInvoiceUpdateInput,
  type ParsedLineInput,
} from '@invoicekit/core';
import type { BillomatStyleInvoiceOptions } from '../provider-options';
import { BILLOMAT_STYLE } from '../provider-id';
import { VAT_PERCENT_RULE, isVatPercent } from '../wire/vat-percent';
import { toDeliveryDateText } from './delivery-date';

/** Invoice DATA for `invoice.create` / `invoice.update`, without `CUSTOMER_ID` / `INVOICE_ID`. */
export type InvoiceData = Record<string, unknown> & { ITEMS?: Record<string, unknown>[] };

/**
 * The unit price after the line's discount: the vendor's items carry no discount. Written with
 * `formatMinimal`, never `toString()`: decimal.js switches to exponent notation for very small and
 * very large values (`1e-41`), which the vendor would misread.
 */
function discountedUnitPrice(line: ParsedLineInput): string {
  const price = toDecimal(line.unitPrice);
  if (!line.discount) return formatMinimal(price);
  const value = toDecimal(line.discount.value);
  if (line.discount.kind === 'percent')
    return formatMinimal(price.times(toDecimal('100').minus(value)).dividedBy('100'));
  const quantity = toDecimal(line.quantity);
  // Spread over the quantity; the vendor keeps unit prices to (at least) 8 places.
  return quantity.isZero()
    ? formatMinimal(price)
    : formatMinimal(price.minus(value.dividedBy(quantity)).toDecimalPlaces(8));
}

/**
 * A line's percentage as VAT_PERCENT: plain digits, 0 to 100, at most 4 decimals. The core's
 * input schema refuses anything else; this is checked again because the mapper is public and a
 * wrong rate must never reach the vendor's books.
 */
function vatPercentOf(value: string, path: string): string {
  if (!isVatPercent(value))
    throw new ValidationError({
      provider: BILLOMAT_STYLE,
      issues: [{ path, message: `must be ${VAT_PERCENT_RULE}` }],
    });
  return formatMinimal(value);
}

function toItem(
  line: ParsedLineInput,
  index: number,
  warnings: AdapterWarning[],
): Record<string, unknown> {
  const path = `lines.${index}`;
  let vatPercent = '0';
  if (line.taxRate.kind === 'percent')
    vatPercent = vatPercentOf(line.taxRate.value, `${path}.taxRate`);
  else
    warnings.push({
      type: 'approximated',
      path: `${path}.taxRate`,
      reason: `the vendor has only VAT percentages; "${line.taxRate.kind}" is sent as 0 % (set VAT_CASE in providerOptions for the legal wording)`,
    });
  if (line.discount)
    warnings.push({
      type: 'approximated',
      path: `${path}.discount`,
      reason: 'the vendor has no line discounts; the discount is folded into the unit price',
    });
  if (line.productId !== undefined)
    warnings.push({
      type: 'unsupported_field',
      path: `${path}.productId`,
      reason: 'items name an article by ARTICLE_NUMBER (sku), not by id',
    });
  return {
    DESCRIPTION: line.description,
    ...(line.sku !== undefined ? { ARTICLE_NUMBER: line.sku } : {}),
    QUANTITY: line.quantity,
    ...(line.unit !== undefined ? { UNIT: line.unit } : {}),
    UNIT_PRICE: discountedUnitPrice(line),
    VAT_PERCENT: vatPercent,
    SORT_ORDER: index + 1,
  };
}

/** One invoice is priced either net or gross (`IS_GROSS`), never both. */
function grossFlag(lines: readonly ParsedLineInput[]): 0 | 1 {
  const kinds = new Set(lines.map((line) => line.unitPriceKind));
  if (kinds.size > 1) {
    throw new ValidationError({
      provider: BILLOMAT_STYLE,
      message: 'the vendor prices a whole invoice net or gross (IS_GROSS), not line by line',
      issues: lines.flatMap((line, index) =>
        line.unitPriceKind === lines[0]?.unitPriceKind
          ? []
          : [
              {
                path: `lines.${index}.unitPriceKind`,
                message: `differs from line 0 (${lines[0]?.unitPriceKind ?? 'net'})`,
              },
            ],
      ),
    });
  }
  return kinds.has('gross') ? 1 : 0;
}

/**
 * A canonical invoice write → method-style DATA, with warnings for what the vendor cannot hold.
 * The vendor's own fields come from `providerOptions['billomat-style']`. Only invoices can be
 * written: a create always makes a draft of an outgoing invoice.
 */
export function fromCanonicalInvoice(
  input: ParsedInvoiceCreateInput | ParsedInvoiceUpdateInput,
  options: BillomatStyleInvoiceOptions | undefined,
  mode: 'create' | 'update',
): { data: InvoiceData; warnings: AdapterWarning[] } {
  const operation = `invoices.${mode}`;
  if (input.type !== undefined && input.type !== 'invoice') {
    throw new UnsupportedOperationError({
      provider: BILLOMAT_STYLE,
      operation,
      issues: [
        { path: 'type', message: `the vendor's API creates invoices only, not ${input.type}` },
      ],
      message: `${operation}: the vendor's API creates invoices only, not ${input.type}`,
    });
  }
  const warnings: AdapterWarning[] = [];
  const unsupported = (path: string, reason: string): void => {
    warnings.push({ type: 'unsupported_field', path, reason });
  };
  if (input.seller !== undefined)
    unsupported('seller', 'the seller is the account itself, set in the vendor settings');
  if (input.dueDate !== undefined)
    unsupported('dueDate', "the due date follows from the customer's DAYS_FOR_PAYMENT");
  if (input.orderId !== undefined) unsupported('orderId', 'invoices have no order reference');
  if (input.language !== undefined)
    unsupported('language', 'the language comes from the invoice template (TEMPLATE_ID)');
  if (input.relatedInvoiceId !== undefined)
    unsupported('relatedInvoiceId', 'invoices cannot reference another invoice');
  if (input.customer?.snapshot !== undefined && input.customer.id !== undefined)
    unsupported(
      'customer.snapshot',
      'the vendor copies the buyer from the customer record; update the customer instead',
    );
  if (mode === 'update' && input.customer !== undefined)
    unsupported('customer', 'a draft cannot be moved to another customer');

  const data: InvoiceData = {
    ...(input.externalId !== undefined ? { INVOICE_EXT_UID: input.externalId } : {}),
    ...(input.currency !== undefined ? { CURRENCY_CODE: input.currency } : {}),
    ...(input.issueDate !== undefined ? { INVOICE_DATE: input.issueDate } : {}),
    ...(input.serviceDate !== undefined
      ? { DELIVERY_DATE: toDeliveryDateText(input.serviceDate) }
      : {}),
    ...(input.notes !== undefined ? { INTROTEXT: input.notes } : {}),
    ...(options
      ? Object.fromEntries(
          Object.entries(options)
            .filter(([, value]) => value !== undefined)
            .map(([tag, value]) => [tag, typeof value === 'boolean' ? (value ? 1 : 0) : value]),
        )
      : {}),
  };
  if (input.lines !== undefined) {
    data.IS_GROSS = grossFlag(input.lines);
    data.ITEMS = input.lines.map((line, index) => toItem(line, index, warnings));
    // The lines given replace the draft's lines, as the canonical model means.
    if (mode === 'update') data.DELETE_EXISTING_ITEMS = 1;
  }
  return { data, warnings };
}

/**
 * A consumer's FIRST_NAME / LAST_NAME, so that they read back as the canonical `name`: the first
 * name is taken off the front of the name, and a name given alone clears the first name.
 */
function personNames(input: {
  name?: string | undefined;
  firstName?: string | undefined;
  lastName?: string | undefined;
}): { FIRST_NAME?: string; LAST_NAME?: string } {
  if (input.lastName !== undefined || input.name === undefined)
    return { FIRST_NAME: input.firstName, LAST_NAME: input.lastName } as {
      FIRST_NAME?: string;
      LAST_NAME?: string;
    };
  if (input.firstName === undefined) return { FIRST_NAME: '', LAST_NAME: input.name };
  const prefix = `${input.firstName} `;
  return {
    FIRST_NAME: input.firstName,
    LAST_NAME: input.name.startsWith(prefix) ? input.name.slice(prefix.length) : input.name,
  };
}

/**
 * A canonical customer write → method-style customer DATA, with warnings. A company is its
 * ORGANIZATION; a person needs a LAST_NAME, taken from `lastName` or else the whole name. On an
 * update without `kind`, `currentKind` (read from the vendor) says where the name goes.
 */
export function fromCanonicalCustomer(
  input: ParsedCustomerCreateInput | ParsedCustomerUpdateInput,
  currentKind?: 'company' | 'person',
): {
  data: Record<string, string>;
  warnings: AdapterWarning[];
} {
  const warnings: AdapterWarning[] = [];
  if (input.address?.region !== undefined)
    warnings.push({
      type: 'unsupported_field',
      path: 'address.region',
      reason: 'customer addresses have no region',
    });
  const kind = input.kind ?? currentKind ?? 'company';
  const isPerson = kind === 'person';
  const data: Record<string, string | undefined> = {
    CUSTOMER_TYPE: input.kind === undefined ? undefined : isPerson ? 'consumer' : 'business',
    ORGANIZATION: isPerson ? undefined : input.name,
    ...(isPerson ? personNames(input) : { FIRST_NAME: input.firstName, LAST_NAME: input.lastName }),
    VAT_ID: input.taxId,
    EMAIL: input.email,
    PHONE: input.phone,
    ADDRESS: input.address?.street,
    CITY: input.address?.city,
    ZIPCODE: input.address?.postalCode,
    COUNTRY_CODE: input.address?.country,
    BANK_NAME: input.bank?.bankName,
    BANK_IBAN: input.bank?.iban,
    BANK_BIC: input.bank?.bic,
    CUSTOMER_NUMBER: input.customerNumber,
    CUSTOMER_EXT_UID: input.externalId,
    COMMENT: input.notes,
  };
  return {
    data: Object.fromEntries(
      Object.entries(data).filter((entry): entry is [string, string] => entry[1] !== undefined),
    ),
    warnings,
  };
}
