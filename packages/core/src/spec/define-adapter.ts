import { inspect } from 'node:util';
import type { z } from 'zod';
import { UnsupportedOperationError } from '../errors/errors';
import {
  CustomerCreateInputSchema,
  CustomerUpdateInputSchema,
  type Customer,
  type CustomerCreateInput,
  type CustomerUpdateInput,
} from '../model/customer';
import type { Invoice } from '../model/invoice';
import {
  InvoiceCreateInputSchema,
  InvoiceUpdateInputSchema,
  type InvoiceCreateInput,
  type InvoiceUpdateInput,
  type ProviderOptions,
} from '../model/invoice-input';
import {
  CustomerListQuerySchema,
  InvoiceListQuerySchema,
  MarkPaidInputSchema,
  PdfOptionsSchema,
  SendInvoiceInputSchema,
  type CustomerListQuery,
  type InvoiceListQuery,
  type MarkPaidInput,
  type PdfOptions,
  type SendInvoiceInput,
} from '../model/operation-input';
import { IdSchema } from '../model/primitives';
import type { Reminder } from '../model/reminder';
import { deferIterable } from '../pagination/paginate';
import { parseInput } from '../validation/parse-input';
import type {
  AdapterIdentity,
  CustomerOperationsV1,
  InvoiceAdapterV1,
  InvoiceOperationsV1,
  ReadOptions,
} from './adapter-v1';
import { adapterSummary, identityOf } from './adapter-rendering';
import { CUSTOMER_OPERATIONS, INVOICE_OPERATIONS, type AdapterCapabilities } from './capabilities';
import { customerMatches, filtersAnything, invoiceMatches } from './list-filters';
import type {
  InvoiceProviderV1,
  ProviderCallContext,
  ProviderWriteResult,
  WritePlan,
} from './provider-v1';
import { parseProviderOptions } from './provider-options';
import { forwardRawRequest } from './raw-request';
import type { BinaryDocument, RawRequest, RawResponse, WriteResult } from './results';
import { enforceStrict, type AdapterWarning, type WriteOptions } from './warnings';

/** The adapter {@link defineAdapter} builds: `InvoiceAdapterV1`, the vendor client, disposal. */
export interface DefinedAdapter<Vendor> extends InvoiceAdapterV1, AsyncDisposable {
  readonly identity: AdapterIdentity;
  /** The provider's typed vendor client, for what the canonical API does not cover. */
  readonly vendor: Vendor;
  /** Same as {@link InvoiceAdapterV1.close}: `await using adapter = createXAdapter(…)`. */
  [Symbol.asyncDispose](): Promise<void>;
}

/** Capabilities read off which operations a provider supplies. */
export function capabilitiesOf<Vendor, InvoiceOptions, CustomerOptions>(
  provider: InvoiceProviderV1<Vendor, InvoiceOptions, CustomerOptions>,
): AdapterCapabilities {
  const has = (operation: unknown): boolean => typeof operation === 'function';
  const invoices = Object.fromEntries(
    INVOICE_OPERATIONS.map((operation) => [operation, has(provider.invoices[operation])]),
  ) as Record<(typeof INVOICE_OPERATIONS)[number], boolean>;
  const customers = Object.fromEntries(
    CUSTOMER_OPERATIONS.map((operation) => [operation, has(provider.customers[operation])]),
  ) as AdapterCapabilities['customers'];
  return {
    invoices: {
      ...invoices,
      partialPayments: invoices.markPaid && provider.features.partialPayments,
    },
    customers,
    idempotentCreate: invoices.create && provider.features.idempotentCreate,
    drafts: invoices.create && provider.features.drafts,
  };
}

function unsupported(provider: string, operation: string): UnsupportedOperationError {
  return new UnsupportedOperationError({ provider, operation });
}

/**
 * Implements `InvoiceAdapterV1` once over a provider's vendor operations — the way the Vercel AI
 * SDK's `generateText` is written once over `LanguageModelV*`. Core does everything that is the
 * same for every vendor: it validates ids and inputs (a `ValidationError` naming each field,
 * nothing sent), reads `providerOptions[<id>]` with the provider's schema, derives the
 * capabilities from the operations supplied (an absent one rejects before any request), applies
 * strict mode between a write's plan and its sending, checks every list filter on what the vendor
 * returns, and gives the adapter `request`, `close`, `Symbol.asyncDispose` and a `toJSON` /
 * `inspect` that show the account, never a credential.
 */
