import {
  businessDayIn,
  type Clock,
  type HttpTransport,
  type InvoiceProviderV1,
} from '@invoicekit/core';
import { PlandocketClient } from './client/plandocket-client';
import { PLANDOCKET_FEATURES, PLANDOCKET_TIME_ZONE } from './features';
import { PLANDOCKET_CUSTOMER_RULES } from './mapping/customer-writer';
import { plandocketCustomerOperations } from './operations/customers';
import { plandocketInvoiceOperations } from './operations/invoices';
import { PLANDOCKET } from './provider-id';
import { plandocketWebhookProvider } from './webhooks/webhook-provider';

const QUARTER_HOUR_MS = 900_000;

/** What the Plandocket provider is built from besides its transport. */
export interface PlandocketProviderSettings {
  /** Page size asked for (`per_page`) when a list names none. */
  readonly pageSize: number;
  /** The API's origin, so that a vendor's `links.next` is followed only on the same host. */
  readonly origin: string;
  /** The adapter's clock: "today" for overdue invoices, and when a listing starts (its cursor). */
  readonly clock: Clock;
}

/**
 * The Plandocket provider: its features and its table of operations; core's `defineAdapter` turns
 * it into the canonical adapter. Invoices are read, updated (notes, due date), canceled and paid;
 * customers are contacts; signed webhooks are read into canonical events. `updatedSince` is
 * answered by a full listing that core filters on `updated_at` (the API filters and sorts by no
 * update time: docs/vendors/plandocket.md "Changes since"). Create, delete, finalize, send, PDF and reminders are absent: the API
 * has none, so they are `false` in the capabilities and reject before any request.
 */
export function createPlandocketProvider(
  transport: HttpTransport,
  settings: PlandocketProviderSettings,
): InvoiceProviderV1<PlandocketClient> {
  const client = new PlandocketClient(transport, settings.pageSize, settings.origin);
  // One calendar per adapter: building an Intl formatter per read would cost more than the read.
  const businessDay = businessDayIn(PLANDOCKET_TIME_ZONE);
  // Every read asks for today; a calendar day starts on a quarter hour in every time zone, so
  // the day found for one quarter hour holds for all of it.
  let quarter = Number.NaN;
  let day = '';
  const today = (): string => {
    const now = settings.clock.now();
    const current = Math.floor(now / QUARTER_HOUR_MS);
    if (current !== quarter) {
      day = businessDay(now);
      quarter = current;
    }
    return day;
  };
  const deps = { client, pageSize: settings.pageSize, today };
  const invoices = plandocketInvoiceOperations(deps);
  const customers = plandocketCustomerOperations(deps);
  return {
    specificationVersion: 'v1',
    id: PLANDOCKET,
    adapterName: 'PlandocketAdapter',
    transport,
    vendor: client,
    features: PLANDOCKET_FEATURES,
    invoices: {
      list: invoices.list,
      get: invoices.get,
      update: invoices.update,
      cancel: invoices.cancel,
      markPaid: invoices.markPaid,
      // No create, delete, finalize, send, downloadPdf or reminders: the API has none.
    },
    customers: {
      list: customers.list,
      get: customers.get,
      create: customers.create,
      update: customers.update,
      delete: customers.delete,
    },
    webhooks: plandocketWebhookProvider({ today: businessDay }),
    // When a listing starts: its change cursor is made of this clock's time.
    clock: settings.clock,
    // The field table of creates: invoices are never created through the API, so only customers.
    fieldRules: { customer: PLANDOCKET_CUSTOMER_RULES },
  };
}
