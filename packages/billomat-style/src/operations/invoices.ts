import {
  ValidationError,
  parseInput,
  planPayment,
  toDecimal,
  UnsupportedOperationError,
  type AdapterWarning,
  type Invoice,
  type InvoiceCreateFields,
  type InvoiceProviderOperationsV1,
  type ProviderCallContext,
  type ProviderWriteResult,
  type WritePlan,
} from '@invoicekit/core';
import type { MethodStyleClient, VendorRecord } from '../client/method-client';
import { InvoiceDataSchema } from '../client/service-inputs';
import { textOf } from '../codec/envelope';
import type { CreateSerializer } from '../create-lock';
import { notFound, onRecord, isMissingId, vendorIdOf } from '../errors/not-found';
import { BILLOMAT_STYLE_MAX_PAGE_SIZE, type MethodStyleEndpoint } from '../features';
import { writeCustomer } from '../mapping/customer-writer';
import { documentFileName } from '../mapping/document-file-name';
import { writeInvoice, type InvoiceData } from '../mapping/invoice-writer';
import { toCanonicalInvoice } from '../mapping/to-canonical-invoice';
import { toCanonicalReminder } from '../mapping/to-canonical-reminder';
import type { BillomatStyleInvoiceOptions } from '../provider-options';
import { BILLOMAT_STYLE } from '../provider-id';
import { mapItems } from './map-items';

/** What the invoice operations need. */
export interface BillomatStyleInvoiceDeps {
  readonly client: MethodStyleClient;
  readonly pageSize: number;
  readonly endpoint: MethodStyleEndpoint;
  /** The calendar day in Berlin now: what "overdue" is measured against. */
  readonly today: () => string;
  /** Creates with one external id, one at a time (see {@link CreateSerializer}). */
  readonly creates: CreateSerializer;
  /** The vendor origin and login: creates are serialised per account. */
  readonly account: { readonly origin: string; readonly login: string };
}

/** A buyer made into a vendor customer, and where it is found again when the create repeats. */
interface SnapshotCustomer {
  readonly data: Record<string, string>;
  readonly extUid: string | undefined;
}

/** Whom an invoice is for: a customer id as given, or a customer to make from the snapshot. */
type InvoiceCustomer = { readonly id: string } | { readonly snapshot: SnapshotCustomer };

type BuyerSnapshot = NonNullable<InvoiceCreateFields['customer']['snapshot']>;

