import {
  ValidationError,
  parseInput,
  type AdapterWarning,
  type Invoice,
  type InvoiceCreateFields,
  type ProviderWriteResult,
  type WritePlan,
} from '@invoicekit/core';
import type { MethodStyleClient } from '../client/method-client';
import { InvoiceDataSchema } from '../client/service-inputs';
import type { CreateSerializer } from './create-lock';
import { isMissingId } from '../errors/not-found';
import { writeCustomer, type CustomerTags } from '../mapping/customer-writer';
import { writeInvoice, type InvoiceData } from '../mapping/invoice-writer';
import type { BillomatStyleInvoiceOptions } from '../provider-options';
import { BILLOMAT_STYLE } from '../provider-id';
import type { InvoiceReader } from './invoice-reader';

/** What an invoice create needs. */
export interface InvoiceCreateDeps {
  readonly client: MethodStyleClient;
  readonly invoices: InvoiceReader;
  /** Monsum keeps `INVOICE_EXT_UID`, so its creates are exactly-once; classic FastBill does not. */
  readonly keepsExternalIds: boolean;
  readonly creates: CreateSerializer;
  /** The vendor origin and login: creates are serialised per account. */
  readonly account: { readonly origin: string; readonly login: string };
}

/** A buyer made into a vendor customer, and where it is found again when the create repeats. */
interface SnapshotCustomer {
  readonly data: CustomerTags;
  readonly extUid: string | undefined;
}

/** Whom an invoice is for: a customer id as given, or a customer to make from the snapshot. */
type InvoiceCustomer = { readonly id: string } | { readonly snapshot: SnapshotCustomer };

/**
 * The note that makes strict mode refuse a snapshot alone (nothing is sent): the vendor invoices
 * customer records, so one is created — or found again by its external id on a repeat.
 */
const SNAPSHOT_NOTE: AdapterWarning = {
  type: 'other',
  message:
    'the vendor invoices customers, not buyer snapshots: a customer is created from the snapshot (and found again by its external id when the create is repeated)',
};

/** A buyer snapshot alone → the customer DATA to create, and warnings of what it loses. */
function snapshotCustomer(
  snapshot: NonNullable<InvoiceCreateFields['customer']['snapshot']>,
  externalId: string | undefined,
  warnings: AdapterWarning[],
): SnapshotCustomer {
  const { data, warnings: lost } = writeCustomer(snapshot, 'invoices.create');
  for (const warning of lost)
    warnings.push(
      warning.type === 'other'
        ? warning
        : { ...warning, path: `customer.snapshot.${warning.path}` },
    );
  warnings.push(SNAPSHOT_NOTE);
  return { data, extUid: externalId === undefined ? undefined : `invoicekit:${externalId}` };
}

function customerOf(
  customer: InvoiceCreateFields['customer'],
  externalId: string | undefined,
  warnings: AdapterWarning[],
): InvoiceCustomer {
  if (customer.id !== undefined) return { id: customer.id };
  // Core's schema already asks for one of the two; this keeps the type honest.
  if (customer.snapshot === undefined)
    throw new ValidationError({
      provider: BILLOMAT_STYLE,
      issues: [{ path: 'customer', message: 'give the customer id or the buyer snapshot' }],
    });
  return { snapshot: snapshotCustomer(customer.snapshot, externalId, warnings) };
}

/** The customer's id: as given, or the one made from the snapshot (earlier, or now). */
async function customerIdFor(
  client: MethodStyleClient,
  customer: InvoiceCustomer,
  signal: AbortSignal | undefined,
): Promise<string> {
  if ('id' in customer) return customer.id;
  const { snapshot } = customer;
  if (snapshot.extUid) {
    const existing = await client.findCustomerIdByExtUid(snapshot.extUid, signal);
    if (existing !== undefined) return existing;
  }
  const { customerId } = await client.customers.create(
    { ...snapshot.data, ...(snapshot.extUid ? { CUSTOMER_EXT_UID: snapshot.extUid } : {}) },
    { signal },
  );
  return customerId;
}

/**
 * The vendor side of `invoices.create`: the customer (made from a snapshot when needed), the
 * look-up of an invoice already made with this external id, then the create — whose own lost
 * answer the transport settles by the same look-up, never by sending it again.
 */
async function createOnce(
  deps: InvoiceCreateDeps,
  data: InvoiceData,
  customer: InvoiceCustomer,
  externalId: string | undefined,
  signal: AbortSignal | undefined,
): Promise<ProviderWriteResult<Invoice>> {
  const customerId = await customerIdFor(deps.client, customer, signal);
  if (externalId !== undefined) {
    // Exactly once: an invoice already made with this external id is the answer.
    const existing = await deps.client.findInvoiceByExtUid(customerId, externalId, signal);
    if (existing) {
      return {
        data: deps.invoices.read(existing),
        warnings: [
          {
            type: 'other',
            message: `an invoice with externalId ${externalId} already existed; it was returned unchanged`,
          },
        ],
        existed: true,
      };
    }
  }
  try {
    const { invoiceId } = await deps.client.invoices.create(
      { ...data, CUSTOMER_ID: customerId },
      { signal, operation: 'invoices.create' },
    );
    return { data: await deps.invoices.fetch(invoiceId, signal) };
  } catch (error) {
    if (isMissingId(error, 'CUSTOMER_ID')) {
      throw new ValidationError({
        provider: BILLOMAT_STYLE,
        issues: [{ path: 'customer.id', message: `customer ${customerId} does not exist` }],
      });
    }
    throw error;
  }
}

/**
 * `invoices.create` prepared: the DATA and every warning (a snapshot alone adds the note that a
 * customer is created), checked before anything is sent; sending runs one look-up-then-create
 * per external id at a time.
 */
export function planInvoiceCreate(
  deps: InvoiceCreateDeps,
  input: InvoiceCreateFields,
  options: BillomatStyleInvoiceOptions | undefined,
  signal: AbortSignal | undefined,
): WritePlan<Invoice> {
  const { keepsExternalIds } = deps;
  const { data, warnings } = writeInvoice(input, options, { mode: 'create', keepsExternalIds });
  const externalId = keepsExternalIds ? input.externalId : undefined;
  // Checked before a customer is made from a snapshot, so bad data leaves nothing behind.
  parseInput(InvoiceDataSchema, data, { provider: BILLOMAT_STYLE, operation: 'invoices.create' });
  const customer = customerOf(input.customer, externalId, warnings);
  return {
    warnings,
    send: () => {
      const write = () => createOnce(deps, data, customer, externalId, signal);
      // Concurrent creates with one external id in this process wait for each other.
      return externalId === undefined
        ? write()
        : deps.creates.run(
            JSON.stringify([deps.account.origin, deps.account.login, externalId]),
            write,
          );
    },
  };
}
