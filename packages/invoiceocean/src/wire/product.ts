import { lenientBoolean, lenientDecimal, lenientId, lenientString } from '@invoicekit/core';
import { z } from 'zod';

/** A catalogue product. No live capture exists; amounts are read as decimals either way. */
export const ProductWire = z.looseObject({
  id: lenientId,
  name: lenientString.optional(),
  code: lenientString.optional(),
  price_net: lenientDecimal.optional(),
  price_gross: lenientDecimal.optional(),
  price_tax: lenientDecimal.optional(),
  tax: lenientString.optional(),
  currency: lenientString.optional(),
  quantity_unit: lenientString.optional(),
  service: lenientBoolean.optional(),
  disabled: lenientBoolean.optional(),
});
export type ProductWire = z.infer<typeof ProductWire>;
