import {
  basicAuth,
  createRedactor,
  defaultErrorForResponse,
  defineProvider,
  registerTransport,
  transportLimitsOf,
  type ResponseContext,
} from '@invoicekit/core';
import type { z } from 'zod';
import { BillomatStyleAdapter } from './adapter';
import { BillomatStyleConfigSchema, type BillomatStyleConfig } from './config';
import { CREATE_SERIALIZER, CreateSerializer } from './create-lock';
import { methodStyleErrorForResponse } from './envelope/error-mapper';
import { scrubSecretKeys } from './envelope/secret-keys';
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
    // The transport masks secret values in an error body, not tag names: a vendor echoing the key
    // as a tag would put it into `rawBody`. Both readings (the vendor's and the default) get the
    // body with such names masked.
    const masker = createRedactor(auth.secretValues());
    const errorMapper = (response: ResponseContext) => {
      const scrubbed = { ...response, body: scrubSecretKeys(response.body, masker.redactText) };
      return methodStyleErrorForResponse(scrubbed) ?? defaultErrorForResponse(scrubbed);
    };
    registerTransport(container, {
      provider: BILLOMAT_STYLE,
      baseUrl: config.baseUrl,
      auth,
      ...(config.format === 'xml' ? { codec: fbapiXmlCodec } : {}),
      ...transportLimitsOf(config),
      errorMapper,
      headers: { 'user-agent': 'invoicekit-billomat-style/0.1' },
    });
    if (!container.isRegistered(CREATE_SERIALIZER, true))
      container.register(CREATE_SERIALIZER, { useValue: new CreateSerializer() });
    return container.resolve(BillomatStyleAdapter);
  },
});
