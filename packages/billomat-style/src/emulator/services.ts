import { toDecimal } from '@invoicekit/core';
import {
  newStoredInvoice,
  type MethodStyleState,
  type StoredInvoice,
  type StoredItem,
  type StoredPayment,
} from './state';
import { newPayment } from './payments';
import { dueDateOf, outstandingOf, renderInvoice, renderItem, sortedItems } from './render';
import { incomingDecimal, incomingList } from './values';

/** What a service handler gets. */
export interface ServiceCall {
  readonly filter: Record<string, unknown>;
  readonly data: Record<string, unknown>;
  readonly limit: number | undefined;
  readonly offset: number | undefined;
  readonly state: MethodStyleState;
  readonly today: string;
  readonly now: string;
  readonly baseUrl: string;
}

/** A service answers with RESPONSE fields, or with error strings (delivered inside HTTP 200). */
export type ServiceResult =
  { readonly response: Record<string, unknown> } | { readonly errors: string[] };

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 100;

const fieldError = (...fields: string[]): ServiceResult => ({
  errors: fields.map((field) => `missing / invalid field: ${field}`),
});
const invoiceError = (message: string): ServiceResult => ({
  errors: [`Invoice Error: ${message}`],
});
const success = (fields: Record<string, unknown> = {}): ServiceResult => ({
  response: { STATUS: 'success', ...fields },
});

function page<T>(rows: readonly T[], call: ServiceCall): T[] {
  const limit = Math.min(MAX_LIMIT, Math.max(1, call.limit ?? DEFAULT_LIMIT));
  const offset = Math.max(0, call.offset ?? 0);
  return rows.slice(offset, offset + limit);
}

function idList(value: unknown): number[] {
  if (value === undefined || value === null || value === '') return [];
  return (Array.isArray(value) ? value : [value]).map(Number).filter((id) => Number.isFinite(id));
}

/**
 * The ITEMS of invoice.create / invoice.update. A line is priced by UNIT_PRICE or, without one, by
 * its COMPLETE_GROSS (the vendor's invoice page). On update, an item naming an INVOICE_ITEM_ID of
 * the draft replaces that line in place (`existing`); on create the vendor assigns the ids, so a
 * sent one is ignored.
 */
function readItems(
  call: ServiceCall,
  raw: unknown,
  from: number,
  isGross: boolean,
  existing?: readonly StoredItem[],
): { items: StoredItem[]; replaced: Map<number, StoredItem> } | ServiceResult {
  const items: StoredItem[] = [];
  const replaced = new Map<number, StoredItem>();
  const missing = new Set<string>();
  incomingList(raw).forEach((entry, index) => {
    const unitPrice = incomingDecimal(entry.UNIT_PRICE);
    const gross =
      unitPrice === undefined && entry.COMPLETE_GROSS !== undefined
        ? incomingDecimal(entry.COMPLETE_GROSS)
        : undefined;
    const vat = incomingDecimal(entry.VAT_PERCENT);
    const quantity = entry.QUANTITY === undefined ? '1' : incomingDecimal(entry.QUANTITY);
    if (!entry.DESCRIPTION && !entry.ARTICLE_NUMBER) missing.add('DESCRIPTION');
    if (unitPrice === undefined && gross === undefined) missing.add('UNIT_PRICE');
    if (vat === undefined) missing.add('VAT_PERCENT');
    if (quantity === undefined || (gross !== undefined && toDecimal(quantity).isZero()))
      missing.add('QUANTITY');
    const target =
      existing && entry.INVOICE_ITEM_ID !== undefined && entry.INVOICE_ITEM_ID !== null
        ? existing.find((item) => item.id === Number(entry.INVOICE_ITEM_ID))
        : undefined;
    if (
      existing &&
      entry.INVOICE_ITEM_ID !== undefined &&
      entry.INVOICE_ITEM_ID !== null &&
      !target
    )
      missing.add('INVOICE_ITEM_ID');
    if (missing.size > 0) return;
    const rate = toDecimal(vat ?? '0').dividedBy(100);
    const derived =
      gross === undefined
        ? undefined
        : toDecimal(gross)
            .dividedBy(isGross ? 1 : rate.plus(1))
            .dividedBy(toDecimal(quantity ?? '1'))
            .toString();
    const item: StoredItem = {
      id: target?.id ?? call.state.itemIds.next++,
      articleNumber: String(entry.ARTICLE_NUMBER ?? ''),
      description: String(entry.DESCRIPTION ?? ''),
      quantity: quantity ?? '1',
      unit: String(entry.UNIT ?? ''),
      unitPrice: unitPrice ?? derived ?? '0',
      vatPercent: vat ?? '0',
      sortOrder: Number(entry.SORT_ORDER ?? target?.sortOrder ?? from + index + 1),
      ...(gross === undefined ? {} : { completeGross: gross }),
    };
    if (target) replaced.set(target.id, item);
    else items.push(item);
  });
  return missing.size > 0 ? fieldError(...missing) : { items, replaced };
}

