import { writeFields } from '../../spec/field-writer';
import type { CustomerProviderOperationsV1 } from '../../spec/provider-v1';
import type { AcmeClient } from '../client/vendor-client';
import { ACME_MAX_PAGE_SIZE } from '../features';
import { ACME_CUSTOMER_RULES, type AcmeCustomerFields } from '../mapping/customer-writer';
import { toCanonicalCustomer } from '../mapping/to-canonical-customer';
import { ACME } from '../provider-id';
import { mapItems } from '../../pagination/map-items';

/** What the customer operations need. */
export interface AcmeCustomerDeps {
  readonly client: AcmeClient;
  readonly pageSize: number;
}

function customerBody(input: AcmeCustomerFields, operation: string) {
  return writeFields(ACME_CUSTOMER_RULES, input, { provider: ACME, operation, context: undefined });
}

/** Acme's customer operations (no delete: Acme keeps every customer). */
export function acmeCustomerOperations({ client, pageSize }: AcmeCustomerDeps) {
  return {
    list: (query, { operation, signal }) =>
      mapItems(
        client.listCustomers(
          {
            email: query.email,
            pageSize: Math.min(query.pageSize ?? pageSize, ACME_MAX_PAGE_SIZE),
          },
          { operation, signal },
        ),
        toCanonicalCustomer,
      ),
    get: async (id, context) => toCanonicalCustomer(await client.getCustomer(id, context)),
    create: (input, context) => {
      const { body, warnings } = customerBody(input, context.operation);
      return {
        warnings,
        send: async () => ({
          data: toCanonicalCustomer(await client.createCustomer(body, context)),
        }),
      };
    },
    update: (id, input, context) => {
      const { body, warnings } = customerBody(input, context.operation);
      return {
        warnings,
        send: async () => ({
          data: toCanonicalCustomer(await client.updateCustomer(id, body, context)),
        }),
      };
    },
  } satisfies CustomerProviderOperationsV1<undefined>;
}
