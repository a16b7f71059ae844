import { ProviderError, readVendorRecord } from '@invoicekit/core';
import type { z } from 'zod';
import { PLANDOCKET } from '../provider-id';

/** A vendor record read with its lenient wire schema; unreadable is a `ProviderError`. */
export function readWire<S extends z.ZodType>(schema: S, raw: unknown, what: string): z.output<S> {
  return readVendorRecord(schema, raw, { provider: PLANDOCKET, what });
}

/** A record read without an id is not that record: nothing could ask for it again. */
export function requireId(id: string | null | undefined, what: string): string {
  if (id) return id;
  throw new ProviderError({ provider: PLANDOCKET, message: `unreadable ${what}: it has no id` });
}
