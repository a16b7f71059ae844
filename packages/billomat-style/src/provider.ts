import {
  basicAuth,
  defaultErrorForResponse,
  defineAdapter,
  defineProvider,
  transportLimitsOf,
} from '@invoicekit/core';
import { createBillomatStyleProvider } from './adapter';
import { fbapiXmlCodec } from './codec/xml-codec';
import { BillomatStyleConfigSchema } from './config';
import type { CreateSerializer } from './operations/create-lock';
import { methodStyleErrorForResponse } from './errors/error-mapper';
import { BILLOMAT_STYLE } from './provider-id';
import { BILLOMAT_STYLE_USER_AGENT } from './version';

/** Options of {@link defineBillomatStyleProvider}: what every adapter of the descriptor shares. */
export interface BillomatStyleProviderOptions {
  /**
   * One create serialiser for every adapter built from this descriptor (several adapters or
   * workers on one account in one process); each adapter makes its own otherwise.
   */
  readonly createSerializer?: CreateSerializer | undefined;
}

/**
 * A registry entry for the method-style API: HTTP Basic with the account e-mail and API key,
 * JSON envelopes (or `<FBAPI>` XML), errors read from inside HTTP 200 answers. No client-side
 * rate limit is set: the vendor's limits depend on the plan and are unknown until refused.
 */
export function defineBillomatStyleProvider(options: BillomatStyleProviderOptions = {}) {
  return defineProvider({
    id: BILLOMAT_STYLE,
    displayName: 'FastBill / Monsum (method-style envelope)',
    configSchema: BillomatStyleConfigSchema,
    createAdapter: (runtime, config) =>
      defineAdapter(
        createBillomatStyleProvider(
          runtime.transport({
            provider: BILLOMAT_STYLE,
            baseUrl: config.baseUrl,
            auth: basicAuth(config.email, config.apiKey),
            ...(config.format === 'xml' ? { codec: fbapiXmlCodec } : {}),
            ...transportLimitsOf(config),
            errorMapper: (response) =>
              methodStyleErrorForResponse(response) ?? defaultErrorForResponse(response),
            headers: { 'user-agent': BILLOMAT_STYLE_USER_AGENT },
          }),
          {
            endpoint: config.endpoint,
            baseUrl: config.baseUrl,
            email: config.email,
            pageSize: config.pageSize,
            clock: runtime.clock,
            createSerializer: options.createSerializer,
          },
        ),
      ),
  });
}

/** The method-style API's registry entry; every adapter serialises its own creates. */
export const billomatStyleProvider = defineBillomatStyleProvider();
