import {
  formatMinimal,
  readVendorRecord,
  Decimal,
  formatFixed,
  isCurrencyCode,
  currencyExponent,
  reconcileStatus,
  taxBreakdownOf,
  toCountryCode,
  toDecimal,
  type Address,
  type Customer,
  type Invoice,
  type Line,
  type Reminder,
  type TaxRate,
} from '@invoicekit/core';
import type { z } from 'zod';
import { BILLOMAT_STYLE } from '../provider-id';
import { CustomerWire, InvoiceWire, ReminderWire, type ItemWire } from '../wire/invoice';
import { deliveryDateOf } from './delivery-date';

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
import { rawStatus, toCanonicalStatus } from './status';

function read<S extends z.ZodType>(schema: S, raw: unknown, what: string): z.output<S> {
  return readVendorRecord(schema, raw, { provider: BILLOMAT_STYLE, what });
}

/**
 * The vendor keeps full precision (`9.656557379`); canonical amounts are rounded half-up to the
 * currency. Net and gross are each rounded from the vendor's values and the tax is their
 * difference, so the gross total — what the customer pays — is always the vendor's, to the cent.
 */
function money(value: string | null | undefined, currency: string): string {
  const places = isCurrencyCode(currency) ? currencyExponent(currency) : 2;
  return formatFixed(toDecimal(value ?? '0'), places);
}

function taxRateOf(percent: string | null | undefined): TaxRate {
  return { kind: 'percent', value: percent ? formatMinimal(percent) : '0' };
}

/**
 * Items carry no price kind; an invoice written with `IS_GROSS` has gross unit prices. Whichever
 * of net and gross quantity × unit price makes is the kind.
 */
function priceKindOf(
  item: ItemWire,
  net: string,
  gross: string,
  currency: string,
): 'net' | 'gross' {
  if (net === gross || item.UNIT_PRICE === null || item.UNIT_PRICE === undefined) return 'net';
  const extended = money(
    toDecimal(item.UNIT_PRICE)
      .times(toDecimal(item.QUANTITY ?? '1'))
      .toString(),
    currency,
  );
  return extended === gross && extended !== net ? 'gross' : 'net';
}

function toLine(item: ItemWire, currency: string): Line {
  const net = money(item.COMPLETE_NET, currency);
  const gross =
    item.COMPLETE_GROSS !== null && item.COMPLETE_GROSS !== undefined
      ? money(item.COMPLETE_GROSS, currency)
      : money(
          toDecimal(item.COMPLETE_NET ?? '0')
            .plus(toDecimal(item.VAT_VALUE ?? '0'))
            .toString(),
          currency,
        );
  return {
    id: item.INVOICE_ITEM_ID ?? null,
    description: item.DESCRIPTION ?? '',
    sku: item.ARTICLE_NUMBER ?? null,
    productId: null,
    quantity: item.QUANTITY ?? '1',
    unit: item.UNIT ?? null,
    unitPrice: item.UNIT_PRICE ?? '0',
    unitPriceKind: priceKindOf(item, net, gross, currency),
    taxRate: taxRateOf(item.VAT_PERCENT),
    discount: null,
    totals: {
      net,
      tax: formatFixed(
        toDecimal(gross).minus(toDecimal(net)),
        isCurrencyCode(currency) ? currencyExponent(currency) : 2,
      ),
      gross,
      discount: money('0', currency),
    },
  };
}

/** The postal address of an invoice's buyer or a customer: both carry the same tags. */
function addressOf(wire: {
  ADDRESS?: string | null | undefined;
  ADDRESS_2?: string | null | undefined;
  CITY?: string | null | undefined;
  ZIPCODE?: string | null | undefined;
  COUNTRY_CODE?: string | null | undefined;
}): Address {
  return {
    street: [wire.ADDRESS, wire.ADDRESS_2].filter(Boolean).join(', ') || null,
    city: wire.CITY || null,
    postalCode: wire.ZIPCODE || null,
    region: null,
    country: toCountryCode(wire.COUNTRY_CODE),
  };
}

