import type { HttpTransport } from '../http/transport';
import type { InvoiceProviderV1 } from '../spec/provider-v1';
import { AcmeClient } from './client/vendor-client';
import { ACME_FEATURES, ACME_MAX_PAGE_SIZE } from './features';
import { acmeCustomerOperations } from './operations/customers';
import { acmeInvoiceOperations } from './operations/invoices';
import { ACME_CUSTOMER_RULES } from './mapping/customer-writer';
import { ACME_INVOICE_RULES } from './mapping/invoice-writer';
import { ACME } from './provider-id';

/**
 * The Acme provider: its features and its table of operations. Core's `defineAdapter` turns it
 * into the canonical adapter.
 */
export function createAcmeProvider(
  transport: HttpTransport,
  settings: {
    readonly pageSize: number;
    readonly today: () => string;
    /** The adapter's clock: the start of a listing, for its change cursor. */
    readonly clock?: { now(): number };
  },
): InvoiceProviderV1<AcmeClient> {
  const client = new AcmeClient(transport, ACME_MAX_PAGE_SIZE);
  const deps = { client, pageSize: settings.pageSize, today: settings.today };
  const invoices = acmeInvoiceOperations(deps);
  const customers = acmeCustomerOperations(deps);
  return {
    specificationVersion: 'v1',
    id: ACME,
    adapterName: 'AcmeAdapter',
    transport,
    vendor: client,
    ...(settings.clock ? { clock: settings.clock } : {}),
    features: ACME_FEATURES,
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
      // No reminders: Acme has none, so the capability is false and the call rejects unsent.
    },
    fieldRules: { invoice: ACME_INVOICE_RULES, customer: ACME_CUSTOMER_RULES },
    customers: {
      list: customers.list,
      get: customers.get,
      create: customers.create,
      update: customers.update,
      // No delete: Acme keeps every customer.
    },
  };
}
