import { TRANSPORT_LIMITS_CONFIG } from '@invoicekit/core';
import { z } from 'zod';
import { INVOICEOCEAN } from './provider-id';

/** The brands of the InvoiceOcean family and their account host domains. */
export const BRAND_DOMAINS = {
  invoiceocean: 'invoiceocean.com',
  fakturownia: 'fakturownia.pl',
  vosfactures: 'vosfactures.fr',
  efakturierung: 'efakturierung.de',
  'invoiceocean.de': 'invoiceocean.de',
} as const;
/** One brand of the family: `invoiceocean`, `fakturownia`, `vosfactures` … */
export type Brand = keyof typeof BRAND_DOMAINS;

/** InvoiceOcean's `calculating_strategy` (all three keys are required when sent). */
export const CalculatingStrategySchema = z.strictObject({
  position: z.enum(['default', 'keep_gross']),
  sum: z.enum(['sum', 'keep_gross', 'keep_net']),
  invoice_form_price_kind: z.enum(['net', 'gross']),
});
/** The account's `calculating_strategy`, as the vendor spells it. */
export type CalculatingStrategy = z.infer<typeof CalculatingStrategySchema>;

/** The vendor's defaults: net first, lines summed. */
export const DEFAULT_CALCULATING_STRATEGY: CalculatingStrategy = Object.freeze({
  position: 'default',
  sum: 'sum',
  invoice_form_price_kind: 'net',
});

const ACCOUNT_PREFIX = /^[a-z0-9][a-z0-9-]*$/i;

/**
 * Configuration of an InvoiceOcean-family adapter.
 *
 * The host is `https://{account}.{brand domain}`. The account prefix may be given, or read from a
 * token of the form `TOKEN/prefix` (how Fakturownia issues them); `baseUrl` overrides both (an
 * emulator, a proxy). The transport limits (`timeoutMs`, `callTimeoutMs`, `maxResponseBytes`)
 * are core's, with its defaults.
 */
export const InvoiceOceanConfigSchema = z
  .strictObject({
    provider: z.literal(INVOICEOCEAN),
    /** The API authorization code: `TOKEN` or `TOKEN/prefix`. */
    apiToken: z.string().trim().min(1),
    account: z
      .string()
      .trim()
      .regex(ACCOUNT_PREFIX, { message: 'must be an account prefix such as "acme"' })
      .optional(),
    brand: z.enum(Object.keys(BRAND_DOMAINS) as [Brand, ...Brand[]]).default('invoiceocean'),
    baseUrl: z.url({ protocol: /^https?$/ }).optional(),
    format: z.enum(['json', 'xml']).default('json'),
    /** Invoices per list request; the vendor's maximum is 100. */
    pageSize: z.number().int().min(1).max(100).default(100),
    /** The account's calculation settings, used to predict totals before sending. */
    calculatingStrategy: CalculatingStrategySchema.default(DEFAULT_CALCULATING_STRATEGY),
    /** `timeoutMs` (per attempt), `callTimeoutMs` (per call), `maxResponseBytes`: core's limits. */
    ...TRANSPORT_LIMITS_CONFIG,
  })
  .transform((config, ctx) => {
    const [token, prefixFromToken] = splitToken(config.apiToken);
    const account = config.account ?? prefixFromToken;
    if (!config.baseUrl && !account) {
      ctx.addIssue({
        code: 'custom',
        path: ['account'],
        message: 'give the account prefix, a token of the form TOKEN/prefix, or a baseUrl',
      });
      return z.NEVER;
    }
    if (!token) {
      ctx.addIssue({ code: 'custom', path: ['apiToken'], message: 'the token part is empty' });
      return z.NEVER;
    }
    const baseUrl = (config.baseUrl ?? `https://${account}.${BRAND_DOMAINS[config.brand]}`).replace(
      /\/+$/,
      '',
    );
    return { ...config, token, account: account ?? null, baseUrl };
  });

/** The configuration as written by a caller (defaults not yet applied). */
export type InvoiceOceanConfigInput = z.input<typeof InvoiceOceanConfigSchema>;
/** The validated configuration: token and account prefix split, `baseUrl` resolved. */
export type InvoiceOceanConfig = z.output<typeof InvoiceOceanConfigSchema>;

/** `"abc/acme"` → `["abc", "acme"]`; a bare token has no prefix. */
export function splitToken(apiToken: string): [token: string, prefix: string | undefined] {
  const slash = apiToken.lastIndexOf('/');
  if (slash < 0) return [apiToken, undefined];
  const prefix = apiToken.slice(slash + 1);
  return [apiToken.slice(0, slash), ACCOUNT_PREFIX.test(prefix) ? prefix : undefined];
}
