import {
  ProviderError,
  lenientDecimal,
  lenientString,
  parseInput,
  type HttpTransport,
  type ReadOptions,
} from '@invoicekit/core';
import { z } from 'zod';
import { INVOICEOCEAN } from '../provider-id';
import { recordAnswer } from '../wire/answer';
import { PriceListInput, PriceListRecord } from './schemas';
import { VendorResource, type VendorRecord } from './vendor-resource';

/** One product's price on a price list. */
export const ProductPrice = z.looseObject({
  price_net: lenientDecimal.optional(),
  price_gross: lenientDecimal.optional(),
  tax: lenientString.optional(),
  currency: lenientString.optional(),
});
export type ProductPrice = z.infer<typeof ProductPrice>;

/** Price lists, with VosFactures' prices for products. */
export class PriceListsResource extends VendorResource<
  VendorRecord<{ id: string | null }>,
  z.input<typeof PriceListInput.create>
> {
  constructor(transport: HttpTransport, extension: 'json' | 'xml') {
    super(
      transport,
      {
        path: 'price_lists',
        wrapper: 'price_list',
        record: PriceListRecord,
        input: PriceListInput,
      },
      extension,
    );
  }

  /** `GET /price_lists/ID/prices_for_products.json?product_ids[]=…` → prices keyed by product id. */
  async pricesForProducts(
    id: string | number,
    productIds: readonly (string | number)[],
    options: ReadOptions = {},
  ): Promise<Record<string, ProductPrice>> {
    const operation = 'price_lists.pricesForProducts';
    const ids = parseInput(
      z.array(z.union([z.number().int().positive(), z.string().regex(/^\d+$/)])).min(1),
      productIds,
      {
        provider: INVOICEOCEAN,
        operation,
        basePath: ['productIds'],
      },
    );
    const response = await this.transport.request({
      method: 'GET',
      path: this.url(`price_lists/${this.id(id, operation)}/prices_for_products`),
      query: { 'product_ids[]': ids.map(String) },
      operation,
      signal: options.signal,
    });
    const prices = z
      .record(z.string(), ProductPrice)
      .safeParse(recordAnswer(response.body, { operation, what: 'price list prices' }));
    if (!prices.success) {
      throw new ProviderError({
        provider: INVOICEOCEAN,
        message: `${operation}: unreadable prices from the vendor (fields: ${[...new Set(prices.error.issues.map((issue) => issue.path.join('.')))].join(', ')})`,
        rawBody: response.body,
      });
    }
    return prices.data;
  }
}