/** A 0/1 flag (or absent). */
function flagValid(value: unknown): boolean {
  return value === undefined || value === null || ['0', '1'].includes(String(value));
}

function invoiceOf(call: ServiceCall, source: Record<string, unknown>): StoredInvoice | undefined {
  return call.state.invoices.get(Number(source.INVOICE_ID));
}

function header(data: Record<string, unknown>): Partial<StoredInvoice> {
  const text = (key: string): string | undefined =>
    data[key] === undefined || data[key] === null ? undefined : String(data[key]);
  return Object.fromEntries(
    Object.entries({
      extUid: text('INVOICE_EXT_UID'),
      currency: text('CURRENCY_CODE'),
      invoiceDate: text('INVOICE_DATE'),
      deliveryDate: text('DELIVERY_DATE'),
      introtext: text('INTROTEXT'),
      title: text('INVOICE_TITLE'),
      templateId: text('TEMPLATE_ID'),
      cashDiscountPercent: text('CASH_DISCOUNT_PERCENT'),
      cashDiscountDays: text('CASH_DISCOUNT_DAYS'),
      isGross: data.IS_GROSS === undefined ? undefined : String(data.IS_GROSS) === '1',
      euDelivery: data.EU_DELIVERY === undefined ? undefined : String(data.EU_DELIVERY) === '1',
    }).filter(([, value]) => value !== undefined),
  ) as Partial<StoredInvoice>;
}

/**
 * The classic FILTER `STATE` of an invoice (FBA v1.8: `unpaid | paid | overdue`): paid once it has
 * a PAID_DATE, overdue when unpaid past its due date; drafts and canceled invoices have none.
 */
function stateOf(invoice: StoredInvoice, due: string, today: string): string | undefined {
  if (invoice.type === 'draft' || invoice.isCanceled) return undefined;
  if (invoice.paidDate) return 'paid';
  return due < today ? 'overdue' : 'unpaid';
}

/** The payment record of what an invoice still owes, as setpaid and capture make it. */
function remainderPaid(
  call: ServiceCall,
  invoice: StoredInvoice,
  date: string,
  type: string,
): StoredPayment {
  return newPayment(call.state, {
    date,
    amount: outstandingOf(invoice).toString(),
    currency: invoice.currency,
    note: '',
    type,
  });
}

