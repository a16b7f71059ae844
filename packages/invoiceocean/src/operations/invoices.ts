import {
  ConflictError,
  ProviderError,
  UnsupportedOperationError,
  ValidationError,
  pageNumberStrategy,
  paginate,
  planPayment,
  readVendorRecord,
  writeFields,
  type AdapterWarning,
  type BinaryDocument,
  type Invoice,
  type InvoiceProviderOperationsV1,
  type InvoiceType,
  type ParsedInvoiceListQuery,
  type QueryValue,
} from '@invoicekit/core';
import type { CallOptions } from '../client/call-options';
import type { InvoiceOceanClient } from '../client/vendor-client';
import type { Brand, CalculatingStrategy } from '../config';
import { INVOICEOCEAN_MAX_PAGE_SIZE } from '../features';
import { cancelReasonFor } from '../mapping/cancel-reason';
import { newestUntil } from './changed-since';
import {
  invoiceOptionFields,
  invoiceRulesFor,
  type CorrectedPosition,
  type InvoiceFields,
  type InvoiceWriteContext,
} from '../mapping/invoice-writer';
import { KIND_TO_TYPE } from '../mapping/kind';
import { METHOD_TO_PAYMENT_TYPE } from '../mapping/payment-method';
import { toCanonicalInvoice } from '../mapping/to-canonical-invoice';
import { defaultPaymentName } from '../mapping/to-canonical-payment';
import type { InvoiceOceanInvoiceOptions } from '../provider-options';
import { INVOICEOCEAN } from '../provider-id';
import { recordAnswer, requireId, vendorIdOf } from '../wire/answer';
import { checkedVendorId, idSegment } from '../wire/path-segment';
import { PaymentWire } from '../wire/payment';

/** What the invoice operations need. */
export interface InvoiceOceanInvoiceDeps {
  readonly client: InvoiceOceanClient;
  /** Invoices per list request unless the query asks for fewer. */
  readonly pageSize: number;
  /** The account's calculation settings, for invoices that carry none. */
  readonly strategy: CalculatingStrategy;
  /** Today in the vendor's business time zone, `YYYY-MM-DD`. */
  readonly today: () => string;
  /** The account's brand (what the writers can carry differs slightly). */
  readonly brand: Brand;
}

/**
 * What every invoice read asks the vendor to add (docs/vendors/invoiceocean.md §4 "Opt-in response
 * fields"): the banking payments of the invoice, and the cancel reason (which keeps a canceled
 * document's kind). One request per read, whatever the number of payments.
 */
export const INVOICE_READ_FIELDS = {
  'additional_fields[invoice]': 'connected_payments,cancel_reason',
} as const;

/**
 * Every vendor kind that reads as one of these types (`invoice` is vat, bill, vat_margin …), so a
 * filtered list returns what an unfiltered one labels with that type. `other` covers unknown kinds,
 * which cannot be enumerated: then nothing is sent and core filters the type after reading.
 */
function kindsFor(types: readonly InvoiceType[] | undefined): string[] | undefined {
  if (!types || types.includes('other')) return undefined;
  return Object.entries(KIND_TO_TYPE).flatMap(([kind, type]) =>
    types.includes(type) ? [kind] : [],
  );
}

/** The vendor's list filters for a canonical query (statuses are filtered by core). */
function listFilters(query: ParsedInvoiceListQuery): Record<string, QueryValue> {
  // Never the vendor's default window of the last 12 months: `all`, or exactly the dates asked.
  const dated = query.issuedFrom !== undefined || query.issuedTo !== undefined;
  return {
    period: dated ? 'more' : 'all',
    date_from: query.issuedFrom,
    date_to: query.issuedTo,
    client_id: query.customerId,
    number: query.number,
    oid: query.externalId,
    'kinds[]': kindsFor(query.type),
    include_positions: 'true',
    ...INVOICE_READ_FIELDS,
  };
}

