import {
  bodyToken,
  defineProvider,
  jsonCodec,
  queryToken,
  registerTransport,
  transportLimitsOf,
} from '@invoicekit/core';
import type { z } from 'zod';
import { InvoiceOceanAdapter } from './adapter';
import { BRAND_DOMAINS, InvoiceOceanConfigSchema, type InvoiceOceanConfig } from './config';
import { maskingEchoedSecrets } from './echoed-secrets';
import { INVOICEOCEAN_APP_TRANSPORT } from './tokens';
import { invoiceOceanErrorForResponse } from './errors/error-mapper';
import { INVOICEOCEAN } from './provider-id';
import { invoiceOceanXmlCodec } from './xml/xml-codec';

/**
 * The registry entry for the InvoiceOcean family. JSON writes carry the token in the body
 * (`{"api_token": …, "invoice": …}`), reads in the query, as the vendor's examples do; the XML
 * variant takes it in the query. No rate limit is set: the vendor documents none.
 */
export const invoiceOceanProvider = defineProvider<InvoiceOceanConfig>({
  id: INVOICEOCEAN,
  displayName: 'InvoiceOcean / Fakturownia / VosFactures / eFakturierung',
  configSchema: InvoiceOceanConfigSchema as unknown as z.ZodType<InvoiceOceanConfig>,
  createAdapter: (container, config) => {
    // The partner API lives on the brand's app host; an explicit baseUrl (an emulator) serves both.
    const appBaseUrl =
      config.account !== null &&
      config.baseUrl === `https://${config.account}.${BRAND_DOMAINS[config.brand]}`
        ? `https://app.${BRAND_DOMAINS[config.brand]}`
        : config.baseUrl;
    // A credential the vendor echoes back is masked before any reader sees the answer.
    const secrets = [config.token, config.apiToken];
    const json = maskingEchoedSecrets(jsonCodec, secrets, '[REDACTED]');
    const appTransport = registerTransport(container.createChildContainer(), {
      provider: INVOICEOCEAN,
      baseUrl: appBaseUrl,
      auth: bodyToken('api_token', config.token),
      codec: json,
      ...transportLimitsOf(config),
      errorMapper: invoiceOceanErrorForResponse,
      extraSecrets: [config.apiToken],
      headers: { 'user-agent': 'invoicekit-invoiceocean/0.1' },
    });
    container.register(INVOICEOCEAN_APP_TRANSPORT, { useValue: appTransport });
    registerTransport(container, {
      provider: INVOICEOCEAN,
      baseUrl: config.baseUrl,
      auth:
        config.format === 'xml'
          ? queryToken('api_token', config.token)
          : bodyToken('api_token', config.token),
      codec:
        config.format === 'xml'
          ? maskingEchoedSecrets(invoiceOceanXmlCodec, secrets, 'REDACTED')
          : json,
      ...transportLimitsOf(config),
      errorMapper: invoiceOceanErrorForResponse,
      // The full `TOKEN/prefix` form is a credential too.
      extraSecrets: [config.apiToken],
      headers: { 'user-agent': 'invoicekit-invoiceocean/0.1' },
    });
    return container.resolve(InvoiceOceanAdapter);
  },
});
