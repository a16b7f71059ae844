import type { BinaryDocument } from '../../spec/results';
import { writeFields } from '../../spec/field-writer';
import type { InvoiceProviderOperationsV1 } from '../../spec/provider-v1';
import { mapItems } from '../../pagination/map-items';
import type { AdapterWarning } from '../../spec/warnings';
import type { AcmeClient } from '../client/vendor-client';
import { ACME_MAX_PAGE_SIZE } from '../features';
import { ACME_INVOICE_RULES, type AcmeInvoiceFields } from '../mapping/invoice-writer';
import { toCanonicalInvoice } from '../mapping/to-canonical-invoice';
import { ACME } from '../provider-id';

/** What the invoice operations need. */
export interface AcmeInvoiceDeps {
  readonly client: AcmeClient;
  readonly pageSize: number;
  /** `YYYY-MM-DD` today, for the due state. */
  readonly today: () => string;
}

function invoiceBody(input: AcmeInvoiceFields, operation: string) {
  return writeFields(ACME_INVOICE_RULES, input, { provider: ACME, operation, context: undefined });
}

/** Warnings for the fields of an input that Acme does not record. */
function unsupportedFields<Input extends object>(
  input: Input,
  reasons: { readonly [Key in keyof Input]?: string },
): AdapterWarning[] {
  return (Object.keys(reasons) as (keyof Input & string)[]).flatMap((field) =>
    input[field] === undefined
      ? []
      : [{ type: 'unsupported_field' as const, path: field, reason: reasons[field] ?? '' }],
  );
}

/** Acme's invoice operations: vendor work only, on input core has validated. */
export function acmeInvoiceOperations({ client, pageSize, today }: AcmeInvoiceDeps) {
  const read = (wire: Parameters<typeof toCanonicalInvoice>[0]) =>
    toCanonicalInvoice(wire, today());
  return {
    list: (query, { operation, signal }) =>
      mapItems(
        client.listInvoices(
          {
            externalId: query.externalId,
            pageSize: Math.min(query.pageSize ?? pageSize, ACME_MAX_PAGE_SIZE),
          },
          { operation, signal },
        ),
        read,
      ),

    get: async (id, context) => read(await client.getInvoice(id, context)),

    create: (input, context) => {
      const { body, warnings } = invoiceBody(input, context.operation);
      return {
        warnings,
        send: async () => {
          const { record, existed } = await client.createInvoice(body, context);
          return {
            data: read(record),
            ...(existed ? { existed: true as const } : {}),
          };
        },
      };
    },

    update: (id, input, context) => {
      const { body, warnings } = invoiceBody(input, context.operation);
      return {
        warnings,
        send: async () => ({
          data: read(await client.updateInvoice(id, body, context)),
        }),
      };
    },

    delete: (id, context) => client.deleteInvoice(id, context),

    finalize: async (id, context) => ({
      data: read(await client.invoiceAction(id, 'finalize', {}, context)),
    }),

    cancel: async (id, context) => ({
      data: read(await client.invoiceAction(id, 'cancel', {}, context)),
    }),

    markPaid: (id, input, context) => ({
      warnings: [],
      send: async () => ({
        data: read(
          await client.invoiceAction(
            id,
            'payments',
            {
              amount: input.amount,
              date: input.date,
              method: input.method,
              reference: input.reference,
            },
            context,
          ),
        ),
      }),
    }),

    send: (id, input, context) => ({
      warnings: unsupportedFields(input, {
        cc: 'acme e-mails have no cc',
        subject: 'acme e-mails have no subject',
        message: 'acme e-mails have no message',
      }),
      send: async () => ({
        data: read(await client.invoiceAction(id, 'send', { to: input.to }, context)),
      }),
    }),

    downloadPdf: async (id, _options, context): Promise<BinaryDocument> => {
      const document = await client.downloadInvoicePdf(id, context);
      return {
        contentType: document.contentType,
        fileName: /filename="([^"]+)"/.exec(document.contentDisposition ?? '')?.[1] ?? null,
        data: document.data,
      };
    },
    // No `reminders`: Acme has none, so the capability is false and the call rejects unsent.
  } satisfies InvoiceProviderOperationsV1<undefined>;
}
