/**
 * @invoicekit/billomat-style — the invoicekit adapter for the method-style invoicing API of
 * FastBill and Monsum: one POST endpoint, a `SERVICE` + `FILTER`/`DATA` envelope, HTTP Basic.
 * (Billomat itself is a plain REST API; this package keeps the name but speaks the envelope.)
 * The emulator is at `@invoicekit/billomat-style/emulator`.
 */
import 'reflect-metadata';
import { createProviderRegistry } from '@invoicekit/core';
import type { DependencyContainer } from 'tsyringe';
import type { BillomatStyleAdapter } from './adapter';
import type { BillomatStyleConfigInput } from './config';
import { billomatStyleProvider } from './provider';

export { billomatStyleProvider } from './provider';
export { BillomatStyleAdapter } from './adapter';
export { CREATE_SERIALIZER, CreateSerializer } from './create-lock';
export { BILLOMAT_STYLE_CAPABILITIES } from './capabilities';
export { BILLOMAT_STYLE } from './provider-id';
export {
  BillomatStyleConfigSchema,
  ENDPOINTS,
  SERVICE_PATH,
  type BillomatStyleConfig,
  type BillomatStyleConfigInput,
} from './config';
export {
  BillomatStyleInvoiceOptionsSchema,
  type BillomatStyleInvoiceOptions,
} from './provider-options';
export {
  MethodStyleClient,
  type CallOptions,
  type EnvelopeParts,
  type VendorRecord,
} from './client/method-client';
export * from './client/service-inputs';
export {
  LIST_CONTAINERS,
  recordsOf,
  responseOf,
  type RequestEnvelope,
  type ResponseEnvelope,
} from './envelope/envelope';
export { fbapiXmlCodec, fromFbapiXml, toFbapiXml } from './envelope/xml-codec';
export { errorMessages, methodStyleErrorForResponse } from './envelope/error-mapper';
export {
  toCanonicalCustomer,
  toCanonicalInvoice,
  toCanonicalReminder,
} from './mapping/to-canonical';
export { fromCanonicalCustomer, fromCanonicalInvoice } from './mapping/from-canonical';
export { toCanonicalStatus } from './mapping/status';

/**
 * An adapter for one FastBill or Monsum account. `provider` may be omitted here.
 * @example createBillomatStyleAdapter({ email: 'me@example.com', apiKey: '…', endpoint: 'monsum' })
 */
export function createBillomatStyleAdapter(
  config: Omit<BillomatStyleConfigInput, 'provider'> & { provider?: 'billomat-style' },
  options: { configure?: (container: DependencyContainer) => void } = {},
): BillomatStyleAdapter {
  return createProviderRegistry([billomatStyleProvider]).createAdapter(
    { provider: 'billomat-style', ...config },
    options,
  ) as BillomatStyleAdapter;
}
