import {
  NotFoundError,
  UnsupportedOperationError,
  writeFields,
  type Customer,
  type CustomerProviderOperationsV1,
  type ParsedCustomerListQuery,
  type ProviderCallContext,
  type WritePlan,
} from '@invoicekit/core';
import type { PlandocketClient, VendorResult } from '../client/plandocket-client';
import {
  PLANDOCKET_CUSTOMER_RULES,
  type PlandocketCustomerFields,
} from '../mapping/customer-writer';
import { toCanonicalCustomer } from '../mapping/to-canonical-customer';
import { PLANDOCKET } from '../provider-id';
import { withRequestId } from './write-result';

/** What the customer operations need. */
export interface PlandocketCustomerDeps {
  readonly client: PlandocketClient;
  /** Page size asked for when the query names none. */
  readonly pageSize: number;
}

/** A contact write, prepared: the body and its warnings now, the call when sent. */
function contactWrite(
  input: PlandocketCustomerFields,
  operation: string,
  write: (body: Record<string, unknown>) => Promise<VendorResult>,
): WritePlan<Customer> {
  const { body, warnings } = writeFields(PLANDOCKET_CUSTOMER_RULES, input, {
    provider: PLANDOCKET,
    operation,
    context: undefined,
  });
  return {
    warnings,
    send: async () => {
      const { data, requestId } = await write(body);
      return withRequestId({ data: toCanonicalCustomer(data) }, requestId);
    },
  };
}

/** Plandocket's customer operations: customers are contacts, full CRUD. */
export function plandocketCustomerOperations({ client, pageSize }: PlandocketCustomerDeps) {
  return {
    list: (query, context) => listContacts(client, pageSize, query, context),

    get: async (id, context) => toCanonicalCustomer((await client.contacts.get(id, context)).data),

    create: (input, context) =>
      contactWrite(input, context.operation, (body) => client.contacts.create(body, context)),

    update: (id, input, context) =>
      contactWrite(input, context.operation, (body) => client.contacts.update(id, body, context)),

    delete: (id, context) =>
      client.contacts.delete(id, {
        ...context,
        // A contact that is gone was deleted by the first attempt.
        idempotency: {
          kind: 'lookup',
          lookup: async (signal) => {
            try {
              await client.contacts.get(id, { signal });
              return undefined;
            } catch (error) {
              if (error instanceof NotFoundError) return {};
              throw error;
            }
          },
        },
      }),
  } satisfies CustomerProviderOperationsV1<undefined>;
}

/**
 * Contacts by the vendor's one free-text `search` (the name, else the e-mail, else the tax id);
 * core checks every filter exactly after paging — `updatedSince` too, on the whole list, since
 * contacts filter and sort by no update time (docs/vendors/plandocket.md §12). Contacts have no external id, so a filter by
 * one is refused rather than answered with nothing.
 */
function listContacts(
  client: PlandocketClient,
  pageSize: number,
  query: ParsedCustomerListQuery,
  { operation, signal }: ProviderCallContext,
): AsyncIterable<Customer> {
  if (query.externalId !== undefined) {
    throw new UnsupportedOperationError({
      provider: PLANDOCKET,
      operation,
      issues: [{ path: 'externalId', message: 'contacts have no external id' }],
      message: 'customers.list: contacts have no external id to filter by',
    });
  }
  const search = query.name ?? query.email ?? query.taxId;
  const records = client.contacts.list(search ? { search } : {}, {
    signal,
    pageSize: query.pageSize ?? pageSize,
    operation,
  });
  return (async function* toCustomers() {
    for await (const record of records) yield toCanonicalCustomer(record);
  })();
}
