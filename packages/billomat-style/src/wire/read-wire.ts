import { readVendorRecord } from '@invoicekit/core';
import type { z } from 'zod';
import { BILLOMAT_STYLE } from '../provider-id';

/** A vendor record read with its lenient wire schema; unreadable is a typed `ProviderError`. */
export function readWire<S extends z.ZodType>(schema: S, raw: unknown, what: string): z.output<S> {
  return readVendorRecord(schema, raw, { provider: BILLOMAT_STYLE, what });
}
