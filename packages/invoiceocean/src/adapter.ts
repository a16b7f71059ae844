import {
  businessDayIn,
  type Clock,
  type HttpTransport,
  type InvoiceProviderV1,
} from '@invoicekit/core';
import { InvoiceOceanClient } from './client/vendor-client';
import type { Brand, CalculatingStrategy } from './config';
import { INVOICEOCEAN_FEATURES, INVOICEOCEAN_TIME_ZONE } from './features';
import { invoiceOceanCustomerOperations } from './operations/customers';
import { CUSTOMER_RULES } from './mapping/customer-writer';
import { invoiceRulesFor } from './mapping/invoice-writer';
import { invoiceOceanInvoiceOperations } from './operations/invoices';
import {
  InvoiceOceanInvoiceOptionsSchema,
  type InvoiceOceanInvoiceOptions,
} from './provider-options';
import { INVOICEOCEAN } from './provider-id';
import { invoiceOceanWebhooks } from './webhooks';
import { idSegment } from './wire/path-segment';

/** The two hosts an InvoiceOcean adapter speaks to. */
export interface InvoiceOceanTransports {
  /** The account's host (`https://acme.invoiceocean.com`): every canonical operation. */
  readonly account: HttpTransport;
  /** The brand's `app.` host: the partner API (accounts, users, login). */
  readonly app: HttpTransport;
}

/** What an InvoiceOcean provider needs of its configuration, and the adapter's clock. */
export interface InvoiceOceanSettings {
  readonly format: 'json' | 'xml';
  readonly pageSize: number;
  readonly calculatingStrategy: CalculatingStrategy;
  /** The account's brand: VosFactures keeps a field the others do not (the seller's SWIFT). */
  readonly brand?: Brand;
  /** The clock of "today" (due dates, overdue) in the vendor's business day. */
  readonly clock: Clock;
  /**
   * The account's API token (without `/prefix`): the webhook secret when the caller gives none,
   * as the vendor's documents register webhooks with it. Absent: callers must give one.
   */
  readonly webhookToken?: string;
}

/** Zone offsets are whole quarter hours, so a business day never changes inside one. */
const QUARTER_HOUR_MS = 15 * 60 * 1000;

/**
 * Today on `clock` in the vendor's business day, formatted once per quarter hour of the clock
 * (every read asks, and formatting costs more than the rest of a read's bookkeeping).
 */
export function cachedBusinessDay(
  businessDay: (instant: number) => string,
  clock: Clock,
): () => string {
  let bucket = Number.NaN;
  let day = '';
  return () => {
    const now = clock.now();
    const current = Math.floor(now / QUARTER_HOUR_MS);
    if (current !== bucket) {
      day = businessDay(now);
      bucket = current;
    }
    return day;
  };
}

/**
 * The InvoiceOcean provider: its features and its table of operations. Core's `defineAdapter`
 * turns it into the canonical adapter; `adapter.vendor` is the typed client.
 */
export function createInvoiceOceanProvider(
  transports: InvoiceOceanTransports,
  settings: InvoiceOceanSettings,
): InvoiceProviderV1<InvoiceOceanClient, InvoiceOceanInvoiceOptions, undefined> {
  const client = new InvoiceOceanClient(transports.account, transports.app, settings.format);
  const today = cachedBusinessDay(businessDayIn(INVOICEOCEAN_TIME_ZONE), settings.clock);
  const pageSize = settings.pageSize;
  const invoices = invoiceOceanInvoiceOperations({
    client,
    pageSize,
    strategy: settings.calculatingStrategy,
    today,
    brand: settings.brand ?? 'invoiceocean',
  });
  const customers = invoiceOceanCustomerOperations({ client, pageSize });
  return {
    specificationVersion: 'v1',
    id: INVOICEOCEAN,
    adapterName: 'InvoiceOceanAdapter',
    transport: transports.account,
    vendor: client,
    features: INVOICEOCEAN_FEATURES,
    providerOptions: { invoice: InvoiceOceanInvoiceOptionsSchema },
    invoices: {
      list: invoices.list,
      get: invoices.get,
      create: invoices.create,
      update: invoices.update,
      delete: invoices.delete,
      cancel: invoices.cancel,
      markPaid: invoices.markPaid,
      send: invoices.send,
      downloadPdf: invoices.downloadPdf,
      // No finalize (every invoice is issued when created) and no reminders: the API has neither.
    },
    fieldRules: {
      invoice: invoiceRulesFor(settings.brand ?? 'invoiceocean'),
      customer: CUSTOMER_RULES,
    },
    customers: {
      list: customers.list,
      get: customers.get,
      create: customers.create,
      update: customers.update,
      delete: customers.delete,
    },
    checkId: (id, { operation }) => void idSegment(id, operation),
    // The listing's start (its change cursor) on the adapter's clock, so tests can fake time.
    clock: settings.clock,
    webhooks: invoiceOceanWebhooks(settings.webhookToken),
    close: () => transports.app.close(),
  };
}
