import { pageNumberStrategy, paginate, type HttpTransport } from '@invoicekit/core';
import type { z } from 'zod';
import { INVOICEOCEAN } from '../provider-id';
import { recordAnswer } from '../wire/answer';
import type { CallOptions, RawAnswer } from './call-options';
import * as schemas from './schemas';
import { VendorResource } from './vendor-resource';

/**
 * `/banking/payments` (singular `banking/payment` for get), and the keyed payment the canonical
 * `markPaid` records: its `description` is a key, so that a payment whose answer was lost is
 * found again instead of being recorded twice.
 */
export class PaymentsResource extends VendorResource<
  z.output<typeof schemas.PaymentRecord>,
  z.input<typeof schemas.PaymentInput.create>
> {
  constructor(transport: HttpTransport, extension: 'json' | 'xml') {
    super(
      transport,
      {
        path: 'banking/payments',
        getPath: 'banking/payment',
        wrapper: 'banking_payment',
        record: schemas.PaymentRecord,
        input: schemas.PaymentInput,
      },
      extension,
    );
  }

  /** The banking payment whose description is `key`, if any (every page is read). */
  async findByDescription(key: string, options: CallOptions = {}): Promise<unknown> {
    const operation = options.operation ?? 'invoices.markPaid.lookup';
    for await (const payment of paginate({
      provider: INVOICEOCEAN,
      strategy: pageNumberStrategy({ perPage: 100 }),
      idOf: (item: { id?: unknown }) => String(item.id),
      signal: options.signal,
      fetchPage: async ({ page, perPage }, signal) => ({
        // A malformed page is an error, never "no payment": that would let the write be repeated.
        items: (await this.listRawPage({ page, per_page: perPage }, { operation, signal })).map(
          (item) => recordAnswer(item, { operation, what: 'banking payment' }),
        ),
      }),
    })) {
      if (payment.description === key) return payment;
    }
    return undefined;
  }

  /** `POST /banking/payments` of a payment keyed by its `description`; looked up, never repeated blind. */
  recordKeyed(
    payment: Record<string, unknown> & { readonly description: string },
    options: CallOptions = {},
  ): Promise<RawAnswer> {
    return this.createRaw(payment, {
      ...options,
      operation: options.operation ?? 'invoices.markPaid',
      idempotency: {
        kind: 'lookup',
        lookup: (signal) => this.findByDescription(payment.description, { signal }),
      },
    });
  }
}