export function defineAdapter<Vendor, InvoiceOptions, CustomerOptions>(
  provider: InvoiceProviderV1<Vendor, InvoiceOptions, CustomerOptions>,
): DefinedAdapter<Vendor> {
  return new CanonicalAdapter(provider);
}

class CanonicalAdapter<Vendor, InvoiceOptions, CustomerOptions> implements DefinedAdapter<Vendor> {
  readonly specificationVersion = 'v1' as const;
  readonly id: string;
  readonly capabilities: AdapterCapabilities;
  readonly vendor: Vendor;
  readonly invoices: InvoiceOperationsV1;
  readonly customers: CustomerOperationsV1;
  /**
   * Non-enumerable, and not a `#private` field: a caller may wrap the adapter in a Proxy (a
   * `#private` read through a Proxy throws), and spreading or listing it shows no internals.
   */
  declare private readonly provider: InvoiceProviderV1<Vendor, InvoiceOptions, CustomerOptions>;

  constructor(provider: InvoiceProviderV1<Vendor, InvoiceOptions, CustomerOptions>) {
    Object.defineProperty(this, 'provider', { value: provider, enumerable: false });
    this.id = provider.id;
    this.vendor = provider.vendor;
    this.capabilities = capabilitiesOf(provider);
    this.invoices = this.invoiceOperations();
    this.customers = this.customerOperations();
  }

  get identity(): AdapterIdentity {
    return identityOf(this.id, this.provider.transport, this.provider.login);
  }

  private checkedId(id: string, operation: string): string {
    const checked = parseInput(IdSchema, id, { provider: this.id, operation, basePath: ['id'] });
    this.provider.checkId?.(checked, {
      operation,
      record: operation.startsWith('customers.') ? 'customer' : 'invoice',
    });
    return checked;
  }

  private context(operation: string, signal: AbortSignal | undefined): ProviderCallContext {
    return { operation, signal };
  }

  /** Strict mode between plan and send; the plan's warnings first, then what sending learnt. */
  private async carryOut<T>(
    plan: WritePlan<T> | Promise<WritePlan<T>>,
    operation: string,
    options: WriteOptions,
  ): Promise<WriteResult<T>> {
    const prepared = await plan;
    enforceStrict(prepared.warnings, { provider: this.id, operation, strict: options.strict });
    return toWriteResult(prepared.warnings, await prepared.send());
  }

  private options<Options>(
    schema: z.ZodType<Options> | undefined,
    providerOptions: ProviderOptions | undefined,
    operation: string,
  ): { options: Options | undefined; unsupported: boolean } {
    if (providerOptions?.[this.id] === undefined) return { options: undefined, unsupported: false };
    if (!schema) return { options: undefined, unsupported: true };
    return {
      options: parseProviderOptions(this.id, schema, providerOptions, operation),
      unsupported: false,
    };
  }

  /** A write whose input may carry `providerOptions`: parsed, then planned, checked and sent. */
  private async writeWithOptions<Fields, T, Options>(
    operation: string,
    parsed: Fields & { providerOptions?: ProviderOptions | undefined },
    schema: z.ZodType<Options> | undefined,
    plan: (
      fields: Omit<Fields, 'providerOptions'>,
      options: Options | undefined,
    ) => WritePlan<T> | Promise<WritePlan<T>>,
    writeOptions: WriteOptions,
  ): Promise<WriteResult<T>> {
    const { providerOptions, ...fields } = parsed;
    const { options, unsupported: noOptions } = this.options(schema, providerOptions, operation);
    const prepared = await plan(fields as Omit<Fields, 'providerOptions'>, options);
    const warnings = noOptions
      ? [
          ...prepared.warnings,
          {
            type: 'unsupported_field' as const,
            path: `providerOptions.${this.id}`,
            reason: `${this.id} takes no options for this write`,
          },
        ]
      : prepared.warnings;
    return this.carryOut({ warnings, send: () => prepared.send() }, operation, writeOptions);
  }

