import type { z } from 'zod';
import { ProviderError } from '../errors/errors';
import { describeWireValue } from './lenient';

/**
 * Reads a vendor record with a lenient wire schema. A record even the lenient schema cannot read
 * is the vendor's fault, not the caller's: a `ProviderError` naming every unreadable field.
 */
export function readVendorRecord<Schema extends z.ZodType>(
  schema: Schema,
  raw: unknown,
  context: { provider: string; what: string },
): z.output<Schema> {
  // `null`, `"ok"` or a list is no record, however lenient the schema's fields are.
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ProviderError({
      provider: context.provider,
      message: `unreadable ${context.what}: expected an object, received ${describeWireValue(raw)}`,
      rawBody: raw,
    });
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues
    .map((issue) => `${issue.path.join('.') || '(record)'}: ${issue.message}`)
    .join('; ');
  throw new ProviderError({
    provider: context.provider,
    message: `unreadable ${context.what}: ${fields}`,
    rawBody: raw,
  });
}