/** The method-style invoice operations: vendor work only, on input core has validated. */
export function billomatStyleInvoiceOperations(
  deps: BillomatStyleInvoiceDeps,
): InvoiceProviderOperationsV1<BillomatStyleInvoiceOptions> {
  const { client } = deps;
  const keepsExternalIds = deps.endpoint === 'monsum';
  const read = (raw: unknown): Invoice => toCanonicalInvoice(raw, { today: deps.today() });

  const rawInvoice = async (id: string, signal?: AbortSignal): Promise<VendorRecord> => {
    const found = await client.findInvoice(id, signal);
    if (!found) throw notFound('invoice', id);
    return found;
  };
  const fetchInvoice = async (id: string, signal?: AbortSignal): Promise<Invoice> =>
    read(await rawInvoice(id, signal));

  /**
   * The customer an invoice is written for: its id, or — for a buyer snapshot alone — the
   * customer made from it earlier for this external id, else a new one.
   */
  const customerFor = async (
    customer: InvoiceCustomer,
    signal: AbortSignal | undefined,
  ): Promise<string> => {
    if ('id' in customer) return customer.id;
    const { snapshot } = customer;
    if (snapshot.extUid) {
      const existing = await client.findCustomerIdByExtUid(snapshot.extUid, signal);
      if (existing !== undefined) return existing;
    }
    const { customerId: created } = await client.customers.create(
      { ...snapshot.data, ...(snapshot.extUid ? { CUSTOMER_EXT_UID: snapshot.extUid } : {}) },
      { signal },
    );
    return created;
  };

  /**
   * The vendor side of `invoices.create`: the customer (made from a snapshot when needed), the
   * look-up of an invoice already made with this external id, then the create — whose own lost
   * answer the transport settles by the same look-up, never by sending it again.
   */
  const createOnce = async (
    data: InvoiceData,
    customer: InvoiceCustomer,
    externalId: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<ProviderWriteResult<Invoice>> => {
    const customerId = await customerFor(customer, signal);
    if (externalId !== undefined) {
      // Exactly once: an invoice already made with this external id is the answer.
      const existing = await client.findInvoiceByExtUid(customerId, externalId, signal);
      if (existing) {
        return {
          data: read(existing),
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
      const { invoiceId } = await client.invoices.create(
        { ...data, CUSTOMER_ID: customerId },
        { signal, operation: 'invoices.create' },
      );
      return { data: await fetchInvoice(invoiceId, signal) };
    } catch (error) {
      if (isMissingId(error, 'CUSTOMER_ID')) {
        throw new ValidationError({
          provider: BILLOMAT_STYLE,
          issues: [{ path: 'customer.id', message: `customer ${customerId} does not exist` }],
        });
      }
      throw error;
    }
  };

  /** A customer made from a buyer snapshot alone: its DATA, and the warnings of what it loses. */
  const snapshotCustomer = (
    snapshot: BuyerSnapshot,
    externalId: string | undefined,
    warnings: AdapterWarning[],
  ): SnapshotCustomer => {
    const { data, warnings: lost } = writeCustomer(snapshot, 'invoices.create');
    for (const warning of lost)
      warnings.push(
        warning.type === 'other'
          ? warning
          : { ...warning, path: `customer.snapshot.${warning.path}` },
      );
    warnings.push({
      type: 'other',
      message:
        'the vendor invoices customers, not buyer snapshots: a customer is created from the snapshot (and found again by its external id when the create is repeated)',
    });
    return { data, extUid: externalId === undefined ? undefined : `invoicekit:${externalId}` };
  };

  const customerOf = (
    customer: InvoiceCreateFields['customer'],
    externalId: string | undefined,
    warnings: AdapterWarning[],
  ): InvoiceCustomer => {
    if (customer.id !== undefined) return { id: customer.id };
    // Core's schema already asks for one of the two; this keeps the type honest.
    if (customer.snapshot === undefined)
      throw new ValidationError({
        provider: BILLOMAT_STYLE,
        issues: [{ path: 'customer', message: 'give the customer id or the buyer snapshot' }],
      });
    return { snapshot: snapshotCustomer(customer.snapshot, externalId, warnings) };
  };

  /** Runs a write on the invoice, then reads it back (the vendor answers writes with STATUS). */
  const writeThenRead = async (
    id: string,
    write: () => Promise<unknown>,
    signal: AbortSignal | undefined,
  ): Promise<ProviderWriteResult<Invoice>> => {
    await onRecord('invoice', id, 'INVOICE_ID', write);
    return { data: await fetchInvoice(id, signal) };
  };

  return {
    list: (query, { operation, signal }: ProviderCallContext) => {
      // The vendor filters by customer, number and (for credit notes alone) type; core checks
      // every filter again on what is listed.
      const onlyCreditNotes = query.type?.length === 1 && query.type[0] === 'credit_note';
      return mapItems(
        client.invoices.list(
          {
            ...(query.customerId !== undefined ? { CUSTOMER_ID: query.customerId } : {}),
            ...(query.number !== undefined ? { INVOICE_NUMBER: query.number } : {}),
            ...(onlyCreditNotes ? { TYPE: 'credit' as const } : {}),
          },
          {
            signal,
            operation,
            pageSize: Math.min(query.pageSize ?? deps.pageSize, BILLOMAT_STYLE_MAX_PAGE_SIZE),
          },
        ),
        read,
      );
    },

    get: (id, { signal }) => fetchInvoice(vendorIdOf(id, 'invoice'), signal),

    create: (input, { options, signal }): WritePlan<Invoice> => {
      const { data, warnings } = writeInvoice(input, options, { mode: 'create', keepsExternalIds });
      const externalId = keepsExternalIds ? input.externalId : undefined;
      // Checked before a customer is made from a snapshot, so bad data leaves nothing behind.
      parseInput(InvoiceDataSchema, data, {
        provider: BILLOMAT_STYLE,
        operation: 'invoices.create',
      });
      const customer = customerOf(input.customer, externalId, warnings);
      return {
        warnings,
        send: () => {
          const write = () => createOnce(data, customer, externalId, signal);
          // Concurrent creates with one external id in this process: one look-up-then-create at a time.
          return externalId === undefined
            ? write()
            : deps.creates.run(
                JSON.stringify([deps.account.origin, deps.account.login, externalId]),
                write,
              );
        },
      };
    },

    update: (id, input, { options, signal, operation }): WritePlan<Invoice> => {
      const invoiceId = vendorIdOf(id, 'invoice');
      const { data, warnings } = writeInvoice(input, options, { mode: 'update', keepsExternalIds });
      return {
        warnings,
        send: () =>
          writeThenRead(
            invoiceId,
            () => client.invoices.update({ ...data, INVOICE_ID: invoiceId }, { signal, operation }),
            signal,
          ),
      };
    },

    delete: async (id, { signal, operation }) => {
      const invoiceId = vendorIdOf(id, 'invoice');
      await onRecord('invoice', invoiceId, 'INVOICE_ID', () =>
        client.invoices.delete(invoiceId, { signal, operation }),
      );
    },

    finalize: (id, { signal, operation }) => {
      const invoiceId = vendorIdOf(id, 'invoice');
      return writeThenRead(
        invoiceId,
        () => client.invoices.complete({ INVOICE_ID: invoiceId }, { signal, operation }),
        signal,
      );
    },

    cancel: (id, { signal, operation }) => {
      const invoiceId = vendorIdOf(id, 'invoice');
      return writeThenRead(
        invoiceId,
        () => client.invoices.cancel({ INVOICE_ID: invoiceId }, { signal, operation }),
        signal,
      );
    },

    markPaid: async (id, input, { signal, operation }): Promise<WritePlan<Invoice>> => {
      const invoiceId = vendorIdOf(id, 'invoice');
      const current = await fetchInvoice(invoiceId, signal);
      // Whole invoices only: the amount asked for is checked below, against the whole amount due.
      const payment = planPayment(current, undefined, BILLOMAT_STYLE);
      if (payment.kind === 'nothing-due') {
        const { result } = payment;
        return { warnings: [], send: () => Promise.resolve(result) };
      }
      if (
        input.amount !== undefined &&
        !toDecimal(input.amount).equals(toDecimal(current.totals.due))
      )
        throw new UnsupportedOperationError({
          provider: BILLOMAT_STYLE,
          operation,
          issues: [
            {
              path: 'amount',
              message: `the vendor marks a whole invoice paid; ${current.totals.due} ${current.currency} is due`,
            },
          ],
          message: `invoices.markPaid: partial payments are not supported (${current.totals.due} ${current.currency} is due)`,
        });
      const warnings: AdapterWarning[] = [];
      // Classic FastBill records a free-text PAYMENT_METHOD; Monsum's setpaid has none.
      const sendsMethod = input.method !== undefined && deps.endpoint === 'fastbill';
      if (input.method !== undefined && !sendsMethod)
        warnings.push({
          type: 'unsupported_field',
          path: 'method',
          reason: "Monsum's setpaid records no payment method",
        });
      if (input.reference !== undefined)
        warnings.push({
          type: 'unsupported_field',
          path: 'reference',
          reason: 'setpaid records no payment reference',
        });
      return {
        warnings,
        send: () =>
          writeThenRead(
            invoiceId,
            () =>
              client.invoices.setPaid(
                {
                  INVOICE_ID: invoiceId,
                  ...(input.date !== undefined ? { PAID_DATE: input.date } : {}),
                  ...(sendsMethod ? { PAYMENT_METHOD: input.method } : {}),
                },
                { signal, operation },
              ),
            signal,
          ),
      };
    },

    send: (id, input, { signal, operation }): WritePlan<Invoice> => {
      const invoiceId = vendorIdOf(id, 'invoice');
      const warnings: AdapterWarning[] = input.attachPdf
        ? []
        : [
            {
              type: 'unsupported_field',
              path: 'attachPdf',
              reason: 'the vendor always attaches the PDF',
            },
          ];
      return {
        warnings,
        send: async () => {
          const current = await fetchInvoice(invoiceId, signal);
          // The vendor requires a recipient: the customer's address when none is given.
          let to = input.to;
          if (!to && current.customer.id) {
            const customer = await client.findCustomer(current.customer.id, signal);
            const email = textOf(customer?.EMAIL);
            if (email) to = [email];
          }
          if (!to) {
            throw new ValidationError({
              provider: BILLOMAT_STYLE,
              issues: [{ path: 'to', message: 'the customer has no e-mail address; give one' }],
            });
          }
          const label = current.number ?? invoiceId;
          const recipient = { TO: to, ...(input.cc?.length ? { CC: input.cc } : {}) };
          // seed 002 makes SUBJECT and MESSAGE mandatory.
          return writeThenRead(
            invoiceId,
            () =>
              client.invoices.sendByEmail(
                {
                  INVOICE_ID: invoiceId,
                  RECIPIENT: recipient,
                  SUBJECT: input.subject ?? `Invoice ${label}`,
                  MESSAGE: input.message ?? `Please find attached invoice ${label}.`,
                },
                { signal, operation },
              ),
            signal,
          );
        },
      };
    },

    downloadPdf: async (id, options, { signal, operation }) => {
      const invoiceId = vendorIdOf(id, 'invoice');
      if (options.language !== undefined || options.variant !== undefined) {
        throw new UnsupportedOperationError({
          provider: BILLOMAT_STYLE,
          operation,
          message:
            'the PDF is printed from the invoice template (TEMPLATE_ID); language and variant are set there',
        });
      }
      const invoice = await rawInvoice(invoiceId, signal);
      const document = await client.downloadDocument(invoice, { signal, operation });
      return {
        contentType: document.contentType,
        fileName: documentFileName(textOf(invoice.INVOICE_NUMBER), invoiceId),
        data: document.data,
      };
    },

    reminders: async (id, { signal, operation }) => {
      const invoiceId = vendorIdOf(id, 'invoice');
      const invoice = await fetchInvoice(invoiceId, signal);
      const reminders = await client.invoices.getReminders(invoiceId, { signal, operation });
      return reminders.map((raw) => toCanonicalReminder(raw, invoice.currency));
    },
  };
}
