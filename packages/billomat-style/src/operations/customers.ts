import {
  mapItems,
  type Customer,
  type CustomerProviderOperationsV1,
  type WritePlan,
} from '@invoicekit/core';
import type { MethodStyleClient } from '../client/method-client';
import { notFound, onRecord, vendorIdOf } from '../errors/not-found';
import { BILLOMAT_STYLE_MAX_PAGE_SIZE } from '../features';
import { writeCustomer } from '../mapping/customer-writer';
import { toCanonicalCustomer } from '../mapping/to-canonical-customer';

/** What the customer operations need. */
export interface BillomatStyleCustomerDeps {
  readonly client: MethodStyleClient;
  readonly pageSize: number;
}

/** The method-style customer operations: `customer.*`, on input core has validated. */
export function billomatStyleCustomerOperations({ client, pageSize }: BillomatStyleCustomerDeps) {
  const fetchCustomer = async (id: string, signal?: AbortSignal): Promise<Customer> => {
    const found = await client.findCustomer(id, signal, 'customers.get');
    if (!found) throw notFound('customer', id);
    return toCanonicalCustomer(found);
  };

  return {
    list: (query, { operation, signal }) => {
      // TERM searches names, addresses and e-mail; core checks the exact match. No FILTER reads a
      // change time: `updatedSince` scans every page and core keeps LASTUPDATE at or after it.
      const term = query.name ?? query.email;
      return mapItems(
        client.customers.list(
          {
            ...(term !== undefined ? { TERM: term } : {}),
            ...(query.externalId !== undefined ? { CUSTOMER_EXT_UID: query.externalId } : {}),
          },
          {
            signal,
            operation,
            pageSize: Math.min(query.pageSize ?? pageSize, BILLOMAT_STYLE_MAX_PAGE_SIZE),
          },
        ),
        toCanonicalCustomer,
      );
    },

    get: (id, { signal }) => fetchCustomer(vendorIdOf(id, 'customer'), signal),

    create: (input, { signal, operation }): WritePlan<Customer> => {
      const { data, warnings } = writeCustomer(input, operation);
      return {
        warnings,
        send: async () => {
          const { customerId } = await client.customers.create(data, { signal, operation });
          return { data: await fetchCustomer(customerId, signal) };
        },
      };
    },

    update: async (id, input, { signal, operation }): Promise<WritePlan<Customer>> => {
      const customerId = vendorIdOf(id, 'customer');
      // Where a new name goes depends on whether the customer is a business or a consumer.
      const currentKind =
        input.name !== undefined && input.kind === undefined
          ? (await fetchCustomer(customerId, signal)).kind
          : undefined;
      const { data, warnings } = writeCustomer(input, operation, currentKind);
      return {
        warnings,
        send: async () => {
          await onRecord('customer', customerId, 'CUSTOMER_ID', () =>
            client.customers.update({ ...data, CUSTOMER_ID: customerId }, { signal, operation }),
          );
          return { data: await fetchCustomer(customerId, signal) };
        },
      };
    },

    delete: async (id, { signal, operation }) => {
      const customerId = vendorIdOf(id, 'customer');
      await onRecord('customer', customerId, 'CUSTOMER_ID', () =>
        client.customers.delete(customerId, { signal, operation }),
      );
    },
  } satisfies CustomerProviderOperationsV1<undefined>;
}