  private invoiceOperations(): InvoiceOperationsV1 {
    const ops = this.provider.invoices;
    const id = this.id;
    const schema = this.provider.providerOptions?.invoice;
    return {
      list: (query: InvoiceListQuery = {}, options: ReadOptions = {}): AsyncIterable<Invoice> => {
        const list = ops.list;
        if (!list) return rejectingIterable(unsupported(id, 'invoices.list'));
        return deferIterable(() => {
          const parsed = parseInput(InvoiceListQuerySchema, query, {
            provider: id,
            operation: 'invoices.list',
          });
          const listed = list.call(ops, parsed, this.context('invoices.list', options.signal));
          return filtersAnything(parsed)
            ? filtered(listed, (invoice) => invoiceMatches(invoice, parsed))
            : listed;
        });
      },
      get: async (invoiceId: string, options: ReadOptions = {}): Promise<Invoice> => {
        if (!ops.get) throw unsupported(id, 'invoices.get');
        const checked = this.checkedId(invoiceId, 'invoices.get');
        return ops.get(checked, this.context('invoices.get', options.signal));
      },
      create: async (
        input: InvoiceCreateInput,
        options: WriteOptions = {},
      ): Promise<WriteResult<Invoice>> => {
        const create = ops.create;
        if (!create) throw unsupported(id, 'invoices.create');
        const operation = 'invoices.create';
        const parsed = parseInput(InvoiceCreateInputSchema, input, { provider: id, operation });
        return this.writeWithOptions(
          operation,
          parsed,
          schema,
          (fields, vendorOptions) =>
            create.call(ops, fields, {
              ...this.context(operation, options.signal),
              options: vendorOptions,
            }),
          options,
        );
      },
      update: async (
        invoiceId: string,
        input: InvoiceUpdateInput,
        options: WriteOptions = {},
      ): Promise<WriteResult<Invoice>> => {
        const update = ops.update;
        if (!update) throw unsupported(id, 'invoices.update');
        const operation = 'invoices.update';
        const checked = this.checkedId(invoiceId, operation);
        const parsed = parseInput(InvoiceUpdateInputSchema, input, { provider: id, operation });
        return this.writeWithOptions(
          operation,
          parsed,
          schema,
          (fields, vendorOptions) =>
            update.call(ops, checked, fields, {
              ...this.context(operation, options.signal),
              options: vendorOptions,
            }),
          options,
        );
      },
      delete: async (invoiceId: string, options: WriteOptions = {}): Promise<void> => {
        if (!ops.delete) throw unsupported(id, 'invoices.delete');
        const checked = this.checkedId(invoiceId, 'invoices.delete');
        await ops.delete(checked, this.context('invoices.delete', options.signal));
      },
      finalize: async (
        invoiceId: string,
        options: WriteOptions = {},
      ): Promise<WriteResult<Invoice>> => {
        if (!ops.finalize) throw unsupported(id, 'invoices.finalize');
        const checked = this.checkedId(invoiceId, 'invoices.finalize');
        return toWriteResult(
          [],
          await ops.finalize(checked, this.context('invoices.finalize', options.signal)),
        );
      },
      cancel: async (
        invoiceId: string,
        options: WriteOptions = {},
      ): Promise<WriteResult<Invoice>> => {
        if (!ops.cancel) throw unsupported(id, 'invoices.cancel');
        const checked = this.checkedId(invoiceId, 'invoices.cancel');
        return toWriteResult(
          [],
          await ops.cancel(checked, this.context('invoices.cancel', options.signal)),
        );
      },
      markPaid: async (
        invoiceId: string,
        input: MarkPaidInput = {},
        options: WriteOptions = {},
      ): Promise<WriteResult<Invoice>> => {
        const markPaid = ops.markPaid;
        if (!markPaid) throw unsupported(id, 'invoices.markPaid');
        const operation = 'invoices.markPaid';
        const checked = this.checkedId(invoiceId, operation);
        const parsed = parseInput(MarkPaidInputSchema, input, { provider: id, operation });
        return this.carryOut(
          markPaid.call(ops, checked, parsed, this.context(operation, options.signal)),
          operation,
          options,
        );
      },
      send: async (
        invoiceId: string,
        input: SendInvoiceInput = {},
        options: WriteOptions = {},
      ): Promise<WriteResult<Invoice>> => {
        const send = ops.send;
        if (!send) throw unsupported(id, 'invoices.send');
        const operation = 'invoices.send';
        const checked = this.checkedId(invoiceId, operation);
        const parsed = parseInput(SendInvoiceInputSchema, input, { provider: id, operation });
        return this.carryOut(
          send.call(ops, checked, parsed, this.context(operation, options.signal)),
          operation,
          options,
        );
      },
      downloadPdf: async (
        invoiceId: string,
        options: PdfOptions & ReadOptions = {},
      ): Promise<BinaryDocument> => {
        if (!ops.downloadPdf) throw unsupported(id, 'invoices.downloadPdf');
        const operation = 'invoices.downloadPdf';
        const checked = this.checkedId(invoiceId, operation);
        const { signal, ...pdfOptions } = options;
        const parsed = parseInput(PdfOptionsSchema, pdfOptions, { provider: id, operation });
        return ops.downloadPdf(checked, parsed, this.context(operation, signal));
      },
      reminders: async (
        invoiceId: string,
        options: ReadOptions = {},
      ): Promise<readonly Reminder[]> => {
        if (!ops.reminders) throw unsupported(id, 'invoices.reminders');
        const checked = this.checkedId(invoiceId, 'invoices.reminders');
        return ops.reminders(checked, this.context('invoices.reminders', options.signal));
      },
    };
  }