const invoiceServices: Record<string, (call: ServiceCall) => ServiceResult> = {
  'invoice.get': (call) => {
    const { filter } = call;
    const ids = idList(filter.INVOICE_ID);
    // By id: looked up, not scanned (ids grow with insertion, so ascending ids keep the book's
    // order); otherwise the book in order. Due dates are computed only for a filter that reads them.
    const candidates =
      ids.length > 0
        ? [...new Set(ids)].sort((a, b) => a - b).flatMap((id) => call.state.invoices.get(id) ?? [])
        : call.state.invoices.all();
    const readsDue = Boolean(filter.START_DUE_DATE || filter.END_DUE_DATE || filter.STATE);
    const filtered =
      filter.INVOICE_NUMBER ||
      filter.INVOICE_TITLE ||
      filter.CUSTOMER_ID ||
      filter.TYPE ||
      filter.YEAR ||
      filter.MONTH ||
      readsDue;
    const rows = !filtered
      ? candidates
      : candidates.filter((invoice) => {
          if (filter.INVOICE_NUMBER && invoice.number !== String(filter.INVOICE_NUMBER))
            return false;
          if (filter.INVOICE_TITLE && invoice.title !== String(filter.INVOICE_TITLE)) return false;
          if (filter.CUSTOMER_ID && invoice.customerId !== Number(filter.CUSTOMER_ID)) return false;
          if (filter.TYPE && invoice.type !== String(filter.TYPE)) return false;
          if (filter.YEAR && !invoice.invoiceDate.startsWith(String(filter.YEAR))) return false;
          if (
            filter.MONTH &&
            invoice.invoiceDate.slice(5, 7) !== String(filter.MONTH).padStart(2, '0')
          )
            return false;
          if (!readsDue) return true;
          const due = dueDateOf(invoice, call.state);
          if (filter.START_DUE_DATE && due < String(filter.START_DUE_DATE)) return false;
          if (filter.END_DUE_DATE && due > String(filter.END_DUE_DATE)) return false;
          if (filter.STATE && stateOf(invoice, due, call.today) !== String(filter.STATE)) {
            // FBA v1.8: `unpaid` includes the overdue ones.
            if (!(filter.STATE === 'unpaid' && stateOf(invoice, due, call.today) === 'overdue'))
              return false;
          }
          return true;
        });
    return {
      response: {
        INVOICES: page(rows, call).map((invoice) =>
          renderInvoice(invoice, call.state, call.baseUrl),
        ),
      },
    };
  },

  'invoice.create': (call) => {
    const { data } = call;
    if (!data.CUSTOMER_ID || !call.state.customers.get(Number(data.CUSTOMER_ID)))
      return fieldError('CUSTOMER_ID');
    if (!flagValid(data.EU_DELIVERY)) return fieldError('EU_DELIVERY');
    const fields = header(data);
    const read = readItems(call, data.ITEMS, 0, fields.isGross ?? false);
    if (!('items' in read)) return read;
    const { items } = read;
    const created = call.state.invoices.insert(
      newStoredInvoice(
        {
          type: 'draft',
          customerId: Number(data.CUSTOMER_ID),
          invoiceDate: call.today,
          ...fields,
          items,
          number: '',
          status: 'draft',
        },
        call.now,
      ),
    );
    // create answers with an integer id (the 2013 recording)
    return success({ INVOICE_ID: created.id });
  },

  'invoice.update': (call) => {
    const invoice = invoiceOf(call, call.data);
    if (!invoice) return fieldError('INVOICE_ID');
    if (invoice.type !== 'draft') return invoiceError('No draft invoice chosen.');
    if (!flagValid(call.data.EU_DELIVERY)) return fieldError('EU_DELIVERY');
    const fields = header(call.data);
    const replace = String(call.data.DELETE_EXISTING_ITEMS ?? '0') === '1';
    let items = replace ? [] : invoice.items;
    if (call.data.ITEMS !== undefined) {
      const read = readItems(
        call,
        call.data.ITEMS,
        items.length,
        fields.isGross ?? invoice.isGross,
        items,
      );
      if (!('items' in read)) return read;
      items = [...items.map((item) => read.replaced.get(item.id) ?? item), ...read.items];
    }
    call.state.invoices.update(invoice.id, { ...fields, items, updated: call.now });
    return success();
  },

  'invoice.delete': (call) => {
    const invoice = invoiceOf(call, call.data);
    if (!invoice) return fieldError('INVOICE_ID');
    if (invoice.type !== 'draft') return invoiceError('No draft invoice chosen.');
    call.state.invoices.delete(invoice.id);
    return success();
  },

  'invoice.complete': (call) => {
    const invoice = invoiceOf(call, call.data);
    if (!invoice) return fieldError('INVOICE_ID');
    if (invoice.type !== 'draft') return invoiceError('No draft invoice chosen.');
    const number = String(call.state.numbers.next++);
    call.state.invoices.update(invoice.id, {
      type: 'outgoing',
      number,
      status: 'open',
      updated: call.now,
    });
    return success({ INVOICE_NUMBER: number, INVOICE_ID: String(invoice.id) });
  },

  'invoice.cancel': (call) => {
    const invoice = invoiceOf(call, call.data);
    if (!invoice) return fieldError('INVOICE_ID');
    if (invoice.type === 'draft') return invoiceError('No completed invoice chosen.');
    if (invoice.isCanceled) return invoiceError('Invoice is already canceled.');
    if (call.data.CANCELLATION_AMOUNT !== undefined) {
      // Partial cancellation (Storno): DESCRIPTION becomes mandatory (the vendor's invoice page).
      const amount = incomingDecimal(call.data.CANCELLATION_AMOUNT);
      if (!call.data.DESCRIPTION) return fieldError('DESCRIPTION');
      if (
        amount === undefined ||
        toDecimal(amount).lessThanOrEqualTo(0) ||
        toDecimal(amount).greaterThan(outstandingOf(invoice))
      ) {
        return fieldError('CANCELLATION_AMOUNT');
      }
      call.state.invoices.update(invoice.id, {
        canceledAmount: toDecimal(invoice.canceledAmount).plus(toDecimal(amount)).toString(),
        updated: call.now,
      });
      return success({ INVOICE_ID: String(invoice.id) });
    }
    call.state.invoices.update(invoice.id, {
      isCanceled: true,
      status: 'canceled',
      updated: call.now,
    });
    return success({ INVOICE_ID: String(invoice.id) });
  },

  'invoice.sign': (call) => {
    const invoice = invoiceOf(call, call.data);
    if (!invoice) return fieldError('INVOICE_ID');
    if (invoice.type === 'draft') return invoiceError('No completed invoice chosen.');
    return success({ REMAINING_CREDITS: String(call.state.credits.remaining) });
  },

  'invoice.sendbyemail': (call) => {
    const invoice = invoiceOf(call, call.data);
    if (!invoice) return fieldError('INVOICE_ID');
    const recipient = (call.data.RECIPIENT ?? {}) as Record<string, unknown>;
    const missing = [
      !recipient.TO ? 'RECIPIENT' : null,
      !call.data.SUBJECT ? 'SUBJECT' : null,
      !call.data.MESSAGE ? 'MESSAGE' : null,
    ].filter((field): field is string => field !== null);
    if (missing.length > 0) return fieldError(...missing);
    if (invoice.type === 'draft') return invoiceError('No completed invoice chosen.');
    call.state.invoices.update(invoice.id, {
      sentByEmail: invoice.sentByEmail + 1,
      updated: call.now,
    });
    return success();
  },

  'invoice.sendbypost': (call) => {
    const invoice = invoiceOf(call, call.data);
    if (!invoice) return fieldError('INVOICE_ID');
    if (invoice.type === 'draft') return invoiceError('No completed invoice chosen.');
    if (call.state.credits.remaining <= 0) return invoiceError('Not enough credits.');
    call.state.credits.remaining -= 1;
    call.state.invoices.update(invoice.id, {
      sentByPost: invoice.sentByPost + 1,
      updated: call.now,
    });
    return success({ REMAINING_CREDITS: String(call.state.credits.remaining) });
  },

  'invoice.capture': (call) => {
    const invoice = invoiceOf(call, call.data);
    if (!invoice) return fieldError('INVOICE_ID');
    if (invoice.type === 'draft' || invoice.isCanceled)
      return invoiceError('No completed invoice chosen.');
    if (invoice.paidDate)
      return invoiceError('Invoice could not be captured. Maybe it is paid already?');
    // Collected through the payment provider, by the customer's own payment type.
    const type = call.state.customers.get(invoice.customerId)?.fields.PAYMENT_TYPE;
    call.state.invoices.update(invoice.id, {
      paidDate: call.today,
      payments: [
        ...invoice.payments,
        remainderPaid(call, invoice, call.today, type === undefined ? '' : String(type)),
      ],
      status: 'paid',
      updated: call.now,
    });
    return success();
  },

  'invoice.setpaid': (call) => {
    const invoice = invoiceOf(call, call.data);
    if (!invoice) return fieldError('INVOICE_ID');
    if (invoice.type === 'draft' || invoice.paidDate || invoice.isCanceled) {
      return invoiceError('Invoice could not be set paid. Maybe it is already?');
    }
    const paidDate = call.data.PAID_DATE ? String(call.data.PAID_DATE).slice(0, 10) : call.today;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(paidDate)) return fieldError('PAID_DATE');
    // The payment of what was still open is a record of its own, beside any earlier part payment.
    const method = call.data.PAYMENT_METHOD;
    const payment = remainderPaid(call, invoice, paidDate, method ? String(method) : '');
    call.state.invoices.update(invoice.id, {
      paidDate,
      payments: [...invoice.payments, payment],
      status: 'paid',
      updated: call.now,
    });
    return success({ INVOICE_NUMBER: invoice.number, COMMENT: '' });
  },

  'invoice.getreminders': (call) => {
    // The vendor's invoice page puts INVOICE_ID in FILTER; clients also send it as DATA
    const source = call.filter.INVOICE_ID !== undefined ? call.filter : call.data;
    const invoice = invoiceOf(call, source);
    if (!invoice) return fieldError('INVOICE_ID');
    const reminders = call.state.reminders
      .all()
      .filter((reminder) => reminder.invoiceId === invoice.id);
    return {
      response: {
        REMINDERS: reminders.map((reminder) => ({
          REMINDER_ID: String(reminder.id),
          INVOICE_ID: String(invoice.id),
          DUNNING_LEVEL: String(reminder.level),
          DUNNING_FEE: reminder.fee,
          DUNNING_DATE: reminder.date,
          INTROTEXT: '',
          TEMPLATE_ID: invoice.templateId,
          CREATED: `${reminder.date} 00:00:00`,
          DAYS_FOR_PAYMENT: String(reminder.daysForPayment),
          DOCUMENT_URL: `${call.baseUrl}/reminder/${reminder.id}.pdf`,
          DOWNLOAD_LINK: `${call.baseUrl}/reminder/${reminder.id}/download`,
        })),
      },
    };
  },

  'invoice.correctvat2020': (call) => {
    const invoice = invoiceOf(call, call.data);
    if (!invoice) return fieldError('INVOICE_ID');
    const inCut = invoice.invoiceDate >= '2020-07-01' && invoice.invoiceDate <= '2020-12-31';
    const wrong = invoice.items.some((item) =>
      ['19', '7'].includes(toDecimal(item.vatPercent).toString()),
    );
    if (invoice.type === 'draft' || !inCut || !wrong)
      return invoiceError('Invoice does not need a VAT correction.');
    // The temporary German cut: 19 → 16 %, 7 → 5 %. The old invoice is canceled, a corrected one issued.
    // A line given by its gross keeps its (derived) net price; the gross follows the new rate.
    const items = invoice.items.map(({ completeGross: _gross, ...item }) => ({
      ...item,
      id: call.state.itemIds.next++,
      vatPercent:
        { '19': '16', '7': '5' }[toDecimal(item.vatPercent).toString()] ?? item.vatPercent,
    }));
    const corrected = call.state.invoices.insert({
      ...invoice,
      items,
      // What was paid carries over with PAID_DATE, as records of the corrected invoice's own.
      payments: invoice.payments.map(({ id: _id, ...payment }) => newPayment(call.state, payment)),
      number: String(call.state.numbers.next++),
      status: 'open',
      created: call.now,
      updated: call.now,
    });
    call.state.invoices.update(invoice.id, {
      isCanceled: true,
      status: 'canceled',
      updated: call.now,
    });
    // The corrected invoice's fields follow the two ids flat; its STATUS would shadow the call's.
    const {
      INVOICE_ID: _id,
      STATUS: _status,
      ...fields
    } = renderInvoice(corrected, call.state, call.baseUrl);
    return success({
      INVOICE_ID_OLD: String(invoice.id),
      INVOICE_ID_CORRECTED: String(corrected.id),
      ...fields,
    });
  },

  'item.get': (call) => {
    const invoice = invoiceOf(call, call.filter);
    if (!invoice) return fieldError('INVOICE_ID');
    return {
      response: {
        ITEMS: sortedItems(invoice).map((item) => ({
          ...renderItem(item, invoice),
          INVOICE_ID: String(invoice.id),
          CUSTOMER_ID: String(invoice.customerId),
          CURRENCY_CODE: invoice.currency,
        })),
      },
    };
  },

  'item.delete': (call) => {
    const id = Number(call.data.INVOICE_ITEM_ID);
    const invoice = call.state.invoices.find((candidate) =>
      candidate.items.some((item) => item.id === id),
    );
    if (!invoice) return fieldError('INVOICE_ITEM_ID');
    if (invoice.type !== 'draft') return invoiceError('No draft invoice chosen.');
    call.state.invoices.update(invoice.id, {
      items: invoice.items.filter((item) => item.id !== id),
      updated: call.now,
    });
    return success();
  },
};

