import type { z } from 'zod';
import type { ProviderOptions } from '../model/invoice-input';
import { parseInput } from '../validation/parse-input';

/**
 * Reads the entry of `providerOptions` that belongs to one provider and validates it with that
 * provider's schema. Entries for other providers are ignored (the same input can carry options
 * for every vendor it may be sent to). Bad options are a `ValidationError` with paths such as
 * `providerOptions.invoiceocean.departmentId`.
 */
export function parseProviderOptions<Schema extends z.ZodType>(
  providerId: string,
  schema: Schema,
  providerOptions: ProviderOptions | undefined,
  operation: string,
): z.output<Schema> | undefined {
  const entry = providerOptions?.[providerId];
  if (entry === undefined) return undefined;
  return parseInput(schema, entry, {
    provider: providerId,
    operation,
    basePath: ['providerOptions', providerId],
  });
}
