import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import {
  ConflictError,
  CustomerCreateInputSchema,
  CustomerListQuerySchema,
  CustomerUpdateInputSchema,
  IdSchema,
  InvoiceListQuerySchema,
  InvoiceUpdateInputSchema,
  MarkPaidInputSchema,
  NotFoundError,
  OutcomeUnknownError,
  ProviderError,
  TOKENS,
  UnsupportedOperationError,
  ValidationError,
  adapterSummary,
  identityOf,
  type AdapterIdentity,
  currencyExponent,
  isCurrencyCode,
  deferIterable,
  enforceStrict,
  forwardRawRequest,
  inspectAdapter,
  parseInput,
  planPayment,
  toDecimal,
  unsupportedOperation,
  type Clock,
  type Customer,
  type CustomerCreateInput,
  type CustomerListQuery,
  type CustomerUpdateInput,
  type HttpTransport,
  type Invoice,
  type InvoiceAdapterV1,
  type InvoiceListQuery,
  type InvoiceUpdateInput,
  type MarkPaidInput,
  type RawRequest,
  type RawResponse,
  type ReadOptions,
  type WriteOptions,
  type WriteResult,
} from '@invoicekit/core';
import { inject, injectable } from 'tsyringe';
import { PLANDOCKET_CAPABILITIES } from './capabilities';
import { PlandocketClient, type VendorRecord } from './client/plandocket-client';
import type { PlandocketConfig } from './config';
import { toContactBody, toInvoicePatch } from './mapping/from-canonical';
import { VENDOR_CANCELED_STATUS } from './mapping/status';
import { toCanonicalCustomer, toCanonicalInvoice } from './mapping/to-canonical';
import { PLANDOCKET } from './provider-id';

/** Minor-unit places of a currency (2 for codes the table does not know). */
function currencyExponentOf(currency: string): number {
  return isCurrencyCode(currency) ? currencyExponent(currency) : 2;
}

/** Payment statuses a warning may name (anything else could be text the vendor echoed). */
const KNOWN_PAYMENT_STATUSES = new Set(['pending', 'failed', 'cancelled', 'canceled', 'refunded']);

/** Every listed or read invoice comes with its lines, payments and contact: one call each. */
const FULL = ['items', 'payments', 'contact'] as const;

/**
 * The canonical adapter (specification v1) for Plandocket. Invoices are read (with items,
 * payments and contact in the same call), updated (notes, due date) and canceled; payments are
 * recorded with `POST /payments`; customers are contacts. What the API cannot do is `false` in
 * `capabilities` and rejects before any request.
 */
@injectable()
export class PlandocketAdapter implements InvoiceAdapterV1 {
  readonly specificationVersion = 'v1' as const;
  readonly id = PLANDOCKET;
  readonly capabilities = PLANDOCKET_CAPABILITIES;

  /** The vendor's API, typed: every filter, sort and include; contacts and payments CRUD. */
  readonly vendor: PlandocketClient;

  private readonly settings: { readonly pageSize: number };

  /** The account this adapter speaks to (its base URL, credentials redacted). */
  get identity(): AdapterIdentity {
    return identityOf(this.id, this.transport);
  }

