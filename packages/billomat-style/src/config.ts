import { TRANSPORT_LIMITS_CONFIG } from '@invoicekit/core';
import { z } from 'zod';
import { BILLOMAT_STYLE } from './provider-id';

/** The two products that speak this envelope, and where they live. */
export const ENDPOINTS = {
  /** Monsum (formerly FastBill Automatic): the service list of the vendor's invoice page. */
  monsum: 'https://app.monsum.com',
  /** Classic FastBill. */
  fastbill: 'https://my.fastbill.com',
} as const;

/**
 * Configuration of a method-style adapter: the account e-mail and API key (HTTP Basic), the
 * product's endpoint or any `baseUrl` (an emulator), the envelope format, and the core's
 * transport limits (`timeoutMs` per attempt, `callTimeoutMs` per call, `maxResponseBytes`,
 * `retry` overrides such as `lookupAttempts` / `lookupDelayMs`), with the core's defaults.
 */
export const BillomatStyleConfigSchema = z
  .strictObject({
    provider: z.literal(BILLOMAT_STYLE),
    email: z.email(),
    apiKey: z.string().trim().min(8),
    endpoint: z.enum(['monsum', 'fastbill']).default('monsum'),
    /** Host root (`https://app.monsum.com`); the service path is appended. */
    baseUrl: z.url({ protocol: /^https?$/ }).optional(),
    format: z.enum(['json', 'xml']).default('json'),
    /** Invoices per `invoice.get` call; the vendor caps LIMIT at 100. */
    pageSize: z.number().int().min(1).max(100).default(100),
    ...TRANSPORT_LIMITS_CONFIG,
  })
  .transform((config) => ({
    ...config,
    baseUrl: (config.baseUrl ?? ENDPOINTS[config.endpoint]).replace(/\/+$/, ''),
  }));

/** A method-style configuration as written (defaults optional). */
export type BillomatStyleConfigInput = z.input<typeof BillomatStyleConfigSchema>;
/** A method-style configuration as validated: defaults applied, `baseUrl` resolved. */
export type BillomatStyleConfig = z.output<typeof BillomatStyleConfigSchema>;
