import type { HttpTransport } from '@invoicekit/core';
import type { z } from 'zod';
import { isRecord, recordAnswer, requireId, vendorIdOf } from '../wire/answer';
import { InvoiceWire } from '../wire/invoice';
import type { CallOptions, RawAnswer } from './call-options';
import { InvoiceActions } from './invoice-actions';
import * as schemas from './schemas';
import { VendorResource } from './vendor-resource';

/** A downloaded document as the vendor sent it. */
export interface InvoiceDocument {
  readonly contentType: string;
  readonly contentDisposition: string | undefined;
  readonly data: Buffer;
}

/** The recipients of `send_by_email` as the canonical send gives them. */
export interface InvoiceEmail {
  readonly to?: readonly string[] | undefined;
  readonly cc?: readonly string[] | undefined;
  readonly attachPdf?: boolean | undefined;
}

/** The print variants of the vendor's PDF (`print_option`). */
export type PrintOption = 'original' | 'copy' | 'original_and_copy' | 'duplicate';

/**
 * `/invoices`: the typed resource, the vendor's actions by their names, and the calls the
 * canonical operations make (order-id look-up, cancel that can be confirmed, e-mail, PDF).
 */
export class InvoicesResource extends VendorResource<
  z.output<typeof InvoiceWire>,
  z.input<typeof schemas.InvoiceInput.create>
> {
  /** `change_status`, `send_by_email`, `cancel`, PDF, proforma → VAT, by the vendor's names. */
  readonly actions: InvoiceActions;

  constructor(transport: HttpTransport, extension: 'json' | 'xml') {
    super(
      transport,
      { path: 'invoices', wrapper: 'invoice', record: InvoiceWire, input: schemas.InvoiceInput },
      extension,
    );
    this.actions = new InvoiceActions(transport, extension);
  }

  /** `GET /invoices/ID` as a record with an id; anything else is a `ProviderError`. */
  async record(id: string, options: CallOptions = {}): Promise<Record<string, unknown>> {
    const operation = options.operation ?? 'invoices.get';
    const context = { operation, what: 'invoice' };
    const invoice = recordAnswer(await this.fetchRaw(id, { ...options, operation }), context);
    requireId(vendorIdOf(invoice.id), invoice, context);
    return invoice;
  }

  /** The invoice carrying this order id (`oid`), if any, in every period, with its positions. */
  async findByOid(oid: string, options: CallOptions = {}): Promise<unknown> {
    const operation = options.operation ?? 'invoices.findByExternalId';
    const found = await this.listRawPage(
      { oid, period: 'all', include_positions: 'true', per_page: 100 },
      { ...options, operation },
    );
    return found.find((item) => isRecord(item) && item.oid === oid);
  }

  /**
   * `POST /invoices/cancel` with `cancel_invoice_id` and `cancel_reason`. The action reads plain
   * params: a JSON body, or the query in XML mode (an XML body would nest them under its root).
   * After a lost answer the invoice itself says whether the cancel happened (its kind is then
   * `canceled`), so the call is never repeated blind.
   */
  async cancelConfirmed(id: string, reason: string, options: CallOptions = {}): Promise<RawAnswer> {
    const operation = options.operation ?? 'invoices.cancel';
    const segment = this.id(id, operation);
    const response = await this.transport.request({
      method: 'POST',
      path: this.url('invoices/cancel'),
      ...(this.extension === 'xml'
        ? { query: { cancel_invoice_id: segment, cancel_reason: reason } }
        : { body: { cancel_invoice_id: Number(segment), cancel_reason: reason } }),
      operation,
      signal: options.signal,
      idempotency: {
        kind: 'lookup',
        lookup: async (signal) => {
          const invoice = await this.record(id, { signal });
          return invoice.kind === 'canceled' ? { code: 'success' } : undefined;
        },
      },
    });
    return { body: response.body, recoveredByLookup: response.recoveredByLookup };
  }

  /** `POST /invoices/ID/send_by_email` to the given recipients; the answer is not read. */
  async email(id: string, email: InvoiceEmail, options: CallOptions = {}): Promise<void> {
    const operation = options.operation ?? 'invoices.send';
    await this.transport.request({
      method: 'POST',
      path: this.url(`invoices/${this.id(id, operation)}/send_by_email`),
      query: {
        email_to: email.to?.join(','),
        email_cc: email.cc?.join(','),
        email_pdf: email.attachPdf ? 'true' : undefined,
      },
      operation,
      signal: options.signal,
    });
  }

  /** `GET /invoices/ID.pdf?print_option=…` with its headers; other print options pass through. */
  async document(
    id: string,
    printOption: PrintOption | (string & {}) | undefined,
    options: CallOptions = {},
  ): Promise<InvoiceDocument> {
    const operation = options.operation ?? 'invoices.downloadPdf';
    const response = await this.transport.request<Buffer>({
      method: 'GET',
      path: `/invoices/${this.id(id, operation)}.pdf`,
      query: { print_option: printOption },
      responseType: 'binary',
      operation,
      signal: options.signal,
    });
    return {
      contentType: response.headers['content-type'] ?? 'application/pdf',
      contentDisposition: response.headers['content-disposition'],
      data: response.body,
    };
  }
}