const CUSTOMER_TYPES = ['business', 'consumer'];

/**
 * The required customer fields (docs/vendors/method-style.md §9.15, the recorded `customer.create`
 * error): `CUSTOMER_TYPE`, then `ORGANIZATION` for a business or `LAST_NAME` for a consumer.
 */
function customerFieldError(fields: Record<string, unknown>): ServiceResult | undefined {
  if (!CUSTOMER_TYPES.includes(String(fields.CUSTOMER_TYPE ?? '')))
    return fieldError('CUSTOMER_TYPE');
  if (fields.CUSTOMER_TYPE === 'business' && !fields.ORGANIZATION)
    return fieldError('ORGANIZATION');
  if (fields.CUSTOMER_TYPE === 'consumer' && !fields.LAST_NAME) return fieldError('LAST_NAME');
  return undefined;
}

const customerServices: Record<string, (call: ServiceCall) => ServiceResult> = {
  'customer.get': (call) => {
    const { filter } = call;
    const term = filter.TERM ? String(filter.TERM).toLowerCase() : undefined;
    // One id or an id array, as invoice.get takes them.
    const byId = ![undefined, null, ''].includes(filter.CUSTOMER_ID as string);
    const ids = idList(filter.CUSTOMER_ID);
    const rows = call.state.customers.all().filter((customer) => {
      const fields = customer.fields;
      if (byId && !ids.includes(customer.id)) return false;
      for (const key of ['CUSTOMER_NUMBER', 'CUSTOMER_EXT_UID', 'COUNTRY_CODE', 'CITY']) {
        if (filter[key] !== undefined && String(fields[key] ?? '') !== String(filter[key]))
          return false;
      }
      if (term) {
        const haystack = [
          'ORGANIZATION',
          'FIRST_NAME',
          'LAST_NAME',
          'ADDRESS',
          'ADDRESS_2',
          'ZIPCODE',
          'EMAIL',
        ].map((key) => String(fields[key] ?? '').toLowerCase());
        if (!haystack.some((value) => value.includes(term))) return false;
      }
      return true;
    });
    return {
      response: {
        CUSTOMERS: page(rows, call).map((customer) => ({
          CUSTOMER_ID: String(customer.id),
          ...customer.fields,
          CREATED: customer.created,
          LASTUPDATE: customer.updated,
        })),
      },
    };
  },

  'customer.create': (call) => {
    const { data } = call;
    const invalid = customerFieldError(data);
    if (invalid) return invalid;
    const fields = Object.fromEntries(
      Object.entries(data).filter(
        ([, value]) => value !== null && value !== undefined && !Array.isArray(value),
      ),
    );
    const created = call.state.customers.insert({
      fields: { CUSTOMER_NUMBER: String(call.state.customers.size + 1), ...fields },
      created: call.now,
      updated: call.now,
    });
    return success({ CUSTOMER_ID: created.id });
  },

  'customer.update': (call) => {
    const customer = call.state.customers.get(Number(call.data.CUSTOMER_ID));
    if (!customer) return fieldError('CUSTOMER_ID');
    const { CUSTOMER_ID: _id, ...changes } = call.data;
    // The vendor checks the record the update would leave: an empty ORGANIZATION on a business is
    // refused with the same error as on create (issue 10).
    const invalid = customerFieldError({ ...customer.fields, ...changes });
    if (invalid) return invalid;
    call.state.customers.update(customer.id, {
      fields: { ...customer.fields, ...changes },
      updated: call.now,
    });
    return success({ CUSTOMER_ID: customer.id });
  },

  'customer.delete': (call) => {
    const customer = call.state.customers.get(Number(call.data.CUSTOMER_ID));
    if (!customer) return fieldError('CUSTOMER_ID');
    if (
      call.state.invoices.find(
        (invoice) => invoice.customerId === customer.id && invoice.type !== 'draft',
      )
    ) {
      return { errors: ['Customer Error: Customer has invoices and cannot be deleted.'] };
    }
    call.state.customers.delete(customer.id);
    return success();
  },
};

/** Every service the emulator answers, by SERVICE name. */
export const SERVICES: Readonly<Record<string, (call: ServiceCall) => ServiceResult>> = {
  ...invoiceServices,
  ...customerServices,
};
