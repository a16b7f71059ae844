import { EntityStore } from '@invoicekit/core/emulator';

export interface StoredItem {
  id: number;
  articleNumber: string;
  description: string;
  quantity: string;
  unit: string;
  unitPrice: string;
  vatPercent: string;
  sortOrder: number;
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
  items: StoredItem[];
  number: string;
  paidDate: string | null;
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
  readonly numbers: { next: number };
  readonly credits: { remaining: number };
}

export function createState(): MethodStyleState {
  return {
    invoices: new EntityStore<StoredInvoice>(2345),
    customers: new EntityStore<StoredCustomer>(995256),
    reminders: new EntityStore<StoredReminder>(700),
    itemIds: { next: 1506250 },
    numbers: { next: 1 },
    credits: { remaining: 10 },
  };
}
