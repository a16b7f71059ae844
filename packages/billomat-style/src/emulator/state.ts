import { EntityStore } from '@invoicekit/core/emulator';
import type { InvoiceAmounts } from './render';

export interface StoredItem {
  id: number;
  articleNumber: string;
  description: string;
  quantity: string;
  unit: string;
  unitPrice: string;
  vatPercent: string;
  sortOrder: number;
  /**
   * The line's gross total when it was given as `COMPLETE_GROSS` (the vendor's invoice page:
   * "Gesamtbruttobetrag") instead of a unit price: it stays exact, the unit price is derived from
   * it.
   */
  completeGross?: string;
}

/**
 * One payment received against an invoice (`PAYMENTS[]`: PAYMENT_ID, DATE, AMOUNT, CURRENCY_CODE,
 * NOTE, TYPE): each its own record, so two part payments keep their own dates and methods.
 */
export interface StoredPayment {
  id: number;
  /** `YYYY-MM-DD`. */
  date: string;
  amount: string;
  currency: string;
  note: string;
  /** The method as the vendor keeps it: a PAYMENT_TYPE code (`"1"`) or a name (`ueberweisung`). */
  type: string;
}

export interface StoredInvoice {
  id: number;
  type: 'draft' | 'outgoing' | 'credit';
  customerId: number;
  extUid: string;
  currency: string;
  invoiceDate: string;
  deliveryDate: string;
  introtext: string;
  title: string;
  templateId: string;
  cashDiscountPercent: string;
  cashDiscountDays: string;
  isGross: boolean;
  /** EU_DELIVERY (the vendor's invoice page): the document shows an intra-community delivery. */
  euDelivery: boolean;
  items: StoredItem[];
  number: string;
  paidDate: string | null;
  /** Payments received, oldest first; the invoice is paid (PAID_DATE) once they cover the total. */
  payments: StoredPayment[];
  isCanceled: boolean;
  /** Partial cancellations, summed (Monsum CANCELLATION_AMOUNT). */
  canceledAmount: string;
  /** Monsum's STATUS; the value set is undocumented, so the emulator uses a small plain one. */
  status: string;
  sentByEmail: number;
  sentByPost: number;
  created: string;
  updated: string;
}

export interface StoredCustomer {
  id: number;
  fields: Record<string, unknown>;
  created: string;
  updated: string;
}

export interface StoredReminder {
  id: number;
  invoiceId: number;
  level: number;
  fee: string;
  date: string;
  daysForPayment: number;
}

export interface MethodStyleState {
  readonly invoices: EntityStore<StoredInvoice>;
  readonly customers: EntityStore<StoredCustomer>;
  readonly reminders: EntityStore<StoredReminder>;
  readonly itemIds: { next: number };
  readonly paymentIds: { next: number };
  readonly numbers: { next: number };
  readonly credits: { remaining: number };
  /**
   * Each invoice's amounts by its lines: stored lines are never changed in place (every write
   * that changes them stores a new list), so a list's amounts are computed once, not per read.
   * Weak: a list no invoice holds any more is dropped with its entry.
   */
  readonly amounts: WeakMap<readonly StoredItem[], { isGross: boolean; amounts: InvoiceAmounts }>;
}

export function createState(): MethodStyleState {
  return {
    invoices: new EntityStore<StoredInvoice>(2345),
    customers: new EntityStore<StoredCustomer>(995256),
    reminders: new EntityStore<StoredReminder>(700),
    itemIds: { next: 1506250 },
    paymentIds: { next: 88001 },
    numbers: { next: 1 },
    credits: { remaining: 10 },
    amounts: new WeakMap(),
  };
}

/**
 * A new stored invoice with the vendor's defaults (EUR, no template, no cash discount, net prices),
 * as `invoice.create` and seeding both make one.
 */
export function newStoredInvoice(
  fields: Pick<
    StoredInvoice,
    'type' | 'customerId' | 'invoiceDate' | 'items' | 'number' | 'status'
  > &
    Partial<StoredInvoice>,
  timestamp: string,
): Omit<StoredInvoice, 'id'> {
  return {
    extUid: '',
    currency: 'EUR',
    deliveryDate: '',
    introtext: '',
    title: '',
    templateId: '0',
    cashDiscountPercent: '0.00',
    cashDiscountDays: '0',
    isGross: false,
    euDelivery: false,
    paidDate: null,
    payments: [],
    isCanceled: false,
    canceledAmount: '0',
    sentByEmail: 0,
    sentByPost: 0,
    created: timestamp,
    updated: timestamp,
    ...fields,
  };
}
