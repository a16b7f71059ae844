import {
  ConflictError,
  ValidationError,
  currencyExponent,
  isCurrencyCode,
  planPayment,
  toDecimal,
  writeFields,
  type AdapterWarning,
  type Invoice,
  type InvoiceProviderOperationsV1,
  type ParsedInvoiceListQuery,
  type ParsedMarkPaidInput,
  type ProviderCallContext,
  type ProviderWriteResult,
  type WritePlan,
} from '@invoicekit/core';
import { INVOICE_INCLUDES_ALL } from '../client/invoice-query';
import type { PlandocketClient, VendorRecord } from '../client/plandocket-client';
import { PLANDOCKET_INVOICE_RULES } from '../mapping/invoice-writer';
import { GATEWAY_KEY_OF_METHOD } from '../mapping/payment-method';
import { adapterTransactionId } from '../mapping/transaction-id';
import { VENDOR_CANCELED_STATUS } from '../mapping/status';
import { toCanonicalInvoice } from '../mapping/to-canonical-invoice';
import { PLANDOCKET } from '../provider-id';
import { settleUnclearPayment, type PaymentLookup } from './unclear-payment';
import { withRequestId } from './write-result';

/** What the invoice operations need. */
export interface PlandocketInvoiceDeps {
  readonly client: PlandocketClient;
  /** Page size asked for when the query names none. */
  readonly pageSize: number;
  /** Today in the vendor's business time zone, for "overdue". */
  readonly today: () => string;
}

/** Every listed or read invoice comes with its lines, payments and contact: one call each. */
const FULL = INVOICE_INCLUDES_ALL;

/** Payment statuses a warning may name (anything else could be text the vendor echoed). */
const KNOWN_PAYMENT_STATUSES = new Set(['pending', 'failed', 'cancelled', 'canceled', 'refunded']);

/** Minor-unit places of a currency (2 for codes the table does not know). */
function currencyExponentOf(currency: string): number {
  return isCurrencyCode(currency) ? currencyExponent(currency) : 2;
}

/**
 * Plandocket's invoice operations. Invoices are read (with items, payments and contact in the
 * same call), updated (notes, due date) and canceled; payments are recorded with the payments
 * API. Invoices are made inside Plandocket: there is no create, delete, finalize, send, PDF or
 * reminder call, so those operations are left out.
 */
export function plandocketInvoiceOperations(deps: PlandocketInvoiceDeps) {
  const { client } = deps;
  const read = (raw: unknown): Invoice => toCanonicalInvoice(raw, { today: deps.today() });
  const fetchRaw = async (id: string, signal: AbortSignal | undefined): Promise<VendorRecord> =>
    (await client.invoices.get(id, [...FULL], { signal, operation: 'invoices.get' })).data;
  const fetch = async (id: string, signal: AbortSignal | undefined): Promise<Invoice> =>
    read(await fetchRaw(id, signal));
  /**
   * A PATCH asking for the whole invoice back: its answer is the invoice after the write, so it
   * is read only when the server left the included parts out (the include is undocumented there).
   */
  const patch = async (
    id: string,
    body: Parameters<PlandocketClient['invoices']['update']>[1],
    context: ProviderCallContext,
  ) => {
    const { data, requestId } = await client.invoices.update(id, body, {
      ...context,
      include: [...FULL],
    });
    const invoice = hasAllIncludes(data) ? read(data) : await fetch(id, context.signal);
    return withRequestId({ data: invoice }, requestId);
  };

  return {
    list: (query, context) => listInvoices(deps, read, query, context),

    get: (id, { signal }) => fetch(id, signal),

    /** Internal notes and due date; a sent (locked) invoice's due date cannot change. */
    update: (id, input, context) => {
      const { body, warnings } = writeFields(PLANDOCKET_INVOICE_RULES, input, {
        provider: PLANDOCKET,
        operation: context.operation,
        context: undefined,
      });
      return {
        warnings,
        send: async () => {
          // Nothing the vendor holds was asked for (printed notes only): there is nothing to send.
          if (Object.keys(body).length === 0) return { data: await fetch(id, context.signal) };
          // GoBD: a sent invoice is locked; say so before the vendor refuses.
          if (body.due_date !== undefined) {
            const current = await fetchRaw(id, context.signal);
            if (String(current.is_locked) === 'true') {
              throw new ConflictError({
                provider: PLANDOCKET,
                message: `invoices.update: invoice ${id} is locked (sent invoices cannot change their due date)`,
              });
            }
          }
          return patch(id, body, context);
        },
      };
    },

    /** `PATCH { status: 'cancelled' }`. */
    cancel: async (id, context) => patch(id, { status: VENDOR_CANCELED_STATUS }, context),

    markPaid: async (id, input, context) => planMarkPaid(client, id, input, context, fetch),
  } satisfies InvoiceProviderOperationsV1<undefined>;
}

