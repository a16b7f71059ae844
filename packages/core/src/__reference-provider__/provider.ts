import { defineProvider } from '../di/provider-descriptor';
import { bearerToken } from '../http/auth/strategies';
import { transportLimitsOf } from '../http/limits';
import { defineAdapter } from '../spec/define-adapter';
import { businessDayIn } from '../time/business-day';
import { createAcmeProvider } from './adapter';
import { AcmeConfigSchema } from './config';
import { ACME } from './provider-id';

const businessDayUtc = businessDayIn('UTC');

/** The reference provider's descriptor, as a real provider package exports one. */
export const acmeProvider = defineProvider({
  id: ACME,
  displayName: 'Acme (reference provider for core tests)',
  configSchema: AcmeConfigSchema,
  createAdapter: (runtime, config) =>
    defineAdapter(
      createAcmeProvider(
        runtime.transport({
          provider: ACME,
          baseUrl: config.baseUrl,
          auth: bearerToken(config.apiKey),
          ...transportLimitsOf(config),
        }),
        {
          pageSize: config.pageSize,
          today: () => businessDayUtc(runtime.clock.now()),
          clock: runtime.clock,
        },
      ),
    ),
});