/** A list inside a record the vendor sent (`positions`): absent or empty reads as none. */
function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The vendor's invoice body of a canonical write: the rules, then the caller's options. */
function invoiceBody(input: InvoiceFields, brand: Brand, context: InvoiceWriteContext) {
  const { body, warnings } = writeFields(invoiceRulesFor(brand), input, {
    provider: INVOICEOCEAN,
    operation: context.operation,
    context,
  });
  return { invoice: { ...body, ...invoiceOptionFields(context.options) }, warnings };
}

/** The InvoiceOcean invoice operations: vendor work only, on input core has validated. */
export function invoiceOceanInvoiceOperations({
  client,
  pageSize,
  strategy,
  today,
  brand,
}: InvoiceOceanInvoiceDeps) {
  const read = (raw: unknown, operation: string): Invoice =>
    toCanonicalInvoice(raw, { strategy, today: today(), operation });

  const fetchInvoice = async (id: string, signal: AbortSignal | undefined): Promise<Invoice> =>
    read(
      await client.invoices.fetchRaw(
        id,
        { operation: 'invoices.get', signal },
        INVOICE_READ_FIELDS,
      ),
      'invoices.get',
    );

  /** The positions of the invoice a correction corrects: what each line was before. */
  const correctedPositions = async (
    id: string,
    signal: AbortSignal | undefined,
  ): Promise<CorrectedPosition[]> => {
    const invoice = await client.invoices.record(id, { operation: 'invoices.get', signal });
    return (asList(invoice.positions) as { name?: unknown; quantity?: unknown }[]).map(
      (position) => ({
        name: typeof position.name === 'string' ? position.name : null,
        quantity: String(position.quantity ?? '0'),
      }),
    );
  };

  return {
    list: (query, { operation, signal }) => {
      const perPage = Math.min(query.pageSize ?? pageSize, INVOICEOCEAN_MAX_PAGE_SIZE);
      const since = query.updatedSince;
      // Changes since: newest first, so the list stops at the first older invoice
      // (docs/vendors/invoiceocean.md "Changes since").
      const filters = {
        ...listFilters(query),
        ...(since === undefined ? {} : { order: 'updated_at.desc' }),
      };
      const pages = paginate({
        provider: INVOICEOCEAN,
        strategy: pageNumberStrategy({ perPage }),
        idOf: (invoice: Invoice) => invoice.id,
        signal,
        fetchPage: async ({ page }, pageSignal) => ({
          items: (
            await client.invoices.listRawPage(
              { ...filters, page, per_page: perPage },
              { operation, signal: pageSignal },
            )
          ).map((raw) => read(raw, operation)),
        }),
      });
      return since === undefined
        ? pages
        : newestUntil(pages, since, (invoice: Invoice) => invoice.updatedAt);
    },

    get: (id, { signal }) => fetchInvoice(id, signal),

    create: async (input, { operation, signal, options }) => {
      // A credit note's before/after records come from the invoice it corrects.
      const corrected =
        input.type === 'credit_note' && input.relatedInvoiceId !== undefined
          ? await correctedPositions(input.relatedInvoiceId, signal)
          : undefined;
      const { invoice, warnings } = invoiceBody(input, brand, {
        operation,
        options,
        corrected,
        today: today(),
      });
      const oid = input.externalId;
      const call: CallOptions = { operation, signal };
      return {
        warnings,
        send: async () => {
          try {
            // With an externalId the vendor dedupes on oid; a repeat it refuses is found by oid.
            const answer = await client.invoices.createRaw(
              // Without a number the vendor numbers it (its examples send `number: null`).
              { ...invoice, number: invoice.number ?? null },
              {
                ...call,
                ...(oid
                  ? {
                      idempotency: {
                        kind: 'vendor-dedupe' as const,
                        lookup: (lookupSignal?: AbortSignal) =>
                          client.invoices.findByOid(oid, { signal: lookupSignal }),
                      },
                    }
                  : {}),
              },
            );
            const context = { operation, what: 'invoice' };
            const created = recordAnswer(answer.body, context);
            const createdId = requireId(vendorIdOf(created.id), created, context);
            // Older accounts answer a create without positions: read the whole invoice back.
            const data = Array.isArray(created.positions)
              ? read(created, operation)
              : await fetchInvoice(checkedVendorId(createdId, operation, 'id'), signal);
            return { data };
          } catch (error) {
            if (
              !oid ||
              !(error instanceof ValidationError) ||
              !error.issues.some((issue) => issue.path === 'oid')
            )
              throw error;
            // The same externalId was created before: creating is idempotent, so that invoice is the answer.
            const existing = await client.invoices.findByOid(oid, { signal });
            if (existing === undefined) throw error;
            const note: AdapterWarning = {
              type: 'other',
              message: `an invoice with externalId ${oid} already existed; it was returned unchanged`,
            };
            return {
              data: read(existing, 'invoices.findByExternalId'),
              warnings: [note],
              existed: true as const,
            };
          }
        },
      };
    },

    update: async (id, input, { operation, signal, options }) => {
      // Replacing lines needs the current positions: every one is destroyed (separators and
      // subtotals too), and a correction stays a correction whatever `type` says.
      // A skonto without a new issue date counts its days from the current one.
      const needsCurrent =
        input.lines !== undefined ||
        (input.earlyPaymentDiscount !== undefined && input.issueDate === undefined);
      const current = needsCurrent
        ? await client.invoices.record(id, { operation: 'invoices.get', signal })
        : undefined;
      const currentPositions = asList(current?.positions) as { id?: unknown }[];
      // The corrected invoice's id comes from the vendor: checked before it goes into a path.
      const fromInvoiceId =
        current?.kind === 'correction' ? vendorIdOf(current.from_invoice_id) : null;
      const corrected = fromInvoiceId
        ? await correctedPositions(
            checkedVendorId(fromInvoiceId, operation, 'from_invoice_id'),
            signal,
          )
        : undefined;
      const { invoice, warnings } = invoiceBody(input, brand, {
        operation,
        options,
        currentKind: typeof current?.kind === 'string' ? current.kind : null,
        currentIssueDate: typeof current?.issue_date === 'string' ? current.issue_date : null,
        corrected,
      });
      const destroyedIds = currentPositions.flatMap((position) =>
        position.id === undefined || position.id === null ? [] : [Number(position.id)],
      );
      if (input.lines !== undefined) {
        invoice.positions = [
          ...destroyedIds.map((positionId) => ({ id: positionId, _destroy: 1 })),
          ...(invoice.positions as unknown[]),
        ];
      }
      return {
        warnings,
        send: async () => {
          const answer = await client.invoices.updateRaw(id, invoice, { operation, signal });
          // The vendor's recorded update answer has no positions
          // (docs/vendors/invoiceocean.md §8.3): without them the invoice is read again, so that
          // the lines returned are the invoice's, not none.
          const answered = Array.isArray((answer as { positions?: unknown } | null)?.positions);
          const readBack = read(answer, operation);
          const data = answered ? readBack : await fetchInvoice(id, signal);
          // Another writer between our read and our write would leave old or doubled lines.
          if (input.lines !== undefined) {
            const survivors = data.lines.filter(
              (line) => line.id !== null && destroyedIds.includes(Number(line.id)),
            );
            if (survivors.length > 0 || data.lines.length !== input.lines.length) {
              throw new ConflictError({
                provider: INVOICEOCEAN,
                message: `${operation}: invoice ${idSegment(id, operation)} changed while its lines were replaced (${data.lines.length} lines, ${input.lines.length} sent); read it again and retry`,
              });
            }
          }
          return { data };
        },
      };
    },

    delete: (id, { operation, signal }) => client.invoices.delete(id, { operation, signal }),

    // No `finalize`: the vendor has no drafts, an invoice is issued when created.

    cancel: async (id, { operation, signal, current }) => {
      // The cancel reason keeps the kind that canceling replaces with `canceled`: from the
      // caller's fresh record when it holds the vendor's kind, else read first.
      const held = (current?.raw as { kind?: unknown } | undefined)?.kind;
      const kind =
        typeof held === 'string'
          ? held
          : await client.invoices
              .record(id, { operation: 'invoices.get', signal })
              .then((before) => (typeof before.kind === 'string' ? before.kind : null));
      const answer = await client.invoices.cancelConfirmed(id, cancelReasonFor(kind), {
        operation,
        signal,
      });
      if (!answer.recoveredByLookup)
        recordAnswer(answer.body, { operation, what: 'cancel answer' });
      const data = await fetchInvoice(id, signal);
      // A 200 that did not cancel (a proxy's page, a changed action) must not read as success.
      if (data.status.canonical !== 'canceled') {
        throw new ProviderError({
          provider: INVOICEOCEAN,
          message: `${operation}: the vendor answered the cancel, but invoice ${idSegment(id, operation)} is not canceled`,
          rawBody: answer.body,
        });
      }
      return { data };
    },

    markPaid: async (id, input, { operation, signal, current: held }) => {
      // Planned from the caller's fresh record when given (a migration's create answer), else read.
      const current = held ?? (await fetchInvoice(id, signal));
      const plan = planPayment(current, input.amount, INVOICEOCEAN);
      if (plan.kind === 'nothing-due') return { warnings: [], send: async () => plan.result };
      const amount = plan.amount;
      return {
        warnings: [],
        send: async () => {
          // A banking payment carries amount, date, method (provider) and reference (name). Its
          // description is a key made of the invoice, what was paid before and the amount, so
          // that a payment whose answer was lost can be found instead of being recorded twice.
          const segment = idSegment(id, operation);
          const answer = await client.payments.recordKeyed(
            {
              description: `invoicekit:${segment}:${current.totals.paid}:${amount}`,
              name: input.reference ?? defaultPaymentName(current),
              price: amount,
              invoice_id: Number(segment),
              paid: true,
              kind: 'api',
              currency: current.currency,
              ...(input.date !== undefined ? { paid_date: input.date } : {}),
              ...(input.method !== undefined
                ? { provider: METHOD_TO_PAYMENT_TYPE[input.method] }
                : {}),
            },
            { operation, signal },
          );
          // The answer (or the look-up's find) is the payment; anything else did not record one we know of.
          const context = { operation, what: 'banking payment' };
          const payment = readVendorRecord(PaymentWire, recordAnswer(answer.body, context), {
            provider: INVOICEOCEAN,
            what: 'InvoiceOcean banking payment',
          });
          requireId(payment.id, answer.body, context);
          return { data: await fetchInvoice(id, signal) };
        },
      };
    },

    send: (id, input, { operation, signal }) => {
      const warnings: AdapterWarning[] = (['subject', 'message'] as const)
        .filter((field) => input[field] !== undefined)
        .map((field) => ({
          type: 'unsupported_field',
          path: field,
          reason: `the vendor's e-mail template sets the ${field}`,
        }));
      if ((input.to?.length ?? 0) > 5) {
        throw new ValidationError({
          provider: INVOICEOCEAN,
          issues: [{ path: 'to', message: 'the vendor sends to at most 5 addresses' }],
        });
      }
      return {
        warnings,
        send: async () => {
          await client.invoices.email(
            id,
            { to: input.to, cc: input.cc, attachPdf: input.attachPdf },
            { operation, signal },
          );
          return { data: await fetchInvoice(id, signal) };
        },
      };
    },

    downloadPdf: async (id, options, { operation, signal }): Promise<BinaryDocument> => {
      if (options.language !== undefined) {
        throw new UnsupportedOperationError({
          provider: INVOICEOCEAN,
          operation,
          message:
            'the PDF is printed in the invoice language (lang); set it on the invoice instead',
        });
      }
      const document = await client.invoices.document(id, options.variant, { operation, signal });
      return {
        contentType: document.contentType,
        fileName:
          /filename="([^"]+)"/.exec(document.contentDisposition ?? '')?.[1] ??
          `${idSegment(id, operation)}.pdf`,
        data: document.data,
      };
    },

    // No `reminders`: the vendor's reminders are a VosFactures report, not per invoice.
  } satisfies InvoiceProviderOperationsV1<InvoiceOceanInvoiceOptions>;
}