/**
 * The vendor filters by customer NUMBER (the contact's number is looked up once) and by type;
 * statuses are not sent: the vendor's strings are undocumented, and a guessed spelling
 * ("cancelled" / "canceled") would silently drop invoices. Core filters statuses and the rest
 * after paging. `updatedSince` is not sent either: the API filters and sorts by no update time,
 * and creation order says nothing about updates (old invoices get paid), so the whole list is
 * read and core keeps what was updated since (docs/vendors/plandocket.md §12).
 */
async function* listInvoices(
  { client, pageSize }: PlandocketInvoiceDeps,
  read: (raw: unknown) => Invoice,
  query: ParsedInvoiceListQuery,
  { operation, signal }: ProviderCallContext,
): AsyncIterable<Invoice> {
  const customerNumber =
    query.customerId === undefined
      ? undefined
      : String(
          (await client.contacts.get(query.customerId, { signal, operation })).data
            .customer_number ?? '',
        );
  const types = query.type;
  const records = client.invoices.list(
    {
      include: [...FULL],
      ...(customerNumber ? { customer_number: customerNumber } : {}),
      ...(types?.length === 1 && (types[0] === 'invoice' || types[0] === 'credit_note')
        ? { type: types[0] }
        : {}),
    },
    { signal, pageSize: query.pageSize ?? pageSize, operation },
  );
  for await (const record of records) yield read(record);
}

/**
 * `markPaid`, prepared: the invoice is read and the amount checked (the whole amount due by
 * default; partial amounts too). Sending posts one payment with the invoice NUMBER and a
 * transaction id unique to the call, so a payment whose answer was lost is found, not paid twice.
 */
