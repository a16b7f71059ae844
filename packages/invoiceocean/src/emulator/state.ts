import { EntityStore, type EmulatorWebhook } from '@invoicekit/core/emulator';
import type { CalculatingStrategy } from '../config';
import { ClientStore, InvoiceStore, PaymentStore } from './invoice-store';

/** A position as stored: the request's fields with amounts as decimal strings. */
export interface StoredPosition {
  id: number;
  name: string | null;
  description: string | null;
  code: string | null;
  /** The position's text in the invoice's additional column (`additional_info_desc`). */
  additional_info?: string | null;
  product_id: number | null;
  quantity: string;
  quantity_unit: string | null;
  price_net?: string;
  price_gross?: string;
  total_price_gross?: string;
  tax: string;
  discount?: string;
  discount_percent?: string;
  kind: string | null;
  /** A correction position's records of the line before and after (kept as sent). */
  correction_before_attributes?: Record<string, unknown>;
  correction_after_attributes?: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

/** An invoice as stored: header attributes in wire form, positions, and bookkeeping. */
export interface StoredInvoice {
  id: number;
  /** Header fields exactly as the vendor names them (`buyer_name`, `payment_to` …). */
  attributes: Record<string, unknown>;
  positions: StoredPosition[];
  strategy: CalculatingStrategy;
  /** Amount paid so far, decimal string. */
  paid: string;
  token: string;
  created_at: string;
  updated_at: string;
}

export interface StoredClient {
  id: number;
  attributes: Record<string, unknown>;
  token: string;
  created_at: string;
  updated_at: string;
}

export interface StoredProduct {
  id: number;
  attributes: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

export interface StoredPayment {
  id: number;
  attributes: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

/** A record of the simpler resources (categories, warehouses, departments …). */
export interface StoredRecord {
  id: number;
  attributes: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

/** An account created through the partner API (`POST /account.json`). */
export interface StoredAccount {
  prefix: string;
  api_token: string;
  login: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  password: string | null;
}

/** The whole account. */
export interface InvoiceOceanState {
  readonly invoices: InvoiceStore;
  readonly clients: ClientStore;
  readonly products: EntityStore<StoredProduct>;
  readonly payments: PaymentStore;
  readonly positionIds: { next: number };
  /** Invoice number counters per series (`vat-2018-01`). */
  readonly numbering: Map<string, number>;
  /** The simpler resources, by path (`categories`, `warehouse_documents` …). */
  readonly records: Map<string, EntityStore<StoredRecord>>;
  /** Accounts and users of the partner API (on the `app.` host). */
  readonly accounts: StoredAccount[];
  /** Webhook deliveries the last requests caused, until the toolkit takes them. */
  readonly webhookQueue: EmulatorWebhook[];
}

/** A fresh, empty account. Ids start high, as the vendor's do. */
export function createState(): InvoiceOceanState {
  return {
    invoices: new InvoiceStore(21_000_000),
    clients: new ClientStore(9_800_000),
    products: new EntityStore<StoredProduct>(11_900_000),
    payments: new PaymentStore(3_000_000),
    positionIds: { next: 47_000_000 },
    numbering: new Map(),
    records: new Map(),
    accounts: [],
    webhookQueue: [],
  };
}
