import {
  ValidationError,
  parseInput,
  readVendorRecord,
  type HttpTransport,
  type ReadOptions,
  type WriteOptions,
} from '@invoicekit/core';
import { z } from 'zod';
import { INVOICEOCEAN } from '../provider-id';
import { recordAnswer, requireId } from '../wire/answer';
import { InvoiceWire } from '../wire/invoice';
import { idSegment } from '../wire/path-segment';

/** An invoice the vendor answered with: a record with an id, its known fields readable. */
function readInvoice(body: unknown, operation: string): Record<string, unknown> {
  const context = { operation, what: 'invoice' };
  const invoice = readVendorRecord(InvoiceWire, recordAnswer(body, context), {
    provider: INVOICEOCEAN,
    what: 'InvoiceOcean invoice',
  });
  requireId(invoice.id, body, context);
  return recordAnswer(body, context);
}

const STATUSES = [
  'issued',
  'sent',
  'paid',
  'partial',
  'rejected',
  'accepted',
  'incomplete',
] as const;

/** The vendor's options of `send_by_email`, by its own names. */
export const SendByEmailOptionsSchema = z.strictObject({
  /** At most 5 addresses. */
  emailTo: z.array(z.email()).max(5).optional(),
  emailCc: z.array(z.email()).optional(),
  emailPdf: z.boolean().optional(),
  /** Also store the first recipient as the buyer's e-mail. */
  updateBuyerEmail: z.boolean().optional(),
  printOption: z.enum(['original', 'copy', 'original_and_copy', 'duplicate']).optional(),
  /** VosFactures: resend within the 3-day guard. */
  force: z.boolean().optional(),
});
/** Options of `send_by_email`, as a caller writes them. */
export type SendByEmailOptions = z.input<typeof SendByEmailOptionsSchema>;

/**
 * The vendor's invoice actions by their own names (docs/vendors/invoiceocean.md §5.1):
 * `change_status`, `send_by_email`, `cancel`, the PDF with its print options, and proforma → VAT
 * conversion.
 */
export class InvoiceActions {
  constructor(
    private readonly transport: HttpTransport,
    private readonly extension: 'json' | 'xml',
  ) {}

  private id(id: string | number, operation: string): string {
    return idSegment(id, operation);
  }

  /** `POST /invoices/ID/change_status.json?status=…` */
  async changeStatus(
    id: string | number,
    status: (typeof STATUSES)[number],
    options: WriteOptions = {},
  ): Promise<Record<string, unknown>> {
    const checked = parseInput(z.enum(STATUSES), status, {
      provider: INVOICEOCEAN,
      operation: 'invoices.changeStatus',
      basePath: ['status'],
    });
    const response = await this.transport.request({
      method: 'POST',
      path: `/invoices/${this.id(id, 'invoices.changeStatus')}/change_status.${this.extension}`,
      query: { status: checked },
      operation: 'invoices.changeStatus',
      signal: options.signal,
      idempotency: { kind: 'vendor-dedupe' },
    });
    return recordAnswer(response.body, { operation: 'invoices.changeStatus', what: 'invoice' });
  }

  /** `POST /invoices/ID/send_by_email.json` with the vendor's options. */
  async sendByEmail(
    id: string | number,
    sendOptions: SendByEmailOptions = {},
    options: WriteOptions = {},
  ): Promise<Record<string, unknown>> {
    const parsed = parseInput(SendByEmailOptionsSchema, sendOptions, {
      provider: INVOICEOCEAN,
      operation: 'invoices.sendByEmail',
    });
    const response = await this.transport.request({
      method: 'POST',
      path: `/invoices/${this.id(id, 'invoices.sendByEmail')}/send_by_email.${this.extension}`,
      query: {
        email_to: parsed.emailTo?.join(','),
        email_cc: parsed.emailCc?.join(','),
        email_pdf: parsed.emailPdf === undefined ? undefined : String(parsed.emailPdf),
        update_buyer_email: parsed.updateBuyerEmail ? 'true' : undefined,
        print_option: parsed.printOption,
        force: parsed.force ? 'true' : undefined,
      },
      operation: 'invoices.sendByEmail',
      signal: options.signal,
    });
    return recordAnswer(response.body, {
      operation: 'invoices.sendByEmail',
      what: 'send_by_email answer',
    });
  }

  /** `POST /invoices/cancel.json` with `cancel_invoice_id` and `cancel_reason`. */
  async cancel(
    id: string | number,
    reason: string | undefined,
    options: WriteOptions = {},
  ): Promise<Record<string, unknown>> {
    const checked = this.id(id, 'invoices.cancel');
    const cancelReason = parseInput(z.string().max(2000).optional(), reason, {
      provider: INVOICEOCEAN,
      operation: 'invoices.cancel',
      basePath: ['reason'],
    });
    const params = { cancel_invoice_id: checked, cancel_reason: cancelReason };
    const response = await this.transport.request({
      method: 'POST',
      path: `/invoices/cancel.${this.extension}`,
      ...(this.extension === 'xml'
        ? { query: params }
        : { body: { ...params, cancel_invoice_id: Number(checked) } }),
      operation: 'invoices.cancel',
      signal: options.signal,
      idempotency: { kind: 'vendor-dedupe' },
    });
    return recordAnswer(response.body, { operation: 'invoices.cancel', what: 'cancel answer' });
  }

  /** `GET /invoices/ID.pdf?print_option=…` */
  async pdf(
    id: string | number,
    printOption?: 'original' | 'copy' | 'original_and_copy' | 'duplicate',
    options: ReadOptions = {},
  ): Promise<Buffer> {
    const response = await this.transport.request<Buffer>({
      method: 'GET',
      path: `/invoices/${this.id(id, 'invoices.pdf')}.pdf`,
      query: { print_option: printOption },
      responseType: 'binary',
      operation: 'invoices.pdf',
      signal: options.signal,
    });
    return response.body;
  }

  /**
   * A VAT invoice from a proforma (`from_invoice_id`, kind `vat`): the vendor copies the proforma's
   * buyer and positions. Returns the new invoice as the vendor sends it.
   */
  async createFromProforma(
    proformaId: string | number,
    options: WriteOptions = {},
  ): Promise<Record<string, unknown>> {
    const checked = this.id(proformaId, 'invoices.createFromProforma');
    const operation = 'invoices.createFromProforma';
    const proforma = await this.transport.request({
      method: 'GET',
      path: `/invoices/${checked}.${this.extension}`,
      operation,
      signal: options.signal,
    });
    const source = readInvoice(proforma.body, operation);
    if (source.kind !== 'proforma') {
      // The vendor's kind is not quoted: a hostile answer could put anything there.
      throw new ValidationError({
        provider: INVOICEOCEAN,
        issues: [{ path: 'proformaId', message: `invoice ${checked} is not a proforma` }],
      });
    }
    const response = await this.transport.request({
      method: 'POST',
      path: `/invoices.${this.extension}`,
      body: { invoice: { kind: 'vat', from_invoice_id: Number(checked) } },
      operation,
      signal: options.signal,
    });
    return readInvoice(response.body, operation);
  }
}
