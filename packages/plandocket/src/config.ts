import { TRANSPORT_LIMITS_CONFIG } from '@invoicekit/core';
import { z } from 'zod';
import { PLANDOCKET } from './provider-id';

/**
 * Configuration of a Plandocket adapter: the tenant (`https://<tenant>.plandocket.com`) or any
 * `baseUrl` (an emulator), and the API key. The key travels as `Authorization: Bearer` (the
 * vendor's recommendation) or `X-API-Key`; the documented `?api_key=` form is not offered, because
 * query strings end up in access logs. The core's transport limits apply, with the core's
 * defaults: `timeoutMs` per attempt (headers and body), `callTimeoutMs` per call (retries and
 * look-ups included), `maxResponseBytes` (decoded), and `retry` overrides such as
 * `lookupAttempts` / `lookupDelayMs` (how long a lost payment is looked for).
 */
export const PlandocketConfigSchema = z
  .strictObject({
    provider: z.literal(PLANDOCKET),
    tenant: z
      .string()
      .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, { message: 'a tenant sub-domain' })
      .optional(),
    baseUrl: z.url({ protocol: /^https?$/ }).optional(),
    apiKey: z.string().trim().min(8),
    authHeader: z.enum(['bearer', 'x-api-key']).default('bearer'),
    /** Asked for as `per_page`; the vendor documents no paging, see the README. */
    pageSize: z.number().int().min(1).max(500).default(100),
    /** Client-side budget below the plan's hourly quota (Standard 1 000/h); off when absent. */
    requestsPerHour: z.number().int().min(2).optional(),
    ...TRANSPORT_LIMITS_CONFIG,
  })
  .refine((config) => config.tenant !== undefined || config.baseUrl !== undefined, {
    path: ['tenant'],
    message: 'give the tenant or a baseUrl',
  })
  .transform((config) => ({
    ...config,
    baseUrl: (config.baseUrl ?? `https://${config.tenant}.plandocket.com`).replace(/\/+$/, ''),
  }));

/** What `PlandocketConfigSchema` accepts: the input, before defaults and transforms. */
export type PlandocketConfigInput = z.input<typeof PlandocketConfigSchema>;
/** Configuration of a Plandocket adapter (what `PlandocketConfigSchema` returns). */
export type PlandocketConfig = z.output<typeof PlandocketConfigSchema>;
