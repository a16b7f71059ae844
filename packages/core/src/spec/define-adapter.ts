import { inspect } from 'node:util';
import type { z } from 'zod';
import { UnsupportedOperationError, ValidationError } from '../errors/errors';
import {
  CustomerCreateInputSchema,
  CustomerUpdateInputSchema,
  type Customer,
  type CustomerCreateInput,
  type CustomerUpdateInput,
  type ParsedCustomerUpdateInput,
} from '../model/customer';
import type { Invoice } from '../model/invoice';
import {
  InvoiceCreateInputSchema,
  InvoiceUpdateInputSchema,
  type InvoiceCreateInput,
  type InvoiceUpdateInput,
  type ParsedInvoiceUpdateInput,
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
import { resolveUpdatedSince, type ChangeStream } from '../changes/change-cursor';
import { recordListing, type RecordListing } from '../changes/record-listing';
import { systemClock } from '../http/clock';
import { parseInput } from '../validation/parse-input';
import { WebhookRejectedError } from '../webhooks/webhook-rejected-error';
import type {
  VerifiedWebhook,
  WebhookOperationsV1,
  WebhookOptions,
} from '../webhooks/webhook-operations';
import { WebhookRequestSchema, type WebhookRequest } from '../webhooks/webhook-request';
import type { WebhookEvent } from '../webhooks/webhook-event';
import type {
  AdapterIdentity,
  CustomerOperationsV1,
  InvoiceAdapterV1,
  InvoiceOperationsV1,
  ReadOptions,
} from './adapter-v1';
import { adapterSummary, identityOf, inspectAdapter } from './adapter-rendering';
import { CUSTOMER_OPERATIONS, INVOICE_OPERATIONS, type AdapterCapabilities } from './capabilities';
import { customerMatches, filtersAnything, invoiceMatches } from './list-filters';
import { describeFieldRules, type FieldHandling } from './field-writer';
import type {
  InvoiceProviderV1,
  ProviderCallContext,
  ProviderWriteContext,
  ProviderWriteResult,
  WritePlan,
} from './provider-v1';
import { parseProviderOptions } from './provider-options';
import { forwardRawRequest } from './raw-request';
import type { BinaryDocument, RawRequest, RawResponse, WriteResult } from './results';
import {
  enforceStrict,
  type AdapterWarning,
  type InvoiceWriteOptions,
  type WriteOptions,
} from './warnings';

/** The adapter {@link defineAdapter} builds: `InvoiceAdapterV1`, the vendor client, disposal. */
export interface DefinedAdapter<Vendor> extends InvoiceAdapterV1, AsyncDisposable {
  readonly identity: AdapterIdentity;
  /**
   * How the provider's invoice and customer creates carry each canonical field (written,
   * approximated, consumed, unsupported or refused, with the reason), read off its field rules;
   * `null` where it has no such writer. What the field capability table is generated from.
   */
  describeFields(): {
    readonly invoice: readonly FieldHandling[] | null;
    readonly customer: readonly FieldHandling[] | null;
  };
  /** The provider's typed vendor client, for what the canonical API does not cover. */
  readonly vendor: Vendor;
  readonly webhooks: WebhookOperationsV1;
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
      payments: has(provider.invoices.payments) || invoices.get,
    },
    customers,
    idempotentCreate: invoices.create && provider.features.idempotentCreate,
    drafts: invoices.create && provider.features.drafts,
    webhooks: provider.webhooks !== undefined,
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
  readonly webhooks: WebhookOperationsV1;
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
    this.webhooks = this.webhookOperations();
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

  /**
   * The context of a write on one invoice, with the caller's `current` record — refused unless it
   * is this provider's record of that invoice, since a payment planned from another invoice's
   * state would be wrong.
   */
  private currentContext(
    operation: string,
    id: string,
    options: InvoiceWriteOptions,
  ): ProviderCallContext {
    const current = options.current;
    if (current === undefined) return this.context(operation, options.signal);
    if (current.id !== id || current.provider !== this.id) {
      throw new ValidationError({
        provider: this.id,
        issues: [
          {
            path: 'current',
            message: `must be ${this.id}'s record of invoice ${id} (received ${current.provider}'s ${current.id})`,
          },
        ],
      });
    }
    return { operation, signal: options.signal, current };
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

  /**
   * A list: the query validated on first `next()` (or `cursor()`), `updatedSince` resolved to an
   * instant (a cursor of another list refused), every filter checked on what is listed.
   */
  private listing<Query extends { updatedSince?: string | undefined }, T>(
    operation: string,
    stream: ChangeStream,
    list: ((query: Query, context: ProviderCallContext) => AsyncIterable<T>) | undefined,
    parse: () => Query,
    matches: (item: T, query: Query) => boolean,
    signal: AbortSignal | undefined,
  ): RecordListing<T> {
    const clock = this.provider.clock ?? systemClock;
    return recordListing({
      provider: this.id,
      stream,
      now: () => clock.now(),
      watchVendorClock: () => this.provider.transport.watchVendorClock(),
      open: () => {
        if (!list) throw unsupported(this.id, operation);
        const parsed = parse();
        const query =
          parsed.updatedSince === undefined
            ? parsed
            : {
                ...parsed,
                updatedSince: resolveUpdatedSince(parsed.updatedSince, {
                  provider: this.id,
                  stream,
                  operation,
                }),
              };
        return {
          since: query.updatedSince,
          records: () => {
            const listed = list(query, this.context(operation, signal));
            return filtersAnything(query as Record<string, unknown>)
              ? filtered(listed, (item) => matches(item, query))
              : listed;
          },
        };
      },
    });
  }

  private webhookOperations(): WebhookOperationsV1 {
    const hooks = this.provider.webhooks;
    const provider = this.id;
    const checked = (request: WebhookRequest, options: WebhookOptions, operation: string) => {
      if (!hooks) throw unsupported(provider, operation);
      const parsed = parseInput(WebhookRequestSchema, request, { provider, operation });
      const secret = options.secret ?? hooks.defaultSecret?.();
      if (typeof secret !== 'string' || secret.trim() === '')
        throw new ValidationError({
          provider,
          operation,
          issues: [{ path: 'secret', message: "must be the webhook's non-empty secret" }],
        });
      return {
        hooks,
        request: parsed as WebhookRequest,
        secret,
        nowMs: options.now ?? (this.provider.clock ?? systemClock).now(),
      };
    };
    const verify = async (request: WebhookRequest, options: WebhookOptions, operation: string) => {
      const {
        hooks: vendor,
        request: parsed,
        secret,
        nowMs,
      } = checked(request, options, operation);
      const verified = vendor.verify(parsed, { secret, nowMs });
      const store = options.replayStore;
      if (store && verified.deliveryId !== null) {
        // A scheme without a signed time is remembered for a day.
        const until = verified.rememberUntilMs ?? nowMs + 24 * 60 * 60_000;
        if (await store.seen(verified.deliveryId, until))
          throw new WebhookRejectedError({
            provider,
            reason: 'replay',
            message: 'this delivery was accepted before (a replay)',
          });
      }
      return { vendor, verified, nowMs, request: parsed };
    };
    return {
      verify: async (request, options = {}): Promise<VerifiedWebhook> =>
        (await verify(request, options, 'webhooks.verify')).verified,
      parse: async (request, options = {}): Promise<WebhookEvent> => {
        const {
          vendor,
          verified,
          nowMs,
          request: parsed,
        } = await verify(request, options, 'webhooks.parse');
        try {
          return vendor.read(parsed, { nowMs, verified });
        } catch (error) {
          // Not read: the vendor's retry of the same delivery must be accepted.
          if (verified.deliveryId !== null)
            await options.replayStore?.forget?.(verified.deliveryId);
          throw error;
        }
      },
    };
  }

  describeFields(): {
    readonly invoice: readonly FieldHandling[] | null;
    readonly customer: readonly FieldHandling[] | null;
  } {
    const rules = this.provider.fieldRules;
    return {
      invoice: rules?.invoice ? describeFieldRules(rules.invoice) : null,
      customer: rules?.customer ? describeFieldRules(rules.customer) : null,
    };
  }

  /** An operation on one record by id (get, delete, finalize, cancel, reminders). */
  private async onRecord<T>(
    operation: string,
    call: ((id: string, context: ProviderCallContext) => Promise<T>) | undefined,
    id: string,
    signal: AbortSignal | undefined,
  ): Promise<T> {
    if (!call) throw unsupported(this.id, operation);
    return call(this.checkedId(id, operation), this.context(operation, signal));
  }

  /** A create or update whose input may carry `providerOptions`. */
  private async writing<
    Fields extends { providerOptions?: ProviderOptions | undefined },
    T,
    Options,
  >(
    operation: string,
    write:
      | ((
          fields: Omit<Fields, 'providerOptions'>,
          context: ProviderWriteContext<Options>,
        ) => WritePlan<T> | Promise<WritePlan<T>>)
      | undefined,
    parse: () => Fields,
    schema: z.ZodType<Options> | undefined,
    options: WriteOptions,
  ): Promise<WriteResult<T>> {
    if (!write) throw unsupported(this.id, operation);
    return this.writeWithOptions(
      operation,
      parse(),
      schema,
      (fields, vendorOptions) =>
        write(fields, { ...this.context(operation, options.signal), options: vendorOptions }),
      options,
    );
  }

  private invoiceOperations(): InvoiceOperationsV1 {
    const ops = this.provider.invoices;
    const provider = this.id;
    const schema = this.provider.providerOptions?.invoice;
    const parse =
      <S extends z.ZodType>(input: S, value: unknown, operation: string) =>
      () =>
        parseInput(input, value, { provider, operation });
    return {
      list: (query: InvoiceListQuery = {}, options: ReadOptions = {}) =>
        this.listing(
          'invoices.list',
          'invoices',
          ops.list?.bind(ops),
          parse(InvoiceListQuerySchema, query, 'invoices.list'),
          invoiceMatches,
          options.signal,
        ),
      get: (id: string, options: ReadOptions = {}) =>
        this.onRecord('invoices.get', ops.get?.bind(ops), id, options.signal),
      create: (input: InvoiceCreateInput, options: WriteOptions = {}) =>
        this.writing(
          'invoices.create',
          ops.create?.bind(ops),
          parse(InvoiceCreateInputSchema, input, 'invoices.create'),
          schema,
          options,
        ),
      update: async (id: string, input: InvoiceUpdateInput, options: WriteOptions = {}) => {
        const update = ops.update?.bind(ops);
        const checked = update ? this.checkedId(id, 'invoices.update') : id;
        return this.writing<ParsedInvoiceUpdateInput, Invoice, InvoiceOptions>(
          'invoices.update',
          update && ((fields, context) => update(checked, fields, context)),
          parse(InvoiceUpdateInputSchema, input, 'invoices.update'),
          schema,
          options,
        );
      },
      delete: (id: string, options: WriteOptions = {}) =>
        this.onRecord('invoices.delete', ops.delete?.bind(ops), id, options.signal),
      finalize: async (id: string, options: WriteOptions = {}) =>
        toWriteResult(
          [],
          await this.onRecord('invoices.finalize', ops.finalize?.bind(ops), id, options.signal),
        ),
      cancel: async (id: string, options: InvoiceWriteOptions = {}) => {
        const operation = 'invoices.cancel';
        if (!ops.cancel) throw unsupported(provider, operation);
        const checked = this.checkedId(id, operation);
        return toWriteResult(
          [],
          await ops.cancel(checked, this.currentContext(operation, checked, options)),
        );
      },
      markPaid: async (
        id: string,
        input: MarkPaidInput = {},
        options: InvoiceWriteOptions = {},
      ) => {
        const operation = 'invoices.markPaid';
        if (!ops.markPaid) throw unsupported(provider, operation);
        const checked = this.checkedId(id, operation);
        const parsed = parse(MarkPaidInputSchema, input, operation)();
        return this.carryOut(
          ops.markPaid(checked, parsed, this.currentContext(operation, checked, options)),
          operation,
          options,
        );
      },
      send: async (id: string, input: SendInvoiceInput = {}, options: WriteOptions = {}) => {
        const operation = 'invoices.send';
        if (!ops.send) throw unsupported(provider, operation);
        const checked = this.checkedId(id, operation);
        const parsed = parse(SendInvoiceInputSchema, input, operation)();
        return this.carryOut(
          ops.send(checked, parsed, this.context(operation, options.signal)),
          operation,
          options,
        );
      },
      downloadPdf: async (
        id: string,
        options: PdfOptions & ReadOptions = {},
      ): Promise<BinaryDocument> => {
        const operation = 'invoices.downloadPdf';
        if (!ops.downloadPdf) throw unsupported(provider, operation);
        const checked = this.checkedId(id, operation);
        const { signal, ...pdfOptions } = options;
        const parsed = parse(PdfOptionsSchema, pdfOptions, operation)();
        return ops.downloadPdf(checked, parsed, this.context(operation, signal));
      },
      reminders: (id: string, options: ReadOptions = {}) =>
        this.onRecord('invoices.reminders', ops.reminders?.bind(ops), id, options.signal),
      payments: (id: string, options: ReadOptions = {}) => {
        const get = ops.get?.bind(ops);
        const fromInvoice =
          get &&
          (async (checked: string, context: ProviderCallContext) =>
            (await get(checked, context)).payments);
        return this.onRecord(
          'invoices.payments',
          ops.payments?.bind(ops) ?? fromInvoice,
          id,
          options.signal,
        );
      },
    };
  }

  private customerOperations(): CustomerOperationsV1 {
    const ops = this.provider.customers;
    const provider = this.id;
    const schema = this.provider.providerOptions?.customer;
    const parse =
      <S extends z.ZodType>(input: S, value: unknown, operation: string) =>
      () =>
        parseInput(input, value, { provider, operation });
    return {
      list: (query: CustomerListQuery = {}, options: ReadOptions = {}) =>
        this.listing(
          'customers.list',
          'customers',
          ops.list?.bind(ops),
          parse(CustomerListQuerySchema, query, 'customers.list'),
          customerMatches,
          options.signal,
        ),
      get: (id: string, options: ReadOptions = {}) =>
        this.onRecord('customers.get', ops.get?.bind(ops), id, options.signal),
      create: (input: CustomerCreateInput, options: WriteOptions = {}) =>
        this.writing(
          'customers.create',
          ops.create?.bind(ops),
          parse(CustomerCreateInputSchema, input, 'customers.create'),
          schema,
          options,
        ),
      update: async (id: string, input: CustomerUpdateInput, options: WriteOptions = {}) => {
        const update = ops.update?.bind(ops);
        const checked = update ? this.checkedId(id, 'customers.update') : id;
        return this.writing<ParsedCustomerUpdateInput, Customer, CustomerOptions>(
          'customers.update',
          update && ((fields, context) => update(checked, fields, context)),
          parse(CustomerUpdateInputSchema, input, 'customers.update'),
          schema,
          options,
        );
      },
      delete: (id: string, options: WriteOptions = {}) =>
        this.onRecord('customers.delete', ops.delete?.bind(ops), id, options.signal),
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
    return inspectAdapter(this, this.provider.adapterName);
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
