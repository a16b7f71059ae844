import { z } from 'zod';
import { TRANSPORT_LIMITS_CONFIG } from '../http/limits';
import { ACME } from './provider-id';

/** Configuration of an Acme adapter: key, base URL, page size and the core's transport limits. */
export const AcmeConfigSchema = z.strictObject({
  provider: z.literal(ACME),
  apiKey: z.string().min(8),
  baseUrl: z.url(),
  pageSize: z.number().int().min(1).max(50).default(25),
  ...TRANSPORT_LIMITS_CONFIG,
});
export type AcmeConfig = z.output<typeof AcmeConfigSchema>;
