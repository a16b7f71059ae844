import {
  basicAuth,
  defaultErrorForResponse,
  defineProvider,
  registerTransport,
  transportLimitsOf,
} from '@invoicekit/core';
import type { z } from 'zod';
import { BillomatStyleAdapter } from './adapter';
import { BillomatStyleConfigSchema, type BillomatStyleConfig } from './config';
import { CREATE_SERIALIZER, CreateSerializer } from './create-lock';
import { methodStyleErrorForResponse } from './envelope/error-mapper';
import { fbapiXmlCodec } from './envelope/xml-codec';
import { BILLOMAT_STYLE } from './provider-id';

/**
 * The registry entry for the method-style API: HTTP Basic with the account e-mail and API key,
 * JSON envelopes (or `<FBAPI>` XML), errors read from inside HTTP 200 answers. No client-side
 * rate limit is set: the vendor's limits depend on the plan and are unknown until refused.
 */
export const billomatStyleProvider = defineProvider<BillomatStyleConfig>({
  id: BILLOMAT_STYLE,
  displayName: 'FastBill / Monsum (method-style envelope)',
  configSchema: BillomatStyleConfigSchema as unknown as z.ZodType<BillomatStyleConfig>,
  createAdapter: (container, config) => {
    const auth = basicAuth(config.email, config.apiKey);
    registerTransport(container, {
      provider: BILLOMAT_STYLE,
      baseUrl: config.baseUrl,
      auth,
      ...(config.format === 'xml' ? { codec: fbapiXmlCodec } : {}),
      ...transportLimitsOf(config),
      errorMapper: (response) =>
        methodStyleErrorForResponse(response) ?? defaultErrorForResponse(response),
      headers: { 'user-agent': 'invoicekit-billomat-style/0.1' },
    });
    if (!container.isRegistered(CREATE_SERIALIZER, true))
      container.register(CREATE_SERIALIZER, { useValue: new CreateSerializer() });
    return container.resolve(BillomatStyleAdapter);
  },
});