  private customerOperations(): CustomerOperationsV1 {
    const ops = this.provider.customers;
    const id = this.id;
    const schema = this.provider.providerOptions?.customer;
    return {
      list: (query: CustomerListQuery = {}, options: ReadOptions = {}): AsyncIterable<Customer> => {
        const list = ops.list;
        if (!list) return rejectingIterable(unsupported(id, 'customers.list'));
        return deferIterable(() => {
          const parsed = parseInput(CustomerListQuerySchema, query, {
            provider: id,
            operation: 'customers.list',
          });
          const listed = list.call(ops, parsed, this.context('customers.list', options.signal));
          return filtersAnything(parsed)
            ? filtered(listed, (customer) => customerMatches(customer, parsed))
            : listed;
        });
      },
      get: async (customerId: string, options: ReadOptions = {}): Promise<Customer> => {
        if (!ops.get) throw unsupported(id, 'customers.get');
        const checked = this.checkedId(customerId, 'customers.get');
        return ops.get(checked, this.context('customers.get', options.signal));
      },
      create: async (
        input: CustomerCreateInput,
        options: WriteOptions = {},
      ): Promise<WriteResult<Customer>> => {
        const create = ops.create;
        if (!create) throw unsupported(id, 'customers.create');
        const operation = 'customers.create';
        const parsed = parseInput(CustomerCreateInputSchema, input, { provider: id, operation });
        return this.writeWithOptions(
          operation,
          parsed,
          schema,
          (fields, vendorOptions) =>
            create.call(ops, fields, {
              ...this.context(operation, options.signal),
              options: vendorOptions,
            }),
          options,
        );
      },
      update: async (
        customerId: string,
        input: CustomerUpdateInput,
        options: WriteOptions = {},
      ): Promise<WriteResult<Customer>> => {
        const update = ops.update;
        if (!update) throw unsupported(id, 'customers.update');
        const operation = 'customers.update';
        const checked = this.checkedId(customerId, operation);
        const parsed = parseInput(CustomerUpdateInputSchema, input, { provider: id, operation });
        return this.writeWithOptions(
          operation,
          parsed,
          schema,
          (fields, vendorOptions) =>
            update.call(ops, checked, fields, {
              ...this.context(operation, options.signal),
              options: vendorOptions,
            }),
          options,
        );
      },
      delete: async (customerId: string, options: WriteOptions = {}): Promise<void> => {
        if (!ops.delete) throw unsupported(id, 'customers.delete');
        const checked = this.checkedId(customerId, 'customers.delete');
        await ops.delete(checked, this.context('customers.delete', options.signal));
      },
    };
  }

  request<T = unknown>(request: RawRequest): Promise<RawResponse<T>> {
    return forwardRawRequest<T>(this.provider.transport, request);
  }

  async close(): Promise<void> {
    await this.provider.transport.close();
    await this.provider.close?.();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  toJSON(): Record<string, string> {
    return adapterSummary(this);
  }

  [inspect.custom](): string {
    return `${this.provider.adapterName} ${inspect(adapterSummary(this))}`;
  }
}

function toWriteResult<T>(
  planned: readonly AdapterWarning[],
  result: ProviderWriteResult<T>,
): WriteResult<T> {
  return {
    data: result.data,
    warnings: [...planned, ...(result.warnings ?? [])],
    ...(result.requestId ? { requestId: result.requestId } : {}),
    ...(result.existed ? { existed: true as const } : {}),
  };
}

async function* filtered<T>(
  items: AsyncIterable<T>,
  matches: (item: T) => boolean,
): AsyncIterable<T> {
  for await (const item of items) if (matches(item)) yield item;
}

/** An iterable whose first `next()` rejects: a list the provider does not supply. */
function rejectingIterable(error: Error): AsyncIterable<never> {
  return {
    [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(error) }),
  };
}
