import {
  bodyToken,
  defineAdapter,
  defineProvider,
  jsonCodec,
  queryToken,
  transportLimitsOf,
} from '@invoicekit/core';
import { createInvoiceOceanProvider } from './adapter';
import { maskingEchoedSecrets } from './codec/echoed-secrets';
import { invoiceOceanXmlCodec } from './codec/xml-codec';
import { BRAND_DOMAINS, InvoiceOceanConfigSchema, type InvoiceOceanConfig } from './config';
import { invoiceOceanErrorForResponse } from './errors/error-mapper';
import { INVOICEOCEAN } from './provider-id';
import { INVOICEOCEAN_USER_AGENT } from './version';

const USER_AGENT = { 'user-agent': INVOICEOCEAN_USER_AGENT };

/** The partner API lives on the brand's app host; an explicit baseUrl (an emulator) serves both. */
function appBaseUrlOf(config: InvoiceOceanConfig): string {
  return config.account !== null &&
    config.baseUrl === `https://${config.account}.${BRAND_DOMAINS[config.brand]}`
    ? `https://app.${BRAND_DOMAINS[config.brand]}`
    : config.baseUrl;
}

/**
 * The registry entry for the InvoiceOcean family. JSON writes carry the token in the body
 * (`{"api_token": …, "invoice": …}`), reads in the query, as the vendor's examples do; the XML
 * variant takes it in the query. No rate limit is set: the vendor documents none. Two
 * transports: the account's host and the brand's `app.` host (partner API).
 */
export const invoiceOceanProvider = defineProvider({
  id: INVOICEOCEAN,
  displayName: 'InvoiceOcean / Fakturownia / VosFactures / eFakturierung',
  configSchema: InvoiceOceanConfigSchema,
  createAdapter: (runtime, config) => {
    // A credential the vendor echoes back is masked before any reader sees the answer.
    const secrets = [config.token, config.apiToken];
    const json = maskingEchoedSecrets(jsonCodec, secrets, '[REDACTED]');
    const shared = {
      provider: INVOICEOCEAN,
      ...transportLimitsOf(config),
      errorMapper: invoiceOceanErrorForResponse,
      // The full `TOKEN/prefix` form is a credential too.
      extraSecrets: [config.apiToken],
      headers: USER_AGENT,
    };
    const app = runtime.transport({
      ...shared,
      baseUrl: appBaseUrlOf(config),
      auth: bodyToken('api_token', config.token),
      codec: json,
    });
    const account = runtime.transport({
      ...shared,
      baseUrl: config.baseUrl,
      auth:
        config.format === 'xml'
          ? queryToken('api_token', config.token)
          : bodyToken('api_token', config.token),
      codec:
        config.format === 'xml'
          ? maskingEchoedSecrets(invoiceOceanXmlCodec, secrets, 'REDACTED')
          : json,
    });
    return defineAdapter(
      createInvoiceOceanProvider(
        { account, app },
        {
          format: config.format,
          pageSize: config.pageSize,
          calculatingStrategy: config.calculatingStrategy,
          brand: config.brand,
          clock: runtime.clock,
          webhookToken: config.token,
        },
      ),
    );
  },
});
