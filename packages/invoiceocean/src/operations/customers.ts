import {
  pageNumberStrategy,
  paginate,
  writeFields,
  type Customer,
  type CustomerProviderOperationsV1,
} from '@invoicekit/core';
import type { InvoiceOceanClient } from '../client/vendor-client';
import { INVOICEOCEAN_MAX_PAGE_SIZE } from '../features';
import { CUSTOMER_RULES, type CustomerFields } from '../mapping/customer-writer';
import { toCanonicalCustomer } from '../mapping/to-canonical-customer';
import { INVOICEOCEAN } from '../provider-id';

/** What the customer operations need. */
export interface InvoiceOceanCustomerDeps {
  readonly client: InvoiceOceanClient;
  /** Clients per list request unless the query asks for fewer. */
  readonly pageSize: number;
}

function clientBody(input: CustomerFields, operation: string) {
  return writeFields(CUSTOMER_RULES, input, {
    provider: INVOICEOCEAN,
    operation,
    context: undefined,
  });
}

/** The InvoiceOcean customer (client card) operations; no customer options are taken. */
/** The client's bank fields are opt-in on reads (docs/vendors/invoiceocean.md §5.3). */
const CLIENT_READ_FIELDS = { 'additional_fields[client]': 'bank_account,swift' } as const;

export function invoiceOceanCustomerOperations({ client, pageSize }: InvoiceOceanCustomerDeps) {
  return {
    // `updatedSince` is filtered by core on a full scan: the vendor documents no `.desc` for
    // clients, and stopping early on an order it ignored would skip every change
    // (docs/vendors/invoiceocean.md "Changes since").
    list: (query, { operation, signal }) => {
      const perPage = Math.min(query.pageSize ?? pageSize, INVOICEOCEAN_MAX_PAGE_SIZE);
      return paginate({
        provider: INVOICEOCEAN,
        strategy: pageNumberStrategy({ perPage }),
        idOf: (customer: Customer) => customer.id,
        signal,
        fetchPage: async ({ page }, pageSignal) => ({
          items: (
            await client.clients.listRawPage(
              {
                page,
                per_page: perPage,
                name: query.name,
                email: query.email,
                tax_no: query.taxId,
                external_id: query.externalId,
                ...CLIENT_READ_FIELDS,
              },
              { operation, signal: pageSignal },
            )
          ).map((raw) => toCanonicalCustomer(raw, operation)),
        }),
      });
    },

    get: async (id, { operation, signal }) =>
      toCanonicalCustomer(
        await client.clients.fetchRaw(id, { operation, signal }, CLIENT_READ_FIELDS),
        operation,
      ),

    create: (input, { operation, signal }) => {
      const { body, warnings } = clientBody(input, operation);
      return {
        warnings,
        send: async () => {
          const answer = await client.clients.createRaw(body, { operation, signal });
          return { data: toCanonicalCustomer(answer.body, operation) };
        },
      };
    },

    update: (id, input, { operation, signal }) => {
      const { body, warnings } = clientBody(input, operation);
      return {
        warnings,
        send: async () => ({
          data: toCanonicalCustomer(
            await client.clients.updateRaw(id, body, { operation, signal }),
            operation,
          ),
        }),
      };
    },

    delete: (id, { operation, signal }) => client.clients.delete(id, { operation, signal }),
  } satisfies CustomerProviderOperationsV1<undefined>;
}
