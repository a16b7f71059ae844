import { BILLOMAT_STYLE_CUSTOMER_RULES } from './mapping/customer-writer';
import { BILLOMAT_STYLE_INVOICE_RULES } from './mapping/invoice-writer';
import {
  businessDayIn,
  type Clock,
  type HttpTransport,
  type InvoiceProviderV1,
} from '@invoicekit/core';
import { MethodStyleClient } from './client/method-client';
import { vendorIdOf } from './errors/not-found';
import { CreateSerializer } from './operations/create-lock';
import {
  BILLOMAT_STYLE_TIME_ZONE,
  billomatStyleFeatures,
  type MethodStyleEndpoint,
} from './features';
import { billomatStyleCustomerOperations } from './operations/customers';
import { billomatStyleInvoiceOperations } from './operations/invoices';
import {
  BillomatStyleInvoiceOptionsSchema,
  type BillomatStyleInvoiceOptions,
} from './provider-options';
import { BILLOMAT_STYLE } from './provider-id';

/** What a method-style provider is built from besides its transport (no credential). */
export interface BillomatStyleProviderSettings {
  readonly endpoint: MethodStyleEndpoint;
  /** Host root the transport speaks to; document links are followed to its origin only. */
  readonly baseUrl: string;
  /** The account's login e-mail (not a secret): shown in the identity, creates serialised by it. */
  readonly email: string;
  readonly pageSize: number;
  /** The adapter's clock: "today" in Berlin is read from it. */
  readonly clock: Clock;
  /** Creates with one external id wait for each other here; one per adapter unless shared. */
  readonly createSerializer?: CreateSerializer | undefined;
}

/**
 * The method-style provider (FastBill / Monsum): its features and its table of operations. Every
 * call is one POSTed envelope; reads keep the vendor record in `raw`; `vendor` reaches every
 * service of the reference with typed inputs. Core's `defineAdapter` turns it into the adapter.
 */
export function createBillomatStyleProvider(
  transport: HttpTransport,
  settings: BillomatStyleProviderSettings,
): InvoiceProviderV1<MethodStyleClient, BillomatStyleInvoiceOptions> {
  const origin = new URL(settings.baseUrl).origin;
  const login = settings.email.toLowerCase();
  const client = new MethodStyleClient(transport, { pageSize: settings.pageSize, origin });
  const businessDay = businessDayIn(BILLOMAT_STYLE_TIME_ZONE);
  const invoiceDeps = {
    client,
    pageSize: settings.pageSize,
    endpoint: settings.endpoint,
    today: () => businessDay(settings.clock.now()),
    creates: settings.createSerializer ?? new CreateSerializer(),
    account: { origin, login },
  };
  const invoices = billomatStyleInvoiceOperations(invoiceDeps);
  const customers = billomatStyleCustomerOperations({ client, pageSize: settings.pageSize });
  return {
    specificationVersion: 'v1',
    id: BILLOMAT_STYLE,
    adapterName: 'BillomatStyleAdapter',
    transport,
    login,
    vendor: client,
    features: billomatStyleFeatures(settings.endpoint),
    // A listing's change cursor is read from it (tests fake it); no `webhooks`: see the vendor doc.
    clock: settings.clock,
    providerOptions: { invoice: BillomatStyleInvoiceOptionsSchema },
    // What describeFields() and the README's field table are read from.
    fieldRules: { invoice: BILLOMAT_STYLE_INVOICE_RULES, customer: BILLOMAT_STYLE_CUSTOMER_RULES },
    // The vendor's ids are integers: any other id names no record there (not found, never sent).
    checkId: (id, { record }) => void vendorIdOf(id, record),
    invoices: {
      list: invoices.list,
      get: invoices.get,
      create: invoices.create,
      update: invoices.update,
      delete: invoices.delete,
      finalize: invoices.finalize,
      cancel: invoices.cancel,
      markPaid: invoices.markPaid,
      send: invoices.send,
      downloadPdf: invoices.downloadPdf,
      reminders: invoices.reminders,
    },
    customers: {
      list: customers.list,
      get: customers.get,
      create: customers.create,
      update: customers.update,
      delete: customers.delete,
    },
  };
}