async function planMarkPaid(
  client: PlandocketClient,
  id: string,
  input: ParsedMarkPaidInput,
  context: ProviderCallContext,
  fetch: (id: string, signal: AbortSignal | undefined) => Promise<Invoice>,
): Promise<WritePlan<Invoice>> {
  const current = await fetch(id, context.signal);
  if (current.state.lifecycle === 'canceled' || current.state.payment === 'refunded') {
    throw new ConflictError({
      provider: PLANDOCKET,
      message: `invoices.markPaid: invoice ${id} is ${current.state.lifecycle === 'canceled' ? 'canceled' : 'refunded'}; it takes no payment`,
    });
  }
  const payment = planPayment(current, input.amount, PLANDOCKET);
  // Nothing is due, so nothing is written: the warning is the answer, and strict mode has no
  // write to stop (it is the send result's warning, as it always was an after-the-fact one).
  if (payment.kind === 'nothing-due') return { warnings: [], send: async () => payment.result };
  const amount = payment.amount;
  if (toDecimal(amount).lessThanOrEqualTo(0)) {
    throw new ValidationError({
      provider: PLANDOCKET,
      issues: [{ path: 'amount', message: 'must be more than 0' }],
    });
  }
  if (toDecimal(amount).decimalPlaces() > currencyExponentOf(current.currency)) {
    throw new ValidationError({
      provider: PLANDOCKET,
      issues: [{ path: 'amount', message: `has more decimals than ${current.currency} allows` }],
    });
  }
  if (!current.number) {
    throw new ConflictError({
      provider: PLANDOCKET,
      message: `invoices.markPaid: invoice ${id} has no number, and payments name invoices by number`,
    });
  }
  const invoiceNumber = current.number;
  const { gateway, warnings } = gatewayOf(input.method);
  // Payments the invoice had before this call: a look-up by a caller's reference (which an
  // earlier payment may share) only counts a payment that is not one of them.
  const before = new Set(paymentIdsOf(current.raw));
  return {
    warnings,
    send: async (): Promise<ProviderWriteResult<Invoice>> => {
      // The caller's reference is the transaction id; without one, an id unique to this call, so
      // that a look-up finds this payment only, never an earlier one that bounced.
      const transactionId = input.reference ?? adapterTransactionId(id);
      // A payment carrying the transaction id that was not there before IS this write, whatever
      // its status or amount, so finding one means it must not be sent again.
      const findPayment: PaymentLookup = async (signal) => {
        for await (const found of client.payments.list(
          { invoice_number: invoiceNumber },
          { signal, operation: 'invoices.markPaid.lookup' },
        )) {
          if (found.transaction_id === transactionId && !before.has(String(found.id)))
            return { data: found };
        }
        return undefined;
      };
      let outcome: { requestId: string | undefined; payment: VendorRecord };
      try {
        const created = await client.payments.create(
          {
            invoice_number: invoiceNumber,
            amount,
            currency: current.currency,
            transaction_id: transactionId,
            ...(input.date !== undefined ? { payment_date: input.date } : {}),
            ...(gateway !== undefined ? { gateway_key: gateway } : {}),
          },
          {
            signal: context.signal,
            operation: context.operation,
            // The transport asks this (repeatedly) after an ambiguous failure; the operation
            // never sends the payment again itself.
            idempotency: { kind: 'lookup', lookup: findPayment },
          },
        );
        outcome = { requestId: created.requestId, payment: created.data };
      } catch (error) {
        outcome = await settleUnclearPayment(error, findPayment, {
          invoiceNumber,
          transactionId,
          signal: context.signal,
        });
      }
      return withRequestId(
        {
          data: await fetch(id, context.signal),
          warnings: paymentStatusWarnings(outcome.payment.status),
        },
        outcome.requestId,
      );
    },
  };
}

/**
 * The canonical method → the vendor's gateway key; `other` names no gateway, so it is not sent
 * and says so (a warning at `method`, known before anything is written).
 */
function gatewayOf(method: ParsedMarkPaidInput['method']): {
  readonly gateway: string | undefined;
  readonly warnings: AdapterWarning[];
} {
  if (method === undefined) return { gateway: undefined, warnings: [] };
  if (method === 'other')
    return {
      gateway: undefined,
      warnings: [
        {
          type: 'unsupported_field',
          path: 'method',
          reason:
            'Plandocket names a payment method by its gateway, and "other" names none; gateway_key was not sent',
        },
      ],
    };
  return { gateway: GATEWAY_KEY_OF_METHOD[method], warnings: [] };
}

/** Whether a vendor invoice came with its lines, payments and contact (`include=…`). */
function hasAllIncludes(record: VendorRecord): boolean {
  return Array.isArray(record.items) && Array.isArray(record.payments) && 'contact' in record;
}

/** The ids of the payments a vendor invoice carries (`include=payments`). */
function paymentIdsOf(raw: unknown): string[] {
  const payments = (raw as { payments?: unknown } | null)?.payments;
  if (!Array.isArray(payments)) return [];
  return payments
    .map((payment) => (payment as { id?: unknown } | null)?.id)
    .filter((paymentId) => paymentId !== undefined && paymentId !== null)
    .map(String);
}

/** A payment recorded as anything but completed does not count towards paid: say so. */
function paymentStatusWarnings(status: unknown): AdapterWarning[] {
  if (typeof status !== 'string' || status === 'completed') return [];
  return [
    {
      type: 'other',
      // Only a known status is named: the vendor's own text may echo anything.
      message: `the payment was recorded as ${KNOWN_PAYMENT_STATUSES.has(status) ? status : 'an unknown status'}; only completed payments count towards paid`,
    },
  ];
}
