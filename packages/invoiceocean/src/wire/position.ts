import { lenientDecimal, lenientId, lenientString } from '@invoicekit/core';
import { z } from 'zod';

/**
 * An invoice position as the vendor returns it (`positions[]` on GET). Amounts, quantity and tax
 * arrive as strings (`"13.0"`, `"0"`); every field is tolerated missing because create responses
 * and older accounts omit some.
 */
export const PositionWire = z.looseObject({
  id: lenientId.optional(),
  name: lenientString.optional(),
  description: lenientString.optional(),
  code: lenientString.optional(),
  product_id: lenientId.optional(),
  quantity: lenientDecimal.optional(),
  quantity_unit: lenientString.optional(),
  price_net: lenientDecimal.optional(),
  price_gross: lenientDecimal.optional(),
  price_tax: lenientDecimal.optional(),
  total_price_net: lenientDecimal.optional(),
  total_price_gross: lenientDecimal.optional(),
  total_price_tax: lenientDecimal.optional(),
  /** `"23"`, `"0"`, or a non-numeric kind: `zw`, `np`, `disabled`, `oo` … */
  tax: lenientString.optional(),
  discount: lenientDecimal.optional(),
  discount_percent: lenientDecimal.optional(),
  kind: lenientString.optional(),
});
export type PositionWire = z.infer<typeof PositionWire>;