  constructor(
    @inject(TOKENS.Transport) private readonly transport: HttpTransport,
    @inject(TOKENS.ProviderConfig) config: PlandocketConfig,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {
    this.vendor = new PlandocketClient(transport, config.pageSize, new URL(config.baseUrl).origin);
    this.settings = { pageSize: config.pageSize };
  }

  private checkedId(id: string, operation: string): string {
    return parseInput(IdSchema, id, { provider: PLANDOCKET, operation, basePath: ['id'] });
  }

  private read(raw: unknown): Invoice {
    return toCanonicalInvoice(raw, {
      today: new Date(this.clock.now()).toISOString().slice(0, 10),
    });
  }

  private async fetchRaw(id: string, signal?: AbortSignal): Promise<VendorRecord> {
    return (await this.vendor.invoices.get(id, [...FULL], { signal, operation: 'invoices.get' }))
      .data;
  }

  /**
   * A payment call that failed in a way that may have paid: never answered "failed", which would
   * invite a second payment. The transport's `OutcomeUnknownError` (its look-ups found nothing) is
   * given the exact payment to look for. A payment the vendor accepted (2xx) but answered
   * unreadably is committed: it is looked up once, and without a match its outcome is unknown.
   * Any other error is rethrown as it is. The payment itself is never sent again here.
   */
  private async settleUnclearPayment(
    error: unknown,
    findPayment: (signal?: AbortSignal) => Promise<{ data: VendorRecord } | undefined>,
    context: { invoiceNumber: string; transactionId: string; signal: AbortSignal | undefined },
  ): Promise<{ requestId: string | undefined; payment: VendorRecord }> {
    const check = `a payment with transaction_id ${context.transactionId} on invoice ${context.invoiceNumber}`;
    if (error instanceof OutcomeUnknownError) {
      throw new OutcomeUnknownError({
        provider: PLANDOCKET,
        operation: 'invoices.markPaid',
        causeCode: error.causeCode,
        check,
        message: `invoices.markPaid: the outcome is unknown (${error.causeCode}); check for ${check} before paying again`,
        status: error.status,
        requestId: error.requestId,
        request: error.request,
        cause: error,
      });
    }
    const accepted =
      error instanceof ProviderError &&
      error.status !== undefined &&
      error.status >= 200 &&
      error.status < 300;
    if (!accepted) throw error;
    let found: { data: VendorRecord } | undefined;
    try {
      found = await findPayment(context.signal);
    } catch (lookupError) {
      if (context.signal?.aborted) throw lookupError;
      found = undefined;
    }
    if (found) return { requestId: error.requestId, payment: found.data };
    throw new OutcomeUnknownError({
      provider: PLANDOCKET,
      operation: 'invoices.markPaid',
      causeCode: error.code,
      check,
      message: `invoices.markPaid: the vendor accepted the payment with an unreadable answer and a look-up did not find it; check for ${check} before paying again`,
      status: error.status,
      requestId: error.requestId,
      cause: error,
    });
  }

  private listInvoices(query: InvoiceListQuery, options: ReadOptions): AsyncIterable<Invoice> {
    const parsed = parseInput(InvoiceListQuerySchema, query, {
      provider: PLANDOCKET,
      operation: 'invoices.list',
    });
    const vendor = this.vendor;
    const read = (raw: unknown): Invoice => this.read(raw);
    const pageSize = parsed.pageSize ?? this.settings.pageSize;
    const signal = options.signal;
    return (async function* listed() {
      // The vendor filters by customer NUMBER: the contact's number is looked up once.
      const customerNumber =
        parsed.customerId === undefined
          ? undefined
          : String(
              (await vendor.contacts.get(parsed.customerId, { signal, operation: 'invoices.list' }))
                .data.customer_number ?? '',
            );
      // Statuses are filtered here, after paging: the vendor's strings are undocumented, and a
      // guessed spelling ("cancelled" / "canceled") sent as a filter would silently drop invoices.
      const types = parsed.type;
      const records = vendor.invoices.list(
        {
          include: [...FULL],
          ...(customerNumber ? { customer_number: customerNumber } : {}),
          ...(types?.length === 1 && (types[0] === 'invoice' || types[0] === 'credit_note')
            ? { type: types[0] }
            : {}),
        },
        { signal, pageSize, operation: 'invoices.list' },
      );
      for await (const record of records) {
        const invoice = read(record);
        if (parsed.status && !parsed.status.includes(invoice.status.canonical)) continue;
        if (types && !types.includes(invoice.type)) continue;
        if (parsed.customerId !== undefined && invoice.customer.id !== parsed.customerId) continue;
        if (parsed.number !== undefined && invoice.number !== parsed.number) continue;
        if (parsed.externalId !== undefined) continue; // Plandocket invoices carry no external id.
        if (parsed.issuedFrom && (invoice.issueDate ?? '') < parsed.issuedFrom) continue;
        if (parsed.issuedTo && (invoice.issueDate ?? '9999') > parsed.issuedTo) continue;
        yield invoice;
      }
    })();
  }

  readonly invoices = {
    list: (query: InvoiceListQuery = {}, options: ReadOptions = {}): AsyncIterable<Invoice> =>
      deferIterable(() => this.listInvoices(query, options)),

    get: async (id: string, options: ReadOptions = {}): Promise<Invoice> =>
      this.read(await this.fetchRaw(this.checkedId(id, 'invoices.get'), options.signal)),

    create: unsupportedOperation(
      PLANDOCKET,
      'invoices.create',
    ) as InvoiceAdapterV1['invoices']['create'],

    /** Notes and due date; a sent (locked) invoice's due date cannot change. */
    update: async (
      id: string,
      input: InvoiceUpdateInput,
      options: WriteOptions = {},
    ): Promise<WriteResult<Invoice>> => {
      const checkedId = this.checkedId(id, 'invoices.update');
      const parsed = parseInput(InvoiceUpdateInputSchema, input, {
        provider: PLANDOCKET,
        operation: 'invoices.update',
      });
      const { body, warnings } = toInvoicePatch(parsed);
      enforceStrict(warnings, {
        provider: PLANDOCKET,
        operation: 'invoices.update',
        strict: options.strict,
      });
      if (body.due_date !== undefined) {
        // GoBD: a sent invoice is locked; say so before the vendor refuses.
        const current = await this.fetchRaw(checkedId, options.signal);
        if (String(current.is_locked) === 'true') {
          throw new ConflictError({
            provider: PLANDOCKET,
            message: `invoices.update: invoice ${checkedId} is locked (sent invoices cannot change their due date)`,
          });
        }
      }
      const { requestId } = await this.vendor.invoices.update(checkedId, body, {
        signal: options.signal,
        operation: 'invoices.update',
      });
      return {
        data: this.read(await this.fetchRaw(checkedId, options.signal)),
        warnings,
        ...(requestId ? { requestId } : {}),
      };
    },

    delete: unsupportedOperation(
      PLANDOCKET,
      'invoices.delete',
    ) as InvoiceAdapterV1['invoices']['delete'],

    finalize: unsupportedOperation(
      PLANDOCKET,
      'invoices.finalize',
    ) as InvoiceAdapterV1['invoices']['finalize'],

    /** `PATCH { status: 'cancelled' }`. */
    cancel: async (id: string, options: WriteOptions = {}): Promise<WriteResult<Invoice>> => {
      const checkedId = this.checkedId(id, 'invoices.cancel');
      const { requestId } = await this.vendor.invoices.update(
        checkedId,
        { status: VENDOR_CANCELED_STATUS },
        { signal: options.signal, operation: 'invoices.cancel' },
      );
      return {
        data: this.read(await this.fetchRaw(checkedId, options.signal)),
        warnings: [],
        ...(requestId ? { requestId } : {}),
      };
    },

    /**
     * `POST /payments` with the invoice NUMBER and the amount (the whole amount due by default;
     * partial amounts too). The payment carries a transaction id unique to the call, so a payment
     * whose answer was lost is found (completed, same amount), not paid twice.
     */
    markPaid: async (
      id: string,
      input: MarkPaidInput = {},
      options: WriteOptions = {},
    ): Promise<WriteResult<Invoice>> => {
      const checkedId = this.checkedId(id, 'invoices.markPaid');
      const parsed = parseInput(MarkPaidInputSchema, input, {
        provider: PLANDOCKET,
        operation: 'invoices.markPaid',
      });
      const current = this.read(await this.fetchRaw(checkedId, options.signal));
      if (current.status.canonical === 'canceled' || current.status.canonical === 'refunded') {
        throw new ConflictError({
          provider: PLANDOCKET,
          message: `invoices.markPaid: invoice ${checkedId} is ${current.status.canonical}; it takes no payment`,
        });
      }
      const plan = planPayment(current, parsed.amount, PLANDOCKET);
      if (plan.kind === 'nothing-due') return plan.result;
      const amount = plan.amount;
      if (toDecimal(amount).lessThanOrEqualTo(0)) {
        throw new ValidationError({
          provider: PLANDOCKET,
          issues: [{ path: 'amount', message: 'must be more than 0' }],
        });
      }
      if (toDecimal(amount).decimalPlaces() > currencyExponentOf(current.currency)) {
        throw new ValidationError({
          provider: PLANDOCKET,
          issues: [
            { path: 'amount', message: `has more decimals than ${current.currency} allows` },
          ],
        });
      }
      if (!current.number) {
        throw new ConflictError({
          provider: PLANDOCKET,
          message: `invoices.markPaid: invoice ${checkedId} has no number, and payments name invoices by number`,
        });
      }
      const invoiceNumber = current.number;
      // Unique to this call: a look-up finds this payment only, never an earlier one that bounced.
      const transactionId = `invoicekit:${checkedId}:${randomUUID()}`;
      // The transaction id is this call's own: a payment carrying it IS this write, whatever
      // its status or amount, so finding one means it must not be sent again.
      const findPayment = async (
        signal?: AbortSignal,
      ): Promise<{ data: VendorRecord } | undefined> => {
        for await (const payment of this.vendor.payments.list(
          { invoice_number: invoiceNumber },
          { signal, operation: 'invoices.markPaid.lookup' },
        )) {
          if (payment.transaction_id === transactionId) return { data: payment };
        }
        return undefined;
      };
      let outcome: { requestId: string | undefined; payment: VendorRecord };
      try {
        const created = await this.vendor.payments.create(
          {
            invoice_number: invoiceNumber,
            amount,
            currency: current.currency,
            transaction_id: transactionId,
            ...(parsed.date !== undefined ? { payment_date: parsed.date } : {}),
            ...(parsed.method !== undefined ? { gateway_key: parsed.method } : {}),
            ...(parsed.reference !== undefined ? { notes: parsed.reference } : {}),
          },
          {
            signal: options.signal,
            operation: 'invoices.markPaid',
            // The transport asks this (repeatedly) after an ambiguous failure; the adapter never
            // sends the payment again itself.
            idempotency: { kind: 'lookup', lookup: findPayment },
          },
        );
        outcome = { requestId: created.requestId, payment: created.data };
      } catch (error) {
        outcome = await this.settleUnclearPayment(error, findPayment, {
          invoiceNumber,
          transactionId,
          signal: options.signal,
        });
      }
      const status = outcome.payment.status;
      const warnings =
        typeof status === 'string' && status !== 'completed'
          ? [
              {
                type: 'other' as const,
                // Only a known status is named: the vendor's own text may echo anything.
                message: `the payment was recorded as ${KNOWN_PAYMENT_STATUSES.has(status) ? status : 'an unknown status'}; only completed payments count towards paid`,
              },
            ]
          : [];
      return {
        data: this.read(await this.fetchRaw(checkedId, options.signal)),
        warnings,
        ...(outcome.requestId ? { requestId: outcome.requestId } : {}),
      };
    },

    send: unsupportedOperation(PLANDOCKET, 'invoices.send') as InvoiceAdapterV1['invoices']['send'],

    downloadPdf: unsupportedOperation(
      PLANDOCKET,
      'invoices.downloadPdf',
    ) as InvoiceAdapterV1['invoices']['downloadPdf'],

    reminders: unsupportedOperation(
      PLANDOCKET,
      'invoices.reminders',
    ) as InvoiceAdapterV1['invoices']['reminders'],
  };

  private listCustomers(query: CustomerListQuery, options: ReadOptions): AsyncIterable<Customer> {
    const parsed = parseInput(CustomerListQuerySchema, query, {
      provider: PLANDOCKET,
      operation: 'customers.list',
    });
    if (parsed.externalId !== undefined) {
      throw new UnsupportedOperationError({
        provider: PLANDOCKET,
        operation: 'customers.list',
        issues: [{ path: 'externalId', message: 'contacts have no external id' }],
        message: 'customers.list: contacts have no external id to filter by',
      });
    }
    const search = parsed.name ?? parsed.email ?? parsed.taxId;
    const records = this.vendor.contacts.list(search ? { search } : {}, {
      signal: options.signal,
      pageSize: parsed.pageSize ?? this.settings.pageSize,
      operation: 'customers.list',
    });
    return (async function* filterAfterPaging() {
      for await (const record of records) {
        const customer = toCanonicalCustomer(record);
        if (
          parsed.name !== undefined &&
          !customer.name.toLowerCase().includes(parsed.name.toLowerCase())
        )
          continue;
        if (
          parsed.email !== undefined &&
          customer.email?.toLowerCase() !== parsed.email.toLowerCase()
        )
          continue;
        if (parsed.taxId !== undefined && customer.taxId !== parsed.taxId) continue;
        yield customer;
      }
    })();
  }

  readonly customers = {
    list: (query: CustomerListQuery = {}, options: ReadOptions = {}): AsyncIterable<Customer> =>
      deferIterable(() => this.listCustomers(query, options)),

    get: async (id: string, options: ReadOptions = {}): Promise<Customer> => {
      const checkedId = this.checkedId(id, 'customers.get');
      const { data } = await this.vendor.contacts.get(checkedId, {
        signal: options.signal,
        operation: 'customers.get',
      });
      return toCanonicalCustomer(data);
    },

    create: async (
      input: CustomerCreateInput,
      options: WriteOptions = {},
    ): Promise<WriteResult<Customer>> => {
      const parsed = parseInput(CustomerCreateInputSchema, input, {
        provider: PLANDOCKET,
        operation: 'customers.create',
      });
      const { body, warnings } = toContactBody(parsed);
      enforceStrict(warnings, {
        provider: PLANDOCKET,
        operation: 'customers.create',
        strict: options.strict,
      });
      const { data, requestId } = await this.vendor.contacts.create(body, {
        signal: options.signal,
        operation: 'customers.create',
      });
      return { data: toCanonicalCustomer(data), warnings, ...(requestId ? { requestId } : {}) };
    },

    update: async (
      id: string,
      input: CustomerUpdateInput,
      options: WriteOptions = {},
    ): Promise<WriteResult<Customer>> => {
      const checkedId = this.checkedId(id, 'customers.update');
      const parsed = parseInput(CustomerUpdateInputSchema, input, {
        provider: PLANDOCKET,
        operation: 'customers.update',
      });
      const { body, warnings } = toContactBody(parsed);
      enforceStrict(warnings, {
        provider: PLANDOCKET,
        operation: 'customers.update',
        strict: options.strict,
      });
      const { data, requestId } = await this.vendor.contacts.update(checkedId, body, {
        signal: options.signal,
        operation: 'customers.update',
      });
      return { data: toCanonicalCustomer(data), warnings, ...(requestId ? { requestId } : {}) };
    },

    delete: async (id: string, options: WriteOptions = {}): Promise<void> => {
      const checkedId = this.checkedId(id, 'customers.delete');
      await this.vendor.contacts.delete(checkedId, {
        signal: options.signal,
        operation: 'customers.delete',
        // A contact that is gone was deleted by the first attempt.
        idempotency: {
          kind: 'lookup',
          lookup: async (signal) => {
            try {
              await this.vendor.contacts.get(checkedId, { signal });
              return undefined;
            } catch (error) {
              if (error instanceof NotFoundError) return {};
              throw error;
            }
          },
        },
      });
    },
  };

  toJSON(): Record<string, string> {
    return adapterSummary(this);
  }

  [inspect.custom](): string {
    return inspectAdapter(this, 'PlandocketAdapter');
  }

  request<T = unknown>(request: RawRequest): Promise<RawResponse<T>> {
    return forwardRawRequest<T>(this.transport, request);
  }

  async close(): Promise<void> {
    await this.transport.close();
  }
}
