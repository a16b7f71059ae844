import {
  mapItems,
  UnsupportedOperationError,
  ValidationError,
  type AdapterWarning,
  type Invoice,
  type InvoiceProviderOperationsV1,
  type ProviderWriteResult,
  type WritePlan,
} from '@invoicekit/core';
import type { MethodStyleClient } from '../client/method-client';
import { textOf } from '../codec/envelope';
import type { CreateSerializer } from './create-lock';
import { onRecord, vendorIdOf } from '../errors/not-found';
import { BILLOMAT_STYLE_MAX_PAGE_SIZE, type MethodStyleEndpoint } from '../features';
import { documentFileName } from '../mapping/document-file-name';
import { writeInvoice } from '../mapping/invoice-writer';
import { toCanonicalReminder } from '../mapping/to-canonical-reminder';
import type { BillomatStyleInvoiceOptions } from '../provider-options';
import { BILLOMAT_STYLE } from '../provider-id';
import { planInvoiceCreate } from './invoice-create';
import { planWholePayment } from './invoice-payment';
import { invoiceReader } from './invoice-reader';

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

/** The method-style invoice operations: vendor work only, on input core has validated. */
export function billomatStyleInvoiceOperations(deps: BillomatStyleInvoiceDeps) {
  const { client } = deps;
  const keepsExternalIds = deps.endpoint === 'monsum';
  const invoices = invoiceReader(client, deps.today);
  const createDeps = { ...deps, invoices, keepsExternalIds };

  /** Runs a write on the invoice, then reads it back (the vendor answers writes with STATUS). */
  const writeThenRead = async (
    id: string,
    write: () => Promise<unknown>,
    signal: AbortSignal | undefined,
  ): Promise<ProviderWriteResult<Invoice>> => {
    await onRecord('invoice', id, 'INVOICE_ID', write);
    return { data: await invoices.fetch(id, signal) };
  };

  return {
    list: (query, { operation, signal }) => {
      // The vendor filters by customer, number and (for credit notes alone) type; core checks
      // every filter again on what is listed. No FILTER reads a change time, and payments or
      // cancellations change invoices of any date, so `updatedSince` is a scan of every page:
      // core keeps those whose LASTUPDATE is at or after it (docs/vendors/method-style.md §20).
      const onlyCreditNotes = query.type?.length === 1 && query.type[0] === 'credit_note';
      const records = client.invoices.list(
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
      );
      return mapItems(records, invoices.read);
    },

    get: (id, { signal }) => invoices.fetch(vendorIdOf(id, 'invoice'), signal),

    create: (input, { options, signal }) => planInvoiceCreate(createDeps, input, options, signal),

    update: (id, input, { options, signal, operation }): WritePlan<Invoice> => {
      const invoiceId = vendorIdOf(id, 'invoice');
      const { data, warnings } = writeInvoice(input, options, { mode: 'update', keepsExternalIds });
      const update = () =>
        client.invoices.update({ ...data, INVOICE_ID: invoiceId }, { signal, operation });
      return { warnings, send: () => writeThenRead(invoiceId, update, signal) };
    },

    delete: async (id, { signal, operation }) => {
      const invoiceId = vendorIdOf(id, 'invoice');
      await onRecord('invoice', invoiceId, 'INVOICE_ID', () =>
        client.invoices.delete(invoiceId, { signal, operation }),
      );
    },

    finalize: (id, { signal, operation }) => {
      const invoiceId = vendorIdOf(id, 'invoice');
      const complete = () =>
        client.invoices.complete({ INVOICE_ID: invoiceId }, { signal, operation });
      return writeThenRead(invoiceId, complete, signal);
    },

    cancel: (id, { signal, operation }) => {
      const invoiceId = vendorIdOf(id, 'invoice');
      const cancel = () => client.invoices.cancel({ INVOICE_ID: invoiceId }, { signal, operation });
      return writeThenRead(invoiceId, cancel, signal);
    },

    markPaid: async (id, input, { signal, operation }) => {
      const invoiceId = vendorIdOf(id, 'invoice');
      const current = await invoices.fetch(invoiceId, signal);
      return planWholePayment(current, input, deps.endpoint, (data) =>
        writeThenRead(
          invoiceId,
          () => client.invoices.setPaid({ ...data, INVOICE_ID: invoiceId }, { signal, operation }),
          signal,
        ),
      );
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
      const send = async (): Promise<ProviderWriteResult<Invoice>> => {
        const current = await invoices.fetch(invoiceId, signal);
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
        // The vendor's invoice page makes SUBJECT and MESSAGE mandatory.
        const email = () =>
          client.invoices.sendByEmail(
            {
              INVOICE_ID: invoiceId,
              RECIPIENT: recipient,
              SUBJECT: input.subject ?? `Invoice ${label}`,
              MESSAGE: input.message ?? `Please find attached invoice ${label}.`,
            },
            { signal, operation },
          );
        return writeThenRead(invoiceId, email, signal);
      };
      return { warnings, send };
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
      const invoice = await invoices.record(invoiceId, signal);
      const document = await client.downloadDocument(invoice, { signal, operation });
      return {
        contentType: document.contentType,
        fileName: documentFileName(textOf(invoice.INVOICE_NUMBER), invoiceId),
        data: document.data,
      };
    },

    reminders: async (id, { signal, operation }) => {
      const invoiceId = vendorIdOf(id, 'invoice');
      const invoice = await invoices.fetch(invoiceId, signal);
      const reminders = await client.invoices.getReminders(invoiceId, { signal, operation });
      return reminders.map((raw) => toCanonicalReminder(raw, invoice.currency));
    },
  } satisfies InvoiceProviderOperationsV1<BillomatStyleInvoiceOptions>;
}