/** A method-style invoice → canonical; the vendor object stays in `raw`. */
export function toCanonicalInvoice(raw: unknown, context: { today: string }): Invoice {
  const wire = read(InvoiceWire, raw, 'invoice');
  const currency = (wire.CURRENCY_CODE ?? 'EUR').toUpperCase();
  const lines = (wire.ITEMS ?? []).map((item) => toLine(item, currency));
  const places = isCurrencyCode(currency) ? currencyExponent(currency) : 2;
  const gross = toDecimal(money(wire.TOTAL, currency));
  const net = toDecimal(money(wire.SUB_TOTAL, currency));
  const paidDate = wire.PAID_DATE ?? null;
  // Monsum says what is left to pay; without it, a paid date means everything was paid.
  const outstanding = wire.OUTSTANDING_AMOUNT ?? (paidDate ? '0' : null);
  // A canceled invoice owes nothing, and nothing was paid on it unless it carries a paid date.
  // A draft owes nothing yet and nothing was paid on it: its total is simply due once issued.
  const isDraft = wire.TYPE === 'draft';
  const canceledUnpaid = wire.IS_CANCELED === true && !paidDate;
  const due = isDraft
    ? gross
    : canceledUnpaid
      ? toDecimal('0')
      : outstanding !== null
        ? toDecimal(money(outstanding, currency))
        : gross;
  const paid = canceledUnpaid ? toDecimal('0') : Decimal.max(gross.minus(due), 0);
  const totals = {
    net: formatFixed(net, places),
    tax: formatFixed(gross.minus(net), places),
    gross: formatFixed(gross, places),
    paid: formatFixed(paid, places),
    due: formatFixed(due, places),
  };
  const facts = {
    type: wire.TYPE,
    isCanceled: wire.IS_CANCELED,
    paidDate,
    // Compared to the cent: the unrounded TOTAL (9.653399) against "9,65" is not a part payment.
    outstanding:
      wire.OUTSTANDING_AMOUNT === null || wire.OUTSTANDING_AMOUNT === undefined
        ? wire.OUTSTANDING_AMOUNT
        : money(wire.OUTSTANDING_AMOUNT, currency),
    total: totals.gross,
  };
  const dueDate = wire.DUE_DATE ?? null;
  const name = wire.ORGANIZATION || [wire.FIRST_NAME, wire.LAST_NAME].filter(Boolean).join(' ');
  return {
    id: wire.INVOICE_ID ?? '',
    provider: BILLOMAT_STYLE,
    number: wire.INVOICE_NUMBER || null,
    type: wire.TYPE === 'credit' ? 'credit_note' : 'invoice',
    status: {
      canonical: reconcileStatus(toCanonicalStatus(facts), {
        totals,
        dueDate,
        today: context.today,
      }),
      raw: rawStatus(wire.STATUS, facts),
    },
    currency,
    issueDate: wire.INVOICE_DATE ?? null,
    serviceDate: deliveryDateOf(wire.DELIVERY_DATE),
    dueDate,
    paidDate,
    customer: {
      id: wire.CUSTOMER_ID ?? null,
      snapshot: name
        ? {
            kind: wire.ORGANIZATION ? 'company' : 'person',
            name,
            firstName: wire.FIRST_NAME || null,
            lastName: wire.LAST_NAME || null,
            taxId: wire.VAT_ID || null,
            email: null,
            phone: null,
            address: addressOf(wire),
          }
        : null,
    },
    seller: null,
    lines,
    totals,
    taxBreakdown: isCurrencyCode(currency)
      ? taxBreakdownOf(lines, { currency, strategy: { line: 'net_first', document: 'sum_lines' } })
      : [],
    notes: wire.INTROTEXT || wire.COMMENT || wire.COMMENT_ || null,
    externalId: wire.INVOICE_EXT_UID || null,
    orderId: null,
    relatedInvoiceId: null,
    language: null,
    createdAt: wire.CREATED ?? null,
    updatedAt: wire.LASTUPDATE ?? null,
    raw,
  };
}

/** A method-style customer → canonical. */
export function toCanonicalCustomer(raw: unknown): Customer {
  const wire = read(CustomerWire, raw, 'customer');
  const isPerson = wire.CUSTOMER_TYPE === 'consumer';
  const personName = [wire.FIRST_NAME, wire.LAST_NAME].filter(Boolean).join(' ');
  const hasAddress = Boolean(wire.ADDRESS || wire.CITY || wire.ZIPCODE || wire.COUNTRY_CODE);
  return {
    id: wire.CUSTOMER_ID ?? '',
    provider: BILLOMAT_STYLE,
    kind: isPerson ? 'person' : 'company',
    name: (isPerson ? personName : wire.ORGANIZATION) || personName || wire.ORGANIZATION || '',
    firstName: wire.FIRST_NAME || null,
    lastName: wire.LAST_NAME || null,
    taxId: wire.VAT_ID || null,
    email: wire.EMAIL || null,
    phone: wire.PHONE || wire.MOBILE || null,
    address: hasAddress ? addressOf(wire) : null,
    bank:
      wire.BANK_IBAN || wire.BANK_NAME
        ? {
            bankName: wire.BANK_NAME || null,
            iban: wire.BANK_IBAN || null,
            bic: wire.BANK_BIC || null,
          }
        : null,
    customerNumber: wire.CUSTOMER_NUMBER || null,
    externalId: wire.CUSTOMER_EXT_UID || null,
    notes: wire.COMMENT || null,
    createdAt: wire.CREATED ?? null,
    updatedAt: wire.LASTUPDATE ?? null,
    raw,
  };
}

/** A payment reminder → canonical. */
export function toCanonicalReminder(raw: unknown, currency: string): Reminder {
  const wire = read(ReminderWire, raw, 'reminder');
  const level = wire.DUNNING_LEVEL ? Number.parseInt(wire.DUNNING_LEVEL, 10) : null;
  return {
    id: wire.REMINDER_ID ?? '',
    provider: BILLOMAT_STYLE,
    invoiceId: wire.INVOICE_ID ?? '',
    level: level !== null && level > 0 ? level : null,
    // DUNNING_DATE is the reminder's date; it asks for payment within DAYS_FOR_PAYMENT days.
    sentAt: wire.CREATED ?? (wire.DUNNING_DATE ? `${wire.DUNNING_DATE}T00:00:00Z` : null),
    dueDate:
      wire.DUNNING_DATE && wire.DAYS_FOR_PAYMENT && /^\d+$/.test(wire.DAYS_FOR_PAYMENT)
        ? addDays(wire.DUNNING_DATE, Number(wire.DAYS_FOR_PAYMENT))
        : null,
    fee: wire.DUNNING_FEE ? money(wire.DUNNING_FEE, currency) : null,
    raw,
  };
}
